import { describe, expect, it } from "vitest";
import { jsonForScript, newsArticleJsonLd } from "../../src/site/structured-data.ts";
import { absoluteUrl, withPathPrefix } from "../../src/site/urls.ts";
import { buildArchive } from "../../src/site/archive.ts";
import { archiveOptions, makeArticle, siteSettings } from "../helpers/articles.ts";

describe("urls", () => {
  it.each([
    ["/", "/2017/", "/2017/"],
    ["", "/2017/", "/2017/"],
    ["/archive/", "/2017/", "/archive/2017/"],
    ["archive", "2017/", "/archive/2017/"],
    ["/a/b/", "/", "/a/b/"],
  ])("withPathPrefix(%j, %j) = %j", (prefix, url, expected) => {
    expect(withPathPrefix(prefix, url)).toBe(expected);
  });

  it("absoluteUrl joins origin, prefix and path, and leaves full URLs alone", () => {
    expect(absoluteUrl("https://example.org/", "/archive/", "/feed.xml")).toBe("https://example.org/archive/feed.xml");
    expect(absoluteUrl("https://example.org", "/", "/")).toBe("https://example.org/");
    expect(absoluteUrl("https://example.org", "/archive/", "https://cdn.example/a.jpg")).toBe("https://cdn.example/a.jpg");
  });
});

describe("jsonForScript", () => {
  it("cannot close the script element or start markup, and parses back to the same value", () => {
    const value = { s: "</script><script>alert(1)</script> & <!-- \u2028\u2029" };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("newsArticleJsonLd", () => {
  const site = siteSettings();
  const absolute = (url: string) => absoluteUrl(site.url, "/", url);
  const { archive } = buildArchive(
    [
      makeArticle({ title: "Có tác giả", date: "2017-08-24T14:47:00+07:00", author: "Nguyễn Văn An", section: "Thời sự", tags: ["Hạ Long", "Cô Tô"], summary: "Tóm tắt." }),
      makeArticle({ title: "Không tác giả", date: "2017-08-25T14:47:00+07:00" }),
    ],
    archiveOptions(),
  );

  it("describes a NewsArticle with headline, dates with offset, author and section", () => {
    const withAuthor = archive.articles.find((a) => a.title === "Có tác giả")!;
    expect(newsArticleJsonLd(withAuthor, site, absolute)).toEqual({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "Có tác giả",
      datePublished: "2017-08-24T14:47:00+07:00",
      dateModified: "2017-08-24T14:47:00+07:00",
      inLanguage: "vi",
      mainEntityOfPage: "https://example.org/2017/08/24/co-tac-gia/",
      url: "https://example.org/2017/08/24/co-tac-gia/",
      description: "Tóm tắt.",
      publisher: { "@type": "Organization", name: site.name, url: "https://example.org/" },
      author: { "@type": "Person", name: "Nguyễn Văn An", url: "https://example.org/authors/nguyen-van-an/" },
      articleSection: "Thời sự",
      keywords: "Hạ Long, Cô Tô",
    });
  });

  it("credits the publisher when there is no author", () => {
    const without = archive.articles.find((a) => a.title === "Không tác giả")!;
    const data = newsArticleJsonLd(without, site, absolute);
    expect(data["author"]).toEqual({ "@type": "Organization", name: site.name });
    expect(data).not.toHaveProperty("articleSection");
    expect(data).not.toHaveProperty("keywords");
  });
});
