import { describe, expect, it } from "vitest";
import { readDateLine } from "../../src/importer/date-line.ts";

const ZONE = "Asia/Ho_Chi_Minh";
const iso = (line: string) => {
  const r = readDateLine(line, ZONE);
  return r.kind === "date" ? r.date.toISO({ suppressMilliseconds: true }) : r.kind;
};
const warnings = (line: string) => {
  const r = readDateLine(line, ZONE);
  return r.kind === "date" ? r.warnings : [];
};

describe("readDateLine", () => {
  it("reads the scraped shape", () => {
    expect(iso("Thứ Năm, 24/08/2017, 14:47 [GMT+7]")).toBe("2017-08-24T14:47:00+07:00");
    expect(warnings("Thứ Năm, 24/08/2017, 14:47 [GMT+7]")).toEqual([]);
  });

  it.each([
    ["no [GMT+7]", "Thứ Năm, 24/08/2017, 14:47"],
    ["GMT+07:00", "Thứ Năm, 24/08/2017, 14:47 GMT+07:00"],
    ["(GMT+7)", "Thứ Năm, 24/08/2017, 14:47 (GMT+7)"],
    ["UTC+0700", "24/08/2017 14:47 UTC+0700"],
    ["short day and month, no weekday", "24/8/2017 14:47"],
    ["no weekday, commas", "24/08/2017, 14:47"],
    ["lower-case weekday", "thứ năm, 24/08/2017 - 14:47"],
    ["weekday as a number", "Thứ 5, 24/8/2017 14:47"],
    ["T5", "T5, 24/08/2017 14:47"],
    ["dashes", "24-08-2017 14:47"],
    ["dots and a bar", "24.08.2017 | 14:47"],
    ["14h47", "24/08/2017 14h47"],
    ["time first", "14:47 24/08/2017"],
    ["words", "Thứ Năm, ngày 24 tháng 8 năm 2017, 14:47"],
    ["Cập nhật", "Cập nhật: 24/08/2017 lúc 14:47"],
    ["12-hour clock", "24/08/2017 2:47 PM"],
    ["ISO", "2017-08-24T14:47:00+07:00"],
    ["ISO without zone", "2017-08-24 14:47"],
    ["extra spaces and tabs", "  Thứ Năm ,\t24/08/2017 ,  14:47   [GMT+7] "],
  ])("reads %s", (_, line) => {
    expect(iso(line)).toBe("2017-08-24T14:47:00+07:00");
  });

  it("reads Chủ Nhật, and converts another zone into the archive's", () => {
    expect(iso("Chủ Nhật, 27/08/2017, 09:05 [GMT+8]")).toBe("2017-08-27T08:05:00+07:00");
    expect(warnings("Chủ Nhật, 27/08/2017, 09:05 [GMT+8]")).toEqual([]);
    expect(iso("2017-08-24T07:47:00Z")).toBe("2017-08-24T14:47:00+07:00");
  });

  it("warns when the weekday does not agree with the date, and keeps the date", () => {
    const r = readDateLine("Thứ Tư, 24/08/2017, 14:47 [GMT+7]", ZONE);
    expect(r.kind).toBe("date");
    if (r.kind !== "date") return;
    expect(r.date.toISO({ suppressMilliseconds: true })).toBe("2017-08-24T14:47:00+07:00");
    expect(r.warnings).toEqual(['weekday "Thứ Tư" does not match 24/08/2017, which is a Thứ Năm; the date is kept']);
  });

  it("checks the weekday against the date as written, before any zone conversion", () => {
    // 23:30 at GMT+5 on Thursday is already Friday in Vietnam: the paper's weekday is still right.
    expect(warnings("Thứ Năm, 24/08/2017, 23:30 [GMT+5]")).toEqual([]);
    expect(iso("Thứ Năm, 24/08/2017, 23:30 [GMT+5]")).toBe("2017-08-25T01:30:00+07:00");
  });

  it("takes a date without a time at midnight, with a warning", () => {
    expect(iso("Thứ Năm, 24/08/2017")).toBe("2017-08-24T00:00:00+07:00");
    expect(warnings("Thứ Năm, 24/08/2017")).toEqual(['no time of day in "Thứ Năm, 24/08/2017"; 00:00 assumed']);
  });

  it("calls a date-shaped line that is no real date invalid", () => {
    expect(readDateLine("Thứ Năm, 31/02/2017, 14:47 [GMT+7]", ZONE)).toEqual({
      kind: "invalid",
      message: '"Thứ Năm, 31/02/2017, 14:47 [GMT+7]": 31/02/2017 is not a real date (day/month/year)',
    });
    expect(readDateLine("24/13/2017 10:00", ZONE).kind).toBe("invalid");
    expect(readDateLine("24/08/2017 25:10", ZONE)).toEqual({ kind: "invalid", message: '"24/08/2017 25:10": 25:10 is not a real time of day' });
  });

  it.each([
    ["a title that mentions a date", "Quyết định thu hồi đất ngày 30-4-2017"],
    ["a paragraph with a date", "Ngày 24/08/2017, UBND tỉnh đã họp."],
    ["text without digits", "Thứ Năm"],
    ["a number", "167"],
    ["empty", ""],
    ["a time alone", "14:47"],
  ])("does not take %s for a date line", (_, line) => {
    expect(readDateLine(line, ZONE)).toEqual({ kind: "none" });
  });
});
