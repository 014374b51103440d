import { DateTime } from "luxon";
import type { Article } from "./model.ts";
import type { ParseResult } from "./parse.ts";

/** A share of the files for a loader thread; `options.now` travels as epoch milliseconds. */
export interface LoadChunk {
  dir: string;
  displayDir: string;
  files: string[];
  options: { timeZone: string; now?: number };
}

/** An Article as a thread can post it: its Luxon date as epoch milliseconds plus zone name. */
export type TransferableArticle = Omit<Article, "date"> & { date: { ms: number; zone: string } };
export interface TransferableResult {
  article: TransferableArticle | null;
  problems: ParseResult["problems"];
}

export function toTransferable(result: ParseResult): TransferableResult {
  const { article, problems } = result;
  if (!article) return { article: null, problems };
  return { article: { ...article, date: { ms: article.date.toMillis(), zone: article.date.zoneName ?? "UTC" } }, problems };
}

/** The same DateTime: same instant, same zone (an IANA name, or a fixed offset such as `UTC+7`). */
export function fromTransferable(result: TransferableResult): ParseResult {
  const { article, problems } = result;
  if (!article) return { article: null, problems };
  return { article: { ...article, date: DateTime.fromMillis(article.date.ms, { zone: article.date.zone }) }, problems };
}
