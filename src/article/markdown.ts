// markdown-it 14, on purpose (package.json `^14.3.3`, the line Eleventy 3 uses too; both lines are
// maintained): 15's build makes each token's fields through a `defineProperty` helper. The 14,214
// corpus texts render to the same HTML with both, in 0.92–1.01 s with 14.3.3 against 1.32–1.42 s with
// 15.0.3 (two rounds each, default options); at 100,000 articles that is about 3 s of parsing's CPU.
import MarkdownIt from "markdown-it";
import type { MarkdownIt as Md, Token } from "markdown-it";
import type { ArticleImage } from "./model.ts";

/** What the renderer needs to turn `[[figure n]]` into a `<figure>`. */
export interface FigureContext {
  images: readonly ArticleImage[];
  /** Public URL of an image whose file exists, or undefined to render the caption alone. */
  imageUrl(image: ArticleImage): string | undefined;
  creditLabel: string;
}

export interface RenderedBody {
  html: string;
  /** Figure numbers the body refers to that `images` does not have, with their 0-based body line. */
  missingFigures: { figure: number; line: number }[];
}

type Env = {
  figures: FigureContext;
  used: Set<number>;
  missing: { figure: number; line: number }[];
};

/**
 * markdown-it with raw HTML off: `<script>` and friends in a body come out as text. markdown-it's own
 * link validation already refuses `javascript:`, `vbscript:`, `file:` and most `data:` URLs.
 */
function createMarkdown(): Md {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.block.ruler.before("paragraph", "figure_marker", (state, startLine, _endLine, silent) => {
    const start = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
    const line = state.src.slice(start, state.eMarks[startLine]);
    const match = /^\[\[figure (\d+)\]\]\s*$/.exec(line);
    if (!match) return false;
    if (silent) return true;
    const token = state.push("figure_marker", "", 0);
    token.meta = { figure: Number(match[1]), line: startLine };
    token.map = [startLine, startLine + 1];
    state.line = startLine + 1;
    return true;
  });
  md.renderer.rules["figure_marker"] = (tokens, idx, _options, rawEnv) => {
    const env = rawEnv as unknown as Env;
    const meta = tokens[idx]?.meta as { figure: number; line: number };
    const image = env.figures.images[meta.figure - 1];
    if (!image) {
      env.missing.push(meta);
      return "";
    }
    env.used.add(meta.figure - 1);
    return renderFigure(md, image, env.figures);
  };
  md.core.ruler.push("archive_markup", (state) => {
    fixHeadingLevels(state.tokens);
    alignmentClasses(state.tokens);
  });
  return md;
}

/**
 * Body headings sit under the page's `<h1>` (the title): the body's levels, in the order they are used,
 * become h2, h3… and never skip one (`#` then `###` → h2 then h3), so the outline stays valid.
 */
function fixHeadingLevels(tokens: Token[]): void {
  const used = [...new Set(tokens.filter((t) => t.type === "heading_open").map((t) => Number(t.tag.slice(1))))].sort((a, b) => a - b);
  let previous = 1;
  let open: number | undefined;
  for (const token of tokens) {
    if (token.type === "heading_open") {
      open = Math.min(used.indexOf(Number(token.tag.slice(1))) + 2, previous + 1, 6);
      token.tag = `h${open}`;
      previous = open;
    } else if (token.type === "heading_close" && open !== undefined) {
      token.tag = `h${open}`;
      open = undefined;
    }
  }
}

/** Table column alignment as a class, not markdown-it's `style="text-align:…"`: no inline style under the CSP. */
function alignmentClasses(tokens: Token[]): void {
  for (const token of tokens) {
    if (token.type !== "th_open" && token.type !== "td_open") continue;
    const align = /^text-align:(left|center|right)$/.exec(String(token.attrGet("style") ?? ""))?.[1];
    if (token.attrs) token.attrs = token.attrs.filter(([name]) => name !== "style");
    if (align) token.attrSet("class", `align-${align}`);
  }
}

function renderFigure(md: Md, image: ArticleImage, ctx: FigureContext): string {
  const esc = md.utils.escapeHtml;
  const url = ctx.imageUrl(image);
  const img = url ? `<img src="${esc(url)}" alt="${esc(image.caption ?? "")}" loading="lazy" decoding="async">` : "";
  const credit = image.credit ? ` <span class="credit">${esc(ctx.creditLabel)}: ${esc(image.credit)}</span>` : "";
  const caption = image.caption || image.credit ? `<figcaption>${esc(image.caption ?? "")}${credit}</figcaption>` : "";
  if (!img && !caption) return "";
  return `<figure>${img}${caption}</figure>\n`;
}

const md = createMarkdown();

/** Body Markdown → HTML; figures not placed by a marker are shown before the text. */
export function renderBody(body: string, figures: FigureContext): RenderedBody {
  const env: Env = { figures, used: new Set(), missing: [] };
  const html = md.render(body, env);
  const lead = figures.images
    .map((image, i) => (env.used.has(i) ? "" : renderFigure(md, image, figures)))
    .join("");
  return { html: lead + html, missingFigures: env.missing };
}

/**
 * The start of plainText(html): all of it, or a prefix of it longer than `chars` characters. Made from
 * the HTML up to the end of a paragraph outside any figure, where plainText's every rule sees the
 * same input as in the whole (a lead of 200 characters needs the first paragraph or two of a body of
 * 5 kB). Measured at 100,000 articles: plainText was 1.9 s of each parse worker's 20 s.
 */
export function plainTextStart(html: string, chars: number): string {
  for (let from = chars; from < html.length; ) {
    const end = html.indexOf("</p>", from);
    if (end < 0) break;
    const prefix = html.slice(0, end + 4);
    if (count(prefix, "<figure>") === count(prefix, "</figure>")) {
      const text = plainText(prefix);
      if (text.length > chars) return text;
    }
    from = end + 4 + chars;
  }
  return plainText(html);
}

function count(text: string, what: string): number {
  let n = 0;
  for (let i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length)) n++;
  return n;
}

/** Text of a body for summaries and search excerpts: Markdown rendered, tags dropped, spaces folded. */
export function plainText(html: string): string {
  return html
    .replace(/<figure>[\s\S]*?<\/figure>/g, " ")
    // Block ends separate words; inline tags must not (`<strong>B</strong>.` is "B.", not "B .").
    .replace(/<\/(?:p|li|h[1-6]|blockquote|pre|td|th|tr|div|figcaption)>|<br\s*\/?>|<hr\s*\/?>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
