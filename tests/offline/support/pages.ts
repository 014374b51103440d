import { afterAll, afterEach, expect } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";

/**
 * Pages for one describe block: each in a context of its own (its own service worker and caches),
 * closed after the block; a script error on any of them fails the test it happened in.
 */
export function trackedPages(browser: () => Browser): () => Promise<{ context: BrowserContext; page: Page }> {
  const contexts: BrowserContext[] = [];
  const errors: Error[] = [];
  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });
  return async () => {
    const context = await browser().newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e));
    return { context, page };
  };
}

/** Resolves once a service worker controls the page (it precached the shell when it installed). */
export async function waitForWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}
