import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SearchIndexer, type IndexPool } from "../../src/search/build-index.ts";
import type { PartIndexed } from "../../src/search/index-part.ts";
import type { IndexPart } from "../../src/search/parts.ts";

/** A pool of two processes that answer only when the test says so. */
class HeldPool {
  readonly size = 2;
  readonly sent: { slot: number; id: string; answer: () => void }[] = [];
  runOn(slot: number, input: { part: IndexPart }): Promise<PartIndexed> {
    return new Promise((resolve) => {
      this.sent.push({ slot, id: input.part.id, answer: () => resolve({ pages: input.part.articles, read: input.part.articles, fragments: {}, sizes: {} }) });
    });
  }
  held(slot: number): string[] {
    return this.sent.filter((s) => s.slot === slot).map((s) => s.id);
  }
  /** The process ends the oldest part it holds. */
  answer(slot: number): void {
    const at = this.sent.findIndex((s) => s.slot === slot);
    const [task] = this.sent.splice(at, 1);
    task?.answer();
  }
}

/** Lets the indexer's promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const part = (n: number, articles = 100): IndexPart => ({ id: `p${n}`, dir: n === 0 ? "pagefind/" : `pagefind/parts/p${n}/`, months: [], years: [], articles });

describe("SearchIndexer", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps a working process's next parts with it, and gives what is left to whichever process is free once the pages are done", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "indexer-"));
    const parts = Array.from({ length: 12 }, (_, n) => part(n, n === 10 ? 500 : 100 + n));
    const pool = new HeldPool();
    const indexer = new SearchIndexer(dir, parts, pool as unknown as IndexPool);
    for (const p of parts.slice(0, 6)) indexer.add(p);
    // One process while pages render: it holds the part it indexes and the next, no more. (The
    // first parts go once the stale-part sweep, a directory read, is done; then all is promises.)
    await expect.poll(() => pool.held(0)).toEqual(["p0", "p1"]);
    expect(pool.held(1)).toEqual([]);
    pool.answer(0);
    await settle();
    expect(pool.held(0)).toEqual(["p1", "p2"]);
    // Both processes beside the listing runs: four each, so that neither waits on this thread.
    for (const p of parts.slice(6)) indexer.add(p);
    indexer.raise(2);
    await settle();
    expect(pool.held(0)).toEqual(["p1", "p2", "p3", "p4"]);
    expect(pool.held(1)).toEqual(["p5", "p6", "p7", "p8"]);
    // Pages done: the rest, largest first, one at a time to a process that has nothing left.
    const done = indexer.finish(2);
    await settle();
    for (let i = 0; i < 3; i++) pool.answer(0);
    await settle();
    expect(pool.held(0)).toEqual(["p4"]);
    pool.answer(0);
    await settle();
    expect(pool.held(0)).toEqual(["p10"]);
    for (let i = 0; i < 4; i++) pool.answer(1);
    await settle();
    expect(pool.held(1)).toEqual(["p11"]);
    pool.answer(0);
    pool.answer(1);
    await settle();
    expect(pool.held(0).length + pool.held(1).length).toBe(1);
    pool.answer(pool.held(0).length > 0 ? 0 : 1);
    const result = await done;
    expect(result.built).toHaveLength(12);
    expect(result.pages).toBe(parts.reduce((n, p) => n + p.articles, 0));
  });
});

describe("SearchIndexer given a part twice", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("indexes it again once the first job is done, never in both processes at once, and counts it once", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "indexer-"));
    const parts = [part(0, 40), part(1, 30)];
    const pool = new HeldPool();
    const indexer = new SearchIndexer(dir, parts, pool as unknown as IndexPool);
    indexer.add(parts[1] as IndexPart);
    await expect.poll(() => pool.held(0)).toEqual(["p1"]);
    // More of its pages written: added again, with both processes free to take it.
    indexer.add(parts[1] as IndexPart);
    indexer.raise(2);
    await settle();
    expect([...pool.held(0), ...pool.held(1)]).toEqual(["p1"]);
    pool.answer(0);
    await expect.poll(() => [...pool.held(0), ...pool.held(1)]).toEqual(["p1"]);
    const done = indexer.finish(2);
    pool.answer(pool.held(0).length > 0 ? 0 : 1);
    const result = await done;
    expect(result.built).toEqual(["p1"]);
    expect(result.rebuiltPages).toBe(30);
    expect(result.pages).toBe(70);
  });
});
