import type { Article, Problem } from "./model.ts";
import { foldMarks, slugify } from "./slug.ts";
import { calendarParts } from "./dates.ts";

export interface Address {
  slug: string;
  /** Site-relative, without path prefix: `/2017/08/24/<slug>/` (the search index's globs rely on this depth, src/search/parts.ts). */
  url: string;
}

/**
 * Give every article its address. Articles arrive in path order, so when two would take the same
 * address the later path gets `-2`, `-3`…: deterministic, nothing overwritten, and a warning says so.
 */
export function assignAddresses(articles: readonly Article[], known?: (article: Article) => { titleSlug: string; dates: { year: string; month: string; day: string } } | undefined): { addresses: Map<Article, Address>; problems: Problem[] } {
  const addresses = new Map<Article, Address>();
  const taken = new Map<string, Article>();
  const problems: Problem[] = [];
  for (const article of articles) {
    const fields = known?.(article);
    let base = article.slugOverride ?? fields?.titleSlug ?? slugify(article.title);
    if (base === "") {
      base = slugify(foldMarks(article.file.replace(/^.*\//, "").replace(/\.md$/i, ""))) || "bai-viet";
      problems.push({
        severity: "warning", file: article.file, line: article.fieldLines["title"] ?? 1, field: "title",
        message: `has no letters or digits to make an address from; using "${base}"`,
      });
    }
    const { year, month, day: dd } = fields?.dates ?? calendarParts(article.date);
    const day = `${year}/${month}/${dd}`;
    let slug = base;
    let url = `/${day}/${slug}/`;
    for (let n = 2; taken.has(url); n++) {
      slug = `${base}-${n}`;
      url = `/${day}/${slug}/`;
    }
    if (slug !== base) {
      const first = taken.get(`/${day}/${base}/`);
      problems.push({
        severity: "warning", file: article.file, line: article.fieldLines["slug"] ?? article.fieldLines["title"] ?? 1, field: "slug",
        message: `address /${day}/${base}/ is already taken by ${first?.file ?? "another article"}; this one is published at ${url}`,
      });
    }
    taken.set(url, article);
    addresses.set(article, { slug, url });
  }
  return { addresses, problems };
}
