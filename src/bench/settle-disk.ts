import { execFileSync } from "node:child_process";
import { setTimeout as wait } from "node:timers/promises";

/**
 * How long ext4 avoids reusing a deleted inode: a minute once its inode table block is written back,
 * five more while that block is dirty (RECENTCY_MIN and RECENTCY_DIRTY in the kernel's
 * fs/ext4/ialloc.c), and a block is dirty again as soon as a new file's inode is put in it. On a file
 * system without a journal, as this machine's, every file created meanwhile first looks at each
 * recently deleted inode of its block group: measured here, 3,000 files of 2 kB took 1.1–1.3 s of
 * system CPU in a folder whose group had just lost a few thousand files, 0.07 s elsewhere; a full
 * build of 100,000 articles started 61 s after deleting three earlier sites (and a `sync`) took
 * 192.4 s with 103.8 s of system CPU, `recently_deleted` and its lookups a quarter of all CPU samples
 * (`perf record -a`), against 157.0 s and 37.7 s without the deletion. A benchmark that deletes its
 * previous run's files and builds right away measures that, not the build: it was the `pages` stage's
 * swing (66–77 s against 120–129 s at 100,000 articles).
 */
export const INODE_REUSE_SECONDS = 360;

/**
 * After deleting many files (at `deletedAt`, ms), before a timed run: writes everything back (`sync`,
 * which also cleans the inode tables) and waits until the deleted inodes count as old. A wait on the
 * kernel's rule, not a timing: nothing is measured across it.
 */
export async function settleAfterDeletion(deletedAt: number, log: (line: string) => void = () => {}): Promise<void> {
  // Without `sync`, the wait below still lets most of the deletion age out.
  writeBack();
  const left = deletedAt + (INODE_REUSE_SECONDS + 1) * 1000 - Date.now();
  if (left <= 0) return;
  log(`waiting ${Math.ceil(left / 1000)} s for the previous run's deleted files to age out (ext4 avoids reusing their inodes for up to ${INODE_REUSE_SECONDS} s)…`);
  await wait(left);
}

/**
 * Writes every dirty page back (`sync`), when there is a `sync` command: the benchmark's generated
 * articles (100,000 files) before the first timed build, which would otherwise share the disk with
 * their write-back while it reads them, and that build's last files before the timed rebuild.
 * Nothing is measured across it.
 */
export function writeBack(): void {
  try {
    execFileSync("sync", { stdio: "ignore" });
  } catch {
    // No `sync` command: the kernel writes them back in its own time.
  }
}
