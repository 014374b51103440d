import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import type { Article } from "../../src/article/model.ts";
import { parseArticle } from "../../src/article/parse.ts";
import { copyTitle, generateArticles, spread } from "../../src/bench/generate-articles.ts";
import { EDIT_PARAGRAPH, editArticleBody } from "../../src/bench/edit-article.ts";
import { writeRawSource } from "./raw-source.ts";

const ZONE = "Asia/Ho_Chi_Minh";
let dir: string;
let source: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "bench-generate-"));
  source = path.join(dir, "raw");
  await writeRawSource(source, 4);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(articlesDir: string): Promise<Map<string, { article: Article; text: string }>> {
  const files = (await readdir(articlesDir, { recursive: true })).filter((f) => f.endsWith(".md"));
  const out = new Map<string, { article: Article; text: string }>();
  for (const rel of files) {
    const bytes = await readFile(path.join(articlesDir, rel));
    const { article, problems } = parseArticle(rel, bytes, { timeZone: ZONE });
    expect(problems, rel).toEqual([]);
    expect(article, rel).not.toBeNull();
    out.set(rel.split(path.sep).join("/"), { article: article as Article, text: bytes.toString("utf8") });
  }
  return out;
}

describe("spread", () => {
  it("takes count items evenly from first to last, or all of them", () => {
    expect(spread([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8]);
    expect(spread([0, 1, 2], 3)).toEqual([0, 1, 2]);
    expect(spread([0, 1, 2], 7)).toEqual([0, 1, 2]);
  });
});

describe("generateArticles", () => {
  it("N ≤ source: imports only N raw files, spread over the source, and takes them as imported", async () => {
    const work = path.join(dir, "work");
    const g = await generateArticles({ source, articles: 2, work });
    expect(g).toMatchObject({ picked: 2, imported: 2, cycles: 1, shiftYears: 0 });
    const all = await readAll(g.articlesDir);
    expect([...all.keys()].sort()).toEqual([...g.files].sort());
    for (const rel of g.files) {
      expect(await readFile(path.join(g.articlesDir, rel), "utf8")).toBe(await readFile(path.join(work, "base", rel), "utf8"));
    }
    expect([...all.values()].map((a) => a.article.title).sort()).toEqual([
      "Bài số 1: người dân phường 1 làm đường mới",
      "Bài số 3: người dân phường 3 làm đường mới",
    ]);
  });

  it("N > source: cycles with unique titles and dates moved back by whole spans of years, all valid", async () => {
    const g = await generateArticles({ source, articles: 11, work: path.join(dir, "work") });
    expect(g).toMatchObject({ picked: 4, imported: 4, cycles: 3 });
    expect(g.files).toHaveLength(11);
    const all = await readAll(g.articlesDir);
    expect(all.size).toBe(11);
    const articles = [...all.values()].map((a) => a.article);
    expect(new Set(articles.map((a) => a.title)).size).toBe(11);

    const originals = articles.filter((a) => !a.title.includes("(bản"));
    expect(originals).toHaveLength(4);
    const years = originals.map((a) => a.date.year);
    expect(g.shiftYears).toBe(Math.max(...years) - Math.min(...years) + 1);
    const now = DateTime.now();
    for (const original of originals) {
      for (const k of [1, 2]) {
        const copy = articles.find((a) => a.title === copyTitle(original.title, k));
        // The third pass stops at N: 4 + 4 + 3.
        if (k === 2 && !copy) continue;
        expect(copy, `${original.title} pass ${k + 1}`).toBeDefined();
        expect(copy!.title).toBe(`${original.title} (bản ${k + 1})`);
        expect(copy!.date.toMillis()).toBe(original.date.minus({ years: k * g.shiftYears }).toMillis());
        expect(copy!.date < now).toBe(true);
        expect(copy!.body).toBe(original.body);
        expect(copy!.section).toBe(original.section);
        expect(copy!.author).toBe(original.author);
        expect(copy!.images).toEqual(original.images);
      }
    }
    expect(articles.filter((a) => a.title.endsWith("(bản 3)"))).toHaveLength(3);
  });

  it("edits one article's body, keeping its title, date and the rest", async () => {
    const g = await generateArticles({ source, articles: 1, work: path.join(dir, "work") });
    const rel = g.files[0] as string;
    const before = (await readAll(g.articlesDir)).get(rel)!.article;
    await editArticleBody(g.articlesDir, rel);
    const after = (await readAll(g.articlesDir)).get(rel)!.article;
    expect(after.body).toBe(`${before.body.trimEnd()}\n\n${EDIT_PARAGRAPH}\n`);
    expect({ ...after, body: "", bodyLine: 0 }).toEqual({ ...before, body: "", bodyLine: 0 });
  });
});
