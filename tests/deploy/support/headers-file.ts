/**
 * deploy/_headers read the way the two hosts read it.
 * - Netlify: the path regex of netlify/build's headers-parser (for_regexp.ts): `:name` is one segment,
 *   a lone `*` segment matches the rest, a `*` inside a segment is `(.*)` (across `/` too, and `.`
 *   stays a regex wildcard); case-insensitive, optional trailing slash.
 * - Cloudflare Pages: `*` (splat) matches anything, `:name` one segment, the rest literally.
 * Both apply every matching rule; Cloudflare joins a header set by two rules with ", ".
 */
export interface HeaderRule {
  pattern: string;
  line: number;
  headers: Array<[name: string, value: string]>;
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "" || line.trim().startsWith("#")) return;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), line: i + 1, headers: [] });
      return;
    }
    const rule = rules.at(-1);
    const m = /^\s+([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (!rule || !m) throw new Error(`_headers line ${i + 1}: not a "Name: value" under a path: ${line}`);
    rule.headers.push([m[1]!, m[2]!.trim()]);
  });
  return rules;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function netlifyRegExp(pattern: string): RegExp {
  const parts = pattern.split("/").map((p) => p.trimEnd()).filter(Boolean).map((part) => {
    if (part.startsWith(":")) return "([^/]+)";
    if (part === "*") return "?(.*)";
    if (part.includes("*")) return part.replaceAll("*", "(.*)");
    return escape(part);
  });
  return new RegExp(`^/${parts.join("/")}/?$`, "iu");
}

export function cloudflareRegExp(pattern: string): RegExp {
  const source = pattern.split(/(\*|:[A-Za-z_][A-Za-z0-9_]*)/).map((piece) => {
    if (piece === "*") return ".*";
    if (piece.startsWith(":")) return "[^/]+";
    return escape(piece);
  }).join("");
  return new RegExp(`^${source}$`);
}

export type Host = "netlify" | "cloudflare";

/** Headers the file adds for a request path: name (lower case) → every value set, in rule order. */
export function headersFor(rules: readonly HeaderRule[], urlPath: string, host: Host): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rule of rules) {
    const re = host === "netlify" ? netlifyRegExp(rule.pattern) : cloudflareRegExp(rule.pattern);
    if (!re.test(urlPath)) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      out.set(key, [...(out.get(key) ?? []), value]);
    }
  }
  return out;
}
