// A map that keeps at most `capacity` units (each entry weighs what its `weigh` says: pieces, rows, bytes),
// least recently used first out. The re-check memos (engine/blockMemo.ts, markdown.ts) use it so that what
// a closed or rewritten document left behind ages out instead of piling up.
export class LruMap<K, V> {
  private readonly map = new Map<K, { value: V; units: number }>();
  private held = 0;

  constructor(readonly capacity: number, private readonly weigh: (value: V) => number = () => 1) {
    if (!(capacity > 0)) throw new RangeError(`an LruMap needs a positive capacity, not ${capacity}`);
  }

  get size(): number { return this.map.size; }
  /** units held now (≤ capacity after every set) */
  get units(): number { return this.held; }

  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (e === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, e);   // refresh recency
    return e.value;
  }

  /** Stores value; an entry heavier than the whole capacity is not kept (it would evict everything). */
  set(key: K, value: V): void {
    const old = this.map.get(key);
    if (old) { this.held -= old.units; this.map.delete(key); }
    const units = this.weigh(value);
    if (units > this.capacity) return;
    this.map.set(key, { value, units });
    this.held += units;
    // Only when over: a Map's iteration starts by skipping the slots its deletes left (every get leaves
    // one), so even a walk that stops at the first entry cost a noticeable part of a re-check.
    if (this.held <= this.capacity) return;
    for (const [k, e] of this.map) {
      if (this.held <= this.capacity) break;
      this.map.delete(k);
      this.held -= e.units;
    }
  }

  clear(): void {
    this.map.clear();
    this.held = 0;
  }
}

/** A memo of one word's answers: call it; `size` and `clear` for a host that measures or wants the memory back. */
export type WordMemo<T> = ((w: string) => T) & { readonly size: number; clear(): void };

/** A string → result memo for a pure function of one word, forgotten wholesale when it fills. */
export function memoByWord<T>(fn: (w: string) => T, capacity: number): WordMemo<T> {
  const memo = new Map<string, T>();
  const ask = (w: string): T => {
    let v = memo.get(w);
    if (v === undefined && !memo.has(w)) {
      if (memo.size >= capacity) memo.clear();
      memo.set(w, (v = fn(w)));
    }
    return v as T;
  };
  return Object.defineProperties(ask, {
    size: { get: () => memo.size },
    clear: { value: () => memo.clear() },
  }) as WordMemo<T>;
}
