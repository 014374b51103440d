/** Small helpers shared by the offline scripts. */

export const siteBase = () => document.documentElement.dataset["base"] ?? "/";

/** `t("offlineSaving", { done: 3 })` over the strings in an element's `data-strings`. */
export function translator(el: HTMLElement): (key: string, values?: Record<string, string | number>) => string {
  const strings = JSON.parse(el.dataset["strings"] ?? "{}") as Record<string, string>;
  return (key, values = {}) => (strings[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
}

/** `340 kB`, `12,3 MB` in the page's language. */
export function formatBytes(bytes: number): string {
  const lang = document.documentElement.lang || undefined;
  const number = (n: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1_000_000) return `${number(Math.max(1, Math.round(bytes / 1000)))} kB`;
  return `${number(bytes / 1_000_000)} MB`;
}

export function formatDate(iso: string): string {
  const lang = document.documentElement.lang || undefined;
  return new Date(iso).toLocaleString(lang, { dateStyle: "short", timeStyle: "short" });
}
