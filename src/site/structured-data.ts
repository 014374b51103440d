import type { SiteSettings } from "./settings.ts";
import type { ArticleView } from "./views.ts";

/** schema.org NewsArticle for one article page. */
export function newsArticleJsonLd(article: ArticleView, site: SiteSettings, absolute: (url: string) => string): Record<string, unknown> {
  const data: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    datePublished: article.dateIso,
    dateModified: article.dateIso,
    inLanguage: site.language,
    mainEntityOfPage: absolute(article.url),
    url: absolute(article.url),
    description: article.description,
    publisher: { "@type": "Organization", name: site.name, url: absolute("/") },
  };
  if (article.author) data["author"] = { "@type": "Person", name: article.author.name, url: absolute(article.author.url) };
  else data["author"] = { "@type": "Organization", name: site.name };
  if (article.section) data["articleSection"] = article.section.name;
  if (article.tags.length > 0) data["keywords"] = article.tags.map((t) => t.name).join(", ");
  return data;
}

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/;

/**
 * JSON for inside a `<script>` element: `<`, `>`, `&` and line separators escaped as \u sequences,
 * so no string in an article can close the element or start markup.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  // Most JSON has none of them (the offline lists' 49 MB of file names at 100,000 articles): one scan
  // to find out instead of five replacements that each scan it all.
  if (!UNSAFE_IN_SCRIPT.test(json)) return json;
  return json
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
