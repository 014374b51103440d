import { createHash } from "node:crypto";
import { plainText } from "../article/markdown.ts";
import type { ArticleView } from "../site/views.ts";
import { MarkStatistics, markOptionsFor, type MarkShard } from "./mark-model.ts";

export interface MarkFile {
  shard: string;
  url: string;
  json: string;
}

/** The mark-restoration statistics of an archive, one content-hashed JSON file per shard. */
export function markFiles(articles: readonly ArticleView[]): MarkFile[] {
  const stats = new MarkStatistics();
  for (const a of articles) {
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
