import { describe, expect, it } from "vitest";
import { foldMarks, isSafeSlug, slugify } from "../../src/article/slug.ts";

describe("slugify", () => {
  it("turns the seed title into its address", () => {
    expect(slugify("Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên")).toBe("nang-cao-chat-luong-to-chuc-co-so-dang-va-dang-vien");
  });

  it("maps đ and Đ to d (they have no decomposition)", () => {
    expect(slugify("Đông Triều")).toBe("dong-trieu");
    expect(slugify("ĐẠI ĐOÀN KẾT")).toBe("dai-doan-ket");
    expect(foldMarks("đĐ")).toBe("dD");
  });

  it("folds every Vietnamese vowel with its tone marks", () => {
    expect(slugify("ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự ý ỳ ỷ ỹ ỵ")).toBe(
      "a-a-a-a-a-a-a-a-a-a-e-e-e-e-e-o-o-o-o-o-o-o-o-o-o-u-u-u-u-u-y-y-y-y-y",
    );
  });

  it("gives the same slug for composed (NFC) and decomposed (NFD) input", () => {
    const title = "Hạ Long mùa lễ hội";
    expect(slugify(title.normalize("NFD"))).toBe(slugify(title.normalize("NFC")));
    expect(slugify(title.normalize("NFD"))).toBe("ha-long-mua-le-hoi");
  });

  it("collapses punctuation and spaces into single hyphens, none at the ends", () => {
    expect(slugify("  «Cô Tô» — 2017: 100% đỗ!  ")).toBe("co-to-2017-100-do");
    expect(slugify("a---b__c")).toBe("a-b-c");
  });

  it("is empty when there is nothing to make an address from", () => {
    expect(slugify("")).toBe("");
    expect(slugify("???")).toBe("");
    expect(slugify(" — … ! ")).toBe("");
  });

  it("caps length at 120 without a trailing hyphen", () => {
    const slug = slugify(`${"ab ".repeat(100)}`);
    expect(slug.length).toBeLessThanOrEqual(120);
    expect(slug.endsWith("-")).toBe(false);
    expect(slug.startsWith("ab-ab")).toBe(true);
  });
});

describe("isSafeSlug", () => {
  it.each(["nang-cao", "bai_1", "2017", "Ha-Long"])("accepts %j", (slug) => {
    expect(isSafeSlug(slug)).toBe(true);
  });

  it.each(["../x", "..", "a/b", "a\\b", "a\0b", "a b", "", "-a", "_a", ".hidden", "a.b", "x".repeat(121)])("rejects %j", (slug) => {
    expect(isSafeSlug(slug)).toBe(false);
  });
});
