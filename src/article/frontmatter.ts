import { CORE_SCHEMA, load as loadYaml } from "js-yaml";
import { LineCounter, parseDocument, isMap, type Document } from "yaml";

export interface SplitFile {
  /** YAML text between the fences, or null when the file has no front matter. */
  yaml: string | null;
  /** 1-based line of the file where the YAML starts. */
  yamlLine: number;
  body: string;
  bodyLine: number;
}

/** Split `---\nyaml\n---\nbody`. Input is already LF-normalised. */
export function splitFrontMatter(text: string): SplitFile {
  if (!text.startsWith("---\n") && text !== "---") {
    return { yaml: null, yamlLine: 1, body: text, bodyLine: 1 };
  }
  const close = /^---[ \t]*$/m;
  const rest = text.slice(4);
  const match = close.exec(rest);
  if (!match) return { yaml: null, yamlLine: 1, body: text, bodyLine: 1 };
  const yaml = rest.slice(0, match.index);
  const afterFence = rest.slice(match.index + match[0].length).replace(/^\n/, "");
  const yamlLines = yaml === "" ? 0 : yaml.split("\n").length - (yaml.endsWith("\n") ? 1 : 0);
  return { yaml, yamlLine: 2, body: afterFence, bodyLine: 2 + yamlLines + 1 };
}

export interface YamlError {
  line: number;
  message: string;
}

export interface ParsedYaml {
  data: Record<string, unknown> | null;
  errors: YamlError[];
  /** File line of the value at a path (falls back to the key's parent, then the first YAML line). */
  lineOf(path: readonly PropertyKey[]): number;
}

/** YAML with positions, so that every schema message can name the line it is about. */
export function parseYaml(yaml: string, firstLine: number): ParsedYaml {
  return parsePlainFrontMatter(yaml, firstLine) ?? parseYamlWithPositions(yaml, firstLine);
}

/** Top-level keys the fast path reads: a plain name at column 0, then `:` and a space or the line's end. */
const TOP_KEY = /^([A-Za-z][A-Za-z0-9_]*)[ \t]*:(?:[ \t]+(.*))?$/;
const PLAIN_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Keys that YAML reads as something other than their text (`yaml` makes `null:` the key "", js-yaml "null"). */
const NOT_TEXT_KEYS = new Set(["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]);

/**
 * Front matter as nearly every article writes it (`key: value` lines, lists and maps of strings
 * indented under a key), read by js-yaml, with each top-level value's line found by scanning the
 * lines. `yaml`'s Document, which keeps every node's position, took 66 µs an article of the bench
 * archive, this 6 µs: 6 CPU-seconds of a 100,000-article build. Only where both are sure to give
 * the same: no anchors, aliases, tags or merge keys; every value a string, null, or a list or map
 * of those (js-yaml reads `0b101` as a number where `yaml` keeps the text); the keys found at column
 * 0 exactly the keys read. Anything else, and every error, goes to parseYamlWithPositions, which
 * also answers lineOf for anything but a top-level value's line.
 */
export function parsePlainFrontMatter(yaml: string, firstLine: number): ParsedYaml | undefined {
  if (/[&*!]|<</.test(yaml)) return undefined;
  const keys: string[] = [];
  const valueLine = new Map<string, number>();
  let pending: string | null = null; // a key whose value starts on a later line
  const lines = yaml.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const first = line.charAt(0);
    if (line.trim() === "" || first === "#") continue;
    if (first === " ") {
      if (pending === null) continue; // a value's next line, or a comment
      if (line.trimStart().startsWith("#")) return undefined;
      valueLine.set(pending, i);
      pending = null;
      continue;
    }
    const match = TOP_KEY.exec(line);
    const key = match?.[1];
    if (!match || key === undefined || NOT_TEXT_KEYS.has(key) || keys.includes(key)) return undefined;
    keys.push(key);
    const rest = match[2] ?? "";
    pending = null;
    if (rest === "" || rest.startsWith("#")) pending = key;
    else valueLine.set(key, i);
  }
  let value: unknown;
  try {
    value = loadYaml(yaml, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (!isMapping(value)) return undefined;
  const read = Object.keys(value);
  if (read.length !== keys.length || read.some((k, i) => k !== keys[i])) return undefined;
  for (const key of keys) {
    const v = value[key];
    if (v !== null && (!valueLine.has(key) || !isTextTree(v))) return undefined;
  }
  let positions: ParsedYaml | undefined;
  const lineOf = (path: readonly PropertyKey[]): number => {
    const line = path.length === 1 ? valueLine.get(path[0] as string) : undefined;
    if (line !== undefined) return line + firstLine;
    positions ??= parseYamlWithPositions(yaml, firstLine);
    return positions.lineOf(path);
  };
  return { data: value, errors: [], lineOf };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** A string, null, or a list or map (of plain keys) of those. */
function isTextTree(value: unknown): boolean {
  if (value === null || typeof value === "string") return true;
  if (Array.isArray(value)) return value.every(isTextTree);
  if (!isMapping(value)) return false;
  return Object.entries(value).every(([k, v]) => PLAIN_KEY.test(k) && !NOT_TEXT_KEYS.has(k) && isTextTree(v));
}

/** `yaml`'s Document: every node's position, and its exact errors. */
export function parseYamlWithPositions(yaml: string, firstLine: number): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const errors = doc.errors.map((e) => ({
    line: toLine(e.pos[0]),
    message: e.message.split("\n")[0] ?? e.message,
  }));
  const lineOf = (path: readonly PropertyKey[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === "object" && node.range) return toLine(node.range[0]);
      // A key whose value is missing: find the key itself in the parent map.
      if (n > 0) {
        const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1) as unknown[], true);
        if (isMap(parent)) {
          const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path[n - 1]);
          const keyRange = (pair?.key as { range?: [number, number, number] } | null)?.range;
          if (keyRange) return toLine(keyRange[0]);
        }
      }
    }
    return firstLine;
  };
  if (errors.length > 0) return { data: null, errors, lineOf };
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (e) {
    // Aliases that expand without end (a "billion laughs" file) throw here: an error for this file, not a crash.
    return { data: null, errors: [{ line: firstLine, message: (e as Error).message }], lineOf };
  }
  if (value === null || value === undefined) return { data: {}, errors, lineOf };
  if (typeof value !== "object" || Array.isArray(value)) {
    return { data: null, errors: [{ line: firstLine, message: "front matter must be a mapping of field: value" }], lineOf };
  }
  return { data: value as Record<string, unknown>, errors, lineOf };
}
