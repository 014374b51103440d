import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseYaml, splitFrontMatter } from "../article/frontmatter.ts";
import { normalizeText } from "../article/text.ts";

/** `slug.md`, `slug-2.md`, `slug-3.md`, … */
export function candidateName(slug: string, n: number): string {
  return n === 1 ? `${slug}.md` : `${slug}-${n}.md`;
}

const MAX_SUFFIX = 1000;

export type Placement =
  | { status: "imported"; path: string; replaced: boolean }
  | { status: "unchanged"; path: string }
  | { status: "skipped"; path: string; reason: string };

export interface PlaceOptions {
  /** Folder of the file: `<out>/YYYY/MM`. */
  folder: string;
  slug: string;
  content: string;
  /** The `source` of the article: a file there with the same `source` is this article. */
  source: string;
  force: boolean;
  dryRun: boolean;
  /**
   * Files placed earlier in this run, and by which input. Two inputs with the same base name (from two
   * folders) have the same `source`, but are still two articles: one never takes the other's file.
   */
  claimed: Map<string, string>;
  /** Identity of this input in `claimed` (its resolved path). */
  claimant: string;
}

/**
 * Put an article at `folder/slug.md`, or the first free `slug-N.md`, idempotently:
 * - a file with exactly this content (at any suffix) → unchanged;
 * - a file with this `source` but other content (edited by hand, or imported by an older importer)
 *   → skipped and reported, replaced only with `force`;
 * - a file of another article → tried the next suffix; nothing is ever written over it.
 */
export async function placeArticle(o: PlaceOptions): Promise<Placement> {
  const bytes = Buffer.from(o.content, "utf8");
  for (let attempt = 0; attempt < 3; attempt++) {
    let free: string | undefined;
    let sameSource: string | undefined;
    for (let n = 1; n <= MAX_SUFFIX && free === undefined; n++) {
      const target = path.join(o.folder, candidateName(o.slug, n));
      const owner = o.claimed.get(target);
      if (owner !== undefined && owner !== o.claimant) continue;
      const existing = await readIfExists(target);
      if (existing === null) {
        free = target;
      } else if (existing.equals(bytes)) {
        o.claimed.set(target, o.claimant);
        return { status: "unchanged", path: target };
      } else if (sameSource === undefined && sourceOf(existing) === o.source) {
        sameSource = target;
      }
    }
    if (sameSource !== undefined) {
      o.claimed.set(sameSource, o.claimant);
      if (!o.force) {
        return {
          status: "skipped",
          path: sameSource,
          reason: "exists with other content (edited by hand?); not overwritten: use --force to replace it",
        };
      }
      if (!o.dryRun) await writeFileAtomic(sameSource, o.content, "replace");
      return { status: "imported", path: sameSource, replaced: true };
    }
    if (free === undefined) throw new Error(`${path.join(o.folder, o.slug)}: more than ${MAX_SUFFIX} files of that name`);
    o.claimed.set(free, o.claimant);
    if (o.dryRun) return { status: "imported", path: free, replaced: false };
    try {
      await writeFileAtomic(free, o.content, "create");
      return { status: "imported", path: free, replaced: false };
    } catch (e) {
      // Another process took the name between our look and our write: look again.
      if (!isCode(e, "EEXIST")) throw e;
      o.claimed.delete(free);
    }
  }
  throw new Error(`${path.join(o.folder, o.slug)}: the folder keeps changing while importing`);
}

/**
 * Write through a temporary file in the same folder, so that a reader (or a crash) never sees half a
 * file. `create` never replaces an existing file (hard link, which fails if the name is taken);
 * `replace` renames over it.
 */
export async function writeFileAtomic(target: string, content: string, mode: "create" | "replace"): Promise<void> {
  const folder = path.dirname(target);
  await mkdir(folder, { recursive: true });
  const temp = path.join(folder, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, content, { flag: "wx" });
    if (mode === "replace") {
      await rename(temp, target);
    } else {
      try {
        await link(temp, target);
      } catch (e) {
        // File systems without hard links: check, then rename (a narrower race, but still never a half file).
        if (!isCode(e, "EPERM") && !isCode(e, "ENOTSUP") && !isCode(e, "EOPNOTSUPP") && !isCode(e, "ENOSYS")) throw e;
        if (await exists(target)) throw Object.assign(new Error(`${target} exists`), { code: "EEXIST" });
        await rename(temp, target);
      }
    }
  } finally {
    await rm(temp, { force: true });
  }
}

/** A new file at `folder/slug.md` or the first free `slug-N.md`; never writes over anything. */
export async function createNewFile(folder: string, slug: string, content: string): Promise<string> {
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const target = path.join(folder, candidateName(slug, n));
    try {
      await writeFileAtomic(target, content, "create");
      return target;
    } catch (e) {
      if (!isCode(e, "EEXIST")) throw e;
    }
  }
  throw new Error(`${path.join(folder, slug)}: more than ${MAX_SUFFIX} files of that name`);
}

/** The `source` field of an article file, if it has one that can be read. */
export function sourceOf(bytes: Uint8Array): string | undefined {
  try {
    const split = splitFrontMatter(normalizeText(new TextDecoder().decode(bytes)));
    if (split.yaml === null) return undefined;
    const source = parseYaml(split.yaml, split.yamlLine).data?.["source"];
    return typeof source === "string" ? source.normalize("NFC").trim() : undefined;
  } catch {
    return undefined;
  }
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (e) {
    if (isCode(e, "ENOENT")) return null;
    throw e;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (e) {
    if (isCode(e, "ENOENT")) return false;
    throw e;
  }
}

export function isCode(e: unknown, code: string): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === code;
}
