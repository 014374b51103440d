import { deflateSync } from "node:zlib";

/**
 * The home-screen icons, drawn here rather than shipped as binaries: a red square (the site's
 * accent colour) with a white folded newspaper. PNG for browsers that want raster icons at 192 and
 * 512 px, SVG for the rest; the maskable variant keeps the drawing inside the 80 % safe zone.
 */
export const THEME_COLOR = "#a4161a";
const RED = [0xa4, 0x16, 0x1a] as const;
const WHITE = [0xff, 0xff, 0xff] as const;
const GREY = [0xd9, 0xd9, 0xd9] as const;

type Rgb = readonly [number, number, number];
interface Shape { x: number; y: number; w: number; h: number; color: Rgb }

/** The drawing on a 100×100 grid: the page, a headline, a picture and text lines. */
function shapes(): Shape[] {
  const s: Shape[] = [{ x: 22, y: 20, w: 56, h: 60, color: WHITE }];
  s.push({ x: 29, y: 27, w: 42, h: 8, color: RED });
  s.push({ x: 29, y: 40, w: 18, h: 16, color: GREY });
  for (const y of [40, 46, 52]) s.push({ x: 51, y, w: 20, h: 3, color: RED });
  for (const y of [61, 67, 73]) s.push({ x: 29, y, w: 42, h: 3, color: RED });
  return s;
}

export function iconSvg(): string {
  const rects = shapes().map((r) => `<rect x="${r.x}" y="${r.y}" width="${r.w}" height="${r.h}" fill="rgb(${r.color.join(",")})"/>`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="18" fill="${THEME_COLOR}"/>${rects}</svg>\n`;
}

/** A square PNG of `size` px; `maskable` shrinks the drawing to the safe zone and fills the corners. */
export function iconPng(size: number, maskable = false): Buffer {
  const scale = maskable ? 0.8 : 1;
  const offset = (100 - 100 * scale) / 2;
  const radius = maskable ? 0 : 18;
  const list = shapes();
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const x = ((px + 0.5) / size) * 100;
      const y = ((py + 0.5) / size) * 100;
      let color: Rgb | null = insideRounded(x, y, radius) ? RED : null;
      const gx = (x - offset) / scale;
      const gy = (y - offset) / scale;
      for (const r of list) if (gx >= r.x && gx < r.x + r.w && gy >= r.y && gy < r.y + r.h) color = r.color;
      const i = py * (size * 4 + 1) + 1 + px * 4;
      if (color) {
        raw[i] = color[0];
        raw[i + 1] = color[1];
        raw[i + 2] = color[2];
        raw[i + 3] = 255;
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function insideRounded(x: number, y: number, r: number): boolean {
  if (r === 0) return true;
  const cx = Math.min(Math.max(x, r), 100 - r);
  const cy = Math.min(Math.max(y, r), 100 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
