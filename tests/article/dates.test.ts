import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { formatLongDate, formatShortDate, parseArticleDate, toIsoWithOffset } from "../../src/article/dates.ts";
import { ZONE } from "../helpers/articles.ts";

const WEEKDAYS = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

function parsed(value: unknown, zone = ZONE): DateTime {
  const r = parseArticleDate(value, zone);
  if (!r.ok) throw new Error(r.message);
  return r.date;
}

describe("parseArticleDate across the time-zone boundary", () => {
  it("keeps 23:30 +07:00 on the 24th", () => {
    const d = parsed("2017-08-24T23:30:00+07:00");
    expect(d.toFormat("yyyy/MM/dd")).toBe("2017/08/24");
    expect(toIsoWithOffset(d)).toBe("2017-08-24T23:30:00+07:00");
  });

  it("reads 16:30Z as 23:30 in Vietnam, still the 24th", () => {
    const d = parsed("2017-08-24T16:30:00Z");
    expect(d.toFormat("yyyy/MM/dd HH:mm")).toBe("2017/08/24 23:30");
    expect(toIsoWithOffset(d)).toBe("2017-08-24T23:30:00+07:00");
  });

  it("moves 17:30Z to the 25th in Vietnam", () => {
    expect(parsed("2017-08-24T17:30:00Z").toFormat("yyyy/MM/dd")).toBe("2017/08/25");
  });

  it("reads a date without offset in the archive's zone, not the machine's", () => {
    const d = parsed("2017-08-24T23:30:00");
    expect(toIsoWithOffset(d)).toBe("2017-08-24T23:30:00+07:00");
    expect(d.toUTC().toISO()).toBe("2017-08-24T16:30:00.000Z");
  });

  it("reads a bare day as midnight in the archive's zone", () => {
    expect(toIsoWithOffset(parsed("2017-08-24"))).toBe("2017-08-24T00:00:00+07:00");
  });

  it("honours other offsets and expresses them in the archive's zone", () => {
    expect(toIsoWithOffset(parsed("2017-08-24T20:00:00-05:00"))).toBe("2017-08-25T08:00:00+07:00");
    expect(toIsoWithOffset(parsed("2017-08-24T14:47:00+0700"))).toBe("2017-08-24T14:47:00+07:00");
  });

  it("trims surrounding white space", () => {
    expect(toIsoWithOffset(parsed("  2017-08-24T14:47:00+07:00 "))).toBe("2017-08-24T14:47:00+07:00");
  });
});

describe("parseArticleDate refuses what is not a real date", () => {
  it.each(["2017-02-30", "2017-13-01", "2017-08-24T25:00:00+07:00", "24/08/2017", "hôm qua"])("%j", (value) => {
    const r = parseArticleDate(value, ZONE);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(`"${value}" is not a real ISO 8601 date`);
  });

  it.each([undefined, null, "", "   ", 2017])("missing or not text: %j", (value) => {
    const r = parseArticleDate(value, ZONE);
    expect(r).toEqual({ ok: false, message: expect.stringContaining("required") });
  });

  it("asks for a quoted string when YAML gave a Date object", () => {
    const r = parseArticleDate(new Date("2017-08-24T07:47:00Z"), ZONE);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("quoted ISO 8601 string");
  });
});

describe("display", () => {
  it("prints the Vietnamese date line", () => {
    expect(formatLongDate(parsed("2017-08-24T14:47:00+07:00"), { weekdays: WEEKDAYS })).toBe("Thứ Năm, 24/08/2017, 14:47 (GMT+7)");
  });

  it("names Sunday from index 0 (Luxon counts it 7)", () => {
    expect(formatLongDate(parsed("2017-08-27T08:00:00+07:00"), { weekdays: WEEKDAYS })).toBe("Chủ Nhật, 27/08/2017, 08:00 (GMT+7)");
  });

  it("writes other offsets with sign and minutes", () => {
    const words = { weekdays: WEEKDAYS };
    expect(formatLongDate(DateTime.fromISO("2017-08-24T14:47:00-03:30", { setZone: true }), words)).toBe("Thứ Năm, 24/08/2017, 14:47 (GMT-3:30)");
    expect(formatLongDate(DateTime.fromISO("2017-08-24T14:47:00Z", { setZone: true }), words)).toBe("Thứ Năm, 24/08/2017, 14:47 (GMT+0)");
  });

  it("short date and ISO with offset, no milliseconds", () => {
    const d = parsed("2017-08-04T09:05:07.123+07:00");
    expect(formatShortDate(d)).toBe("04/08/2017");
    expect(toIsoWithOffset(d)).toBe("2017-08-04T09:05:07+07:00");
  });
});
