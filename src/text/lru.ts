// A map that keeps at most `capacity` units (each entry weighs what its `weigh` says: pieces, rows, bytes),
// the least recently used out first, as a second-chance clock approximates it: a read only marks its entry, and
// an eviction walks the entries in the order they were stored or last moved, moving a marked one to the end
// (unmarked) and dropping the first unmarked one. A read used to move its entry to the Map's end itself (a delete
// and a set), and the re-check memos read hundreds a check: ~1.1 ms of an edit's re-check of the 10k-word speed
// document (an in-process CPU profile). The re-check memos (engine/blockMemo.ts, markdown.ts) and the model's row
// caches (engine/rowCache.ts) use it so that what a closed or rewritten document left behind ages out instead of
// piling up.
export class LruMap<K, V> {
  private readonly map = new Map<K, { value: V; units: number; read: boolean }>();
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
    e.read = true;   // a second chance at the next eviction
    return e.value;
  }

  /** The value where the map holds key, without marking it read. */
  peek(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  /** Stores value; an entry heavier than the whole capacity is not kept (it would evict everything). */
  set(key: K, value: V): void {
    const old = this.map.get(key);
    if (old) { this.held -= old.units; this.map.delete(key); }
    const units = this.weigh(value);
    if (units > this.capacity) return;
    this.map.set(key, { value, units, read: false });
    this.held += units;
    if (this.held <= this.capacity) return;
    // The walk takes each entry at most twice (a read one is moved to the end once, unmarked) and passes over the
    // one just stored: it alone fits the capacity, so the walk ends before it has evicted all the others.
    for (const [k, e] of this.map) {
      if (this.held <= this.capacity) break;
      if (k === key) continue;
      if (e.read) {
        e.read = false;
        this.map.delete(k);
        this.map.set(k, e);
        continue;
      }
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
