import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Build and browser tests run real Eleventy, Pagefind and Chromium: generous limits, never a timing assertion.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: "forks",
  },
});
