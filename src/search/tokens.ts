import { foldMarks } from "../article/slug.ts";

/** A word of text already made lowercase NFC (tokenize does that first). */
export const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Words as a reader types them and as the archive writes them: lowercase NFC runs of letters and
 * digits. Shared by the build (statistics) and the browser (queries), so both cut text alike.
 */
export function tokenize(text: string): string[] {
  return text.normalize("NFC").toLowerCase().match(WORD) ?? [];
}

/** `đường` → `duong`: the form a reader types without Vietnamese marks. */
export function foldToken(token: string): string {
  return foldMarks(token).toLowerCase();
}

/** True when the reader typed no marks at all in this word (and `d` rather than `đ`). */
export function isUnmarked(token: string): boolean {
  return foldToken(token) === token.toLowerCase();
}

/**
 * Which statistics file holds a folded word: its first two letters (`0` for digits, `_` for other
 * scripts), so that a query fetches a few small files rather than the whole vocabulary.
 */
export function shardOf(folded: string): string {
  const c = folded.charAt(0);
  if (c >= "0" && c <= "9") return "0";
  if (!(c >= "a" && c <= "z")) return "_";
  const d = folded.charAt(1);
  return d >= "a" && d <= "z" ? c + d : c;
}
