import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { CACHE, cacheControlFor, contentTypeFor } from "../../src/serve/headers.ts";
import { buildSite } from "../helpers/build-site.ts";
import { headersFor, parseHeadersFile, type Host } from "./support/headers-file.ts";
import { copyRepository } from "./support/repo-copy.ts";
import { addProbeFiles, addressesOf, isBuildPrivate, listFiles, ROOT, tempDir, writeArticlesWithPaging } from "./support/site.ts";

const run = promisify(execFile);
const deploy = (name: string) => path.join(ROOT, "deploy", name);

/** Runs a command; never throws on a non-zero exit (the status is what is asserted). */
async function sh(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  try {
    const { stdout, stderr } = await run(file, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
  }
}

const tmp = tempDir("recipes");
const out = path.join(tmp.dir, "site");
let files: string[];
let probes: string[];

beforeAll(async () => {
  const articles = path.join(tmp.dir, "articles");
  writeArticlesWithPaging(articles);
  // Search index in parts (one per month here), so that pagefind/parts/ is in the build checked.
  await buildSite({ articles, out, searchPartSize: 1 });
  probes = addProbeFiles(out);
  files = listFiles(out);
});
afterAll(() => tmp.cleanup());

describe("deploy/_headers (Netlify, Cloudflare Pages)", () => {
  const text = readFileSync(deploy("_headers"), "utf8");
  const rules = parseHeadersFile(text);
  /** What both hosts send when _headers says nothing (documented in deploy/_headers). */
  const HOST_DEFAULT_CACHE = "public, max-age=0, must-revalidate";
  const HOST_DEFAULT_TYPES: Record<string, string> = {
    ".html": "text/html; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".avif": "image/avif", ".svg": "image/svg+xml", ".ico": "image/x-icon",
  };
  /** Folders where hashed and fixed names mix, so the hosts revalidate both (see deploy/_headers). */
  const REVALIDATED_FOLDERS = ["/offline/lists/"];

  it("stays within Cloudflare's limits: 100 rules, 2,000 characters a line", () => {
    expect(rules.length).toBeGreaterThan(10);
    expect(rules.length).toBeLessThanOrEqual(100);
    expect(text.split("\n").filter((l) => l.length > 2000)).toEqual([]);
  });

  for (const host of ["netlify", "cloudflare"] as Host[]) {
    it(`gives every file and page of a real build the headers of src/serve/headers.ts, read as ${host} reads it`, () => {
      const wrong: string[] = [];
      // _headers names folders, so it covers what the build writes there: of the type probes (a .wasm in
      // media/, which the build never writes), only the images count.
      const built = files.filter((f) => !probes.includes(f) || f.startsWith("media/") && HOST_DEFAULT_TYPES[path.extname(f)]);
      const addresses = [...addressesOf(built), "/tags/nodejs/", "/tags/css/", "/sections/xml/", "/authors/json/"];
      for (const address of addresses) {
        const got = headersFor(rules, address, host);
        for (const [name, values] of got) if (values.length > 1) wrong.push(`${address}: ${name} set by ${values.length} rules: ${values.join(" | ")}`);
        const file = address.endsWith("/") ? `${address}index.html` : address;
        const ext = path.extname(file).toLowerCase();
        const type = got.get("content-type")?.[0] ?? HOST_DEFAULT_TYPES[ext] ?? "(host's guess)";
        const cache = got.get("cache-control")?.[0] ?? HOST_DEFAULT_CACHE;
        const expectedType = contentTypeFor(file);
        let expectedCache = cacheControlFor(address);
        if (expectedCache === CACHE.revalidate && cache === HOST_DEFAULT_CACHE) expectedCache = HOST_DEFAULT_CACHE; // same meaning
        if (REVALIDATED_FOLDERS.some((f) => address.startsWith(f)) && cache === HOST_DEFAULT_CACHE) expectedCache = HOST_DEFAULT_CACHE;
        if (type !== expectedType) wrong.push(`${address}: Content-Type ${type}, headers.ts says ${expectedType}`);
        if (cache !== expectedCache) wrong.push(`${address}: Cache-Control ${cache}, headers.ts says ${cacheControlFor(address)}`);
        if (got.get("x-content-type-options")?.join() !== "nosniff") wrong.push(`${address}: no nosniff`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it("_redirects sends unknown addresses to the 404 page with status 404", () => {
    const lines = readFileSync(deploy("_redirects"), "utf8").split("\n").filter((l) => l.trim() && !l.trim().startsWith("#"));
    expect(lines.map((l) => l.trim().split(/\s+/))).toEqual([["/*", "/404.html", "404"]]);
    expect(files).toContain("404.html");
  });
});

describe("deploy/s3-sync.sh", () => {
  const script = deploy("s3-sync.sh");

  it("plans every file of a real build once, with the Content-Type and Cache-Control of src/serve/headers.ts", async () => {
    const { code, stdout, stderr } = await sh("bash", [script, "--plan", out]);
    expect(code, stderr).toBe(0);
    const planned = stdout.trim().split("\n").map((l) => l.split("\t"));
    const expected = files.filter((f) => !isBuildPrivate(f)).map((f) => [contentTypeFor(f), cacheControlFor(`/${f}`), f]);
    expect(planned).toEqual(expected);
  });

  it("uploads hashed files first and pages last, each group with its headers, then deletes only stale objects", async () => {
    const stub = tempDir("rclone");
    const log = path.join(stub.dir, "calls.jsonl");
    const remoteList = path.join(stub.dir, "remote.txt");
    const stale = ["2019/01/01/bai-da-xoa/index.html", "assets/style.0000000000.css"];
    writeFileSync(remoteList, [...files.filter((f) => !isBuildPrivate(f)), ...stale].join("\n") + "\n");
    // A stand-in rclone that records each call (with the file lists it was given) and lists the bucket.
    writeFileSync(path.join(stub.dir, "rclone"), `#!/usr/bin/env node
const fs = require("node:fs");
const args = process.argv.slice(2);
const i = args.indexOf("--files-from-raw");
const listed = i >= 0 ? fs.readFileSync(args[i + 1], "utf8").split("\\n").filter(Boolean) : [];
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, listed }) + "\\n");
if (args[0] === "lsf") process.stdout.write(fs.readFileSync(${JSON.stringify(remoteList)}, "utf8"));
`);
    chmodSync(path.join(stub.dir, "rclone"), 0o755);
    try {
      const env = { ...process.env, PATH: `${stub.dir}:${process.env["PATH"]}`, RCLONE_FLAGS: "--transfers 16" };
      const { code, stderr } = await sh("bash", [script, out, "archive:news-bucket"], { env });
      expect(code, stderr).toBe(0);
      const calls = readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { args: string[]; listed: string[] });
      const uploads = calls.filter((c) => c.args[0] === "copy");
      const uploaded = new Map<string, [string, string]>();
      for (const c of uploads) {
        expect(c.args.slice(0, 3)).toEqual(["copy", out, "archive:news-bucket"]);
        expect(c.args).toContain("--checksum");
        expect(c.args.slice(-2)).toEqual(["--transfers", "16"]);
        const header = (name: string) => c.args.find((a, k) => c.args[k - 1] === "--header-upload" && a.startsWith(`${name}: `))?.slice(name.length + 2) ?? "";
        for (const f of c.listed) {
          expect(uploaded.has(f), `${f} uploaded twice`).toBe(false);
          uploaded.set(f, [header("Content-Type"), header("Cache-Control")]);
        }
      }
      const expected = new Map(files.filter((f) => !isBuildPrivate(f)).map((f) => [f, [contentTypeFor(f), cacheControlFor(`/${f}`)] as [string, string]]));
      expect(new Map([...uploaded].sort())).toEqual(new Map([...expected].sort()));
      const order = uploads.map((c) => c.args.find((a) => a.startsWith("Cache-Control: ")));
      const rank = (cc: string | undefined) => [CACHE.immutable, CACHE.short, CACHE.revalidate].indexOf(cc?.slice("Cache-Control: ".length) as never);
      expect(order.map(rank)).toEqual(order.map(rank).sort());
      expect(order.map(rank)).not.toContain(-1);
      expect(calls.at(-2)?.args.slice(0, 4)).toEqual(["lsf", "-R", "--files-only", "archive:news-bucket"]);
      expect(calls.at(-1)?.args[0]).toBe("delete");
      expect(calls.at(-1)?.listed.sort()).toEqual([...stale].sort());
    } finally {
      stub.cleanup();
    }
  });

  it("refuses a folder that is not a build, before calling rclone", async () => {
    const empty = tempDir("not-a-site");
    try {
      const { code, stderr } = await sh("bash", [script, empty.dir, "archive:news-bucket"], { env: { ...process.env, PATH: "/nonexistent:/usr/bin:/bin" } });
      expect(code).toBe(1);
      expect(stderr).toContain("is not a built archive");
    } finally {
      empty.cleanup();
    }
  });
});

describe("deploy/check-limits.sh", () => {
  const script = deploy("check-limits.sh");

  it("passes the demo build for every host and prints its figures", async () => {
    for (const host of ["github-pages", "netlify", "cloudflare-pages", "cloudflare-pages-paid", "nginx", "s3"]) {
      const { code, stdout, stderr } = await sh("bash", [script, host, out]);
      expect([host, code, stderr]).toEqual([host, 0, ""]);
      expect(stdout).toMatch(new RegExp(`${files.filter((f) => !isBuildPrivate(f)).length} files, \\d+ bytes`));
      expect(stdout).toContain(`fits ${host}`);
    }
  });

  it("fails a folder of 54,001 files on Netlify (per folder) and Cloudflare Pages Free, one over 1 GB on GitHub Pages", async () => {
    const big = tempDir("limits");
    try {
      mkdirSync(path.join(big.dir, "pagefind", "fragment"), { recursive: true });
      for (let i = 0; i <= 54_000; i++) writeFileSync(path.join(big.dir, "pagefind", "fragment", `f${i}.pf_fragment`), "");
      const results = Object.fromEntries(await Promise.all(["netlify", "cloudflare-pages", "cloudflare-pages-paid", "github-pages"].map(async (h) => [h, (await sh("bash", [script, h, big.dir])).code] as const)));
      expect(results).toEqual({ netlify: 1, "cloudflare-pages": 1, "cloudflare-pages-paid": 0, "github-pages": 0 });
      // Sparse: 1 GB + 1 byte long, no disk used.
      await sh("truncate", ["-s", "1000000001", path.join(big.dir, "huge.bin")]);
      const over = await sh("bash", [script, "github-pages", big.dir]);
      expect(over.code).toBe(1);
      expect(over.stderr).toContain("the limit is 1000000000");
    } finally {
      big.cleanup();
    }
  });
});

describe("deploy/github-pages.yml", () => {
  interface Step { uses?: string; run?: string; id?: string; env?: Record<string, string>; with?: Record<string, unknown> }
  const workflow = parseYaml(readFileSync(deploy("github-pages.yml"), "utf8")) as {
    on: { push: { branches: string[] } };
    permissions: Record<string, string>;
    jobs: { build: { steps: Step[] }; deploy: { needs: string; steps: Step[] } };
  };

  it("builds on push to main and publishes with the Pages actions and the permissions they need", () => {
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.permissions).toEqual({ contents: "read", pages: "write", "id-token": "write" });
    const uses = workflow.jobs.build.steps.map((s) => s.uses?.replace(/@.*/, "")).filter(Boolean);
    expect(uses).toEqual(["actions/checkout", "actions/setup-node", "actions/configure-pages", "actions/upload-pages-artifact"]);
    expect(workflow.jobs.build.steps.find((s) => s.uses?.startsWith("actions/upload-pages-artifact"))?.with).toEqual({ path: "_site" });
    expect(workflow.jobs.deploy.needs).toBe("build");
    expect(workflow.jobs.deploy.steps.map((s) => s.uses?.replace(/@.*/, ""))).toEqual(["actions/deploy-pages"]);
  });

  it("its build steps, run as the runner would for a project site, build the archive under /REPO/ with the Pages origin", async () => {
    const repo = tempDir("pages-repo");
    try {
      copyRepository(repo.dir);
      // What actions/configure-pages outputs for https://owner.github.io/news-archive/.
      const outputs: Record<string, string> = { base_path: "/news-archive", origin: "https://owner.github.io" };
      const expand = (s: string) => s.replace(/\$\{\{\s*steps\.pages\.outputs\.(\w+)\s*\}\}/g, (_m, k: string) => {
        if (!(k in outputs)) throw new Error(`unknown output ${k}`);
        return outputs[k]!;
      });
      const steps = workflow.jobs.build.steps.filter((s) => s.run && !/^npm ci\b/.test(s.run));
      expect(steps.length).toBe(3);
      for (const step of steps) {
        const env = { ...process.env, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)])) };
        expect(step.run).not.toContain("${{");
        const { code, stdout, stderr } = await sh("bash", ["-eo", "pipefail", "-c", step.run!], { cwd: repo.dir, env });
        expect(code, `${step.run}\n${stdout}\n${stderr}`).toBe(0);
      }
      const site = path.join(repo.dir, "_site");
      const home = readFileSync(path.join(site, "index.html"), "utf8");
      expect(home).toMatch(/href="\/news-archive\/assets\/style\.[0-9a-f]{10}\.css"/);
      expect(home).not.toMatch(/href="\/(?!news-archive\/)[^"]/);
      expect(readFileSync(path.join(site, "feed.xml"), "utf8")).toContain('<link href="https://owner.github.io/news-archive/feed.xml" rel="self"');
    } finally {
      repo.cleanup();
    }
  });
});
