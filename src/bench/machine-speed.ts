import { execFileSync } from "node:child_process";

/**
 * A fixed piece of single-threaded work (integer arithmetic, a SHA-256 of 64 MB, a Map of two million
 * strings), run in a fresh Node process: how long it takes says how fast this machine runs at that
 * moment. Measured here with nothing else running: 2.3–3.2 s within a day, while nearly the same
 * code's full build of 100,000 articles took 111–158 s and the same edit-one rebuild 9.5–14.1 s within
 * half an hour. The benchmark runs it before each timed build, so that a slow figure can be told from
 * a slow machine. Its checksum keeps the work from being optimized away.
 */
const PROBE = `
const { createHash } = require("node:crypto");
const t0 = performance.now();
let x = 0;
for (let i = 0; i < 3e8; i++) x = (x + i * 7) % 1000003;
const digest = createHash("sha256").update(Buffer.alloc(64 << 20, 7)).digest("hex").slice(0, 8);
const m = new Map();
for (let i = 0; i < 2e6; i++) m.set("k" + i, i);
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, check: \`\${x}:\${digest}:\${m.size}\` }));
`;

/** What the probe must compute: anything else means it did not do the work. */
export const PROBE_CHECK = "838144:08fc7f5f:2000000";

/** Milliseconds the probe took just now. */
export function probeMachineSpeed(): number {
  const out = JSON.parse(execFileSync(process.execPath, ["-e", PROBE], { encoding: "utf8" })) as { ms: number; check: string };
  if (out.check !== PROBE_CHECK) throw new Error(`machine speed probe computed ${out.check}, expected ${PROBE_CHECK}`);
  return Math.round(out.ms);
}
