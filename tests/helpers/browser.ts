import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Chromium from CHROME_PATH, else Debian's /usr/bin/chromium; a clear failure when neither exists. */
export function chromiumPath(): string {
  const candidate = process.env["CHROME_PATH"] || "/usr/bin/chromium";
  if (!existsSync(candidate)) {
    throw new Error(`Chromium not found at ${candidate}. Install it (apt-get install -y chromium) or set CHROME_PATH to a Chromium/Chrome binary.`);
  }
  return candidate;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // The machine has no network beyond loopback: keep Chromium from trying to phone home.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
