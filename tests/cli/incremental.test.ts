import { createHash } from "node:crypto";
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleText, copyFixture, writeArticle } from "../helpers/articles.ts";
import { spawnCollect, tempDir, type CliResult } from "../helpers/cli.ts";
import { copyRepository } from "../deploy/support/repo-copy.ts";

/**
 * Incremental builds through the real command line, on a copy of the core fixture (8 published
 * articles, one draft, an image, two articles that want the same address) with search parts of one
 * article (`--search-part-size 1`: 2017-08, 2018-05, 2019-01 and the primary, 2020-02). One output
 * folder is built again and again as the articles change; after each change its files are compared,
 * byte for byte, with a fresh full build of the same articles into a new folder: an incremental
 * build must give what a full build gives.
 *
 * The steps depend on each other and run in order (one beforeAll per step). The builds run from a
 * copy of the working tree taken once at the start: the code's fingerprint is part of the build
 * state, so an edit to src/ by other work during the test would turn a build into a full one.
 */
const tmp = tempDir("incremental");
afterAll(() => tmp.cleanup());
const repo = path.join(tmp.dir, "repo");
const articles = path.join(tmp.dir, "articles");
/** The folder built incrementally, step after step. */
const inc = path.join(tmp.dir, "incremental");
let fresh = 0;

interface FileInfo {
  hash: string;
  mtimeMs: number;
}
type Snapshot = Map<string, FileInfo>;

/** Every file under `dir` (dot files too, but for the parse cache), by POSIX path relative to it, sorted. */
function snapshot(dir: string): Snapshot {
  const out: Snapshot = new Map();
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel === "" ? e.name : `${rel}/${e.name}`;
      // The parse cache records the article files' stat (times, inode), not output: checked by the "Articles:" lines.
      if (r === ".archive-cache") continue;
      if (e.isDirectory()) walk(r);
      else {
        const abs = path.join(dir, r);
        out.set(r, { hash: createHash("sha256").update(readFileSync(abs)).digest("hex"), mtimeMs: statSync(abs).mtimeMs });
      }
    }
  };
  walk("");
  return out;
}

/** Paths whose bytes differ, or that only one side has, among those `include` accepts. */
function differences(a: Snapshot, b: Snapshot, include: (file: string) => boolean = () => true): { changed: string[]; onlyFirst: string[]; onlySecond: string[] } {
  const changed = [...a].filter(([f, info]) => include(f) && b.has(f) && b.get(f)?.hash !== info.hash).map(([f]) => f);
  const onlyFirst = [...a.keys()].filter((f) => include(f) && !b.has(f));
  const onlySecond = [...b.keys()].filter((f) => include(f) && !a.has(f));
  return { changed, onlyFirst, onlySecond };
}
const same = { changed: [], onlyFirst: [], onlySecond: [] };

/**
 * The key property, in two halves that fail apart: the incremental build has every file of a full
 * build of the same articles with the same bytes; and it keeps no file a full build does not write.
 */
function itEqualsFullBuild(get: () => { incremental: Snapshot; full: Snapshot; include?: (file: string) => boolean; dirs?: [incremental: string, full: string] }): void {
  it("has every file a full build of the same articles has, with the same bytes (.archive-build too)", () => {
    const { incremental, full, include, dirs } = get();
    const { changed, onlySecond } = differences(incremental, full, include);
    expect({ changed, missing: onlySecond }).toEqual({ changed: [], missing: [] });
    if (include && dirs) {
      // The state lists the files written besides pages: the same, but for those left out.
      const state = (dir: string) => {
        const parsed = JSON.parse(readFileSync(path.join(dir, ".archive-build"), "utf8")) as { files: string[] };
        return { ...parsed, files: parsed.files.filter(include) };
      };
      expect(state(dirs[0])).toEqual(state(dirs[1]));
    } else {
      expect(incremental.get(".archive-build")?.hash).toBe(full.get(".archive-build")?.hash);
    }
  });
  it("keeps no file a full build of the same articles does not write (no stale page, feed, image or list)", () => {
    const { incremental, full, include } = get();
    expect(differences(incremental, full, include).onlyFirst).toEqual([]);
  });
}

/** `/YYYY/MM/DD/<slug>/index.html`: an article page. */
const isArticlePage = (file: string) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(file);

/** `npm run build -- --articles <copy> --out <out> --search-part-size 1 [...]`; throws when it fails. */
async function build(out: string, options: { full?: boolean; pagesPerRun?: number } = {}): Promise<CliResult> {
  const args = [path.join("src", "cli", "build.ts"), "--articles", articles, "--out", out, "--search-part-size", "1"];
  if (options.full) args.push("--full");
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  delete env["ARCHIVE_PAGES_PER_RUN"];
  // As at scale: the article files listed and statted in a worker while the parse cache is read.
  env["ARCHIVE_LIST_IN_WORKER_BYTES"] = "1";
  if (options.pagesPerRun !== undefined) env["ARCHIVE_PAGES_PER_RUN"] = String(options.pagesPerRun);
  const result: CliResult = await spawnCollect(path.join(repo, "node_modules", ".bin", "tsx"), args, env, repo);
  if (result.code !== 0) throw new Error(`build into ${out} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** A full build of the articles as they are now, into a folder never built before. */
async function freshBuild(options: { pagesPerRun?: number } = {}): Promise<{ out: string; result: CliResult; files: Snapshot }> {
  const out = path.join(tmp.dir, `fresh-${++fresh}`);
  const result = await build(out, options);
  expect(result.stdout).not.toContain("Incremental build");
  return { out, result, files: snapshot(out) };
}

/** The HTML pages of `dir` that link to `url`. */
const linkingPages = (dir: string, files: Snapshot, url: string) =>
  [...files.keys()].filter((f) => f.endsWith(".html") && readFileSync(path.join(dir, f), "utf8").includes(`href="${url}"`));

/** The search page's tag for Pagefind's entry files (its cache buster). */
const pagefindTag = (dir: string) => /data-pagefind-tag="([0-9a-f]+)"/.exec(readFileSync(path.join(dir, "search/index.html"), "utf8"))?.[1];

/** An offline list's file list, `offline/lists/<id>.<hash>.json` (src/offline/lists.ts), not its summary `<id>.json`. */
const isHashedList = (f: string) => /^offline\/lists\/[^/]+\.[0-9a-f]{10}\.json$/.test(f);

const incrementalLine = (stdout: string) => stdout.split("\n").find((l) => l.startsWith("Incremental build:"));

/** Files of a part's search index folder (the primary's without `parts/`). */
const inPart = (dir: string) => (file: string) => file.startsWith(dir) && !(dir === "pagefind/" && file.startsWith("pagefind/parts/"));

const EDITED = "2019/01/ban-tin-dac-biet.md";
const EDITED_PAGE = "2019/01/15/ban-tin-dac-biet/index.html";
const EDITED_PART = "pagefind/parts/2019-01_2019-01/";
const PARAGRAPH = "Đoạn văn thêm sau: hợp tác xã Vân Đồn thu hoạch mẻ hàu đầu tiên.";
const DELETED = "2017/08/nang-cao-chat-luong.md";
const DELETED_URL = "/2017/08/24/nang-cao-chat-luong-to-chuc-co-so-dang-va-dang-vien/";

const OLD = new Date("2020-01-01T00:00:00Z");
/** The build's line about its parse cache. */
const articlesLine = (stdout: string) => stdout.split("\n").find((l) => l.startsWith("Articles:"));

/**
 * A full build of the same articles counts the mark statistics again; an incremental one after a small
 * edit equals it but for the kept statistics and the files that name them by content hash (the search
 * page, the service worker, the offline list summaries, and `all`, which lists the search page with its
 * size). `.archive-build` is compared apart (it names the mark files), in itEqualsFullBuild.
 */
const notMarks = (fullOut: string) => (f: string) => {
  const marks = f.startsWith("search/marks/") || f.startsWith("offline/lists/search-index-marks.");
  const namesMarks = ["search/index.html", "sw.js"].includes(f) || f.startsWith("offline/lists/all.") ||
    (/^offline\/lists\/[^.]+\.json$/.test(f) && readFileSync(path.join(existsSync(path.join(fullOut, f)) ? fullOut : inc, f), "utf8").includes("search-index-marks."));
  return !marks && !namesMarks && f !== ".archive-build";
};

let s0: Snapshot;
let s1: Snapshot;
let firstRun: CliResult;
let secondRun: CliResult;

beforeAll(() => {
  copyRepository(repo);
  copyFixture("site", articles);
  // Files written a moment ago are not trusted to the parse cache (their stat could repeat): these are older.
  for (const f of readdirSync(articles, { recursive: true }).map(String)) {
    if (f.endsWith(".md")) utimesSync(path.join(articles, f), OLD, OLD);
  }
});

describe("a. building the same articles twice into the same folder", () => {
  beforeAll(async () => {
    firstRun = await build(inc);
    s0 = snapshot(inc);
    secondRun = await build(inc);
    s1 = snapshot(inc);
  });

  it("is a full build the first time and an incremental one with nothing to do the second", () => {
    expect(firstRun.stdout).not.toContain("Incremental build");
    expect(incrementalLine(secondRun.stdout)).toMatch(/^Incremental build: 0 article page\(s\) and 0 listing page\(s\) changed, 0 removed, 0 of 4 search part\(s\) to index/);
    expect(secondRun.stdout).toContain("0 built by this run");
  });

  it("reads only the draft the second time: the eight published articles come from the parse cache", () => {
    expect(articlesLine(firstRun.stdout)).toBeUndefined();
    expect(articlesLine(secondRun.stdout)).toBe("Articles: 1 file(s) read and parsed, 8 unchanged since the last build taken from its parse cache (.archive-cache).");
  });

  it("leaves every file with the same bytes, .archive-build included", () => {
    expect(s0.size).toBeGreaterThan(100);
    expect(s0.has(".archive-build")).toBe(true);
    expect(differences(s0, s1)).toEqual(same);
  });

  it("does not write any article page or search index part again", () => {
    const rewritten = [...s0].filter(([f, info]) => (isArticlePage(f) || f.startsWith("pagefind/")) && s1.get(f)?.mtimeMs !== info.mtimeMs).map(([f]) => f);
    expect(rewritten).toEqual([]);
  });

  it("does not write any offline file list again (named by its content's hash)", () => {
    const lists = [...s0.keys()].filter(isHashedList);
    expect(lists.length).toBeGreaterThan(5);
    expect(lists.filter((f) => s1.get(f)?.mtimeMs !== s0.get(f)?.mtimeMs)).toEqual([]);
  });
});

describe("b. one article's body edited", () => {
  let run: CliResult;
  let s2: Snapshot;
  let full: Awaited<ReturnType<typeof freshBuild>>;

  let tagBefore: string | undefined;

  beforeAll(async () => {
    tagBefore = pagefindTag(inc);
    appendFileSync(path.join(articles, ...EDITED.split("/")), `\n${PARAGRAPH}\n`);
    run = await build(inc);
    s2 = snapshot(inc);
    full = await freshBuild();
  });

  it("renders that article page again, with the new paragraph, and indexes one part", () => {
    expect(incrementalLine(run.stdout)).toMatch(/^Incremental build: 1 article page\(s\) and \d+ listing page\(s\) changed, 0 removed, 1 of 4 search part\(s\) to index, mark statistics kept/);
    expect(readFileSync(path.join(inc, EDITED_PAGE), "utf8")).toContain(PARAGRAPH);
    expect(s2.get(EDITED_PAGE)?.hash).not.toBe(s1.get(EDITED_PAGE)?.hash);
  });

  it("reads and parses only the edited file (and the draft, never cached)", () => {
    expect(articlesLine(run.stdout)).toBe("Articles: 2 file(s) read and parsed, 7 unchanged since the last build taken from its parse cache (.archive-cache).");
  });

  it("leaves every other article page as it was, bytes and file", () => {
    const others = [...s1.keys()].filter((f) => isArticlePage(f) && f !== EDITED_PAGE);
    expect(others.length).toBe(7);
    for (const f of others) {
      expect(s2.get(f)?.hash, f).toBe(s1.get(f)?.hash);
      expect(s2.get(f)?.mtimeMs, f).toBe(s1.get(f)?.mtimeMs);
    }
  });

  it("indexes again the part holding the article and keeps every other part's files", () => {
    const part = differences(s1, s2, inPart(EDITED_PART));
    expect(part.changed.length + part.onlyFirst.length + part.onlySecond.length).toBeGreaterThan(0);
    expect(s2.has(`${EDITED_PART}pagefind-entry.json`)).toBe(true);
    for (const dir of ["pagefind/", "pagefind/parts/2017-08_2017-08/", "pagefind/parts/2018-05_2018-05/"]) {
      const files = [...s1.keys()].filter(inPart(dir));
      expect(files.length, dir).toBeGreaterThan(0);
      expect(differences(s1, s2, inPart(dir)), dir).toEqual(same);
      for (const f of files) expect(s2.get(f)?.mtimeMs, f).toBe(s1.get(f)?.mtimeMs);
    }
  });

  it("gives the search page a new Pagefind cache tag, so that browsers fetch the part's new entry file", () => {
    expect(tagBefore).toMatch(/^[0-9a-f]{12}$/);
    expect(pagefindTag(inc)).toMatch(/^[0-9a-f]{12}$/);
    expect(pagefindTag(inc)).not.toBe(tagBefore);
    expect(pagefindTag(full.out)).toBe(pagefindTag(inc));
  });

  it("writes only the offline file lists the edit changed (new names); the others keep their files", () => {
    const kept = [...s1.keys()].filter((f) => isHashedList(f) && s2.has(f));
    const added = [...s2.keys()].filter((f) => isHashedList(f) && !s1.has(f));
    expect(kept.length).toBeGreaterThan(0);
    expect(added.length).toBeGreaterThan(0);
    expect(kept.filter((f) => s2.get(f)?.mtimeMs !== s1.get(f)?.mtimeMs)).toEqual([]);
  });

  it("keeps the last build's mark statistics, as documented for a small edit", () => {
    expect(differences(s1, s2, (f) => f.startsWith("search/marks/"))).toEqual(same);
    expect([...s2.keys()].filter((f) => f.startsWith("search/marks/")).length).toBeGreaterThan(0);
  });

  it("writes again only the feeds the article is in (the site's, its section's); not the other feeds, the sitemap or the kept mark files", () => {
    const derived = [...s1.keys()].filter((f) => f.endsWith("feed.xml") || f === "feed.json" || f.startsWith("sitemap") || f.startsWith("search/marks/"));
    expect(derived).toEqual(expect.arrayContaining(["feed.xml", "feed.json", "sections/van-hoa/feed.xml", "sections/thoi-su/feed.xml", "sitemap.xml"]));
    const rewritten = derived.filter((f) => s2.get(f)?.mtimeMs !== s1.get(f)?.mtimeMs);
    expect(rewritten.sort()).toEqual(["feed.json", "feed.xml", "sections/van-hoa/feed.xml"]);
    for (const f of rewritten) expect(readFileSync(path.join(inc, f), "utf8"), f).toContain("hợp tác xã Vân Đồn");
  });


  it("shows the new paragraph in a full build too", () => {
    expect(readFileSync(path.join(full.out, EDITED_PAGE), "utf8")).toContain(PARAGRAPH);
    // It counts the new words, so its mark statistics differ from the kept ones (hence left out below).
    const d = differences(s2, full.files, (f) => f.startsWith("search/marks/"));
    expect(d.onlyFirst.length).toBeGreaterThan(0);
    expect(d.onlySecond.length).toBeGreaterThan(0);
  });

  // .archive-build is compared apart (it names the mark files), in itEqualsFullBuild.
  itEqualsFullBuild(() => ({ incremental: s2, full: full.files, include: notMarks(full.out), dirs: [inc, full.out] }));
});

describe("c. one article deleted", () => {
  let run: CliResult;
  let s3: Snapshot;
  let full: Awaited<ReturnType<typeof freshBuild>>;

  let linkedBefore: string[];

  beforeAll(async () => {
    linkedBefore = linkingPages(inc, s1, DELETED_URL);
    // Its section (Xây dựng Đảng), tags (Đảng viên), author and image are used by no other article.
    rmSync(path.join(articles, ...DELETED.split("/")));
    run = await build(inc);
    s3 = snapshot(inc);
    full = await freshBuild();
  });

  it("says what it removed", () => {
    expect(incrementalLine(run.stdout)).toMatch(/^Incremental build: \d+ article page\(s\) and \d+ listing page\(s\) changed, [1-9]\d* removed/);
    expect(run.stdout).not.toContain("mark statistics kept");
  });

  it("deletes the article's page folder and the listings only it was in", () => {
    expect(existsSync(path.join(inc, DELETED_URL))).toBe(false);
    for (const gone of ["sections/xay-dung-dang/index.html", "tags/dang-vien/index.html", "authors/nguyen-van-an/index.html"]) {
      expect(s1.has(gone), gone).toBe(true);
      expect(s3.has(gone), gone).toBe(false);
    }
    // The other articles of that day keep their pages and their day listing.
    expect(s3.has("2017/08/24/index.html")).toBe(true);
    expect(s3.has("2017/08/24/tin-cuoi-ngay-ha-long-don-doan-khach-quoc-te/index.html")).toBe(true);
  });

  it("no page links to it any more", () => {
    // It was linked before: home, its neighbours, its day, month and year, its section, tags and author…
    expect(linkedBefore).toEqual(expect.arrayContaining(["index.html", "2017/index.html", "2017/08/24/index.html", "sections/xay-dung-dang/index.html"]));
    expect(linkingPages(inc, s3, DELETED_URL)).toEqual([]);
  });

  itEqualsFullBuild(() => ({ incremental: s3, full: full.files }));
});

describe("one article's body edited and the other of its search part deleted, in one build", () => {
  // hop-bao-a and hop-bao-b want the same address; without a, b takes it (and leaves `-2`).
  const GONE = "2018/05/hop-bao-a.md";
  const PART = "pagefind/parts/2018-05_2018-05/";
  const NEW_TEXT = "Cập nhật: họp báo dời sang tuần sau.";
  let run: CliResult;
  let s: Snapshot;
  let full: Awaited<ReturnType<typeof freshBuild>>;
  let goneText: Buffer;
  let bText: Buffer;

  beforeAll(async () => {
    goneText = readFileSync(path.join(articles, ...GONE.split("/")));
    bText = readFileSync(path.join(articles, "2018", "05", "hop-bao-b.md"));
    rmSync(path.join(articles, ...GONE.split("/")));
    appendFileSync(path.join(articles, "2018", "05", "hop-bao-b.md"), `\n${NEW_TEXT}\n`);
    run = await build(inc);
    s = snapshot(inc);
    full = await freshBuild();
  });
  afterAll(() => {
    writeFileSync(path.join(articles, ...GONE.split("/")), goneText);
    writeFileSync(path.join(articles, "2018", "05", "hop-bao-b.md"), bText);
  });

  it("writes the edited article's page ahead of its plan, and indexes its part as it is after the deletion", () => {
    expect(run.stdout).toMatch(/^Stages: load [\d.]+ s, edited [\d.]+ s, plan /m);
    expect(readFileSync(path.join(inc, "2018/05/02/hop-bao-thuong-ky-quy-ii/index.html"), "utf8")).toContain(NEW_TEXT);
    expect(s.has("2018/05/02/hop-bao-thuong-ky-quy-ii-2/index.html")).toBe(false);
    // Written ahead, the part was indexed while both old pages were still there: it is indexed again.
    const fragments = [...s.keys()].filter((f) => f.startsWith(`${PART}fragment/`));
    const urls = fragments.map((f) => (JSON.parse(gunzipSync(readFileSync(path.join(inc, f))).subarray("pagefind_dcd".length).toString("utf8")) as { url: string; content: string }));
    expect(urls.map((u) => u.url)).toEqual(["/2018/05/02/hop-bao-thuong-ky-quy-ii/"]);
    expect(urls[0]?.content).toContain(NEW_TEXT);
  });

  itEqualsFullBuild(() => ({ incremental: s, full: full.files }));
});

describe("an article added in a new year (a new primary search part)", () => {
  let run: CliResult;
  let s4: Snapshot;
  let full: Awaited<ReturnType<typeof freshBuild>>;

  beforeAll(async () => {
    writeArticle(articles, "2021/03/tin-moi.md", articleText({ title: "Tin mới đầu năm", date: "2021-03-02T08:00:00+07:00", section: "Thời sự", tags: ["Hạ Long"] }, "Một bài mới về Hạ Long."));
    run = await build(inc);
    s4 = snapshot(inc);
    full = await freshBuild();
  });

  it("moves the former primary index to pagefind/parts/ and makes the new year the primary", () => {
    expect(incrementalLine(run.stdout)).toMatch(/ of 5 search part\(s\) to index/);
    expect(s4.has("pagefind/parts/2020-02_2020-02/pagefind-entry.json")).toBe(true);
    expect(JSON.parse(readFileSync(path.join(inc, "pagefind", "pagefind-entry.json"), "utf8"))).toMatchObject({ languages: { vi: { page_count: 1 } } });
  });

  itEqualsFullBuild(() => ({ incremental: s4, full: full.files }));
});

describe("an incremental build in Eleventy runs of 2 pages", () => {
  let run: CliResult;
  let s5: Snapshot;
  let full: Awaited<ReturnType<typeof freshBuild>>;

  beforeAll(async () => {
    // Removing an article again counts the mark statistics again, so the comparison is exact.
    rmSync(path.join(articles, "2018", "05", "hop-bao-a.md"));
    run = await build(inc, { pagesPerRun: 2 });
    s5 = snapshot(inc);
    full = await freshBuild();
  });

  it("renders in several runs", () => {
    expect(incrementalLine(run.stdout)).toBeDefined();
    expect(run.stdout.match(/\[11ty\] Wrote/g)?.length ?? 0).toBeGreaterThan(2);
  });

  it("moves hop-bao-b to the address hop-bao-a leaves", () => {
    expect(s5.has("2018/05/02/hop-bao-thuong-ky-quy-ii/index.html")).toBe(true);
    expect(s5.has("2018/05/02/hop-bao-thuong-ky-quy-ii-2/index.html")).toBe(false);
    expect(readFileSync(path.join(inc, "2018/05/02/hop-bao-thuong-ky-quy-ii/index.html"), "utf8")).toContain("Buổi họp báo buổi chiều.");
  });

  itEqualsFullBuild(() => ({ incremental: s5, full: full.files }));
});

describe("d. a full build in Eleventy runs of at most 3 pages", () => {
  let runs: Awaited<ReturnType<typeof freshBuild>>;
  let oneRun: Awaited<ReturnType<typeof freshBuild>>;

  beforeAll(async () => {
    runs = await freshBuild({ pagesPerRun: 3 });
    oneRun = await freshBuild();
  });

  it("renders in many runs", () => {
    // Article pages by part, listings by three, then the rest: well over three runs for this archive.
    expect(runs.result.stdout.match(/\[11ty\] Wrote/g)?.length ?? 0).toBeGreaterThan(5);
    expect(oneRun.result.stdout.match(/\[11ty\] Wrote/g)?.length).toBe(1);
  });

  it("writes the same files with the same bytes as one run", () => {
    expect(runs.files.size).toBeGreaterThan(100);
    expect(differences(runs.files, oneRun.files)).toEqual(same);
  });
});

describe("a change of code: a full build written over the folder, not into an emptied one", () => {
  let run: CliResult;
  let s7: Snapshot;
  let before: Snapshot;
  let full: Awaited<ReturnType<typeof freshBuild>>;
  const REMOVED = EDITED;
  let removedText = Buffer.alloc(0);

  beforeAll(async () => {
    before = snapshot(inc);
    // Any change to src/ changes the fingerprint (build-state.ts): this one changes nothing else.
    appendFileSync(path.join(repo, "src", "site", "urls.ts"), "\n// A change of code, for tests/cli/incremental.test.ts.\n");
    removedText = readFileSync(path.join(articles, ...REMOVED.split("/")));
    rmSync(path.join(articles, ...REMOVED.split("/")));
    run = await build(inc);
    s7 = snapshot(inc);
    full = await freshBuild();
  });

  it("says so, and builds everything: no incremental line, every part, every article file read", () => {
    expect(run.stdout).toContain("Full build over the last build's files");
    expect(run.stdout).not.toContain("Incremental build");
    expect(run.stdout).toMatch(/in 4 part\(s\), 4 built by this run/);
    expect(articlesLine(run.stdout)).toBeUndefined();
  });

  it("deletes what the last build wrote and this one does not: the removed article's page, its part", () => {
    expect(before.has(EDITED_PAGE)).toBe(true);
    expect(s7.has(EDITED_PAGE)).toBe(false);
    expect(existsSync(path.join(inc, path.dirname(EDITED_PAGE)))).toBe(false);
    expect([...before.keys()].some(inPart(EDITED_PART))).toBe(true);
    expect([...s7.keys()].some(inPart(EDITED_PART))).toBe(false);
  });

  itEqualsFullBuild(() => ({ incremental: s7, full: full.files, dirs: [inc, full.out] }));

  // The next steps expect the article back.
  afterAll(() => writeFileSync(path.join(articles, ...REMOVED.split("/")), removedText));
});

describe("e. --full into a folder built before", () => {
  let run: CliResult;
  let s6: Snapshot;
  let full: Awaited<ReturnType<typeof freshBuild>>;

  beforeAll(async () => {
    run = await build(inc, { full: true });
    s6 = snapshot(inc);
    full = await freshBuild();
  });

  it("prints no incremental line and builds every part", () => {
    expect(run.stdout).not.toContain("Incremental build");
    expect(run.stdout).toMatch(/in 5 part\(s\), 5 built by this run/);
  });

  it("reads every article file again, not the parse cache", () => {
    expect(articlesLine(run.stdout)).toBeUndefined();
  });

  it("gives exactly what a build into a new folder gives, whatever the folder held (.archive-build too)", () => {
    expect(differences(s6, full.files)).toEqual(same);
  });
});
