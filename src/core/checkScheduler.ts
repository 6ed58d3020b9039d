// When documents are checked, free of VS Code so it can be tested in memory (as VS Code's own
// markdown-language-features keeps its diagnostics scheduling): one debounce timer and at most one request
// in flight per document, a newer check aborts the older one, results for a version that is no longer current
// are dropped, and a document whose check crashed the engine is held back until the user asks again.
// src/features/diagnostics.ts adapts it to vscode.TextDocument and the DiagnosticCollection.
import { CrashBudget } from './crashBudget';

/** What the scheduler needs to know about a document; vscode.TextDocument has all of it. */
export interface Checkable {
  readonly version: number;
  readonly isClosed: boolean;
}

export interface SchedulerDeps<D extends Checkable, R> {
  key(doc: D): string;
  /**
   * Starts a check, or returns undefined when the document is not to be checked now (the caller cleared it). `rest`:
   * the check of the rest of the document that restAfter asked for, not one an edit or an editor asked for.
   */
  start(doc: D, signal: AbortSignal, rest: boolean): Promise<R> | undefined;
  /** A result for the document's current version (`rest`: the rest check's). */
  publish(doc: D, version: number, result: R, rest: boolean): void;
  /**
   * After a check's result is published: the milliseconds to wait, with the document unchanged, before checking the
   * rest of it (restOfDocument.ts), or undefined when there is no rest to check. Not asked after a rest check.
   */
  restAfter?(doc: D, result: R): number | undefined;
  /** A check failed for a reason other than being superseded, or crashed the engine. */
  fail(doc: D, err: unknown): void;
  /** The error a request gets when the worker died while it was running (EngineClient's WorkerExitError). */
  isCrash(err: unknown): boolean;
  /** Documents this crash put over their crash budget: the user is told once each. */
  held?(docs: D[]): void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

interface Entry<D> { doc: D; timer?: unknown; controller?: AbortController }

/** How a finished check ended; returned by check() for tests and logs. */
export type Outcome = 'published' | 'not-wanted' | 'superseded' | 'stale' | 'failed' | 'crashed' | 'held';

export class CheckScheduler<D extends Checkable, R> {
  private readonly entries = new Map<string, Entry<D>>();
  /** Documents whose check was rejected by one worker crash (the same error object), until blame is shared out. */
  private readonly crashes = new Map<unknown, Set<string>>();
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly deps: SchedulerDeps<D, R>, readonly budget = new CrashBudget()) {
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** Checks the document after delayMs unless another schedule() comes first (typing). Held documents wait. */
  schedule(doc: D, delayMs: number): void {
    const key = this.deps.key(doc);
    if (this.budget.isHeld(key)) return;
    const entry = this.entry(key, doc);
    if (entry.timer !== undefined) this.clearTimer(entry.timer);
    entry.timer = this.setTimer(() => {
      entry.timer = undefined;
      void this.check(entry.doc);
    }, delayMs);
  }

  /** The user asked: lift a crash hold and check now. */
  retry(doc: D): Promise<Outcome> {
    this.budget.release(this.deps.key(doc));
    return this.check(doc);
  }

  isHeld(doc: D): boolean {
    return this.budget.isHeld(this.deps.key(doc));
  }

  /**
   * Checks now, aborting a check of the same document still in flight. `rest`: the rest check restAfter asked for,
   * of the version it saw (an edit since, or a schedule(), calls it off).
   */
  async check(doc: D, rest = false): Promise<Outcome> {
    const key = this.deps.key(doc);
    if (this.budget.isHeld(key)) return 'held';
    const entry = this.entry(key, doc);
    entry.controller?.abort();
    const controller = new AbortController();
    entry.controller = controller;
    const version = doc.version;
    try {
      const pending = this.deps.start(doc, controller.signal, rest);
      if (!pending) return 'not-wanted';
      const result = await pending;
      if (controller.signal.aborted) return 'superseded';
      // Closed or edited while the model ran: the edit has scheduled a check of its own.
      if (doc.isClosed || doc.version !== version) return 'stale';
      this.deps.publish(doc, version, result, rest);
      const wait = rest ? undefined : this.deps.restAfter?.(doc, result);
      // The timer is the debounce's: typing (schedule) replaces it, and a check of the document calls it off.
      if (wait !== undefined && entry.timer === undefined) {
        entry.timer = this.setTimer(() => {
          entry.timer = undefined;
          if (!entry.doc.isClosed && entry.doc.version === version) void this.check(entry.doc, true);
        }, wait);
      }
      return 'published';
    } catch (err) {
      if (controller.signal.aborted) return 'superseded';
      if (this.deps.isCrash(err)) {
        this.blame(err, key);
        this.deps.fail(doc, err);
        return 'crashed';
      }
      this.deps.fail(doc, err);
      return 'failed';
    } finally {
      if (entry.controller === controller) entry.controller = undefined;
    }
  }

  /** Keys of the documents with a check in flight. */
  inFlight(): string[] {
    return [...this.entries].filter(([, e]) => e.controller).map(([k]) => k);
  }

  /** The document was closed: stop its timer and its request, forget its crashes. */
  forget(key: string): void {
    const entry = this.entries.get(key);
    if (entry?.timer !== undefined) this.clearTimer(entry.timer);
    entry?.controller?.abort();
    this.entries.delete(key);
    this.budget.forget(key);
  }

  dispose(): void {
    for (const key of [...this.entries.keys()]) this.forget(key);
  }

  private entry(key: string, doc: D): Entry<D> {
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { doc }));
    entry.doc = doc;
    return entry;
  }

  /**
   * A crash rejects every pending request with the same error, synchronously; the awaits resume one by one.
   * The blame is shared out once all of them have resumed (a macrotask later), among all it rejected.
   */
  private blame(err: unknown, key: string): void {
    let keys = this.crashes.get(err);
    if (!keys) {
      keys = new Set();
      this.crashes.set(err, keys);
      const settle = (): void => {
        const all = [...(this.crashes.get(err) ?? [])];
        this.crashes.delete(err);
        const held = this.budget.record(all);
        const docs = held.map((k) => this.entries.get(k)?.doc).filter((d): d is D => d !== undefined);
        if (docs.length) this.deps.held?.(docs);
      };
      this.setTimer(settle, 0);
    }
    keys.add(key);
  }
}
