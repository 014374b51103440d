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
