import type { ArticleLink, ArticleView, Term } from "./views.ts";
import { linkTo } from "./views.ts";

/**
 * A few related articles per article, from shared tags and section. Only the neighbours of the article
 * within each of its terms' date-ordered lists are scored, so the cost is O(articles × terms × window),
 * never O(n²) even when one tag holds the whole archive.
 */
export function relatedArticles(
  view: ArticleView,
  tagTerms: readonly Term[],
  sectionTerm: Term | undefined,
  positions: Map<Term, Map<ArticleView, number>>,
  count: number,
): ArticleLink[] {
  if (count === 0) return [];
  const window = count * 2;
  const scores = new Map<ArticleView, number>();
  const score = (term: Term, weight: number) => {
    const at = positions.get(term)?.get(view);
    if (at === undefined) return;
    const from = Math.max(0, at - window);
    const to = Math.min(term.articles.length, at + window + 1);
    for (let i = from; i < to; i++) {
      const other = term.articles[i];
      if (!other || other === view) continue;
      scores.set(other, (scores.get(other) ?? 0) + weight);
    }
  };
  for (const term of tagTerms) score(term, 2);
  if (sectionTerm) score(sectionTerm, 1);
  return [...scores]
    .sort((a, b) => b[1] - a[1] || Math.abs(a[0].timestamp - view.timestamp) - Math.abs(b[0].timestamp - view.timestamp) || (a[0].url < b[0].url ? -1 : 1))
    .slice(0, count)
    .map(([other]) => linkTo(other));
}

/** Index of every article in each term's list, built once. */
export function termPositions(terms: Iterable<Term>): Map<Term, Map<ArticleView, number>> {
  const positions = new Map<Term, Map<ArticleView, number>>();
  for (const term of terms) positions.set(term, new Map(term.articles.map((v, i) => [v, i])));
  return positions;
}
