// Which documents crashed the engine worker. A crash rejects every request in flight, so the blame for one
// crash is shared among the documents that were being checked when it happened: a document checked alone
// takes all of it and is held back at once; two checked together are each held back after a second crash.
// Crashes older than the window are forgiven. The client's own limit (5 crashes in 60 s) counts crashes of
// the worker as a whole, which a single document crashing it every 30 s never reaches; this counts per document.

export interface CrashBudgetOptions {
  /** blame (in whole crashes) at which a document is held back */
  limit?: number;
  windowMs?: number;
  now?: () => number;
}

export class CrashBudget {
  private readonly blame = new Map<string, { at: number; share: number }[]>();
  private readonly held = new Set<string>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: CrashBudgetOptions = {}) {
    this.limit = options.limit ?? 1;
    this.windowMs = options.windowMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * One crash, with the documents that were in flight when it happened. Returns the documents this crash
   * put over budget (newly held back), so the caller can say so once for each.
   */
  record(keys: readonly string[]): string[] {
    if (keys.length === 0) return [];
    const at = this.now();
    const share = 1 / keys.length;
    const newlyHeld: string[] = [];
    for (const key of keys) {
      const recent = (this.blame.get(key) ?? []).filter((c) => at - c.at < this.windowMs);
      recent.push({ at, share });
      this.blame.set(key, recent);
      // A small tolerance: three shares of 1/3 must add up to one whole crash.
      if (!this.held.has(key) && recent.reduce((a, c) => a + c.share, 0) >= this.limit - 1e-9) {
        this.held.add(key);
        newlyHeld.push(key);
      }
    }
    return newlyHeld;
  }

  /** True while a document is held back: it is checked again only when the user asks. */
  isHeld(key: string): boolean {
    return this.held.has(key);
  }

  /** The user asked to check it again: a fresh budget (it is held back again if it crashes again). */
  release(key: string): void {
    this.held.delete(key);
    this.blame.delete(key);
  }

  /** The document was closed: reopening it starts afresh, with the same budget as a new document. */
  forget(key: string): void {
    this.release(key);
  }
}
