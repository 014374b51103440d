import { createHash } from "node:crypto";
import { plainText } from "../article/markdown.ts";
import type { ArticleView } from "../site/views.ts";
import { MarkStatistics, markOptionsFor, type MarkShard } from "./mark-model.ts";

export interface MarkFile {
  shard: string;
  url: string;
  json: string;
}

/**
 * Counting costs about 0.5 ms per article; past this many, an even sample of the archive (every k-th
 * article, all years and sections) gives the same restorations (a pair seen twice in 30,000 articles
 * is kept) at a bounded cost.
 */
const MAX_COUNTED_ARTICLES = 30_000;

/** The mark-restoration statistics of an archive, one content-hashed JSON file per shard. */
export function markFiles(articles: readonly ArticleView[]): MarkFile[] {
  const stats = new MarkStatistics();
  const step = Math.max(1, Math.ceil(articles.length / MAX_COUNTED_ARTICLES));
  for (let i = 0; i < articles.length; i += step) {
    const a = articles[i] as ArticleView;
    stats.add(a.title);
    if (a.section) stats.add(a.section.name);
    stats.add(plainText(a.html.replace(/<\/?figure>/g, " ")));
  }
  return [...stats.shards(markOptionsFor(articles.length))].map(([shard, data]: [string, MarkShard]) => {
    const json = JSON.stringify(data);
    const hash = createHash("sha256").update(json).digest("hex").slice(0, 10);
    return { shard, url: `/search/marks/${shard}.${hash}.json`, json };
  });
}
