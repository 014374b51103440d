import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { raw } from "../importer/fixtures.ts";

const SECTIONS = ["Thời sự", "Kinh tế", "Xã hội", "Văn hoá"];
const WEEKDAYS = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

/**
 * `count` raw scraped files in the importer's layout: distinct titles, dates spread over 2016–2019,
 * four sections, bodies that all hold the word "người".
 */
export async function writeRawSource(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const date = new Date(Date.UTC(2016 + (i % 4), (i * 5) % 12, 1 + ((i * 7) % 27), 8 + (i % 10), 15));
    const dd = String(date.getUTCDate()).padStart(2, "0");
    const mm = String(date.getUTCMonth() + 1).padStart(2, "0");
    const dateLine = `${WEEKDAYS[date.getUTCDay()]}, ${dd}/${mm}/${date.getUTCFullYear()}, ${String(date.getUTCHours()).padStart(2, "0")}:15 [GMT+7]`;
    await writeFile(path.join(dir, `raw-${String(i).padStart(3, "0")}.txt`), raw({
      section: SECTIONS[i % SECTIONS.length] as string,
      title: `Bài số ${i + 1}: người dân phường ${i + 1} làm đường mới`,
      dateLine,
      body: [
        `Người dân phường ${i + 1} cùng chính quyền hoàn thành con đường dài ${i + 2} km.`,
        { caption: `Con đường mới ở phường ${i + 1}.` },
        "Nhiều người cho biết việc đi lại nay thuận tiện hơn trước.",
      ],
      byline: `Tác giả ${String.fromCharCode(65 + (i % 3))}`,
    }));
  }
}
