/**
 * The search index is built in parts, each a contiguous span of months, so that no indexer ever
 * holds more than one part in memory, parts
 * can be built apart (in parallel, or on other machines) and only the parts whose pages changed are
 * built again. The browser merges them (Pagefind's mergeIndex), newest first.
 */

/** What the planner needs of an article. */
export interface PartInput {
  url: string;
  year: string;
  month: string;
}

export interface IndexPart {
  /** `2016-01_2017-12`: first and last month with articles; also its folder name. */
  id: string;
  /** Output-relative folder of its Pagefind files, ending in `/`. The newest part is the primary index, `pagefind/`. */
  dir: string;
  /** Months covered, `yyyy/MM`, oldest first: the article pages under them are this part's. */
  months: string[];
  years: string[];
  articles: number;
}

/** What the search page gets about each part, newest first. */
export interface PartSummary {
  dir: string;
  years: string[];
  articles: number;
}

/**
 * Parts hold at least this many articles (the last, newest one excepted) unless set otherwise. An
 * edit re-indexes its whole part (Pagefind took about 1.5 ms an article page) and the first search
 * loads the newest part; a search over every year merges every part. At 100,000 articles, one edited,
 * when this was chosen: parts of 4,000 (18 parts) rebuilt in 38–41 s, parts of 2,000 (36 parts) in
 * 29–34 s. Later work on the rebuild brought the latter to about 21 s, 6 s of it the part's index.
 */
export const DEFAULT_PART_ARTICLES = 2000;
export const PRIMARY_DIR = "pagefind/";
export const PARTS_DIR = "pagefind/parts/";

/**
 * Months oldest to newest, grouped greedily: a part closes at the end of a year once it holds
 * `target` articles, or mid-year once it holds twice that. Grouping from the oldest keeps history
 * stable: editing an article never moves a boundary, and new articles only touch the newest parts.
 * Returned newest first.
 */
export function planIndexParts(articles: Iterable<PartInput>, target = DEFAULT_PART_ARTICLES): IndexPart[] {
  if (!Number.isInteger(target) || target < 1) throw new Error(`search part size must be a positive whole number, got ${target}`);
  const perMonth = new Map<string, number>();
  for (const a of articles) {
    const key = `${a.year}/${a.month}`;
    perMonth.set(key, (perMonth.get(key) ?? 0) + 1);
  }
  const months = [...perMonth.keys()].sort();
  const parts: IndexPart[] = [];
  let open: string[] = [];
  let count = 0;
  const close = () => {
    if (open.length === 0) return;
    const first = (open[0] as string).replace("/", "-");
    const last = (open[open.length - 1] as string).replace("/", "-");
    const id = `${first}_${last}`;
    parts.push({ id, dir: `${PARTS_DIR}${id}/`, months: open, years: [...new Set(open.map((m) => m.slice(0, 4)))], articles: count });
    open = [];
    count = 0;
  };
  months.forEach((month, i) => {
    open.push(month);
    count += perMonth.get(month) ?? 0;
    const yearEnds = months[i + 1]?.slice(0, 4) !== month.slice(0, 4);
    if ((yearEnds && count >= target) || count >= 2 * target) close();
  });
  close();
  parts.reverse();
  if (parts[0]) parts[0].dir = PRIMARY_DIR;
  return parts;
}

export function partSummaries(parts: readonly IndexPart[]): PartSummary[] {
  return parts.map((p) => ({ dir: p.dir, years: p.years, articles: p.articles }));
}

/** The part holding an article (by its month), from `parts`: the months mapped once. */
export function partFinder(parts: readonly IndexPart[]): (article: Pick<PartInput, "year" | "month">) => IndexPart | undefined {
  const byMonth = new Map<string, IndexPart>();
  for (const part of parts) for (const month of part.months) byMonth.set(month, part);
  return (article) => byMonth.get(`${article.year}/${article.month}`);
}

/** Of the part ids `ids` (each its first and last month, as planIndexParts names them), those holding any of `months` (`yyyy/MM`). */
export function partsHolding(months: Iterable<string>, ids: readonly string[]): string[] {
  const span = (id: string) => id.split("_").map((m) => m.replace("-", "/"));
  const spans = ids.map((id) => ({ id, span: span(id) }));
  const found = new Set<string>();
  for (const month of months) {
    const hit = spans.find(({ span: [first = "", last = ""] }) => month >= first && month <= last);
    if (hit) found.add(hit.id);
  }
  return [...found];
}
