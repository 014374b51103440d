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
  // Ranked by score, then closeness in time, then address (unique): a total order, so keeping the best
  // `count` while passing over the candidates once gives what sorting them all would. Sorting some 60
  // candidates per article was a quarter of building the archive's views at 100,000 articles.
  const before = (a: ArticleView, aScore: number, b: ArticleView, bScore: number) =>
    bScore !== aScore ? aScore > bScore : Math.abs(a.timestamp - view.timestamp) !== Math.abs(b.timestamp - view.timestamp) ? Math.abs(a.timestamp - view.timestamp) < Math.abs(b.timestamp - view.timestamp) : a.url < b.url;
  const best: ArticleView[] = [];
  const bestScores: number[] = [];
  for (const [other, otherScore] of scores) {
    let at = best.length;
    if (at === count) {
      if (!before(other, otherScore, best[count - 1] as ArticleView, bestScores[count - 1] as number)) continue;
      at = count - 1;
    }
    while (at > 0 && before(other, otherScore, best[at - 1] as ArticleView, bestScores[at - 1] as number)) {
      best[at] = best[at - 1] as ArticleView;
      bestScores[at] = bestScores[at - 1] as number;
      at--;
    }
    best[at] = other;
    bestScores[at] = otherScore;
  }
  return best.map(linkTo);
}

/** Index of every article in each term's list, built once. */
export function termPositions(terms: Iterable<Term>): Map<Term, Map<ArticleView, number>> {
  const positions = new Map<Term, Map<ArticleView, number>>();
  for (const term of terms) positions.set(term, new Map(term.articles.map((v, i) => [v, i])));
  return positions;
}
