import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadArticles } from "../../src/article/load.ts";
import { formatProblem } from "../../src/article/model.ts";
import { ParseCache } from "../../src/article/parse-cache.ts";
import { parseInWorkers } from "../../src/site/parse-in-workers.ts";
import { loadArchive, type LoadedArchive } from "../../src/site/load-archive.ts";
import { copyFixture, siteStrings, tempDir, ZONE } from "../helpers/index.ts";

/**
 * A first build parses its articles in worker threads (src/site/parse-in-workers.ts): the archive it
 * loads must be the one the main thread alone would load, file for file, finding for finding, page
 * for page, and so must the parse cache it leaves for the next build.
 */
const tmp = tempDir("parse-in-workers");
afterAll(() => tmp.cleanup());
const dir = path.join(tmp.dir, "articles");
const ENV = "ARCHIVE_PARALLEL_PARSE_MIN";

beforeAll(() => {
  cpSync("articles", dir, { recursive: true });
  copyFixture("site", path.join(dir, "fixture-site"));
  copyFixture("warnings", path.join(dir, "warnings"));
  copyFixture("invalid", path.join(dir, "invalid"));
  // Written just now: racy (load.ts), so its cache entry carries a hash of its bytes.
  writeFileSync(path.join(dir, "racy.md"), "---\ntitle: Vừa viết\ndate: 2024-05-01T08:00:00+07:00\n---\n\nNội dung **mới**.\n");
});

async function withMin<T>(min: number, work: () => Promise<T>): Promise<T> {
  const before = process.env[ENV];
  process.env[ENV] = String(min);
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env[ENV];
    else process.env[ENV] = before;
  }
}

const load = (min: number, cacheFile: string): Promise<LoadedArchive> =>
  withMin(min, () => loadArchive(dir, { cache: { file: path.join(tmp.dir, cacheFile), fingerprint: "fp", reuse: true } }));

/** What pages are made from: every view with its body rendered, related articles by address. */
function shown(loaded: LoadedArchive) {
  return {
    articles: loaded.archive.articles.map((a) => ({ ...a, html: a.html(), related: a.related.map((r) => r.url) })),
    listings: loaded.archive.listings.map((l) => [l.url, l.items.map((i) => i.url)]),
    problems: loaded.problems.map(formatProblem).sort(),
    media: [...loaded.media].sort(),
  };
}

describe("parsing in worker threads", () => {
  let alone: LoadedArchive;
  let workers: LoadedArchive;
  beforeAll(async () => {
    alone = await load(1e9, "alone-cache");
    workers = await load(1, "workers-cache");
  });

  it("loads the same archive, findings and media as the main thread alone", () => {
    expect(workers.parsed).toBe(alone.parsed);
    expect(alone.archive.articles.length).toBeGreaterThan(10);
    expect(alone.problems.some((p) => p.severity === "error")).toBe(true);
    expect(alone.problems.some((p) => p.severity === "warning")).toBe(true);
    expect(alone.media.size).toBeGreaterThan(0);
    expect(shown(workers)).toEqual(shown(alone));
  });

  it("leaves a parse cache from which the next load takes every valid article, to the same archive", async () => {
    await alone.saveCache();
    await workers.saveCache();
    const again = await load(1, "workers-cache");
    // Every published article comes from the cache (the racy one through the hash of its bytes);
    // invalid files and drafts, never cached, are parsed again.
    expect(again.fromCache).toBe(alone.archive.articles.length);
    expect(again.parsed + again.fromCache).toBe(alone.parsed);
    expect(shown(again)).toEqual(shown(alone));
    expect(shown(await load(1e9, "alone-cache"))).toEqual(shown(alone));
  });
});

describe("a load without a parse cache (npm run check)", () => {
  it("parses in worker threads too, to the same archive and findings", async () => {
    const alone = await withMin(1e9, () => loadArchive(dir));
    const workers = await withMin(1, () => loadArchive(dir));
    expect(workers.parsed).toBe(alone.parsed);
    expect(shown(workers)).toEqual(shown(alone));
    // The bodies came rendered from the workers: only they fill `rendered`.
    const parseMany = parseInWorkers({ articlesDir: dir, timeZone: ZONE, strings: siteStrings() });
    const { rendered, articles } = await withMin(1, () => loadArticles(dir, { timeZone: ZONE }, undefined, parseMany));
    expect(rendered.size).toBe(articles.filter((a) => !a.draft).length);
  });
});

describe("an article parsed in a worker thread", () => {
  it("has the body its file has, read again when asked for (the worker sends only its HTML)", async () => {
    const articles = (min: number) => withMin(min, async () => {
      const cache = ParseCache.open(path.join(tmp.dir, `bodies-${min}`), "fp", ZONE, false);
      const parseMany = parseInWorkers({ articlesDir: dir, timeZone: ZONE, strings: siteStrings() });
      return (await loadArticles(dir, { timeZone: ZONE }, cache, parseMany)).articles;
    });
    const [alone, workers] = [await articles(1e9), await articles(1)];
    expect(workers.map((a) => a.file)).toEqual(alone.map((a) => a.file));
    // The worker's article has no copy of the body: a getter of its class reads the file.
    expect(Object.getOwnPropertyDescriptor(workers[0], "body")).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(workers[0]), "body")?.get).toBeTypeOf("function");
    expect(workers.map((a) => a.body)).toEqual(alone.map((a) => a.body));
    expect(workers.map((a) => a.date.toISO())).toEqual(alone.map((a) => a.date.toISO()));
  });
});
