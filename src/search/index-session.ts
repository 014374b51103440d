import { readFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";

export interface IndexResult {
  pages: number;
}

/** Pages handed to Pagefind but not yet acknowledged; past this, the page writer waits (bounded memory). */
const MAX_IN_FLIGHT = 128;

/**
 * A Pagefind index fed page by page while Eleventy renders, through Pagefind's Node API. Pagefind runs
 * as its own process, so indexing uses the second core while Node renders on the first, and no page is
 * read back from disk or parsed twice. Only data-pagefind-body (the article) is indexed.
 */
export class SearchIndexSession {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly errors: string[] = [];

  private constructor(private readonly index: pagefind.PagefindIndex) {}

  static async start(): Promise<SearchIndexSession> {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: "vi" });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    return new SearchIndexSession(index);
  }

  /** Hand one built page to the indexer; resolves once there is room for more. */
  async add(url: string, html: string): Promise<void> {
    const sent: Promise<void> = this.index.addHTMLFile({ url, content: html }).then((r) => {
      if (r.errors.length > 0) this.errors.push(`${url}: ${r.errors.join("; ")}`);
    }, (e: unknown) => {
      this.errors.push(`${url}: ${String(e)}`);
    }).finally(() => this.inFlight.delete(sent));
    this.inFlight.add(sent);
    while (this.inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.inFlight);
  }

  /** Wait for every page, write the index into `<outDir>/pagefind/`, stop Pagefind. */
  async finish(outDir: string): Promise<IndexResult> {
    try {
      await Promise.all(this.inFlight);
      if (this.errors.length > 0) throw new Error(`Pagefind: ${this.errors.slice(0, 5).join("; ")}`);
      const written = await this.index.writeFiles({ outputPath: path.join(outDir, "pagefind") });
      if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join("; ")}`);
      const entry = JSON.parse(await readFile(path.join(outDir, "pagefind", "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
      return { pages: Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0) };
    } finally {
      await pagefind.close();
    }
  }

  async abort(): Promise<void> {
    await pagefind.close();
  }
}

/** The session of the build in progress: set by the build command, read by the Eleventy plugin. */
let active: SearchIndexSession | null = null;

export function setActiveIndexSession(session: SearchIndexSession | null): void {
  active = session;
}

export function activeIndexSession(): SearchIndexSession | null {
  return active;
}
