import { describe, expect, it } from "vitest";
import { MarkStatistics } from "../../src/search/mark-model.ts";
import { restoreMarks, shardsFor } from "../../src/search/restore-marks.ts";
import { foldToken, isUnmarked, shardOf, tokenize } from "../../src/search/tokens.ts";

const archiveText = [
  "Hà Nội hôm nay mưa to. Người dân Hà Nội đi làm muộn.",
  "Đảng viên chi bộ họp bàn. Đảng viên gương mẫu.",
  "Trời đang mưa, xe đang chạy, mọi người đang chờ, ai cũng đang vội.",
  "Bão lũ gây thiệt hại. Bão lũ miền Trung. Cảnh báo thời tiết. Báo chí đưa tin. Báo Quảng Ninh đăng bài.",
  "Đường sắt Bắc Nam. Con đường mới. Đường sắt cao tốc.",
  "Hạ tầng giao thông. Hà Nội đông người.",
];

function model() {
  const stats = new MarkStatistics();
  for (const t of archiveText) stats.add(t);
  return stats.shards({ minWordCount: 1, minPairCount: 1, maxForms: 6 });
}

describe("tokens", () => {
  it("folds marks and đ, and says whether a word was typed without marks", () => {
    expect(foldToken("Đường")).toBe("duong");
    expect(isUnmarked("duong")).toBe(true);
    expect(isUnmarked("đuong")).toBe(false);
    expect(tokenize("“Hà Nội”, 2017!")).toEqual(["hà", "nội", "2017"]);
    expect(tokenize("Ha\u0300 No\u0302\u0323i")).toEqual(["hà", "nội"]);
    expect(shardOf("duong")).toBe("du");
    expect(shardOf("2017")).toBe("0");
  });
});

describe("restoreMarks", () => {
  const shards = model();

  it("restores a place name and a phrase with đ from word-pair statistics", () => {
    expect(restoreMarks("ha noi", shards).query).toBe("hà nội");
    expect(restoreMarks("dang vien", shards).query).toBe("đảng viên");
    expect(restoreMarks("duong sat", shards).query).toBe("đường sắt");
  });

  it("lets a frequent pair beat a more frequent single word", () => {
    // `báo` alone outnumbers `bão`, but `bão lũ` is the pair the archive writes.
    expect(restoreMarks("bao lu", shards).query).toBe("bão lũ");
  });

  it("falls back to the most frequent form of a lone word", () => {
    expect(restoreMarks("dang", shards).query).toBe("đang");
  });

  it("keeps a fully or partly marked query as typed", () => {
    expect(restoreMarks("Hà Nội", shards)).toEqual({ query: "Hà Nội", changed: false });
    expect(restoreMarks("hạ noi", shards).query).toBe("hạ nội");
  });

  it("keeps quotes, capitals and unknown words", () => {
    expect(restoreMarks('"Ha Noi" xyz', shards).query).toBe('"Hà Nội" xyz');
    expect(restoreMarks("HA NOI", shards).query).toBe("HÀ NỘI");
    expect(restoreMarks("", shards)).toEqual({ query: "", changed: false });
  });

  it("asks only for the shards the query's words live in", () => {
    expect(shardsFor("ha noi duong")).toEqual(["ha", "no", "du"]);
    // A fully marked query is searched as typed: no statistics to fetch.
    expect(shardsFor("người Hà Nội")).toEqual([]);
  });
});
