import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lookAheadAtOutput } from "../../src/site/look-ahead.ts";
import { STATE_FILE, serializeBuildState, type BuildState } from "../../src/site/build-state.ts";
import { tempDir } from "../helpers/cli.ts";

const tmp = tempDir("look-ahead");
afterAll(() => tmp.cleanup());

/** An output folder whose state lists three pages, two of them still on disk. */
function output(name: string): string {
  const out = path.join(tmp.dir, name);
  const state: BuildState = {
    kind: "news-archive-build", version: 2, fingerprint: "fp-1",
    pages: { "/": "h0", "/2019/03/17/cho-phien/": "h1", "/sections/gone/": "h2" },
    parts: {}, files: [], fragments: { p1: { "/2019/03/17/cho-phien/": "pagefind/fragment/vi_1.pf_fragment", "/sections/gone/": "pagefind/fragment/vi_2.pf_fragment" } },
  };
  mkdirSync(path.join(out, "pagefind", "fragment"), { recursive: true });
  writeFileSync(path.join(out, "pagefind", "fragment", "vi_1.pf_fragment"), "12345");
  for (const [url, body] of [["/", "home"], ["/2019/03/17/cho-phien/", "<p>Chợ phiên</p>"]] as const) {
    mkdirSync(path.join(out, url), { recursive: true });
    writeFileSync(path.join(out, url, "index.html"), body);
  }
  writeFileSync(path.join(out, STATE_FILE), serializeBuildState(state));
  return out;
}

describe("lookAheadAtOutput", () => {
  it("reads the last build's state and the sizes of its pages and search fragments still there", async () => {
    const look = lookAheadAtOutput(output("same"), "fp-1", false);
    expect(look.previous?.pages["/"]).toBe("h0");
    expect(await look.pageSizes).toEqual(new Map([["/", 4], ["/2019/03/17/cho-phien/", Buffer.byteLength("<p>Chợ phiên</p>")]]));
    expect(await look.fragmentSizes).toEqual(new Map([["pagefind/fragment/vi_1.pf_fragment", 5]]));
  });

  it("starts from nothing when the code changed (another fingerprint), with --full, or without a build", async () => {
    const out = output("other");
    for (const look of [lookAheadAtOutput(out, "fp-2", false), lookAheadAtOutput(out, "fp-1", true), lookAheadAtOutput(path.join(tmp.dir, "empty"), "fp-1", false)]) {
      expect(look.previous).toBeNull();
      expect(await look.pageSizes).toBeUndefined();
      expect(await look.fragmentSizes).toEqual(new Map());
    }
  });

  it("takes a state written by version 1 of the build (feeds kept as files) as the earlier build only: another tool's code", () => {
    const out = output("v1");
    const state = path.join(out, STATE_FILE);
    writeFileSync(state, readFileSync(state, "utf8").replace('"version":2', '"version":1'));
    expect(readFileSync(state, "utf8")).toContain('"version":1,');
    const look = lookAheadAtOutput(out, "fp-2", false);
    expect(look.previous).toBeNull();
    expect(look.earlier?.pages["/"]).toBe("h0");
  });
});
