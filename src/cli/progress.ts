/** A progress bar on stderr when it is a terminal; otherwise a line now and then (logs, CI). */
export class Progress {
  private done = 0;
  private readonly started = Date.now();
  private lastLine = 0;

  constructor(
    private readonly total: number,
    private readonly what: string,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  tick(n = 1): void {
    this.done += n;
    const now = Date.now();
    if (this.out.isTTY) {
      if (now - this.lastLine < 80 && this.done < this.total) return;
      this.lastLine = now;
      this.out.write(`\r${this.bar()}\x1b[K`);
    } else if (now - this.lastLine > 5000 || this.done === this.total) {
      this.lastLine = now;
      this.out.write(`${this.bar()}\n`);
    }
  }

  /** A message above the bar (a failed file). */
  note(text: string): void {
    this.out.write(this.out.isTTY ? `\r\x1b[K${text}\n${this.bar()}` : `${text}\n`);
  }

  finish(): void {
    if (this.out.isTTY) this.out.write(`\r${this.bar()}\n`);
  }

  private bar(): string {
    const width = 30;
    const frac = this.total ? this.done / this.total : 1;
    const filled = Math.round(frac * width);
    const secs = (Date.now() - this.started) / 1000;
    const rate = secs > 0 ? this.done / secs : 0;
    const left = rate > 0 ? Math.round((this.total - this.done) / rate) : 0;
    return `${this.what} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${this.done}/${this.total} · ${rate.toFixed(1)} 份/秒${this.done < this.total && rate > 0 ? ` · 约剩 ${left} 秒` : ''}`;
  }
}
