import { spawn } from "node:child_process";
import { ROOT } from "./site.ts";

export interface RunningPreview {
  /** The address it printed, with the path prefix: `http://127.0.0.1:PORT/archive/`. */
  url: string;
  origin: string;
  stop(): Promise<void>;
}

/**
 * The real `npm run serve -- --out DIR --port 0 [--path-prefix P]` command line, in its own process
 * group (npm → tsx → node) so that stopping it ends exactly the processes it started.
 * Ready when it prints its address, which it does once listening.
 */
export async function startPreview(options: { out: string; pathPrefix?: string }): Promise<RunningPreview> {
  const args = ["run", "serve", "--", "--out", options.out, "--port", "0"];
  if (options.pathPrefix) args.push("--path-prefix", options.pathPrefix);
  const child = spawn("npm", args, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run serve printed no address within 60 s:\n${output}`)), 60_000);
    const onData = (d: string) => {
      output += d;
      const m = /Serving .* at (http:\/\/\S+) /.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.once("error", (e) => reject(e));
    void exited.then(() => reject(new Error(`npm run serve exited before serving:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        process.kill(-child.pid, "SIGTERM");
        await exited;
      }
    },
  };
}
