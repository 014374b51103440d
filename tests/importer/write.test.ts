import { mkdtemp, readdir, readFile, rm, writeFile, mkdir, chmod } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createNewFile, placeArticle, sourceOf, writeFileAtomic, type PlaceOptions } from "../../src/importer/write.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "importer-write-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const article = (source: string, text = "Nội dung.") => `---\ntitle: "Tiêu đề"\ndate: "2017-08-24T14:47:00+07:00"\nsource: "${source}"\n---\n\n${text}\n`;

function options(source: string, content: string, extra: Partial<PlaceOptions> = {}): PlaceOptions {
  return { folder: path.join(dir, "2017", "08"), slug: "tieu-de", content, source, force: false, dryRun: false, claimed: new Map(), claimant: `/in/${source}`, ...extra };
}

const files = async () => (await readdir(dir, { recursive: true })).map((f) => f.split(path.sep).join("/")).sort();
const read = (rel: string) => readFile(path.join(dir, rel), "utf8");

describe("placeArticle", () => {
  it("writes a new article, creating its folders", async () => {
    const placed = await placeArticle(options("a.txt", article("a.txt")));
    expect(placed).toEqual({ status: "imported", path: path.join(dir, "2017/08/tieu-de.md"), replaced: false });
    expect(await read("2017/08/tieu-de.md")).toBe(article("a.txt"));
  });

  it("is idempotent: the same article again is unchanged, and nothing is touched", async () => {
    await placeArticle(options("a.txt", article("a.txt")));
    const before = await files();
    const again = await placeArticle(options("a.txt", article("a.txt")));
    expect(again).toEqual({ status: "unchanged", path: path.join(dir, "2017/08/tieu-de.md") });
    expect(await files()).toEqual(before);
  });

  it("gives a second article with the same name a -2, a third a -3, and finds each again later", async () => {
    for (const s of ["a.txt", "b.txt", "c.txt"]) await placeArticle(options(s, article(s, `Bài ${s}`)));
    expect(await files()).toEqual(["2017", "2017/08", "2017/08/tieu-de-2.md", "2017/08/tieu-de-3.md", "2017/08/tieu-de.md"]);
    expect(await read("2017/08/tieu-de.md")).toContain("Bài a.txt");
    expect(await read("2017/08/tieu-de-2.md")).toContain("Bài b.txt");
    expect(await read("2017/08/tieu-de-3.md")).toContain("Bài c.txt");
    // A second import, in any order, finds every article where it is.
    for (const s of ["c.txt", "a.txt", "b.txt"]) {
      expect((await placeArticle(options(s, article(s, `Bài ${s}`)))).status).toBe("unchanged");
    }
    expect(await files()).toHaveLength(5);
  });

  it("never writes over a file of this article edited by hand: skipped, and replaced only with force", async () => {
    await placeArticle(options("a.txt", article("a.txt")));
    const edited = article("a.txt", "Sửa tay.");
    await writeFile(path.join(dir, "2017/08/tieu-de.md"), edited);

    const skipped = await placeArticle(options("a.txt", article("a.txt")));
    expect(skipped.status).toBe("skipped");
    expect(skipped).toMatchObject({ path: path.join(dir, "2017/08/tieu-de.md"), reason: expect.stringMatching(/--force/) });
    expect(await read("2017/08/tieu-de.md")).toBe(edited);
    expect(await files()).toEqual(["2017", "2017/08", "2017/08/tieu-de.md"]);

    const forced = await placeArticle(options("a.txt", article("a.txt"), { force: true }));
    expect(forced).toEqual({ status: "imported", path: path.join(dir, "2017/08/tieu-de.md"), replaced: true });
    expect(await read("2017/08/tieu-de.md")).toBe(article("a.txt"));
  });

  it("never writes over a hand-written article (no source) of the same name, even with force", async () => {
    await mkdir(path.join(dir, "2017/08"), { recursive: true });
    const mine = `---\ntitle: "Tiêu đề"\ndate: "2017-08-24T10:00:00+07:00"\n---\n\nCủa tôi.\n`;
    await writeFile(path.join(dir, "2017/08/tieu-de.md"), mine);
    const placed = await placeArticle(options("a.txt", article("a.txt"), { force: true }));
    expect(placed).toEqual({ status: "imported", path: path.join(dir, "2017/08/tieu-de-2.md"), replaced: false });
    expect(await read("2017/08/tieu-de.md")).toBe(mine);
  });

  it("keeps two inputs with the same base name (from two folders) apart within a run, and on the next run", async () => {
    const run = async () => {
      const claimed = new Map<string, string>();
      return [
        await placeArticle(options("x.txt", article("x.txt", "Bản A"), { claimed, claimant: "/in/a/x.txt" })),
        await placeArticle(options("x.txt", article("x.txt", "Bản B"), { claimed, claimant: "/in/b/x.txt" })),
      ];
    };
    expect((await run()).map((p) => [p.status, path.basename(p.path)])).toEqual([["imported", "tieu-de.md"], ["imported", "tieu-de-2.md"]]);
    expect((await run()).map((p) => [p.status, path.basename(p.path)])).toEqual([["unchanged", "tieu-de.md"], ["unchanged", "tieu-de-2.md"]]);
  });

  it("in a dry run decides the same, and writes nothing", async () => {
    const claimed = new Map<string, string>();
    const a = await placeArticle(options("a.txt", article("a.txt"), { dryRun: true, claimed, claimant: "/in/a.txt" }));
    const b = await placeArticle(options("b.txt", article("b.txt"), { dryRun: true, claimed, claimant: "/in/b.txt" }));
    expect([a, b].map((p) => [p.status, path.basename(p.path)])).toEqual([["imported", "tieu-de.md"], ["imported", "tieu-de-2.md"]]);
    expect(await files()).toEqual([]);

    await placeArticle(options("a.txt", article("a.txt")));
    await writeFile(path.join(dir, "2017/08/tieu-de.md"), article("a.txt", "Sửa tay."));
    const forced = await placeArticle(options("a.txt", article("a.txt"), { dryRun: true, force: true }));
    expect(forced).toMatchObject({ status: "imported", replaced: true });
    expect(await read("2017/08/tieu-de.md")).toContain("Sửa tay.");
  });

  it("leaves no temporary file behind, after success or failure", async () => {
    await placeArticle(options("a.txt", article("a.txt")));
    await placeArticle(options("b.txt", article("b.txt")));
    await writeFile(path.join(dir, "2017/08/tieu-de.md"), article("a.txt", "Sửa tay."));
    await placeArticle(options("a.txt", article("a.txt"), { force: true }));
    expect((await files()).filter((f) => /\.tmp$|\/\./.test(f))).toEqual([]);

    if (process.getuid?.() !== 0) {
      // A folder that cannot be written: the write fails, and leaves nothing.
      await chmod(path.join(dir, "2017/08"), 0o500);
      await expect(placeArticle({ ...options("c.txt", article("c.txt")), slug: "khac" })).rejects.toThrow();
      await chmod(path.join(dir, "2017/08"), 0o700);
      expect((await files()).filter((f) => /\.tmp$|\/\./.test(f))).toEqual([]);
    }
  });
});

describe("writeFileAtomic", () => {
  it("creates through a temporary file that is gone afterwards", async () => {
    const target = path.join(dir, "a", "b.md");
    await writeFileAtomic(target, "một", "create");
    expect(await readFile(target, "utf8")).toBe("một");
    expect(await readdir(path.join(dir, "a"))).toEqual(["b.md"]);
  });

  it("refuses to create over an existing file, and leaves both it and the folder clean", async () => {
    const target = path.join(dir, "b.md");
    await writeFile(target, "cũ");
    await expect(writeFileAtomic(target, "mới", "create")).rejects.toMatchObject({ code: "EEXIST" });
    expect(await readFile(target, "utf8")).toBe("cũ");
    expect(await readdir(dir)).toEqual(["b.md"]);
  });

  it("removes its temporary file when the final step fails", async () => {
    // Renaming onto a folder fails (as root too, unlike a permission test).
    const target = path.join(dir, "b.md");
    await mkdir(path.join(target, "inside"), { recursive: true });
    await expect(writeFileAtomic(target, "mới", "replace")).rejects.toThrow();
    await expect(writeFileAtomic(target, "mới", "create")).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["b.md"]);
  });

  it("replaces in one step", async () => {
    const target = path.join(dir, "b.md");
    await writeFile(target, "cũ");
    await writeFileAtomic(target, "mới", "replace");
    expect(await readFile(target, "utf8")).toBe("mới");
    expect(await readdir(dir)).toEqual(["b.md"]);
  });
});

describe("createNewFile", () => {
  it("never overwrites: the second file of a name gets -2", async () => {
    const first = await createNewFile(dir, "bai", "1");
    const second = await createNewFile(dir, "bai", "2");
    expect([path.basename(first), path.basename(second)]).toEqual(["bai.md", "bai-2.md"]);
    expect(await readFile(first, "utf8")).toBe("1");
  });
});

describe("sourceOf", () => {
  it("reads the source field, or nothing", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sourceOf(enc(article("a.txt")))).toBe("a.txt");
    expect(sourceOf(enc(`\uFEFF---\r\nsource: "a.txt"\r\n---\r\n`))).toBe("a.txt");
    expect(sourceOf(enc("---\ntitle: x\n---\n"))).toBeUndefined();
    expect(sourceOf(enc("no front matter"))).toBeUndefined();
    expect(sourceOf(enc("---\nsource: [unclosed\n---\n"))).toBeUndefined();
  });
});
