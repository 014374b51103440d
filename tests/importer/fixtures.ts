/** Raw inputs for the importer tests, in the scraped layout of shared/seed. */
import path from "node:path";

export const SEED = path.resolve(import.meta.dirname, "../../../shared/seed/000_0c6f25c183d959ae.txt");

export interface RawParts {
  section?: string | null;
  title?: string;
  dateLine?: string | null;
  /** Body lines; a caption is given as `{ caption: text }` and comes out on two lines. */
  body?: (string | { caption: string })[];
  byline?: string;
  dots?: number;
}

export function raw(parts: RawParts = {}): string {
  const out: string[] = [];
  if (parts.section !== null) out.push(parts.section ?? "Xã hội", "");
  out.push(parts.title ?? "Tiêu đề bài viết", "");
  if (parts.dateLine !== null) out.push(parts.dateLine ?? "Thứ Năm, 24/08/2017, 14:47 [GMT+7]");
  out.push(".", ".", "");
  for (const item of parts.body ?? ["Đoạn một.", "Đoạn hai."]) {
    if (typeof item === "object") out.push(item.caption, item.caption, "");
    else out.push(item, "");
  }
  if (parts.byline !== undefined) out.push(parts.byline, "");
  for (let i = 0; i < (parts.dots ?? 3); i++) out.push(".");
  return out.join("\n");
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
