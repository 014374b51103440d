/** The bits of a terminal stream the progress bar uses (a test passes a fake). */
export interface TerminalStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * One self-rewriting line on a terminal: `[#####.....] 7,103/14,214  50%  imported 7,100 …`.
 * Redrawn at most ten times a second; `log` prints a message above it without tearing it.
 */
export class ProgressBar {
  private lastDraw = 0;
  private shown = false;
  private text = "";

  constructor(
    private readonly stream: TerminalStream,
    private readonly total: number,
    private readonly now: () => number = Date.now,
  ) {}

  update(done: number, detail: string): void {
    const time = this.now();
    if (done < this.total && time - this.lastDraw < 100) return;
    this.lastDraw = time;
    const width = Math.max(10, Math.min(30, (this.stream.columns ?? 80) - 60));
    const ratio = this.total === 0 ? 1 : done / this.total;
    const filled = Math.round(ratio * width);
    const count = `${done.toLocaleString("en-US")}/${this.total.toLocaleString("en-US")}`;
    const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${count} ${String(Math.floor(ratio * 100)).padStart(3)}%  ${detail}`;
    this.text = line.slice(0, Math.max(20, (this.stream.columns ?? 80) - 1));
    this.stream.write(`\r\x1b[K${this.text}`);
    this.shown = true;
  }

  /** Print a line (ending in a newline) above the bar. */
  log(line: string): void {
    if (this.shown) this.stream.write("\r\x1b[K");
    this.stream.write(line.endsWith("\n") ? line : `${line}\n`);
    if (this.shown) this.stream.write(this.text);
  }

  /** Remove the bar, leaving the terminal as it was. */
  clear(): void {
    if (this.shown) this.stream.write("\r\x1b[K");
    this.shown = false;
  }
}
