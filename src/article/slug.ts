/**
 * Slugs for addresses. Hand-written rather than `slugify`/`@sindresorhus/slugify`: both map `đ` correctly
 * but neither lets us keep the rule set this small and identical in the browser-side search folding
 * (src/search), which must agree with it letter for letter.
 */

/** Remove Vietnamese (and other Latin) marks; `đ`/`Đ` have no decomposition, so they are mapped by hand. */
export function foldMarks(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
}

/**
 * `Nâng cao chất lượng… đảng viên` → `nang-cao-chat-luong-…-dang-vien`. Empty when nothing is left.
 * A name Windows reserves for a device (`con`, `nul`, `com1`…) gets a `_`, which no other slug has: the
 * site and the importer's files must copy to any file system.
 */
export function slugify(text: string): string {
  const slug = foldMarks(text)
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120)
    .replace(/-+$/, "");
  return isReservedName(slug) ? `${slug}_` : slug;
}

/** Device names Windows reserves in every folder, whatever the case or extension. */
export function isReservedName(segment: string): boolean {
  return /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i.test(segment);
}

/** One path segment of letters, digits, `-` and `_`: no `/`, `\\`, `..`, NUL, dot or space. */
export function isSlugShaped(slug: string): boolean {
  return /^[\p{Letter}\p{Number}][\p{Letter}\p{Number}_-]*$/u.test(slug) && slug.length <= 120;
}

/** A user-given slug is one path segment of safe characters: no `/`, `..`, NUL or reserved names. */
export function isSafeSlug(slug: string): boolean {
  return isSlugShaped(slug) && !isReservedName(slug);
}
