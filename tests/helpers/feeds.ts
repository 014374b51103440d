/**
 * The rules of JSON Feed 1.1 (https://jsonfeed.org/version/1.1) that a reader relies on; returns the
 * broken ones, so a failing test says which.
 */
export function validateJsonFeed(feed: unknown): string[] {
  const errors: string[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  const isUrl = (v: unknown) => typeof v === "string" && /^https?:\/\/[^/]+\//.test(v);
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  if (!isObj(feed)) return ["feed is not an object"];
  if (feed["version"] !== "https://jsonfeed.org/version/1.1") errors.push("version");
  if (typeof feed["title"] !== "string" || feed["title"] === "") errors.push("title");
  for (const key of ["home_page_url", "feed_url"]) if (key in feed && !isUrl(feed[key])) errors.push(key);
  if (!Array.isArray(feed["items"])) return [...errors, "items"];
  const ids = new Set<string>();
  feed["items"].forEach((item: unknown, i) => {
    if (!isObj(item)) return errors.push(`items[${i}] not an object`);
    if (typeof item["id"] !== "string" || item["id"] === "") errors.push(`items[${i}].id`);
    else if (ids.has(item["id"])) errors.push(`items[${i}].id duplicate`);
    else ids.add(item["id"]);
    if (typeof item["content_html"] !== "string" && typeof item["content_text"] !== "string") errors.push(`items[${i}] has no content`);
    if ("url" in item && !isUrl(item["url"])) errors.push(`items[${i}].url`);
    if ("date_published" in item && !(typeof item["date_published"] === "string" && rfc3339.test(item["date_published"]))) errors.push(`items[${i}].date_published`);
    if ("authors" in item && !(Array.isArray(item["authors"]) && item["authors"].every((a: unknown) => isObj(a) && typeof a["name"] === "string"))) errors.push(`items[${i}].authors`);
    if ("tags" in item && !(Array.isArray(item["tags"]) && item["tags"].every((t: unknown) => typeof t === "string"))) errors.push(`items[${i}].tags`);
    return undefined;
  });
  return errors;
}
