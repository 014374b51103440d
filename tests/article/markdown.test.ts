import { describe, expect, it } from "vitest";
import { plainText, plainTextStart, renderBody, type FigureContext } from "../../src/article/markdown.ts";
import type { ArticleImage } from "../../src/article/model.ts";
import { parseHtml } from "../helpers/html.ts";

const figures = (images: ArticleImage[], existing: string[] = []): FigureContext => ({
  images,
  imageUrl: (image) => (image.src && existing.includes(image.src) ? `/media/${image.src}` : undefined),
  creditLabel: "Ảnh",
});

describe("renderBody", () => {
  it("renders Markdown paragraphs, emphasis and links", () => {
    const { html } = renderBody("Đoạn *một*.\n\n[Bài khác](/2017/08/24/x/)\n", figures([]));
    expect(html).toBe('<p>Đoạn <em>một</em>.</p>\n<p><a href="/2017/08/24/x/">Bài khác</a></p>\n');
  });

  it("never passes raw HTML through", () => {
    const { html } = renderBody('<script>alert(1)</script>\n\n"><img src=x onerror=alert(1)>\n', figures([]));
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("does not make links of javascript: URLs", () => {
    const { html } = renderBody("[bấm](javascript:alert(1))\n", figures([]));
    expect(html).not.toContain("href");
    expect(html).toContain("[bấm](javascript:alert(1))");
  });

  it("leaves template syntax as text", () => {
    expect(renderBody("{{ 7*7 }} {% raw %}\n", figures([])).html).toBe("<p>{{ 7*7 }} {% raw %}</p>\n");
  });

  it("places a figure at its marker and leads with figures that have none", () => {
    const images = [
      { src: "a.jpg", caption: "Ảnh A", credit: "TTXVN" },
      { src: "b.jpg", caption: "Ảnh B" },
    ];
    const { html, missingFigures } = renderBody("Mở đầu.\n\n[[figure 2]]\n\nKết.\n", figures(images, ["a.jpg", "b.jpg"]));
    expect(missingFigures).toEqual([]);
    expect(html).toBe(
      '<figure><img src="/media/a.jpg" alt="Ảnh A" loading="lazy" decoding="async"><figcaption>Ảnh A <span class="credit">Ảnh: TTXVN</span></figcaption></figure>\n' +
        "<p>Mở đầu.</p>\n" +
        '<figure><img src="/media/b.jpg" alt="Ảnh B" loading="lazy" decoding="async"><figcaption>Ảnh B</figcaption></figure>\n' +
        "<p>Kết.</p>\n",
    );
  });

  it("renders a caption whose image is missing without an <img>", () => {
    const { html } = renderBody("", figures([{ src: "gone.jpg", caption: "Chú thích", credit: "Báo" }]));
    const root = parseHtml(html);
    expect(root.querySelectorAll("img")).toHaveLength(0);
    expect(root.querySelector("figure > figcaption")?.textContent).toBe("Chú thích Ảnh: Báo");
  });

  it("renders nothing for an image with neither file nor caption", () => {
    expect(renderBody("x\n", figures([{ src: "gone.jpg" }])).html).toBe("<p>x</p>\n");
  });

  it("escapes captions, credits and image URLs", () => {
    const images = [{ src: 'a".jpg', caption: '<script>alert(1)</script>"', credit: '"><img src=x onerror=alert(1)>' }];
    const { html } = renderBody("", figures(images, ['a".jpg']));
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img src=x");
    const root = parseHtml(html);
    expect(root.querySelectorAll("img")).toHaveLength(1);
    expect(root.querySelector("img")?.getAttribute("src")).toBe('/media/a".jpg');
    expect(root.querySelector("figcaption")?.textContent).toBe('<script>alert(1)</script>" Ảnh: "><img src=x onerror=alert(1)>');
  });

  it("reports markers that point past the images, with their body line", () => {
    const { html, missingFigures } = renderBody("Một.\n\n[[figure 3]]\n", figures([{ caption: "x" }]));
    expect(missingFigures).toEqual([{ figure: 3, line: 2 }]);
    expect(html).not.toContain("[[figure");
  });

  it("a marker inside a paragraph is text, not a figure", () => {
    const { html } = renderBody("Xem [[figure 1]] ở trên.\n", figures([{ caption: "x" }]));
    expect(html).toContain("<p>Xem [[figure 1]] ở trên.</p>");
  });
});

describe("plainText", () => {
  it("drops tags and figures, decodes entities, folds spaces", () => {
    expect(plainText('<figure><figcaption>x</figcaption></figure>\n<p>A &amp; B &lt;c&gt; &quot;d&quot; &#39;e&#39;</p>\n<p>F</p>')).toBe(
      "A & B <c> \"d\" 'e' F",
    );
  });

  it("joins inline markup without spaces and separates blocks", () => {
    const { html } = renderBody("# Tiêu đề\n\nNội dung **B**, [liên kết](/x/).\n\n- một\n- hai\n", figures([]));
    expect(plainText(html)).toBe("Tiêu đề Nội dung B, liên kết. một hai");
  });
});

describe("plainTextStart", () => {
  const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `<p>Đoạn ${i} có &amp; vài <em>chữ</em> nữa.</p>`).join("\n");

  it("is a prefix of plainText longer than asked, made from whole paragraphs", () => {
    const html = paragraphs(40);
    const start = plainTextStart(html, 60);
    expect(start.length).toBeGreaterThan(60);
    expect(start.length).toBeLessThan(plainText(html).length);
    expect(plainText(html).startsWith(start)).toBe(true);
    expect(start.endsWith("nữa.")).toBe(true);
  });

  it("never cuts inside a figure: its caption's paragraphs are dropped as in the whole text", () => {
    const figure = `<figure><img src="/a.jpg" alt=""><figcaption><p>${"Chú thích dài. ".repeat(10)}</p><p>Ảnh: X</p></figcaption></figure>`;
    const html = `<p>Mở đầu.</p>\n${figure}\n${paragraphs(20)}`;
    const start = plainTextStart(html, 40);
    expect(start).not.toContain("Chú thích");
    expect(plainText(html).startsWith(start)).toBe(true);
    expect(start.length).toBeGreaterThan(40);
  });

  it("is the whole text when the body is short or has no paragraph end", () => {
    expect(plainTextStart(paragraphs(2), 200)).toBe(plainText(paragraphs(2)));
    const list = "<ul><li>một</li><li>hai</li></ul>".repeat(30);
    expect(plainTextStart(list, 20)).toBe(plainText(list));
  });
});
