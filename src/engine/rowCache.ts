// Model outputs (Electric energies and cloze rows) by id sequence, least recently used first out. The same
// row (an unchanged paragraph's window, a suspect's REPLACE row asked for again by a re-check or by rank)
// is never run twice while it stays in the cache, so re-checking an edited document costs only what changed.
import type { ClozeRow, ModelRunner } from './types';

export class RowCache<T> {
  private readonly map = new Map<string, T>();
  hits = 0;
  misses = 0;

  constructor(private readonly capacity = 20_000) {}

  /** Outputs for every row, in order; only rows not in the cache go to `run`, in one batch. */
  async get(rows: number[][], run: (rows: number[][]) => Promise<T[]>): Promise<T[]> {
    const keys = rows.map(keyOf);
    const out = new Array<T | undefined>(rows.length);
    const missing = new Map<string, number[]>();   // key → row indexes wanting it
    keys.forEach((k, i) => {
      const got = this.map.get(k);
      if (got !== undefined) {
        this.map.delete(k); this.map.set(k, got);   // refresh recency
        out[i] = got; this.hits++;
      } else {
        const want = missing.get(k);
        if (want) want.push(i); else missing.set(k, [i]);
      }
    });
    if (missing.size > 0) {
      const todo = [...missing.keys()];
      this.misses += todo.length;
      const scored = await run(todo.map((k) => rows[missing.get(k)![0]]));
      if (scored.length !== todo.length) throw new Error(`runner returned ${scored.length} rows for ${todo.length}`);
      todo.forEach((k, j) => {
        for (const i of missing.get(k)!) out[i] = scored[j];
        this.map.set(k, scored[j]);
      });
      while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
    }
    return out as T[];
  }
}

const rowKeys = new WeakMap<number[], string>();

/**
 * A row's cache key, remembered per row array: an unchanged block's windows are the same arrays from one
 * re-check to the next (blockMemo.ts), and joining every window's ids was a visible part of a re-check.
 * Rows are never mutated after they are built.
 */
function keyOf(row: number[]): string {
  let k = rowKeys.get(row);
  if (k === undefined) rowKeys.set(row, (k = row.join(',')));
  return k;
}

/** Electric energies through a RowCache. */
export class EnergyCache extends RowCache<Float32Array> {
  energies(runner: ModelRunner, rows: number[][]): Promise<Float32Array[]> {
    return this.get(rows, (todo) => runner.energies(todo));
  }
}

/** Cloze outputs through a RowCache (a row's top-K for every position is ~1 KB per piece: fewer kept). */
export class ClozeCache extends RowCache<ClozeRow> {
  cloze(runner: ModelRunner, rows: number[][]): Promise<ClozeRow[]> {
    return this.get(rows, (todo) => runner.cloze(todo));
  }
}

/** What REPLACE reads of a row: its energies and its tokens' log q (not the cloze top-K, ~1 KB a piece). */
export interface ReplaceScores { energy: Float32Array; tokenLogq: Float32Array }

/**
 * REPLACE rows through both heads, kept apart from the windows' caches: a long document's suspects are
 * tens of thousands of short rows, which would otherwise push its windows out (and every re-check would
 * score them again), and only tokenLogq of their cloze output is kept.
 */
export class ReplaceCache extends RowCache<ReplaceScores> {
  scores(runner: ModelRunner, rows: number[][], signal?: AbortSignal): Promise<ReplaceScores[]> {
    return this.get(rows, async (todo) => {
      const energy = await runner.energies(todo);
      signal?.throwIfAborted();
      const cloze = await runner.cloze(todo);
      return todo.map((_, i) => ({ energy: energy[i], tokenLogq: cloze[i].tokenLogq }));
    });
  }
}

// A full cache of 36-piece rows holds ~16 MB (V8 heap and array buffers after a GC, measured); it keeps
// every suspect of a 10k-word technical document (~2,000 suspects × 17 rows), so re-checking it after an
// edit scores only the suspects the edit touched.
const REPLACE_CACHE_ROWS = 50_000;

interface Caches { energy: EnergyCache; cloze: ClozeCache; replace: ReplaceCache }
const caches = new WeakMap<ModelRunner, Caches>();

/** The caches that belong to runner (outputs depend on the model, so one set per runner). */
export function cachesFor(runner: ModelRunner): Caches {
  let c = caches.get(runner);
  if (!c) caches.set(runner, (c = { energy: new EnergyCache(), cloze: new ClozeCache(2_000), replace: new ReplaceCache(REPLACE_CACHE_ROWS) }));
  return c;
}
