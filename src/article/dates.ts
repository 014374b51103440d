import { DateTime } from "luxon";

export type DateResult = { ok: true; date: DateTime } | { ok: false; message: string };

const WITH_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * Front matter dates: ISO 8601 with an offset is taken as written; without one it is read in the
 * archive's time zone (a newsroom writes local times). The result is always expressed in that zone so
 * that the day of an article never depends on the machine that builds it.
 */
export function parseArticleDate(value: unknown, zone: string): DateResult {
  if (value instanceof Date) {
    return { ok: false, message: "must be a quoted ISO 8601 string, e.g. \"2017-08-24T14:47:00+07:00\"" };
  }
  if (typeof value !== "string" || value.trim() === "") {
    return { ok: false, message: "required: an ISO 8601 date, e.g. 2017-08-24T14:47:00+07:00" };
  }
  const text = value.trim();
  const hasOffset = /T/.test(text) && WITH_OFFSET.test(text);
  const parsed = hasOffset
    ? DateTime.fromISO(text, { setZone: true })
    : DateTime.fromISO(text, { zone });
  if (!parsed.isValid) {
    return { ok: false, message: `"${text}" is not a real ISO 8601 date (${parsed.invalidExplanation ?? parsed.invalidReason})` };
  }
  return { ok: true, date: parsed.setZone(zone) };
}

/** `2017-08-24T14:47:00+07:00`: seconds kept, milliseconds dropped, offset always written. */
export function toIsoWithOffset(date: DateTime): string {
  return date.startOf("second").toISO({ suppressMilliseconds: true, includeOffset: true }) ?? "";
}

export interface DateWords {
  /** Sunday first, as JavaScript counts them. */
  weekdays: readonly string[];
}

/** `Thứ Năm, 24/08/2017, 14:47 (GMT+7)`: the way Vietnamese papers print a date line. */
export function formatLongDate(date: DateTime, words: DateWords): string {
  const weekday = words.weekdays[date.weekday % 7] ?? "";
  const offsetHours = date.offset / 60;
  const gmt = `GMT${offsetHours >= 0 ? "+" : "-"}${formatOffset(Math.abs(date.offset))}`;
  return `${weekday}, ${date.toFormat("dd/MM/yyyy, HH:mm")} (${gmt})`;
}

function formatOffset(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? String(h) : `${h}:${String(m).padStart(2, "0")}`;
}

/** `24/08/2017`. */
export function formatShortDate(date: DateTime): string {
  return date.toFormat("dd/MM/yyyy");
}
