import { createHash } from "node:crypto";
import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateArticles } from "../../src/bench/generate-articles.ts";
import { PART_RECORDS_DIR, partRecordsFile } from "../../src/search/part-records.ts";
import { indexPart, warmPart } from "../../src/search/index-part.ts";
import type { IndexPart } from "../../src/search/parts.ts";
import type { BuildState } from "../../src/site/build-state.ts";
import { buildSite } from "../helpers/build-site.ts";
import { tempDir } from "../helpers/cli.ts";

/**
 * An incremental build indexes a search part again from its pages' records (src/search/part-records.ts):
 * it reads only the pages whose HTML changed, leaves the other pages' fragment files as they are,
 * and must write exactly what a full build of the same articles writes. 150 corpus articles in
 * parts of 50; one article of an older part is edited between builds.
 */
const work = tempDir("part-records");
afterAll(() => work.cleanup());
const out = path.join(work.dir, "site");
let articlesDir = "";
let edited = "";
let fresh = 0;

const build = (into = out) => buildSite({ articles: articlesDir, out: into, searchPartSize: 50 });

/** Every file under `dir`, relative path → sha256 and modification time. */
function files(dir: string): Map<string, { hash: string; mtimeMs: number }> {
  const map = new Map<string, { hash: string; mtimeMs: number }>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const abs = path.join(e.parentPath, e.name);
    map.set(path.relative(dir, abs).split(path.sep).join("/"), { hash: createHash("sha256").update(readFileSync(abs)).digest("hex"), mtimeMs: statSync(abs).mtimeMs });
  }
  return map;
}
const hashes = (dir: string) => Object.fromEntries([...files(dir)].map(([f, i]) => [f, i.hash]));

const state = (dir: string) => JSON.parse(readFileSync(path.join(dir, ".archive-build"), "utf8")) as BuildState;

/** The part whose index holds the edited article's page, from the build state: its id, folder and page URLs. */
function editedPart(dir: string): { id: string; dir: string; urls: string[] } {
  const slug = path.basename(edited, ".md");
  for (const [id, byUrl] of Object.entries(state(dir).fragments)) {
    const url = Object.keys(byUrl).find((u) => u.endsWith(`/${slug}/`));
    if (url) return { id, dir: (byUrl[url] as string).replace(/fragment\/[^/]+$/, ""), urls: Object.keys(byUrl) };
  }
  throw new Error(`no part holds ${edited}`);
}

/** A full build of the articles as they are now, into a new folder, compared with the incremental one: its search index and records. */
async function expectSameAsFullBuild(): Promise<void> {
  const full = path.join(work.dir, `full-${++fresh}`);
  const result = await build(full);
  expect(result.stdout).not.toContain("Incremental build");
  expect(hashes(path.join(out, "pagefind"))).toEqual(hashes(path.join(full, "pagefind")));
  expect(hashes(path.join(out, PART_RECORDS_DIR))).toEqual(hashes(path.join(full, PART_RECORDS_DIR)));
}

const searchLine = (stdout: string) => stdout.split("\n").find((l) => l.startsWith("Search index:")) ?? "";
const addParagraph = (text: string) => appendFileSync(path.join(articlesDir, edited), `\n\n${text}\n`);

beforeAll(async () => {
  ({ articlesDir } = await generateArticles({ source: "../shared/corpus/vi-news", articles: 150, work: work.dir }));
  // The oldest article: in an older part, not the primary (whose folder also holds Pagefind's runtime).
  edited = readdirSync(articlesDir, { recursive: true }).map(String).filter((f) => f.endsWith(".md")).sort()[0] as string;
  const first = await build();
  expect(searchLine(first.stdout)).toMatch(/in [3-9] part\(s\), \d built by this run\.$/);
}, 300_000);

describe("one article's body edited", () => {
  let before: Map<string, { hash: string; mtimeMs: number }>;
  let stdout = "";
  beforeAll(async () => {
    before = files(out);
    addParagraph("Đoạn văn thêm: hợp tác xã Vân Đồn thu hoạch mẻ hàu đầu tiên.");
    ({ stdout } = await build());
  }, 300_000);

  it("indexes its part again reading that one page, and says so", () => {
    const part = editedPart(out);
    expect(part.urls.length).toBeGreaterThan(20);
    expect(stdout).toContain("Incremental build");
    expect(searchLine(stdout)).toContain(`1 built by this run (1 of their ${part.urls.length} pages read, the others unchanged since the last build).`);
  });

  it("leaves the other pages' fragment files as they were, not written again", () => {
    const part = editedPart(out);
    const fragments = state(out).fragments[part.id] as Record<string, string>;
    const slug = path.basename(edited, ".md");
    const others = Object.entries(fragments).filter(([url]) => !url.endsWith(`/${slug}/`)).map(([, file]) => file);
    expect(others.length).toBe(part.urls.length - 1);
    for (const file of others) expect(files(out).get(file), file).toEqual(before.get(file));
    // The edited page's fragment is a new file; its old one is gone.
    const now = files(path.join(out, part.dir, "fragment"));
    const then = [...before.keys()].filter((f) => f.startsWith(`${part.dir}fragment/`));
    expect(now.size).toBe(then.length);
  });

  it("writes the search index and its records as a full build of the same articles does", async () => {
    await expectSameAsFullBuild();
  }, 300_000);
});

describe("a kept page's fragment file deleted by hand", () => {
  let stdout = "";
  let deleted = "";
  beforeAll(async () => {
    const part = editedPart(out);
    const slug = path.basename(edited, ".md");
    deleted = Object.entries(state(out).fragments[part.id] as Record<string, string>).find(([url]) => !url.endsWith(`/${slug}/`))?.[1] as string;
    rmSync(path.join(out, deleted));
    addParagraph("Một đoạn nữa về mùa hàu.");
    ({ stdout } = await build());
  }, 300_000);

  it("reads that page again too, and writes its fragment back", () => {
    expect(searchLine(stdout)).toContain("(2 of their");
    expect(statSync(path.join(out, deleted)).isFile()).toBe(true);
  });

  it("still writes what a full build writes", async () => {
    await expectSameAsFullBuild();
  }, 300_000);
});

describe("the part's records damaged", () => {
  let stdout = "";
  beforeAll(async () => {
    const file = partRecordsFile(out, editedPart(out).id);
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    addParagraph("Đoạn cuối cùng.");
    ({ stdout } = await build());
  }, 300_000);

  it("reads every page of the part, and says nothing of records", () => {
    expect(searchLine(stdout)).toMatch(/1 built by this run\.$/);
  });

  it("still writes what a full build writes", async () => {
    await expectSameAsFullBuild();
  }, 300_000);
});

describe("an index process got ready for the part (warmPart) before indexing it", () => {
  let part: IndexPart;
  let fingerprint = "";
  const copy = (name: string) => {
    const dir = path.join(work.dir, name);
    cpSync(out, dir, { recursive: true });
    return dir;
  };
  beforeAll(() => {
    const { id, dir, urls } = editedPart(out);
    const months = [...new Set(urls.map((u) => u.split("/").slice(1, 3).join("/")))].sort();
    part = { id, dir, months, years: [...new Set(months.map((m) => m.slice(0, 4)))], articles: urls.length };
    fingerprint = state(out).fingerprint;
  });

  it("indexes it from the records read ahead, writing what an index without them writes", async () => {
    const [warm, cold] = [copy("warm"), copy("cold")];
    expect(warmPart(warm, part.id, { fingerprint, reuse: true })).toBeGreaterThan(1000);
    const warmed = await indexPart(warm, part, { fingerprint, reuse: true });
    const unwarmed = await indexPart(cold, part, { fingerprint, reuse: true });
    expect(warmed.read).toBe(0);
    expect(warmed).toEqual(unwarmed);
    expect(hashes(path.join(warm, part.dir))).toEqual(hashes(path.join(cold, part.dir)));
    expect(hashes(path.join(warm, PART_RECORDS_DIR))).toEqual(hashes(path.join(cold, PART_RECORDS_DIR)));
  });

  it("does not use records read ahead once their file changed: here gone, so every page is read", async () => {
    const dir = copy("changed");
    warmPart(dir, part.id, { fingerprint, reuse: true });
    rmSync(partRecordsFile(dir, part.id));
    const indexed = await indexPart(dir, part, { fingerprint, reuse: true });
    expect(indexed.read).toBe(indexed.pages);
    expect(indexed.pages).toBe(part.articles);
  });
});
