// A one-line progress bar on stderr for long runs; stdout stays clean for results.

export class Progress {
  private done = 0;
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(private readonly total: number, private readonly unit: string,
              private readonly stream: NodeJS.WriteStream = process.stderr, private readonly enabled = true) {}

  tick(label = ''): void {
    this.done++;
    this.draw(this.done, label);
  }

  /** Part of the current item is done (a big file's windows): fraction in [0, 1]. */
  partial(fraction: number, label = ''): void {
    this.draw(this.done + fraction, label);
  }

  /** Items up to `done` (a fraction of them) are done: a batch of items in progress. Never moves back. */
  upTo(done: number, label = ''): void {
    this.draw(Math.max(this.done, Math.min(this.total, done)), label);
  }

  private draw(done: number, label: string): void {
    const now = Date.now();
    // Redrawing costs a write syscall: at most ~10 times a second, and always the last one.
    if (!this.enabled || (now - this.lastDraw < 100 && done < this.total)) return;
    this.lastDraw = now;
    const width = 24;
    const frac = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const filled = Math.round(frac * width);
    const secs = (now - this.started) / 1000;
    const rate = secs > 0 ? `${(done / secs).toFixed(1)} ${this.unit}/s` : '';
    const name = label.length > 40 ? '…' + label.slice(-39) : label;
    this.stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(done)}/${this.total} ${this.unit} ${rate} ${name}\x1b[K`);
  }

  finish(): void {
    if (this.enabled && this.lastDraw > 0) this.stream.write('\r\x1b[K');
  }
}
