import { copyFixture, writeArticle } from "./articles.ts";

/** What a published fixture article should look like on the site (tags under their merged names). */
export interface ExpectedArticle {
  title: string;
  url: string;
  dateIso: string;
  section?: string;
  tags: string[];
  author?: string;
}

export const EVIL_TITLE = '{{ 7*7 }} {% raw %} <script>alert(1)</script> "><img src=x onerror=alert(1)>';
export const NFD_TITLE = "Hội nghị phát triển du lịch Hạ Long".normalize("NFD");
export const SEED_URL = "/2017/08/24/nang-cao-chat-luong-to-chuc-co-so-dang-va-dang-vien/";

/** The hand-written files of tests/fixtures/core/site, plus the two generated below, as they should come out. */
const HANDWRITTEN: ExpectedArticle[] = [
  { title: "Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên", url: SEED_URL, dateIso: "2017-08-24T14:47:00+07:00", section: "Xây dựng Đảng", tags: ["Hạ Long", "Đảng viên"], author: "Nguyễn Văn An" },
  { title: "Tin cuối ngày: Hạ Long đón đoàn khách quốc tế", url: "/2017/08/24/tin-cuoi-ngay-ha-long-don-doan-khach-quoc-te/", dateIso: "2017-08-24T23:30:00+07:00", section: "Thời sự", tags: ["Hạ Long", "Du lịch"], author: "Lục Văn Sơn" },
  { title: "Bản tin đêm ghi theo giờ quốc tế", url: "/2017/08/24/ban-tin-dem-ghi-theo-gio-quoc-te/", dateIso: "2017-08-24T23:30:00+07:00", section: "Thời sự", tags: ["Du lịch"] },
  { title: "Bản tin không ghi múi giờ", url: "/2017/08/24/ban-tin-khong-ghi-mui-gio/", dateIso: "2017-08-24T23:45:00+07:00", section: "Thời sự", tags: [] },
  { title: "Họp báo thường kỳ quý II", url: "/2018/05/02/hop-bao-thuong-ky-quy-ii/", dateIso: "2018-05-02T08:00:00+07:00", section: "Thời sự", tags: [] },
  { title: "Họp báo thường kỳ quý II", url: "/2018/05/02/hop-bao-thuong-ky-quy-ii-2/", dateIso: "2018-05-02T15:00:00+07:00", section: "Thời sự", tags: [] },
  { title: "Một tiêu đề rất dài mà địa chỉ không lấy theo", url: "/2019/01/15/ban-tin-dac-biet/", dateIso: "2019-01-15T10:00:00+07:00", section: "Văn hóa", tags: [] },
  { title: EVIL_TITLE, url: "/2020/02/20/7-7-raw-script-alert-1-script-img-src-x-onerror-alert-1/", dateIso: "2020-02-20T09:00:00+07:00", section: "{{ 7*7 }} <script>alert(1)</script>", tags: ["{{ 7*7 }}", '"><img src=x onerror=alert(1)>'], author: "<script>alert(1)</script> {{ 7*7 }}" },
  { title: "Bài viết có BOM và CRLF", url: "/2016/12/31/bai-viet-co-bom-va-crlf/", dateIso: "2016-12-31T20:00:00+07:00", section: "Đời sống", tags: ["Du lịch"] },
  { title: NFD_TITLE.normalize("NFC"), url: "/2017/08/20/hoi-nghi-phat-trien-du-lich-ha-long/", dateIso: "2017-08-20T08:00:00+07:00", section: "Đời sống", tags: ["Hạ Long"] },
];

const FILLER_SECTIONS = ["Kinh tế", "Giáo dục", "Thời sự"];

function filler(i: number): ExpectedArticle {
  const day = new Date(Date.UTC(2021, 0, 5) + i * 60 * 86_400_000);
  const ymd = day.toISOString().slice(0, 10);
  const author = i % 3 === 2 ? undefined : i % 2 === 0 ? "Phạm Thu Hà" : "Trần Văn Bình";
  return {
    title: `Tin địa phương số ${i + 1}`,
    url: `/${ymd.replace(/-/g, "/")}/tin-dia-phuong-so-${i + 1}/`,
    dateIso: `${ymd}T07:30:00+07:00`,
    section: FILLER_SECTIONS[i % 3]!,
    tags: [i % 2 === 0 ? "Nông nghiệp" : "Trường học", ...(i % 5 === 0 ? ["Hạ Long"] : [])],
    ...(author ? { author } : {}),
  };
}

export const FILLER_COUNT = 22;

/**
 * The build fixture: tests/fixtures/core/site (hand-written edge cases), a BOM+CRLF file and an NFD
 * file (bytes that an editor or git could silently change, so written here), and 22 ordinary articles
 * across 2021–2024 so that the home page (pageSize 20 in _data/site.json) has a second page.
 * Returns every published article, newest first.
 */
export function createSiteFixture(dir: string): ExpectedArticle[] {
  copyFixture("site", dir);
  writeArticle(dir, "2016/12/bom-crlf.md",
    '\uFEFF---\r\ntitle: "Bài viết có BOM và CRLF"\r\ndate: "2016-12-31T20:00:00+07:00"\r\nsection: "Đời sống"\r\ntags: ["Du lịch"]\r\n---\r\n\r\nDòng đầu.\r\n\r\nĐoạn hai của bài CRLF.\r\n');
  writeArticle(dir, "2017/08/nfd.md",
    `---\ntitle: "${NFD_TITLE}"\ndate: "2017-08-20T08:00:00+07:00"\nsection: "${"Đời sống".normalize("NFD")}"\ntags: ["${"Hạ Long".normalize("NFD")}"]\n---\n\n${"Nội dung viết ở dạng tổ hợp.".normalize("NFD")}\n`);
  const fillers = Array.from({ length: FILLER_COUNT }, (_, i) => filler(i));
  fillers.forEach((f, i) => {
    const lines = [
      "---",
      `title: ${JSON.stringify(f.title)}`,
      `date: ${JSON.stringify(f.dateIso)}`,
      `section: ${JSON.stringify(f.section)}`,
      `tags: ${JSON.stringify(f.tags)}`,
      ...(f.author ? [`author: ${JSON.stringify(f.author)}`] : []),
      "---",
      "",
      `Đoạn mở đầu của tin số ${i + 1}.`,
      "",
      "Đoạn thứ hai.",
      "",
    ];
    writeArticle(dir, `${f.dateIso.slice(0, 4)}/tin-${String(i + 1).padStart(2, "0")}.md`, lines.join("\n"));
  });
  return [...HANDWRITTEN, ...fillers].sort((a, b) => Date.parse(b.dateIso) - Date.parse(a.dateIso) || order(a, b));
}

/** Same-time articles are ordered by file path: only the two 23:30 ones here. */
function order(a: ExpectedArticle, b: ExpectedArticle): number {
  const rank = (x: ExpectedArticle) => (x.url.includes("tin-cuoi-ngay") ? 0 : 1);
  return rank(a) - rank(b);
}
