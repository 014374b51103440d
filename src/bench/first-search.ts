import { existsSync } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { chromium, type Browser, type Page } from "playwright-core";
import { startStaticServer } from "../serve/static-server.ts";

export interface SearchTransfer {
  /**
   * Bytes the server wrote (status lines, headers and bodies; no compression) from navigation start,
   * counted at the server so that the Web Worker's requests (Pagefind's search runs in one) are in.
   */
  bytes: number;
  requests: number;
  /** Bytes by part of the site: `page` (HTML, CSS, scripts), `pagefind` (its JS, WebAssembly, index, fragments), `marks`, `other`. */
  byKind: Record<string, number>;
  /** Ours: results shown on the page (its first page of 10); plain: Pagefind's count of results. */
  results: number;
}

export interface FirstSearchOptions {
  /** The word searched: common, one word, with its marks. */
  word: string;
  chromiumPath?: string;
}

/** Chromium from CHROME_PATH, else /usr/bin/chromium (as the browser tests do). */
export function chromiumPath(): string {
  const candidate = process.env["CHROME_PATH"] || "/usr/bin/chromium";
  if (!existsSync(candidate)) throw new Error(`Chromium not found at ${candidate}: install it or set CHROME_PATH`);
  return candidate;
}

export async function launchChromium(executablePath = chromiumPath()): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    // Only loopback here: keep Chromium from calling home, which would not be the site's bytes anyway.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Counts what a server sends, per response, measured on its sockets (one response at a time each). */
class TransferCounter {
  private bytes = 0;
  private requests = 0;
  private byKind: Record<string, number> = {};
  private pending = 0;
  private counting = false;

  constructor(server: Server) {
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      // The browser's own favicon probe is not the search's (and races the start on a blank page).
      if (!this.counting || req.url?.endsWith("/favicon.ico")) return;
      const socket = req.socket;
      const before = socket.bytesWritten;
      const kind = kindOf(new URL(req.url ?? "/", "http://localhost").pathname);
      this.pending++;
      this.requests++;
      res.once("close", () => {
        const sent = socket.bytesWritten - before;
        this.bytes += sent;
        this.byKind[kind] = (this.byKind[kind] ?? 0) + sent;
        this.pending--;
      });
    });
  }

  start(): void {
    this.bytes = 0;
    this.requests = 0;
    this.byKind = {};
    this.counting = true;
  }

  /** Once nothing has been in flight for a while: the page asked for everything it was going to. */
  async stop(quietMs = 300): Promise<Omit<SearchTransfer, "results">> {
    let quietSince = performance.now();
    while (performance.now() - quietSince < quietMs) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (this.pending > 0) quietSince = performance.now();
    }
    this.counting = false;
    return { bytes: this.bytes, requests: this.requests, byKind: { ...this.byKind } };
  }
}

function kindOf(pathname: string): string {
  if (pathname.includes("/pagefind/")) return "pagefind";
  if (pathname.includes("/search/marks/")) return "marks";
  if (/\.(html|css|js)$|\/$/.test(pathname)) return "page";
  return "other";
}

async function served<T>(root: string, work: (url: string, counter: TransferCounter) => Promise<T>): Promise<T> {
  const server = await startStaticServer({ root, host: "127.0.0.1" });
  const counter = new TransferCounter(server.server);
  try {
    return await work(server.url, counter);
  } finally {
    await server.close();
  }
}

/** A fresh profile (no cache) with service workers off: only what the search itself fetches is counted. */
async function freshPage<T>(browser: Browser, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Our site: open `/search/?q=<word>` and wait for the search page to report its results shown. */
export function ourFirstSearch(browser: Browser, site: string, word: string): Promise<SearchTransfer> {
  return served(site, (url, counter) => freshPage(browser, async (page) => {
    counter.start();
    await page.goto(`${url}search/?q=${encodeURIComponent(word)}`);
    await page.waitForSelector("#search-app[data-state=done]", { timeout: 120_000 });
    const results = await page.locator("#search-app .search-results > li").count();
    return { ...(await counter.stop()), results };
  }));
}

/**
 * Plain Pagefind on the baseline site: in a page of the same server, load `/pagefind/pagefind.js`,
 * `search(word)` and the first 10 results' `data()`, as a minimal search page would.
 */
export function plainFirstSearch(browser: Browser, site: string, word: string): Promise<SearchTransfer> {
  return served(site, (url, counter) => freshPage(browser, async (page) => {
    // Any address of that origin will do (the baseline has no pages but articles): a 404 text page.
    await page.goto(`${url}bench-blank`);
    counter.start();
    const results = await page.evaluate<number>(`(async () => {
      const pagefind = await import(${JSON.stringify(`${url}pagefind/pagefind.js`)});
      await pagefind.options({ baseUrl: "/" });
      const search = await pagefind.search(${JSON.stringify(word)});
      await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
      return search.results.length;
    })()`);
    return { ...(await counter.stop()), results };
  }));
}

/** Both first searches in one Chromium. */
export async function firstSearches(sites: { ours: string; baseline?: string }, options: FirstSearchOptions): Promise<{ ours: SearchTransfer; baseline?: SearchTransfer }> {
  const browser = await launchChromium(options.chromiumPath);
  try {
    const ours = await ourFirstSearch(browser, sites.ours, options.word);
    if (!sites.baseline) return { ours };
    return { ours, baseline: await plainFirstSearch(browser, sites.baseline, options.word) };
  } finally {
    await browser.close();
  }
}
