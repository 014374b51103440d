import { describe, expect, it } from "vitest";
import { ProgressBar } from "../../src/importer/progress.ts";

function fakeTerminal() {
  const writes: string[] = [];
  return { stream: { isTTY: true, columns: 100, write: (t: string) => writes.push(t) }, writes };
}

describe("ProgressBar", () => {
  it("redraws one line at most ten times a second, and always at the end", () => {
    const { stream, writes } = fakeTerminal();
    let time = 0;
    const bar = new ProgressBar(stream, 200, () => time);
    for (let done = 1; done <= 200; done++) {
      time += 1; // 1 ms a file
      bar.update(done, `imported ${done}`);
    }
    expect(writes.length).toBeLessThanOrEqual(4);
    expect(writes.at(-1)).toBe(`\r\x1b[K[${"#".repeat(30)}] 200/200 100%  imported 200`);
  });

  it("prints a message above the bar and clears it at the end", () => {
    const { stream, writes } = fakeTerminal();
    const bar = new ProgressBar(stream, 10, () => 1000);
    bar.update(5, "x");
    bar.log("a.txt:1: file: not valid UTF-8");
    bar.clear();
    expect(writes).toEqual([
      `\r\x1b[K[${"#".repeat(15)}${".".repeat(15)}] 5/10  50%  x`,
      "\r\x1b[K",
      "a.txt:1: file: not valid UTF-8\n",
      `[${"#".repeat(15)}${".".repeat(15)}] 5/10  50%  x`,
      "\r\x1b[K",
    ]);
  });
});
