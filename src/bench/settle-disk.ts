import { execFileSync } from "node:child_process";
import { setTimeout as wait } from "node:timers/promises";

/**
 * How long ext4 avoids reusing a deleted inode once its inode table block is written back
 * (RECENTCY_MIN in the kernel's fs/ext4/ialloc.c; five minutes more while the block is dirty). On a
 * file system without a journal, as this machine's, every file created meanwhile looks at each
 * recently deleted inode of its block group first: measured here, 3,000 files of 2 kB took 1.1–1.3 s
 * of system CPU in a folder whose group had just lost a few thousand files, 0.07 s elsewhere. A
 * benchmark that deletes its previous run's 240,000 files and builds right away measures that, not
 * the build (it was the `pages` stage's swing, 77 s against 129 s at 100,000 articles).
 */
export const INODE_REUSE_SECONDS = 60;

/**
 * After deleting many files (at `deletedAt`, ms), before a timed run: writes everything back (`sync`,
 * which also cleans the inode tables) and waits until the deleted inodes count as old. A wait on the
 * kernel's rule, not a timing: nothing is measured across it.
 */
export async function settleAfterDeletion(deletedAt: number, log: (line: string) => void = () => {}): Promise<void> {
  try {
    execFileSync("sync", { stdio: "ignore" });
  } catch {
    // No `sync` command: the wait below still lets most of the deletion age out.
  }
  const left = deletedAt + (INODE_REUSE_SECONDS + 1) * 1000 - Date.now();
  if (left <= 0) return;
  log(`waiting ${Math.ceil(left / 1000)} s for the previous run's deleted files to age out (ext4 avoids reusing their inodes for ${INODE_REUSE_SECONDS} s)…`);
  await wait(left);
}
