// Model outputs (Electric energies and cloze rows) by id sequence, least recently used first out, within a
// byte budget (cacheBudgets.ts). The same row (an unchanged paragraph's window, a suspect's REPLACE row asked
// for again by a re-check or by rank) is never run twice while it stays in the cache, so re-checking an edited document
// costs only what changed.
import { LruMap } from '../text/lru';
import { cacheBudgets } from './cacheBudgets';
import { REPLACE_WEIGHTS } from './channel';
import type { ReplaceRow } from './ranking';
import type { ClozeRow, ModelRunner } from './types';

// What one entry costs besides its numbers and its key's units: the Map slot and the entry object
// (ENTRY_OVERHEAD), and each typed array's JS objects and backing-store record (ARRAY_OVERHEAD). V8 on x64,
// node 20, measured as heapUsed + external growth over 10,000 entries after gc: 291 bytes for an energy
// row, 708 for a cloze row (three arrays and their object), rounded up here.
const ENTRY_OVERHEAD = 100;
const ARRAY_OVERHEAD = 200;

/**
 * The key of a row of ids: one UTF-16 unit per id below 0xFFFF, an escape unit and two units for the rest
 * (a prefix-free code, so no two rows share a key). ~6× smaller than ids.join(',') and faster to make.
 */
export function rowKey(row: readonly number[]): string {
  const units: number[] = [];
  for (const id of row) {
    if (id < 0xffff) units.push(id);
    else units.push(0xffff, id >>> 16, id & 0xffff);
  }
  // In slices: a spread of a very long row (one the runner will reject) would overflow the stack first.
  let key = '';
  for (let i = 0; i < units.length; i += 4096) key += String.fromCharCode(...units.slice(i, i + 4096));
  return key;
}

export class RowCache<T, R = number[]> {
  private readonly rows: LruMap<string, { value: T; bytes: number }>;
  hits = 0;
  misses = 0;

  /**
   * maxBytes: the budget for keys, values and per-entry overhead; sizeOf: a value's own bytes; key: a row's key
   * (keyOf: its ids').
   */
  constructor(readonly maxBytes: number, private readonly sizeOf: (value: T) => number,
    private readonly key: (row: R) => string = keyOf as unknown as (row: R) => string) {
    this.rows = new LruMap(maxBytes, (e) => e.bytes);
  }

  /** Bytes held now (keys, values and their overhead, as the budget counts them). */
  get bytes(): number { return this.rows.units; }
  get size(): number { return this.rows.size; }

  /** Forgets every row (a host that measures or wants the memory back). */
  clear(): void {
    this.rows.clear();
  }

  /** A row's output where the cache holds it, without counting a hit or making it recent. */
  peek(row: R): T | undefined {
    return this.rows.peek(this.key(row))?.value;
  }

  /**
   * Outputs for every row, in order; only rows not in the cache go to `run`, in one batch. Every row is
   * looked up before any is added, so a batch bigger than the budget still leaves its last rows cached
   * for the next identical batch (a re-check) rather than evicting each row just before it is wanted.
   * The least recently used rows go first (LruMap's second chance).
   */
  async get(rows: R[], run: (rows: R[]) => Promise<T[]>): Promise<T[]> {
    const keys = rows.map(this.key);
    const out = new Array<T | undefined>(rows.length);
    const missing = new Map<string, number[]>();   // key → row indexes wanting it
    keys.forEach((k, i) => {
      const got = this.rows.get(k);
      if (got !== undefined) {
        out[i] = got.value; this.hits++;
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
        // A concurrent get() may have added the same row while this one ran: set replaces it.
        this.rows.set(k, { value: scored[j], bytes: ENTRY_OVERHEAD + 2 * k.length + this.sizeOf(scored[j]) });
      });
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
  if (k === undefined) rowKeys.set(row, (k = rowKey(row)));
  return k;
}

/** Electric energies through a RowCache. */
export class EnergyCache extends RowCache<Float32Array> {
  constructor(maxBytes = cacheBudgets().energyBytes) {
    super(maxBytes, (e) => ARRAY_OVERHEAD + e.byteLength);
  }

  energies(runner: ModelRunner, rows: number[][]): Promise<Float32Array[]> {
    return this.get(rows, (todo) => runner.energies(todo));
  }
}

/** Cloze outputs through a RowCache. */
export class ClozeCache extends RowCache<ClozeRow> {
  constructor(maxBytes = cacheBudgets().clozeBytes) {
    super(maxBytes, (r) => 3 * ARRAY_OVERHEAD + r.topkIds.byteLength + r.topkLogq.byteLength + r.tokenLogq.byteLength);
  }

  cloze(runner: ModelRunner, rows: number[][]): Promise<ClozeRow[]> {
    return this.get(rows, (todo) => runner.cloze(todo));
  }
}

/**
 * What REPLACE reads of a row: its tokens' log q over its scored span (not the cloze top-K, ~1 KB a piece), and its
 * energies there where the weights read them (ranking.ts, contextCost).
 */
export interface ReplaceScores { energy?: Float32Array; tokenLogq: Float32Array }

const replaceKeys = new WeakMap<ReplaceRow, string>();

/** A REPLACE row's key: its ids' and its scored span's (the span is part of what is scored). */
function replaceKey(row: ReplaceRow): string {
  let k = replaceKeys.get(row);
  if (k === undefined) replaceKeys.set(row, (k = keyOf(row.ids) + String.fromCharCode(0xffff, row.scored[0], row.scored[1])));
  return k;
}

/**
 * REPLACE rows through the heads their weights read (the cloze head always, Electric's where `withEnergy`),
 * kept apart from the windows' caches: a long document's suspects are many short rows, which would otherwise
 * push its windows out (and every re-check would score them again), and only their scored span's tokenLogq is
 * kept. A row that is a window the windows' cache holds (`windows`: a short sentence's original row is its
 * window, [CLS] sentence [SEP]; 648 of jfleg-dev's 20,528 rows) is read from it, not run again, where the
 * weights read no energy.
 */
export class ReplaceCache extends RowCache<ReplaceScores, ReplaceRow> {
  constructor(readonly withEnergy: boolean, maxBytes = cacheBudgets().replaceBytes, private readonly windows?: RowCache<ClozeRow>) {
    super(maxBytes, (r) => (r.energy ? 2 : 1) * ARRAY_OVERHEAD + (r.energy?.byteLength ?? 0) + r.tokenLogq.byteLength, replaceKey);
  }

  scores(runner: ModelRunner, rows: ReplaceRow[], signal?: AbortSignal): Promise<ReplaceScores[]> {
    return this.get(rows, async (todo) => {
      const known = this.withEnergy || !this.windows ? [] : todo.map((r) => this.windows!.peek(r.ids));
      const rest = todo.filter((_, i) => !known[i]);
      const scored = rest.length ? await replaceScores(runner, rest, this.withEnergy, signal) : [];
      let j = 0;
      return todo.map((r, i) => (known[i] ? { tokenLogq: known[i]!.tokenLogq.slice(...r.scored) } : scored[j++]));
    });
  }
}

/**
 * REPLACE rows scored over their spans, uncached: the cloze pass, and Electric's first where withEnergy. A row
 * whose span is empty (no context and nothing put in) reads nothing, and is not run.
 */
export async function replaceScores(runner: ModelRunner, rows: ReplaceRow[], withEnergy: boolean, signal?: AbortSignal): Promise<ReplaceScores[]> {
  const run = rows.filter((r) => r.scored[1] > r.scored[0]);
  const energy = withEnergy && run.length ? await runner.energies(run.map((r) => r.ids)) : undefined;
  signal?.throwIfAborted();
  const cloze = run.length ? await runner.cloze(run.map((r) => r.ids), { tokensAt: run.map((r) => r.scored) }) : [];
  let j = 0;
  return rows.map((r) => {
    if (r.scored[1] <= r.scored[0]) return { energy: withEnergy ? new Float32Array(0) : undefined, tokenLogq: new Float32Array(0) };
    const [from, to] = r.scored, i = j++;
    const tokenLogq = cloze[i].tokenLogq;
    if (tokenLogq.length !== to - from) {
      throw new Error(`the runner gave ${tokenLogq.length} log q for a span of ${to - from} positions: it must honour cloze's tokensAt`);
    }
    return { energy: energy?.[i].slice(from, to), tokenLogq };
  });
}

interface Caches { energy: EnergyCache; cloze: ClozeCache; replace: ReplaceCache }
const caches = new WeakMap<ModelRunner, Caches>();

/**
 * The caches that belong to runner (outputs depend on the model, so one set per runner), made on first use
 * with the budgets then (cacheBudgets.ts).
 */
export function cachesFor(runner: ModelRunner): Caches {
  let c = caches.get(runner);
  if (!c) {
    const cloze = new ClozeCache();
    caches.set(runner, (c = { energy: new EnergyCache(), cloze, replace: new ReplaceCache(REPLACE_WEIGHTS.energy !== 0, undefined, cloze) }));
  }
  return c;
}
