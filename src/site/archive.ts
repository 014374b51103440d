import type { Article, ArticleImage, Problem } from "../article/model.ts";
import { assignAddresses } from "../article/addresses.ts";
import { slugify } from "../article/slug.ts";
import { dateFields } from "../article/dates.ts";
import { hash } from "node:crypto";
import { plainTextStart, renderBody, type FigureContext } from "../article/markdown.ts";
import type { ArticleDigest } from "../article/parse-cache.ts";
import type { SiteSettings, Strings } from "./settings.ts";
import { groupTerms, nameSlugs, type TermOccurrence } from "./terms.ts";
import { relatedArticles, termPositions } from "./related.ts";
import { paginate, type ListingPage } from "./listings.ts";
import { linkTo, newestFirst, type ArticleView, type Term } from "./views.ts";
import { groupBy } from "./group-by.ts";

export interface MonthEntry { year: string; month: string; url: string; count: number }
export interface YearEntry { year: string; url: string; count: number; months: MonthEntry[] }

/** Everything the pages are made from, computed once per build in O(n log n). */
export interface Archive {
  /** Newest first. */
  articles: ArticleView[];
  listings: ListingPage[];
  sections: Term[];
  tags: Term[];
  authors: Term[];
  years: YearEntry[];
}

export interface ArchiveOptions {
  settings: SiteSettings;
  strings: Strings;
  /** Public URL for an image whose file exists, else undefined (the caption renders alone). */
  imageUrl(article: Article, image: ArticleImage): string | undefined;
  /** Articles whose body is known from the previous build (src/article/parse-cache.ts): not rendered unless their page is. */
  digests?: ReadonlyMap<Article, ArticleDigest>;
  /** Of those, the bodies already rendered (by src/site/parse-in-workers.ts): kept for their pages. */
  rendered?: ReadonlyMap<Article, string>;
  /**
   * Told the archive's articles as soon as they are in their final order (`archive.articles`, the
   * same array), before terms, related articles and listings are worked out: their titles, bodies
   * and dates are set, their term links not yet.
   */
  onOrdered?: (views: readonly ArticleView[]) => void;
}

export function buildArchive(all: readonly Article[], options: ArchiveOptions): { archive: Archive; problems: Problem[]; digests: Map<Article, ArticleDigest> } {
  const { settings, strings } = options;
  const problems: Problem[] = [];
  const published = all.filter((a) => !a.draft);
  // The slug of the title and the date as shown: from the parse cache's digest, else worked out here, once.
  const fieldsOf = new Map<Article, Pick<ArticleDigest, "titleSlug" | "dates">>();
  for (const article of published) {
    const known = options.digests?.get(article);
    fieldsOf.set(article, known ?? articleFields(article, strings));
  }
  const { addresses, problems: addressProblems } = assignAddresses(published, (article) => fieldsOf.get(article));
  problems.push(...addressProblems);

  const views: ArticleView[] = [];
  const digests = new Map<Article, ArticleDigest>();
  const sectionOcc: TermOccurrence[] = [];
  const tagOcc: TermOccurrence[] = [];
  const authorOcc: TermOccurrence[] = [];
  const sourceOf = new Map<ArticleView, Article>();

  for (const article of published) {
    const address = addresses.get(article);
    if (!address) continue;
    // Every image is resolved here, rendered or not: that is what finds missing files and lists the media to copy.
    const urls = article.images.map((image) => options.imageUrl(article, image));
    const figures = figuresOf(article, urls, strings);
    let digest = options.digests?.get(article);
    let html: () => string;
    if (digest) {
      const rendered = options.rendered?.get(article);
      html = rendered !== undefined ? constant(rendered) : renderLater(article, figures);
    } else {
      const fresh = digestArticle(article, figures, fieldsOf.get(article) as ArticleFields);
      digest = fresh.digest;
      html = constant(fresh.html);
    }
    digests.set(article, digest);
    for (const m of digest.missingFigures) {
      problems.push({
        severity: "error", file: article.file, line: article.bodyLine + m.line, field: "body",
        message: `[[figure ${m.figure}]] refers to image ${m.figure}, but images has ${article.images.length}`,
      });
    }
    const { dates } = digest;
    const own = ownFields(article, digest.lead);
    const view: ArticleView = {
      file: own.file,
      title: own.title,
      slug: address.slug,
      url: address.url,
      timestamp: dates.timestamp,
      dateIso: dates.dateIso,
      dateLong: dates.dateLong,
      dateShort: dates.dateShort,
      year: dates.year,
      month: dates.month,
      day: dates.day,
      tags: [],
      description: own.description,
      html,
      contentHash: digest.hash,
      fieldsHash: digest.fieldsHash,
      images: own.images,
      media: urls.filter((u): u is string => u !== undefined && u.startsWith("/")),
      related: [],
    };
    if (own.summary) view.summary = own.summary;
    if (own.source) view.source = own.source;
    views.push(view);
    sourceOf.set(view, article);
    const line = (field: string) => article.fieldLines[field] ?? 1;
    if (article.section) sectionOcc.push({ name: article.section, view, file: article.file, line: line("section") });
    for (const tag of article.tags) tagOcc.push({ name: tag, view, file: article.file, line: line("tags") });
    if (article.author) authorOcc.push({ name: article.author, view, file: article.file, line: line("author") });
  }

  views.sort(newestFirst);
  options.onOrdered?.(views);
  const slugOf = nameSlugs();
  const sections = groupTerms("section", sectionOcc, slugOf);
  const tags = groupTerms("tag", tagOcc, slugOf);
  const authors = groupTerms("author", authorOcc, slugOf);
  problems.push(...sections.problems, ...tags.problems, ...authors.problems);
  const allTerms = [...sections.terms.values(), ...tags.terms.values(), ...authors.terms.values()];
  for (const term of allTerms) term.articles.sort(newestFirst);

  // Each view learns its term links once; a term page then lists views without any lookup.
  const termsOf = new Map<ArticleView, { section?: Term; tags: Term[]; author?: Term }>();
  const entry = (v: ArticleView) => {
    let e = termsOf.get(v);
    if (!e) termsOf.set(v, (e = { tags: [] }));
    return e;
  };
  for (const t of sections.terms.values()) for (const v of t.articles) entry(v).section = t;
  for (const t of authors.terms.values()) for (const v of t.articles) entry(v).author = t;
  for (const t of tags.terms.values()) for (const v of t.articles) if (!entry(v).tags.includes(t)) entry(v).tags.push(t);

  const positions = termPositions(allTerms);
  views.forEach((view, i) => {
    const e = termsOf.get(view) ?? { tags: [] };
    if (e.section) view.section = { name: e.section.name, url: e.section.url };
    if (e.author) view.author = { name: e.author.name, url: e.author.url };
    const article = sourceOf.get(view);
    // Keep the article's own tag order.
    // By slug: a tag written `Ha Long` is listed under the shared term named `Hạ Long`. The slugs
    // the terms were grouped by, not worked out again; none for one tag.
    if (e.tags.length > 1) {
      const tagOrder = (article?.tags ?? []).map(slugOf);
      e.tags.sort((a, b) => tagOrder.indexOf(a.slug) - tagOrder.indexOf(b.slug));
    }
    view.tags = e.tags.map((t) => ({ name: t.name, url: t.url }));
    const newer = views[i - 1];
    const older = views[i + 1];
    if (newer) view.next = linkTo(newer);
    if (older) view.prev = linkTo(older);
    view.related = relatedArticles(view, e.tags, e.section, positions, settings.relatedCount);
  });

  const collator = new Intl.Collator(settings.language);
  const byName = (a: Term, b: Term) => collator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1);
  const sectionList = [...sections.terms.values()].sort(byName);
  const tagList = [...tags.terms.values()].sort(byName);
  const authorList = [...authors.terms.values()].sort(byName);

  const years = dateTree(views);
  const t = strings.text;
  const fill = (template: string | undefined, values: Record<string, string>) =>
    (template ?? "").replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");
  const size = settings.pageSize;
  const listings: ListingPage[] = [
    ...paginate("home", "", "/", views, size, "/feed.xml"),
    ...sectionList.flatMap((s) => paginate("section", s.name, s.url, s.articles, size, `${s.url}feed.xml`)),
    ...tagList.flatMap((s) => paginate("tag", s.name, s.url, s.articles, size)),
    ...authorList.flatMap((s) => paginate("author", s.name, s.url, s.articles, size)),
  ];
  const byYear = groupBy(views, (v) => v.year);
  const byMonth = groupBy(views, (v) => `${v.year}/${v.month}`);
  const byDay = groupBy(views, (v) => `${v.year}/${v.month}/${v.day}`);
  for (const [year, list] of byYear) listings.push(...paginate("year", fill(t["yearName"], { year }), `/${year}/`, list, size));
  for (const [key, list] of byMonth) {
    const [year = "", month = ""] = key.split("/");
    listings.push(...paginate("month", fill(t["monthName"], { year, month }), `/${key}/`, list, size));
  }
  for (const [key, list] of byDay) {
    const [year = "", month = "", day = ""] = key.split("/");
    listings.push(...paginate("day", fill(t["dayName"], { year, month, day }), `/${key}/`, list, size));
  }

  return { archive: { articles: views, listings, sections: sectionList, tags: tagList, authors: authorList, years }, problems, digests };
}

function dateTree(views: readonly ArticleView[]): YearEntry[] {
  const years = new Map<string, YearEntry>();
  for (const v of views) {
    let y = years.get(v.year);
    if (!y) years.set(v.year, (y = { year: v.year, url: `/${v.year}/`, count: 0, months: [] }));
    y.count++;
    let m = y.months.find((e) => e.month === v.month);
    if (!m) y.months.push((m = { year: v.year, month: v.month, url: `/${v.year}/${v.month}/`, count: 0 }));
    m.count++;
  }
  return [...years.values()];
}

/** What the address and the pages take of an article's title and date. */
export type ArticleFields = Pick<ArticleDigest, "titleSlug" | "dates">;

export function articleFields(article: Article, strings: Strings): ArticleFields {
  return { titleSlug: slugify(article.title), dates: dateFields(article.date, strings) };
}

/** How an article's `[[figure n]]` markers render: `urls` are its images' public URLs, in order (undefined: no file). */
export function figuresOf(article: Article, urls: readonly (string | undefined)[], strings: Strings): FigureContext {
  return {
    images: article.images,
    imageUrl: (image) => urls[article.images.indexOf(image)],
    creditLabel: strings.text["credit"] ?? "Ảnh",
  };
}

/** A body rendered, and what the parse cache keeps of it (the digest) so that the next build need not render it. */
export function digestArticle(article: Article, figures: FigureContext, fields: ArticleFields): { digest: ArticleDigest; html: string } {
  const rendered = renderBody(article.body, figures);
  const lead = truncate(plainTextStart(rendered.html, LEAD_CHARS), LEAD_CHARS);
  const digest = { lead, missingFigures: rendered.missingFigures, hash: sha1(article.body), fieldsHash: ownFieldsHash(ownFields(article, lead)), titleSlug: fields.titleSlug, dates: fields.dates };
  return { digest, html: rendered.html };
}

/** What a view takes as it is from its article and the article's lead. */
export type OwnFields = Pick<ArticleView, "file" | "title" | "summary" | "description" | "images" | "source">;

/** The one place that says how a view's own fields come from its article (buildArchive, and their hash in the digest). */
export function ownFields(article: Article, lead: string): OwnFields {
  const own: OwnFields = { file: article.file, title: article.title, description: article.summary ?? lead, images: article.images };
  if (article.summary) own.summary = article.summary;
  if (article.source) own.source = article.source;
  return own;
}

/**
 * Their hash (ArticleDigest.fieldsHash): worked out once, when the article is parsed, and kept by the
 * parse cache. Strings go in with their length, so that no two different sets of fields give the same text.
 */
export function ownFieldsHash(own: OwnFields): string {
  const text = (value: string | undefined) => (value === undefined ? "-" : `${value.length}:${value}`);
  return sha1(`${text(own.file)}${text(own.title)}${text(own.summary)}${text(own.description)}${text(JSON.stringify(own.images))}${text(own.source)}`);
}

/*
 * The two kinds of `html`, made outside buildArchive's loop on purpose: a closure there would share
 * the loop's scope, and with it every article's body, for as long as the views live (1 GB more at
 * 100,000 articles, enough to run the benchmark's baseline out of memory).
 */
function constant(html: string): () => string {
  return () => html;
}

function renderLater(article: Article, figures: FigureContext): () => string {
  return () => renderBody(article.body, figures).html;
}

function sha1(text: string): string {
  return hash("sha1", text, "base64url").slice(0, 22);
}

/** Characters of a body's text in its lead (the description when an article has no summary). */
const LEAD_CHARS = 200;

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
