import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { listArticleFiles, loadArticles } from "../../src/article/load.ts";
import { formatProblem } from "../../src/article/model.ts";
import { articleText, tempDir, writeArticle, ZONE } from "../helpers/index.ts";

const tmp = tempDir("load");
const dir = tmp.dir;
const display = path.relative(process.cwd(), dir).split(path.sep).join("/");

beforeAll(() => {
  writeArticle(dir, "2017/08/b.md", articleText({ title: "B", date: "2017-08-24" }));
  writeArticle(dir, "2017/08/a.md", articleText({ title: "A", date: "2017-08-24" }));
  writeArticle(dir, "2017/08/Z.MD", articleText({ title: "Z", date: "2017-08-24" }));
  writeArticle(dir, "2017/bad-date.md", articleText({ title: "D", date: "2017-02-30" }));
  writeArticle(dir, "2018/no-title.md", articleText({ date: "2018-01-01" }));
  writeArticle(dir, "2018/empty.md", "");
  writeArticle(dir, "2018/.hidden.md", articleText({ title: "H", date: "2018-01-01" }));
  writeArticle(dir, "2018/notes.txt", "not an article");
  writeArticle(dir, "2018/anh.jpg", new Uint8Array([0xff, 0xd8, 0xff]));
  writeArticle(dir, "top.md", articleText({ title: "Top", date: "2019-01-01" }));
});
afterAll(() => tmp.cleanup());

describe("listArticleFiles", () => {
  it("lists .md files at any depth in code-point order, skipping hidden and other files", async () => {
    expect(await listArticleFiles(dir)).toEqual([
      "2017/08/Z.MD",
      "2017/08/a.md",
      "2017/08/b.md",
      "2017/bad-date.md",
      "2018/empty.md",
      "2018/no-title.md",
      "top.md",
    ]);
  });
});

describe("loadArticles", () => {
  it("loads the valid files and reports every invalid one in one pass", async () => {
    const { articles, problems } = await loadArticles(dir, { timeZone: ZONE });
    expect(articles.map((a) => a.title)).toEqual(["Z", "A", "B", "Top"]);
    expect(articles.map((a) => a.file)).toEqual([
      `${display}/2017/08/Z.MD`,
      `${display}/2017/08/a.md`,
      `${display}/2017/08/b.md`,
      `${display}/top.md`,
    ]);
    expect(problems.map(formatProblem)).toEqual([
      `${display}/2017/bad-date.md:3: date: "2017-02-30" is not a real ISO 8601 date (you specified 30 (of type number) as a day, which is invalid)`,
      `${display}/2018/empty.md:1: file: empty file: an article needs front matter with title and date`,
      `${display}/2018/no-title.md:2: title: required, and must not be empty`,
    ]);
  });

  it("loads an empty folder as no articles", async () => {
    const empty = tempDir("load-empty");
    try {
      expect(await loadArticles(empty.dir, { timeZone: ZONE })).toEqual({ articles: [], problems: [], digests: new Map(), rendered: new Map(), parsed: 0, fromCache: 0, parsedFiles: new Set() });
    } finally {
      empty.cleanup();
    }
  });
});
