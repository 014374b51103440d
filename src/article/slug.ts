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

/** `Nâng cao chất lượng… đảng viên` → `nang-cao-chat-luong-…-dang-vien`. Empty when nothing is left. */
export function slugify(text: string): string {
  return foldMarks(text)
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120)
    .replace(/-+$/, "");
}

/** A user-given slug is one path segment of safe characters: no `/`, `..`, NUL or reserved names. */
export function isSafeSlug(slug: string): boolean {
  return /^[\p{Letter}\p{Number}][\p{Letter}\p{Number}_-]*$/u.test(slug) && slug.length <= 120;
}
