import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, watch, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { ROOT, tempDir } from "./site.ts";

export const NGINX_CONF = path.join(ROOT, "deploy", "nginx.conf");

/** nginx from NGINX_PATH, else Debian's /usr/sbin/nginx; a clear failure when neither exists. */
export function nginxPath(): string {
  const candidate = process.env["NGINX_PATH"] || "/usr/sbin/nginx";
  if (!existsSync(candidate)) {
    throw new Error(`nginx not found at ${candidate}. Install it (apt-get install -y nginx; .ci/run does) or set NGINX_PATH to an nginx binary.`);
  }
  return candidate;
}

/**
 * deploy/nginx.conf with only its EDIT lines changed, as a host would: listen address, root and the
 * 404 page's path. Each must be there exactly once, so the recipe and this test cannot drift apart.
 */
export function templateNginxConf(conf: string, values: { listen: string; root: string; errorPage: string }): string {
  const replace = (text: string, directive: RegExp, line: string, what: string) => {
    const matches = text.match(new RegExp(directive.source, "gm")) ?? [];
    if (matches.length !== 1) throw new Error(`deploy/nginx.conf: expected one ${what} line marked EDIT, found ${matches.length}`);
    return text.replace(directive, (_all, indent: string) => `${indent}${line}`);
  };
  let out = replace(conf, /^(\s*)listen\s+[^;]+;\s*# EDIT.*$/m, `listen ${values.listen};`, "listen");
  out = replace(out, /^(\s*)root\s+[^;]+;\s*# EDIT.*$/m, `root ${values.root};`, "root");
  out = replace(out, /^(\s*)error_page\s+404\s+[^;]+;\s*# EDIT.*$/m, `error_page 404 ${values.errorPage};`, "error_page 404");
  return out;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || !address) throw new Error("no free port");
  return address.port;
}

export interface RunningNginx {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  origin: string;
  errorLog(): string;
  stop(): Promise<void>;
}

/**
 * A real nginx as a child of the test: its own prefix folder, main config (daemon off, pid, logs and
 * temp paths inside it) that includes the templated deploy/nginx.conf, never the system service.
 * Ready when nginx writes its pid file, which it does after opening its listening socket.
 */
export async function startNginx(options: { root: string; errorPage: string }): Promise<RunningNginx> {
  const binary = nginxPath();
  const tmp = tempDir("nginx");
  const dir = tmp.dir;
  const port = await freePort();
  const site = templateNginxConf(readFileSync(NGINX_CONF, "utf8"), { listen: `127.0.0.1:${port}`, root: options.root, errorPage: options.errorPage });
  writeFileSync(path.join(dir, "site.conf"), site);
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${path.join(dir, t)};`).join(" ");
  writeFileSync(path.join(dir, "nginx.conf"), [
    "daemon off;",
    "worker_processes 1;",
    `pid ${path.join(dir, "nginx.pid")};`,
    `error_log ${path.join(dir, "error.log")} warn;`,
    "events { worker_connections 128; }",
    "http {",
    `  access_log ${path.join(dir, "access.log")};`,
    `  ${temp}`,
    `  include ${path.join(dir, "site.conf")};`,
    "}",
    "",
  ].join("\n"));
  const errorLog = () => (existsSync(path.join(dir, "error.log")) ? readFileSync(path.join(dir, "error.log"), "utf8") : "");

  const pidFile = path.join(dir, "nginx.pid");
  const watcher = watch(dir);
  const child: ChildProcess = spawn(binary, ["-p", `${dir}/`, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nginx did not start within 20 s\n${stderr}${errorLog()}`)), 20_000);
      const done = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      watcher.on("change", () => {
        if (existsSync(pidFile)) done();
      });
      child.once("error", (e) => done(new Error(`could not run ${binary}: ${e.message}`)));
      void exited.then((code) => done(new Error(`nginx exited (${code}) before it was ready:\n${stderr}${errorLog()}`)));
      if (existsSync(pidFile)) done();
    });
  } finally {
    watcher.close();
  }

  return {
    origin: `http://127.0.0.1:${port}`,
    errorLog,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM"); // nginx: fast shutdown
        await exited;
      }
      tmp.cleanup();
    },
  };
}
