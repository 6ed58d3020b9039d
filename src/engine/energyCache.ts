// Energies by id sequence, least recently used first out. The same window (an unchanged paragraph, a
// REPLACE row asked for again by a quick fix) is never scored twice while it stays in the cache.
import type { ModelRunner } from './types';

export class EnergyCache {
  private readonly map = new Map<string, Float32Array>();
  hits = 0;
  misses = 0;

  constructor(private readonly capacity = 20_000) {}

  /** Energies for every row, in order; only rows not in the cache go to the runner, in one batch. */
  async energies(runner: ModelRunner, rows: number[][]): Promise<Float32Array[]> {
    const keys = rows.map((r) => r.join(','));
    const out = new Array<Float32Array | undefined>(rows.length);
    const missing = new Map<string, number[]>();   // key → row indexes wanting it
    keys.forEach((k, i) => {
      const got = this.map.get(k);
      if (got) {
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
      const scored = await runner.energies(todo.map((k) => rows[missing.get(k)![0]]));
      if (scored.length !== todo.length) throw new Error(`runner returned ${scored.length} rows for ${todo.length}`);
      todo.forEach((k, j) => {
        for (const i of missing.get(k)!) out[i] = scored[j];
        this.map.set(k, scored[j]);
      });
      while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
    }
    return out as Float32Array[];
  }
}

const caches = new WeakMap<ModelRunner, EnergyCache>();

/** The cache that belongs to runner (energies depend on the model, so one cache per runner). */
export function cacheFor(runner: ModelRunner): EnergyCache {
  let c = caches.get(runner);
  if (!c) caches.set(runner, (c = new EnergyCache()));
  return c;
}
