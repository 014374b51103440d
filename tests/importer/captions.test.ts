import { describe, expect, it } from "vitest";
import { splitCredit } from "../../src/importer/captions.ts";

describe("splitCredit", () => {
  it("splits the seed's caption: the caption keeps its own full stop", () => {
    expect(
      splitCredit("TP Hạ Long tổ chức bồi dưỡng nghiệp vụ cho 167 bí thư chi bộ đồng thời là khu trưởng khu phố trên địa bàn, tháng 8-2017. Ảnh: Thanh Tùng"),
    ).toEqual({
      caption: "TP Hạ Long tổ chức bồi dưỡng nghiệp vụ cho 167 bí thư chi bộ đồng thời là khu trưởng khu phố trên địa bàn, tháng 8-2017.",
      credit: "Thanh Tùng",
    });
  });

  it.each([
    ["dash", "Nam thanh niên trên xe buýt - Ảnh: CTV", "Nam thanh niên trên xe buýt", "CTV"],
    ["en dash, capitals, final stop", "Một góc triển lãm – ẢNH: THIÊN ĐIỂU.", "Một góc triển lãm", "THIÊN ĐIỂU"],
    ["brackets", "Lễ ký kết (Ảnh: Doãn Tấn / TTXVN).", "Lễ ký kết", "Doãn Tấn / TTXVN"],
    ["lower-case in brackets", "Hiện trường vụ cháy (ảnh: Minh Sơn)", "Hiện trường vụ cháy", "Minh Sơn"],
    ["a comma", "Cụ bà du xuân, ảnh: HỒNG LY.", "Cụ bà du xuân", "HỒNG LY"],
    ["no separator, capital label", "Đoàn được binh sĩ chào đón Ảnh: Reuters", "Đoàn được binh sĩ chào đón", "Reuters"],
    ["initials keep their stop", "Công nhân làm việc - Ảnh: M.T.", "Công nhân làm việc", "M.T."],
    ["a dash after the label", "Chiếc xe gây tai nạn - Ảnh: - Ngọc Anh.", "Chiếc xe gây tai nạn", "Ngọc Anh"],
    ["a bracket inside the credit", "Thùng bia đổ xuống đường - Ảnh: TRUNG KIÊN (Facebook).", "Thùng bia đổ xuống đường", "TRUNG KIÊN (Facebook)"],
    ["Photo:", "Ông Trump phát biểu - Photo: AFP", "Ông Trump phát biểu", "AFP"],
    ["the last label counts", "Trong ảnh: khu đất dự án - Ảnh: QUANG ĐỊNH", "Trong ảnh: khu đất dự án", "QUANG ĐỊNH"],
  ])("takes the credit after %s", (_, line, caption, credit) => {
    expect(splitCredit(line)).toEqual({ caption, credit });
  });

  it("keeps a line that is only a credit as a credit", () => {
    expect(splitCredit("Ảnh: Báo Người Lao Động")).toEqual({ credit: "Báo Người Lao Động" });
  });

  it.each([
    ["no credit", "Huy tại phiên toà."],
    ["Trong ảnh: is a caption, not a credit", "Trong ảnh: Giờ học thực hành máy tiện."],
    ["other labels stay in the caption", "Bản đồ đường đi của bão - Đồ hoạ: Trung tâm KTTV"],
    ["Video: stays", "Khoảnh khắc va chạm - Video: Facebook"],
    ["label without a colon", "Nghi can bị bắt - Ảnh chụp màn hình"],
    ["Ảnh minh hoạ (no colon)", "Một cây xăng (Ảnh minh hoạ)."],
    ["a credit whose bracket the caption opened", "Lúa (ảnh chụp ngày 16-3, ảnh: ĐÌNH PHƯƠNG)"],
    ["a lower-case label after a word", "Một người cầm ảnh: chân dung của mẹ"],
  ])("leaves the whole line as caption: %s", (_, line) => {
    expect(splitCredit(line)).toEqual({ caption: line });
  });

  it("refuses a 'credit' too long to be a name", () => {
    const line = `Toàn cảnh. Ảnh: ${"một đoạn rất dài ".repeat(8)}`;
    expect(splitCredit(line)).toEqual({ caption: line.trim() });
  });
});
