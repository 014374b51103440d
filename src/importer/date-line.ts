import { DateTime, FixedOffsetZone } from "luxon";

/**
 * The date line of a scraped article: `Thứ Năm, 24/08/2017, 14:47 [GMT+7]` in the usual layout, and the
 * other shapes newsrooms print (no weekday, no zone, `GMT+07:00`, `24/8/2017 14:47`, `14h47`, ISO).
 *
 * The line is read as a set of tokens (date, time, zone, weekday) and accepted only when nothing but
 * separators and a few filler words is left over: a title that merely mentions a date is not a date line.
 */
export type DateLineResult =
  | {
      kind: "date";
      /** Expressed in the archive's zone. */
      date: DateTime;
      /** Things a reader should check; the date is still taken. */
      warnings: string[];
    }
  /** Shaped like a date line but not a real date or time (31/02/2017, 25:10). */
  | { kind: "invalid"; message: string }
  | { kind: "none" };

/** Luxon weekday (1 = Monday … 7 = Sunday) → how a Vietnamese paper prints it. */
export const VI_WEEKDAYS: Readonly<Record<number, string>> = {
  1: "Thứ Hai",
  2: "Thứ Ba",
  3: "Thứ Tư",
  4: "Thứ Năm",
  5: "Thứ Sáu",
  6: "Thứ Bảy",
  7: "Chủ Nhật",
};

const WEEKDAY_WORDS: Readonly<Record<string, number>> = {
  hai: 1, "2": 1,
  ba: 2, "3": 2,
  "tư": 3, tu: 3, "4": 3,
  "năm": 4, "5": 4,
  "sáu": 5, "6": 5,
  "bảy": 6, "bẩy": 6, "7": 6,
};

const B = "(?<![\\p{L}\\p{N}])"; // no letter or digit before
const E = "(?![\\p{L}\\p{N}])"; // no letter or digit after

const ISO_DATETIME = new RegExp(
  `${B}(\\d{4})-(\\d{2})-(\\d{2})[t ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?(z|[+-]\\d{2}:?\\d{2})?${E}`, "u");
const GMT_ZONE = new RegExp(`${B}(?:gmt|utc)\\s*(?:([+\\-−])\\s*(\\d{1,2})(?::(\\d{2})|(\\d{2}))?)?${E}`, "u");
const NUMERIC_DATE = new RegExp(`${B}(\\d{1,2})\\s*([/.\\-])\\s*(\\d{1,2})\\s*\\2\\s*(\\d{4})${E}`, "u");
const ISO_DATE = new RegExp(`${B}(\\d{4})-(\\d{1,2})-(\\d{1,2})${E}`, "u");
const WORDY_DATE = new RegExp(`${B}(\\d{1,2})\\s+tháng\\s+(\\d{1,2})(?:\\s*,\\s*|\\s+)(?:năm\\s+)?(\\d{4})${E}`, "u");
const TIME = new RegExp(
  `(?<![\\p{L}\\d:])(\\d{1,2})\\s*(?::|h|giờ)\\s*(\\d{2})(?:\\s*:\\s*(\\d{2}))?(?:\\s*(am|pm|sa|ch))?${E}`, "u");
const BARE_OFFSET = /(?<![\d:])([+-])(\d{2}):(\d{2})(?!\d)/u;
const WEEKDAY = new RegExp(`${B}(?:thứ\\s*(hai|ba|tư|tu|năm|sáu|bảy|bẩy|[2-7])|(chủ\\s*nhật|cn)|t([2-7]))${E}`, "u");
/** What may remain once the tokens are taken out. */
const FILLER = new RegExp(
  `${B}(?:ngày|lúc|giờ|cập nhật|đăng|thời gian|xuất bản|update|updated|published|posted|on|at)${E}|[\\s,;|/()\\[\\]:.\\-–—]`, "gu");

interface Found {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  /** Minutes east of UTC, when the line says. */
  offset?: number;
  weekday?: { luxon: number; written: string };
}

/** Read one line as a date line. `zone` is the archive's time zone (for lines that give no zone). */
export function readDateLine(line: string, zone: string): DateLineResult {
  let rest = line.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  if (rest === "" || !/\d/.test(rest)) return { kind: "none" };
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(rest);
    if (m) rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    return m;
  };

  const found: Partial<Found> = {};
  const iso = take(ISO_DATETIME);
  if (iso) {
    Object.assign(found, {
      year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]),
      hour: Number(iso[4]), minute: Number(iso[5]), second: iso[6] ? Number(iso[6]) : 0,
    });
    if (iso[7]) found.offset = offsetMinutes(iso[7]);
  }
  const gmt = take(GMT_ZONE);
  if (gmt) {
    if (found.offset !== undefined) return { kind: "none" };
    const sign = gmt[1] === "-" || gmt[1] === "−" ? -1 : 1;
    found.offset = gmt[2] ? sign * (Number(gmt[2]) * 60 + Number(gmt[3] ?? gmt[4] ?? 0)) : 0;
  }
  if (!iso) {
    const numeric = take(NUMERIC_DATE);
    const isoDate = numeric ? null : take(ISO_DATE);
    const wordy = numeric || isoDate ? null : take(WORDY_DATE);
    if (numeric) Object.assign(found, { day: Number(numeric[1]), month: Number(numeric[3]), year: Number(numeric[4]) });
    else if (isoDate) Object.assign(found, { year: Number(isoDate[1]), month: Number(isoDate[2]), day: Number(isoDate[3]) });
    else if (wordy) Object.assign(found, { day: Number(wordy[1]), month: Number(wordy[2]), year: Number(wordy[3]) });
    else return { kind: "none" };
    const time = take(TIME);
    if (time) {
      let hour = Number(time[1]);
      const half = time[4];
      if (half !== undefined) {
        if (hour < 1 || hour > 12) return { kind: "invalid", message: `"${line.trim()}": ${hour} is not an hour of a 12-hour clock` };
        const pm = half === "pm" || half === "ch";
        hour = (hour % 12) + (pm ? 12 : 0);
      }
      Object.assign(found, { hour, minute: Number(time[2]), second: time[3] ? Number(time[3]) : 0 });
    }
    if (found.offset === undefined) {
      const bare = take(BARE_OFFSET);
      if (bare) found.offset = offsetMinutes(bare[0]);
    }
  }
  const weekday = take(WEEKDAY);
  if (weekday) {
    const luxon = weekday[1] !== undefined ? WEEKDAY_WORDS[weekday[1]] : weekday[2] !== undefined ? 7 : WEEKDAY_WORDS[weekday[3] ?? ""];
    if (luxon !== undefined) found.weekday = { luxon, written: weekday[0] };
  }
  if (rest.replace(FILLER, "") !== "") return { kind: "none" };

  const { year, month, day } = found as Found;
  const written = `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
  const warnings: string[] = [];
  const hasTime = found.hour !== undefined;
  if (!hasTime) warnings.push(`no time of day in "${line.trim()}"; 00:00 assumed`);
  const wallClock = { year, month, day, hour: found.hour ?? 0, minute: found.minute ?? 0, second: found.second ?? 0 };
  const local = DateTime.fromObject(wallClock, {
    zone: found.offset === undefined ? zone : FixedOffsetZone.instance(found.offset),
  });
  if (!local.isValid) {
    const what = month < 1 || month > 12 || day < 1 || day > 31 || !DateTime.fromObject({ year, month, day }).isValid
      ? `${written} is not a real date (day/month/year)`
      : `${String(wallClock.hour).padStart(2, "0")}:${String(wallClock.minute).padStart(2, "0")} is not a real time of day`;
    return { kind: "invalid", message: `"${line.trim()}": ${what}` };
  }
  if (found.weekday && found.weekday.luxon !== local.weekday) {
    warnings.push(
      `weekday "${capitalize(found.weekday.written)}" does not match ${written}, which is a ${VI_WEEKDAYS[local.weekday]}; the date is kept`,
    );
  }
  return { kind: "date", date: local.setZone(zone), warnings };
}

function offsetMinutes(text: string): number {
  if (text === "z") return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function capitalize(text: string): string {
  return text.replace(/(^|\s)(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}
