import { decodeHTML } from "entities";
import { Parser } from "htmlparser2";

/**
 * What Pagefind 1.6 reads from one HTML page (parser.rs in its source), read the same way so that
 * the index we write is the one Pagefind would: the text of the `data-pagefind-body` elements, block
 * elements ended like sentences, headings and `data-pagefind-weight` marked for weighting, ids as
 * anchors, `data-pagefind-ignore`d parts and `nav`, `footer`, `script`… left out, and the filters,
 * meta and sort values wherever they are. The markers in `digest` (`___PAGEFIND_…`) are read by
 * page-words.ts.
 */
export interface PageHtml {
  digest: string;
  filters: Map<string, string[]>;
  sort: Map<string, string>;
  meta: Map<string, string>;
  /** `<counter>:<id>` → the text inside the element with that id. */
  anchorContent: Map<string, string>;
  /** The page has a `data-pagefind-body`: pages without one are left out of the index. */
  hasBody: boolean;
}

type Status = "indexing" | "ignored" | "excluded" | "body" | "parentOfBody";

interface DomNode {
  value: string;
  parent: DomNode | null;
  tag: string;
  filter: string[] | null;
  sort: string[] | null;
  meta: string[] | null;
  defaultMeta: string[] | null;
  weight: string | null;
  anchorIds: string[] | null;
  status: Status;
}

const SENTENCE = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section"]);
const INLINE = new Set(["a", "abbr", "acronym", "b", "bdo", "big", "br", "button", "cite", "code", "dfn", "em", "i", "img", "input", "kbd", "label", "map", "object", "output", "q", "samp", "script", "select", "small", "span", "strong", "sub", "sup", "textarea", "time", "tt", "var"]);
const REMOVE = new Set(["head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe", "template"]);
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const AUTO_WEIGHT: Record<string, string> = { h1: "7", h2: "6", h3: "5", h4: "4", h5: "3", h6: "2" };
// Rust's regex \w, plus the characters Pagefind counts as ending a sentence's last word.
const SENTENCE_CHAR = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}'")$*]$/u;
const ATTRIBUTE_REF = /^\s*([^:[\]]+)\[(.+)\]\s*$/;
// Unicode White_Space, as Rust's `\s` and split_whitespace (JavaScript's \s adds U+FEFF).
const WS = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const NEWLINES = /(\n|\r\n)+/g;
const EXTRA_SPACES = new RegExp(`[${WS}]{2,}`, "g");
const ALL_SPACES = new RegExp(`[${WS}]`, "g");
/** A run of white space, to split words at, as Rust's split_whitespace. */
export const WHITESPACE = new RegExp(`[${WS}]+`);
/** A decimal number as Rust parses a float (weights, sort values). */
export const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Pagefind's normalize_content: entities decoded, trimmed, newlines and runs of spaces made one
 * space. Text stays raw until then, as Pagefind reads it: a paragraph ending in `&#39;` gets no
 * full stop added, one ending in `'` does.
 */
export function normalizeContent(text: string): string {
  return trimSpaces(decodeHTML(text)).replace(NEWLINES, " ").replace(EXTRA_SPACES, " ");
}

/**
 * Rust's trim (Unicode White_Space at both ends, WS). One regex for both ends (`^…+|…+$`, g) tried
 * the end anchor at every run of spaces in the text: a sixth of reading a page.
 */
function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Whether a UTF-16 unit is one of WS. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

export function readPageHtml(html: string): PageHtml {
  const filters = new Map<string, string[]>();
  const sort = new Map<string, string>();
  const meta = new Map<string, string>();
  const defaultMeta = new Map<string, string>();
  const anchorContent = new Map<string, string>();
  const root: DomNode = newNode(null, "", "indexing");
  let current = root;
  let anchorCounter = 0;
  let inHtml = 0;

  const collect = (node: DomNode, tag: string, attrs: Record<string, string>) => {
    for (const f of node.filter ?? []) {
      const pair = attributePair(node, f);
      if (!pair) continue;
      const list = filters.get(pair[0]);
      if (list) list.push(normalizeContent(pair[1]));
      else filters.set(pair[0], [normalizeContent(pair[1])]);
    }
    for (const s of node.sort ?? []) {
      const pair = attributePair(node, s);
      if (pair) sort.set(pair[0], pair[1]);
    }
    for (const m of node.meta ?? []) {
      const pair = attributePair(node, m);
      if (pair) meta.set(pair[0], pair[1]);
    }
    for (const m of node.defaultMeta ?? []) {
      const pair = attributePair(node, m);
      if (pair) defaultMeta.set(pair[0], pair[1]);
    }
    if (tag === "img" && !meta.has("auto_image") && (meta.has("auto_title") || meta.has("title")) && attrs.src !== undefined) {
      meta.set("auto_image", attrs.src);
      if (attrs.alt !== undefined) meta.set("auto_image_alt", attrs.alt);
    }
  };

  const open = (tag: string, attrs: Record<string, string>) => {
    const ignore = attrs["data-pagefind-ignore"];
    const explicit: Status | null = ignore === undefined ? null : ["", "index", "true"].includes(ignore.toLowerCase()) ? "ignored" : "excluded";
    const status: Status = attrs["data-pagefind-body"] !== undefined ? "body" : (explicit ?? "indexing");
    let anchorId: string | null = null;
    if (status !== "excluded" && status !== "ignored" && attrs.id !== undefined) {
      const parent = current;
      if (!(parent.status === "parentOfBody" && status !== "body")) {
        const id = attrs.id.replace(ALL_SPACES, "");
        parent.value += ` ___PAGEFIND_ANCHOR___${tag}:${anchorCounter}:${id} `;
        anchorId = `${anchorCounter}:${id}`;
        anchorCounter++;
      }
    }
    if (status !== "excluded") {
      const indexAttrs = attrs["data-pagefind-index-attrs"];
      if (indexAttrs !== undefined) {
        for (const name of indexAttrs.split(",")) {
          let value = attrs[name.trim()] ?? "";
          if (SENTENCE_CHAR.test(value)) value += ".";
          current.value += ` ${value} `;
        }
      }
      if (tag === "br") current.value += " ";
    }
    let anchors = current.anchorIds && INLINE.has(tag) ? [...current.anchorIds] : null;
    if (anchorId !== null) anchors = anchors ? [...anchors, anchorId] : [anchorId];
    const node = newNode(current, tag, current.status === "excluded" ? "excluded" : status);
    node.filter = parseAttr(attrs["data-pagefind-filter"], attrs);
    node.meta = parseAttr(attrs["data-pagefind-meta"], attrs);
    node.defaultMeta = parseAttr(attrs["data-pagefind-default-meta"], attrs);
    node.sort = parseAttr(attrs["data-pagefind-sort"], attrs);
    node.weight = attrs["data-pagefind-weight"] ?? null;
    node.anchorIds = anchors;
    // Pagefind's excluded selectors (under its root, `html`) mark the element itself ignored.
    if (inHtml > 0 && REMOVE.has(tag)) node.status = "ignored";
    current = node;
    if (VOID.has(tag)) {
      current = node.parent as DomNode;
      if (node.status !== "excluded") collect(node, tag, attrs);
    }
  };

  const close = (tag: string) => {
    const node = current;
    if (node.parent) current = node.parent;
    if (node.status === "excluded") return;
    collect(node, tag, {});
    if (tag === "h1" && !meta.has("auto_title") && node.value.trim() !== "") meta.set("auto_title", normalizeContent(node.value));
    if (tag === "title" && !meta.has("auto_page_title")) meta.set("auto_page_title", normalizeContent(node.value));
    if (node.status === "ignored") return;
    if (SENTENCE.has(tag)) {
      node.value = " " + node.value;
      if (SENTENCE_CHAR.test(node.value)) node.value += ".";
      node.value += " ";
    }
    if (node.weight !== null) node.value = ` ___PAGEFIND_WEIGHT___${node.weight} ${node.value} ___END_PAGEFIND_WEIGHT___ `;
    else if (AUTO_WEIGHT[tag]) node.value = ` ___PAGEFIND_AUTO_WEIGHT___${AUTO_WEIGHT[tag]} ${node.value} ___END_PAGEFIND_WEIGHT___ `;
    const parent = current;
    if (parent.status === "parentOfBody" && node.status !== "body" && node.status !== "parentOfBody") return;
    if (node.status === "indexing") parent.value += node.value;
    else if (node.status === "body" || node.status === "parentOfBody") {
      if (parent.status !== "parentOfBody") parent.value = "";
      parent.value += node.value;
      parent.status = "parentOfBody";
    }
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "html") inHtml++;
        open(name, attrs);
      },
      onclosetag(name, implied) {
        // Void elements were closed when opened; an element closed by the parser without an end
        // tag stays open, as in Pagefind's parser, which only sees real end tags.
        if (VOID.has(name) || implied) return;
        close(name);
        if (name === "html") inHtml--;
      },
      ontext(text) {
        if (inHtml === 0) return;
        const node = current;
        node.value += text;
        if (node.status !== "ignored" && node.status !== "excluded" && node.anchorIds) {
          for (const id of node.anchorIds) anchorContent.set(id, (anchorContent.get(id) ?? "") + text);
        }
      },
    },
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();

  // Elements never closed fold into their parents, as Pagefind's parser does at the end.
  for (let node = current; node.parent; node = node.parent) {
    const parent = node.parent;
    if (parent.status === "parentOfBody") continue;
    if (node.status === "indexing") parent.value += node.value;
    else if (node.status === "body" || node.status === "parentOfBody") {
      parent.value = node.value;
      parent.status = "parentOfBody";
    }
  }
  const image = take(meta, "auto_image");
  if (image !== undefined) {
    const alt = take(meta, "auto_image_alt") ?? "";
    if (!meta.has("image")) {
      meta.set("image", image);
      meta.set("image_alt", alt);
    }
  }
  for (const auto of ["auto_title", "auto_page_title"]) {
    const title = take(meta, auto);
    if (title !== undefined && !meta.has("title")) meta.set("title", title);
  }
  for (const [k, v] of meta) defaultMeta.set(k, v);
  return { digest: normalizeContent(root.value), filters, sort, meta: defaultMeta, anchorContent, hasBody: root.status === "parentOfBody" };
}

function newNode(parent: DomNode | null, tag: string, status: Status): DomNode {
  return { value: "", parent, tag, filter: null, sort: null, meta: null, defaultMeta: null, weight: null, anchorIds: null, status };
}

function take(map: Map<string, string>, key: string): string | undefined {
  const value = map.get(key);
  map.delete(key);
  return value;
}

/** `name`, `name:literal`, `a, b[attr]`: Pagefind's attribute syntax for filters, meta and sort. */
function parseAttr(input: string | undefined, attrs: Record<string, string>): string[] | null {
  if (input === undefined) return null;
  const colon = input.indexOf(":");
  if (colon >= 0) {
    const list = parseAttr(input.slice(0, colon), attrs) ?? [];
    const last = list.length - 1;
    if (last >= 0) list[last] += `:${input.slice(colon + 1)}`;
    return list;
  }
  return input.split(",").map((chunk) => {
    const trimmed = chunk.trim();
    const ref = ATTRIBUTE_REF.exec(trimmed);
    return ref ? `${ref[1]}:${attrs[ref[2] as string] ?? ""}` : trimmed;
  });
}

function attributePair(node: DomNode, input: string): [string, string] | null {
  const colon = input.indexOf(":");
  if (colon >= 0) return [input.slice(0, colon), input.slice(colon + 1)];
  return node.value === "" ? null : [input, normalizeContent(node.value)];
}
