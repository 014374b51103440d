import type { ArticleView } from "./views.ts";

export type ListingKind = "home" | "section" | "tag" | "author" | "year" | "month" | "day";

/** One page of one listing; every listing of the site is flattened into one array of these. */
export interface ListingPage {
  kind: ListingKind;
  /** The thing listed: a section name, `Năm 2017`… (empty for home, whose heading is the UI string). */
  title: string;
  baseUrl: string;
  url: string;
  pageNumber: number;
  pageCount: number;
  total: number;
  items: ArticleView[];
  prevUrl?: string;
  nextUrl?: string;
  feedUrl?: string;
}

export function pageUrl(baseUrl: string, pageNumber: number): string {
  return pageNumber === 1 ? baseUrl : `${baseUrl}page/${pageNumber}/`;
}

/** Split a newest-first list into pages at `/base/`, `/base/page/2/`… with prev/next links. */
export function paginate(
  kind: ListingKind,
  title: string,
  baseUrl: string,
  views: readonly ArticleView[],
  pageSize: number,
  feedUrl?: string,
): ListingPage[] {
  const pageCount = Math.max(1, Math.ceil(views.length / pageSize));
  const pages: ListingPage[] = [];
  for (let n = 1; n <= pageCount; n++) {
    const page: ListingPage = {
      kind, title, baseUrl,
      url: pageUrl(baseUrl, n),
      pageNumber: n, pageCount, total: views.length,
      items: views.slice((n - 1) * pageSize, n * pageSize),
    };
    if (n > 1) page.prevUrl = pageUrl(baseUrl, n - 1);
    if (n < pageCount) page.nextUrl = pageUrl(baseUrl, n + 1);
    if (feedUrl) page.feedUrl = feedUrl;
    pages.push(page);
  }
  return pages;
}
