/**
 * Files the build writes besides article and listing pages (feeds, sitemap, scripts, mark files,
 * media…), recorded as output-relative paths while Eleventy runs. The build keeps the list in its
 * state, so that an incremental build can delete what the previous one wrote and this one did not
 * (a removed section's feed, an image no article uses any more, last build's hashed files).
 */
const recorded = new Set<string>();

export function recordOutputs(paths: Iterable<string>): void {
  for (const p of paths) recorded.add(p.split("\\").join("/"));
}

/** What was recorded since the last call, sorted. */
export function takeOutputs(): string[] {
  const list = [...recorded].sort();
  recorded.clear();
  return list;
}
