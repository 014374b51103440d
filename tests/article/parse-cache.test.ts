import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendFileSync, readFileSync, renameSync, statSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { loadArticles } from "../../src/article/load.ts";
import { formatProblem } from "../../src/article/model.ts";
import { contentHash, ParseCache } from "../../src/article/parse-cache.ts";
import { listAndStat, listAndStatInWorker } from "../../src/article/list-articles.ts";
import { parseArticleFile } from "../../src/article/parse.ts";
import { dateFields } from "../../src/article/dates.ts";
import { buildArchive } from "../../src/site/archive.ts";
import { archiveOptions } from "../helpers/articles.ts";
import { articleText, tempDir, writeArticle, ZONE } from "../helpers/index.ts";

/**
 * The parse cache through the loader, on real files: what a second load takes from it, what it reads
 * again, and that an article from the cache builds the same views as one parsed from its file.
 */
const tmp = tempDir("parse-cache");
afterAll(() => tmp.cleanup());
const dir = path.join(tmp.dir, "articles");
const cacheFile = path.join(tmp.dir, ".archive-cache");
const OLD = new Date("2020-01-01T00:00:00Z");
const FP = "fingerprint-1";
const display = (file: string) => `${path.relative(process.cwd(), dir).split(path.sep).join("/")}/${file}`;

const write = (file: string, text: string, old = true) => {
  writeArticle(dir, file, text);
  if (old) utimesSync(path.join(dir, file), OLD, OLD);
};

/** One load with the cache in `cacheFile`, then the cache saved as a successful build saves it. */
async function load(options: { fingerprint?: string; timeZone?: string; now?: DateTime; reuse?: boolean } = {}) {
  const timeZone = options.timeZone ?? ZONE;
  const cache = ParseCache.open(cacheFile, options.fingerprint ?? FP, timeZone, options.reuse ?? true);
  const loaded = await loadArticles(dir, { timeZone, ...(options.now ? { now: options.now } : {}) }, cache);
  const built = buildArchive(loaded.articles, { ...archiveOptions(), digests: loaded.digests });
  cache.attach(built.digests);
  await cache.save();
  return { ...loaded, built };
}

const BODY = "Đoạn đầu với **chữ đậm**.\n\n[[figure 1]]\n\nĐoạn hai.\n";

beforeAll(() => {
  write("2019/a.md", articleText({ title: "Bài A", date: "2019-03-01T08:00:00+07:00", tags: ["Hạ Long"], images: [{ src: "a.jpg", caption: "Ảnh A" }] }, BODY));
  // Every optional field, and a figure marker without its image (an error the digest remembers).
  write("2019/b.md", articleText({ title: "Bài B", date: "2019-03-02T08:00:00+07:00", summary: "Tóm tắt B.", colour: "red", section: "Thời sự", author: "Lan Anh", slug: "bai-b-rieng", source: "https://baoquangninh.vn/b" }, "Nội dung B.\n\n[[figure 1]]"));
  write("2019/nhap.md", articleText({ title: "Bản nháp", date: "2019-03-03T08:00:00+07:00", draft: true }));
});

describe("loadArticles with a parse cache", () => {
  let first: Awaited<ReturnType<typeof load>>;
  let second: Awaited<ReturnType<typeof load>>;
  beforeAll(async () => {
    first = await load();
    second = await load();
  });

  it("parses every file the first time, and only the draft the second (drafts are never cached)", () => {
    expect([first.parsed, first.fromCache]).toEqual([3, 0]);
    expect([second.parsed, second.fromCache]).toEqual([1, 2]);
  });

  it("gives the same articles, problems and views from the cache as from the files", () => {
    expect(second.problems.map(formatProblem)).toEqual(first.problems.map(formatProblem));
    expect(second.problems.map(formatProblem)).toEqual([`${display("2019/b.md")}:5: colour: unknown field, ignored`]);
    const fields = (a: (typeof first.articles)[number]) => ({ ...a, body: a.body, date: a.date.toISO() });
    expect(second.articles.map(fields)).toEqual(first.articles.map(fields));
    const views = (b: typeof first.built) => JSON.stringify(b.archive) + b.archive.articles.map((v) => v.html()).join("");
    expect(views(second.built)).toBe(views(first.built));
    expect(second.built.archive.articles.find((v) => v.title === "Bài B")).toMatchObject({ url: "/2019/03/02/bai-b-rieng/", section: { name: "Thời sự" }, author: { name: "Lan Anh" }, source: "https://baoquangninh.vn/b" });
    expect(second.built.problems.map(formatProblem)).toEqual(first.built.problems.map(formatProblem));
    expect(second.built.problems.map(formatProblem)).toEqual([`${display("2019/b.md")}:14: body: [[figure 1]] refers to image 1, but images has 0`]);
    const a = second.built.archive.articles.find((v) => v.title === "Bài A");
    expect(a?.description).toBe("Đoạn đầu với chữ đậm. Đoạn hai.");
    expect(a?.html()).toContain("<figure><figcaption>Ảnh A</figcaption></figure>");
  });

  it("reads a cached article's body from its file only when asked", async () => {
    const third = await load();
    const a = third.articles.find((x) => x.title === "Bài A");
    renameSync(path.join(dir, "2019/a.md"), path.join(tmp.dir, "moved.md"));
    try {
      expect(a?.title).toBe("Bài A");
      expect(() => a?.body).toThrow(/ENOENT.*2019\/a\.md/);
    } finally {
      renameSync(path.join(tmp.dir, "moved.md"), path.join(dir, "2019/a.md"));
    }
  });

  it("makes a cached article's date only when asked (pages take it from the digest), the same instant in the site's zone", async () => {
    const third = await load();
    const cached = third.articles.find((x) => x.title === "Bài B");
    const parsed = first.articles.find((x) => x.title === "Bài B");
    if (!cached || !parsed) throw new Error("fixture must load");
    // A getter of the article's class, not a stored value; made once, then the same DateTime.
    expect(Object.getOwnPropertyDescriptor(cached, "date")).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(cached), "date")?.get).toBeTypeOf("function");
    expect(cached.date.toISO()).toBe(parsed.date.toISO());
    expect(cached.date.zoneName).toBe(ZONE);
    expect(cached.date).toBe(cached.date);
    expect(third.digests.get(cached)?.dates).toEqual(first.built.digests.get(parsed)?.dates);
  });

  it("parses a changed file again, and keeps the others", async () => {
    await load();
    appendFileSync(path.join(dir, "2019/b.md"), "\nMột đoạn mới.\n");
    utimesSync(path.join(dir, "2019/b.md"), OLD, new Date("2020-01-02T00:00:00Z"));
    const again = await load();
    expect([again.parsed, again.fromCache]).toEqual([2, 1]);
    expect(again.articles.find((x) => x.title === "Bài B")?.body).toContain("Một đoạn mới.");
  });

  it("checks the bytes of a file written in the last two seconds before trusting its stat", async () => {
    write("2019/c.md", articleText({ title: "Bài C", date: "2019-03-04T08:00:00+07:00" }), false);
    await load();
    const again = await load();
    expect(again.articles.map((x) => x.title)).toContain("Bài C");
    // The draft parsed; a.md, b.md and c.md from the cache, c.md after its bytes were compared.
    expect([again.parsed, again.fromCache]).toEqual([1, 3]);
  });

  it("takes the same from a listing and stats made in a worker thread while the cache is read", async () => {
    await load();
    const inline = await load();
    const cache = ParseCache.open(cacheFile, FP, ZONE);
    const listed = await loadArticles(dir, { timeZone: ZONE }, cache, undefined, listAndStatInWorker(dir));
    expect([listed.parsed, listed.fromCache]).toEqual([1, 3]);
    const fields = (a: (typeof inline.articles)[number]) => ({ ...a, body: a.body, date: a.date.toISO() });
    expect(listed.articles.map(fields)).toEqual(inline.articles.map(fields));
    expect(listed.problems).toEqual(inline.problems);
  });

  it("stats again a listed file the listing's stat missed, and fails the load if it is gone", async () => {
    const { files, stats, started } = await listAndStat(dir);
    const gone = [...files, "2019/zz-da-xoa.md"];
    const packed = Float64Array.from([...stats, NaN, NaN, NaN, NaN]);
    await expect(loadArticles(dir, { timeZone: ZONE }, ParseCache.open(cacheFile, FP, ZONE), undefined, Promise.resolve({ files: gone, stats: packed, started }))).rejects.toThrow(/ENOENT.*zz-da-xoa\.md/);
    // A file the listing's stat missed but that is there now (the first, 2019/a.md) is statted and taken from the cache as any other.
    expect(files[0]).toBe("2019/a.md");
    const missed = Float64Array.from(stats);
    missed.fill(NaN, 0, 4);
    const again = await loadArticles(dir, { timeZone: ZONE }, ParseCache.open(cacheFile, FP, ZONE), undefined, Promise.resolve({ files, stats: missed, started }));
    expect([again.parsed, again.fromCache]).toEqual([1, 3]);
    expect(again.articles.map((a) => a.title)).toContain("Bài A");
  });

  it("parses a racy file again when its bytes changed under the same stat (a coarse file system)", async () => {
    const text = articleText({ title: "Bài D", date: "2019-03-05T08:00:00+07:00" }, "Bản một.");
    const first = ParseCache.open(path.join(tmp.dir, "racy-cache"), FP, ZONE);
    const parsed = parseArticleFile("d.md", Buffer.from(text), ZONE);
    if (!parsed.article) throw new Error("fixture must parse");
    first.keep(parsed.article, "d.md", "same-stat", parsed.problems, parsed.dateWritten, contentHash(Buffer.from(text)));
    const dates = dateFields(parsed.article.date, archiveOptions().strings);
    first.attach(new Map([[parsed.article, { lead: "Bản một.", missingFigures: [], hash: "h", fieldsHash: "f", titleSlug: "bai-d", dates }]]));
    await first.save();
    const lookup = (bytes: string) => ParseCache.open(path.join(tmp.dir, "racy-cache"), FP, ZONE).lookup("d.md", "same-stat", "d.md", () => "", () => Buffer.from(bytes), false);
    expect(lookup(text)?.article.title).toBe("Bài D");
    expect(lookup(text.replace("Bản một.", "Bản hai."))).toBeUndefined();
  });
});

describe("how a save writes the cache file", () => {
  const size = () => statSync(cacheFile).size;
  /** An edit as a coarse stat sees it: another modification time. */
  const touch = (file: string, day: number) => utimesSync(path.join(dir, file), OLD, new Date(Date.UTC(2020, 0, 2 + day)));
  // No file written just now: a racy entry is written again by every save.
  beforeAll(() => utimesSync(path.join(dir, "2019/c.md"), OLD, OLD));

  it("appends what a build changed to the file, and a load applies it over what was there", async () => {
    await load({ reuse: false });
    const whole = readFileSync(cacheFile);
    appendFileSync(path.join(dir, "2019/a.md"), "\nMột câu thêm.\n");
    touch("2019/a.md", 0);
    const edited = await load();
    expect(edited.parsed).toBe(2);
    // The files read anew, by the name their articles carry: the edited one among them.
    expect(edited.parsedFiles.size).toBe(2);
    expect(edited.parsedFiles.has(display("2019/a.md"))).toBe(true);
    const after = readFileSync(cacheFile);
    // The whole cache as it was, then one short record: the one article changed.
    expect(after.subarray(0, whole.length).equals(whole)).toBe(true);
    expect(after.length - whole.length).toBeGreaterThan(0);
    expect(after.length - whole.length).toBeLessThan(whole.length);
    const again = await load();
    expect(again.parsed).toBe(1);
    expect(again.parsedFiles.has(display("2019/a.md"))).toBe(false);
    expect(again.articles.find((x) => x.title === "Bài A")?.body).toContain("Một câu thêm.");
    // Nothing changed: nothing written.
    expect(size()).toBe(after.length);
  });

  it("ignores an update cut off mid-write (the earlier records stand), and writes the whole cache next", async () => {
    await load({ reuse: false });
    const whole = size();
    touch("2019/b.md", 1);
    const before = await load();
    truncateSync(cacheFile, size() - 3);
    const cut = await load();
    // b.md's last record is lost: its stat no longer matches the first record, so it is parsed again.
    expect([cut.parsed, cut.fromCache]).toEqual([2, before.fromCache]);
    expect(size()).toBeLessThanOrEqual(whole + 16);
    expect((await load()).parsed).toBe(1);
  });

  it("writes the whole cache again once the updates hold 100 changes (or a tenth of the entries)", async () => {
    await load({ reuse: false });
    const whole = size();
    for (let day = 0; day < 100; day++) {
      touch("2019/b.md", 10 + day);
      await load();
    }
    expect(size()).toBeGreaterThan(whole * 10);
    touch("2019/b.md", 200);
    const rewritten = await load();
    expect(rewritten.parsed).toBe(2);
    expect(size()).toBeLessThan(whole + 200);
    expect((await load()).parsed).toBe(1);
  });
});

describe("what makes the parse cache start empty", () => {
  beforeAll(async () => {
    await load();
  });

  it("other code or settings (the fingerprint), another time zone, or --full", async () => {
    expect((await load()).fromCache).toBeGreaterThan(0);
    expect((await load({ fingerprint: "fingerprint-2" })).fromCache).toBe(0);
    expect((await load({ timeZone: "UTC" })).fromCache).toBe(0);
    expect((await load({ reuse: false })).fromCache).toBe(0);
  });

  it("a damaged cache file: read as none, never an error", async () => {
    writeFileSync(cacheFile, "not a cache");
    const loaded = await load();
    expect(loaded.fromCache).toBe(0);
    expect(loaded.articles.length).toBeGreaterThan(0);
  });
});

describe("a cached article dated in the future", () => {
  it("is warned about as long as its date is ahead of the build, not as the cache remembers", async () => {
    write("2019/future.md", articleText({ title: "Bài tương lai", date: "2030-01-01T08:00:00+07:00" }));
    const warning = `${display("2019/future.md")}:3: date: 2030-01-01T08:00:00+07:00 is in the future; check the year`;
    const now = DateTime.fromISO("2026-01-01T00:00:00Z");
    expect((await load({ now })).problems.map(formatProblem)).toContain(warning);
    const cached = await load({ now });
    expect(cached.fromCache).toBeGreaterThan(0);
    expect(cached.problems.map(formatProblem)).toContain(warning);
    const later = await load({ now: DateTime.fromISO("2031-01-01T00:00:00Z") });
    expect(later.fromCache).toBeGreaterThan(0);
    expect(later.problems.map(formatProblem)).not.toContain(warning);
  });
});
