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
  // startOf makes a new DateTime (and asks Intl for the zone's offset again): only when there are milliseconds to drop.
  return (date.millisecond === 0 ? date : date.startOf("second")).toISO({ suppressMilliseconds: true, includeOffset: true }) ?? "";
}

/**
 * `{ year: "2017", month: "08", day: "24", time: "14:47" }` in the date's own zone. From luxon's
 * fields rather than toFormat, which parses its pattern on every call: 100,000 articles spent
 * about a second there.
 */
export function calendarParts(date: DateTime): { year: string; month: string; day: string; time: string } {
  const two = (n: number) => String(n).padStart(2, "0");
  return { year: String(date.year).padStart(4, "0"), month: two(date.month), day: two(date.day), time: `${two(date.hour)}:${two(date.minute)}` };
}

/** `yyyy/MM`, the month an article is filed under (its listings, its search part). */
export function calendarMonth(date: DateTime): string {
  const { year, month } = calendarParts(date);
  return `${year}/${month}`;
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
  const { year, month, day, time } = calendarParts(date);
  return `${weekday}, ${day}/${month}/${year}, ${time} (${gmt})`;
}

function formatOffset(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? String(h) : `${h}:${String(m).padStart(2, "0")}`;
}

/** `24/08/2017`. */
export function formatShortDate(date: DateTime): string {
  const { year, month, day } = calendarParts(date);
  return `${day}/${month}/${year}`;
}

/** What pages show of an article's date, worked out once (and kept by the parse cache: luxon needs Intl for every DateTime in a named zone). */
export interface DateFields {
  timestamp: number;
  dateIso: string;
  dateLong: string;
  dateShort: string;
  year: string;
  month: string;
  day: string;
}

export function dateFields(date: DateTime, words: DateWords): DateFields {
  const { year, month, day } = calendarParts(date);
  return { timestamp: date.toMillis(), dateIso: toIsoWithOffset(date), dateLong: formatLongDate(date, words), dateShort: `${day}/${month}/${year}`, year, month, day };
}
