import { describe, expect, it } from "vitest";
import { isByline } from "../../src/importer/byline.ts";

describe("isByline", () => {
  it.each(["Hoài Anh", "Phạm Thiên Ý", "Nguyễn Thị Minh Khai", "Theo Hà Nội Mới", "DUY AN", "ĐẶNG NGỌC CHÂU"])("takes %s", (line) => {
    expect(isByline(line)).toBe(true);
  });

  it.each([
    "Mộc Miên (Tổng hợp)",
    "Hải Yến - Đỗ Chang",
    "Theo TTXVN",
    "Đ. Đ",
    "Nhóm PV",
    "Biển động.",
    "Anh",
    "Một Hai Ba Bốn Năm",
    "hoài anh",
    "* Bài viết thể hiện quan điểm riêng của tác giả",
    "Báo Người Đưa Tin sẽ tiếp tục thông tin.",
  ])("leaves %s as text", (line) => {
    expect(isByline(line)).toBe(false);
  });
});
