/**
 * The byline: the article's own last line, when that line is a person's name as Vietnamese papers print
 * it — two to four words, each capitalised (`Hoài Anh`, `Phạm Thiên Ý`, `Theo Hà Nội Mới`), or the
 * whole name in capitals (`DUY AN`).
 *
 * Deliberately narrow: `Mộc Miên (Tổng hợp)`, `Hải Yến - Đỗ Chang`, `Theo TTXVN` or `Đ. Đ` stay body
 * text. A missed byline is still printed as the last paragraph; a wrong one would drop a real sentence
 * into the `author` field.
 */
const TITLE_CASE_WORD = "\\p{Lu}\\p{Ll}*";
const CAPS_WORD = "\\p{Lu}{2,}";
const TITLE_CASE_NAME = new RegExp(`^${TITLE_CASE_WORD}(?: ${TITLE_CASE_WORD}){1,3}$`, "u");
const CAPS_NAME = new RegExp(`^${CAPS_WORD}(?: ${CAPS_WORD}){1,3}$`, "u");

export function isByline(line: string): boolean {
  const text = line.trim();
  return text.length <= 60 && (TITLE_CASE_NAME.test(text) || CAPS_NAME.test(text));
}
