import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArticle } from "../article/parse.ts";
import { serializeArticle } from "../article/serialize.ts";
import { bodyOf, frontMatterOf } from "./front-matter.ts";
import { ARCHIVE_TIME_ZONE } from "../importer/read-raw.ts";

/** The paragraph the incremental run adds: a visible change of body text, nothing else. */
export const EDIT_PARAGRAPH = "Bài viết đã được cập nhật thêm thông tin.";

/**
 * Change one article's body text as an editor would (a paragraph added at the end); its title, date
 * and address stay the same. Returns the file's new content.
 */
export async function editArticleBody(articlesDir: string, rel: string, timeZone = ARCHIVE_TIME_ZONE): Promise<string> {
  const file = path.join(articlesDir, rel);
  const { article, problems } = parseArticle(rel, await readFile(file), { timeZone });
  if (!article) throw new Error(`${rel} does not parse: ${problems.map((p) => p.message).join("; ")}`);
  const content = serializeArticle(frontMatterOf(article), `${bodyOf(article).trimEnd()}\n\n${EDIT_PARAGRAPH}`);
  await writeFile(file, content);
  return content;
}
