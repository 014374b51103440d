/**
 * A photo caption and its credit. Scraped captions end with the photographer's name in a few shapes:
 * `… tháng 8-2017. Ảnh: Thanh Tùng`, `… - Ảnh: CTV`, `… (Ảnh: Doãn Tấn / TTXVN).`, `… - ẢNH: HÀ THANH.`
 *
 * Only the plain `Ảnh:` / `Photo:` label becomes a credit (the site prints its own "Ảnh:" before it).
 * Any other label (`Đồ hoạ:`, `Video:`, `Ảnh minh hoạ:`, `Nguồn:`) and label-less forms
 * (`- Ảnh chụp màn hình`) stay in the caption as written, so nothing is lost and nothing is mislabelled.
 */
export interface CaptionParts {
  /** Absent when the line is nothing but a credit. */
  caption?: string;
  credit?: string;
}

const LABEL = /(ảnh|photo)\s*:/giu;
/** What may stand right before the label: nothing, a dash, an opening bracket, a comma or the end of a sentence. */
const BOUNDARY_BEFORE = /(^|[-–—(\[|.!?…;,])\s*$/u;
const MAX_CREDIT = 80;

export function splitCredit(text: string): CaptionParts {
  const line = text.trim();
  let match: RegExpExecArray | null = null;
  for (const m of line.matchAll(LABEL)) match = m;
  if (match === null) return whole(line);

  const before = line.slice(0, match.index);
  const capitalised = /^(Ảnh|ẢNH|Photo|PHOTO)$/u.test(match[1] ?? "");
  // `… chào đón Ảnh: X` (no separator) counts only with a capital label; `Trong ảnh: …` never does.
  if (!BOUNDARY_BEFORE.test(before) && !(capitalised && /\s$/u.test(before))) return whole(line);

  let credit = line.slice(match.index + match[0].length).trim();
  let caption = before.trimEnd();
  const opener = caption.slice(-1);
  if (opener === "(" || opener === "[") {
    const closer = opener === "(" ? ")" : "]";
    const close = new RegExp(`\\${closer}\\s*([.!?…]?)$`, "u").exec(credit);
    if (!close) return whole(line);
    credit = credit.slice(0, close.index).trim();
  }
  credit = credit.replace(/^[-–—:]\s*/u, "");
  // A final full stop ends the line, not the name, unless it closes an initial (`M.T.`, `Đ. V.`).
  if (/\.$/u.test(credit) && !/(^|[\s.])\p{L}\.$/u.test(credit)) credit = credit.slice(0, -1).trimEnd();
  if (credit === "" || credit.length > MAX_CREDIT || !balanced(credit)) return whole(line);

  caption = caption.replace(/\s*[-–—(\[|,]\s*$/u, "").trimEnd(); // the separator, not the caption's own stop
  return caption === "" ? { credit } : { caption, credit };
}

/** `TRUNG KIÊN (Facebook)` is a credit; `ĐÌNH PHƯƠNG)` closes a bracket the caption opened. */
function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

function whole(line: string): CaptionParts {
  return line === "" ? {} : { caption: line };
}
