import { describe, expect, it } from "vitest";
import { parseYaml, splitFrontMatter } from "../../src/article/frontmatter.ts";

describe("splitFrontMatter", () => {
  it("splits fences and counts lines so the body's first line is known", () => {
    const text = "---\ntitle: A\ndate: B\n---\n\nBody line\n";
    const split = splitFrontMatter(text);
    expect(split.yaml).toBe("title: A\ndate: B\n");
    expect(split.yamlLine).toBe(2);
    expect(split.body).toBe("\nBody line\n");
    // Line 5 is the empty line after the closing fence; "Body line" is line 6 = bodyLine + 1.
    expect(split.bodyLine).toBe(5);
    expect(text.split("\n")[split.bodyLine - 1 + 1]).toBe("Body line");
  });

  it("accepts trailing spaces on the closing fence and an empty front matter", () => {
    expect(splitFrontMatter("---\na: 1\n---  \nx").body).toBe("x");
    const empty = splitFrontMatter("---\n---\nx");
    expect(empty.yaml).toBe("");
    expect(empty.bodyLine).toBe(3);
  });

  it("has no front matter without an opening fence at the very start", () => {
    expect(splitFrontMatter("title: A\n---\n").yaml).toBeNull();
    expect(splitFrontMatter(" ---\ntitle: A\n---\n").yaml).toBeNull();
    expect(splitFrontMatter("---").yaml).toBeNull();
  });

  it("has no front matter when the closing fence is missing", () => {
    const split = splitFrontMatter("---\ntitle: A\ndate: B\n");
    expect(split.yaml).toBeNull();
    expect(split.body).toBe("---\ntitle: A\ndate: B\n");
  });

  it("does not take a longer rule (----) for the fence", () => {
    expect(splitFrontMatter("---\ntitle: A\n----\nb: 1\n---\nx").yaml).toBe("title: A\n----\nb: 1\n");
  });
});

describe("parseYaml", () => {
  const yaml = 'title: "A"\ndate: "2017-08-24"\ntags:\n  - "x"\n  - 5\nauthor:\n';

  it("gives file lines of values, offset by where the YAML starts", () => {
    const parsed = parseYaml(yaml, 2);
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual({ title: "A", date: "2017-08-24", tags: ["x", 5], author: null });
    expect(parsed.lineOf(["title"])).toBe(2);
    expect(parsed.lineOf(["date"])).toBe(3);
    expect(parsed.lineOf(["tags", 1])).toBe(6);
    // A key with no value: the key's own line.
    expect(parsed.lineOf(["author"])).toBe(7);
    // A field that is not there at all: the first YAML line.
    expect(parsed.lineOf(["missing"])).toBe(2);
  });

  it("reports syntax errors with a file line and no data", () => {
    const parsed = parseYaml('title: "A\ndate: [\n', 2);
    expect(parsed.data).toBeNull();
    expect(parsed.errors.length).toBeGreaterThan(0);
    for (const e of parsed.errors) {
      expect(e.line).toBeGreaterThanOrEqual(2);
      expect(e.message).not.toContain("\n");
    }
  });

  it("refuses duplicate keys", () => {
    const parsed = parseYaml("title: A\ntitle: B\n", 2);
    expect(parsed.data).toBeNull();
    expect(parsed.errors[0]?.line).toBe(3);
  });

  it("refuses a front matter that is not a mapping", () => {
    expect(parseYaml("- a\n- b\n", 2)).toMatchObject({ data: null, errors: [{ line: 2, message: expect.stringContaining("mapping") }] });
    expect(parseYaml("just text\n", 2).data).toBeNull();
  });

  it("reads an empty front matter as no fields", () => {
    expect(parseYaml("", 2).data).toEqual({});
  });

  it("keeps unquoted dates as strings (YAML 1.2 core schema, no timestamps)", () => {
    expect(parseYaml("date: 2017-08-24\n", 2).data).toEqual({ date: "2017-08-24" });
  });
});
