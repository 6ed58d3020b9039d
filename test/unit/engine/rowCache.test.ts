import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ClozeCache, EnergyCache, ReplaceCache, rowKey } from '../../../src/engine/rowCache';
import type { ClozeRow, ClozeWant, ModelMeta, ModelRunner } from '../../../src/engine/types';

/** Energies = the ids themselves; cloze rows of K proposals per id. Counts the rows it is asked to run. */
class CountingRunner implements ModelRunner {
  readonly provider = 'counting';
  readonly meta = { cloze: { k: 4 } } as unknown as ModelMeta;
  rows = 0;
  async energies(batch: number[][]): Promise<Float32Array[]> {
    this.rows += batch.length;
    return batch.map((r) => Float32Array.from(r));
  }
  async cloze(batch: number[][], want?: ClozeWant): Promise<ClozeRow[]> {
    this.rows += batch.length;
    const at = typeof want === 'object' ? want.tokensAt : undefined;
    return batch.map((r, i) => at
      ? { topkIds: new Int32Array(0), topkLogq: new Float32Array(0), tokenLogq: Float32Array.from(r.slice(...at[i])) }
      : { topkIds: new Int32Array(r.length * 4), topkLogq: new Float32Array(r.length * 4), tokenLogq: Float32Array.from(r) });
  }
}

/** What EnergyCache counts for one row of n ids (ENTRY_OVERHEAD + key + ARRAY_OVERHEAD + the floats). */
const energyEntry = (n: number) => 100 + 2 * n + 200 + 4 * n;

test('EnergyCache: identical rows scored once, least recently used evicted first when over its bytes', async () => {
  const runner = new CountingRunner();
  const cache = new EnergyCache(2 * energyEntry(3));
  const a = [2, 10, 3], b = [2, 11, 3], c = [2, 12, 3];
  const first = await cache.energies(runner, [a, a, b]);
  assert.equal(runner.rows, 2);
  assert.deepEqual([...first[0]], [...first[1]]);
  assert.equal(cache.bytes, 2 * energyEntry(3));
  await cache.energies(runner, [a]);          // a is now the most recent
  await cache.energies(runner, [c]);          // over budget: evicts b
  assert.equal(runner.rows, 3);
  assert.equal(cache.size, 2);
  await cache.energies(runner, [a]);
  assert.equal(runner.rows, 3, 'a survived');
  await cache.energies(runner, [b]);
  assert.equal(runner.rows, 4, 'b was evicted');
});

test('EnergyCache: long rows cost more of the budget than short ones', async () => {
  const runner = new CountingRunner();
  const cache = new EnergyCache(energyEntry(100) + energyEntry(3));
  const long = Array.from({ length: 100 }, (_, i) => 10 + i);
  await cache.energies(runner, [long, [2, 5, 3]]);
  assert.equal(cache.size, 2);
  await cache.energies(runner, [[2, 6, 3], [2, 7, 3]]);   // the long row, least recent, makes room for both
  assert.equal(cache.size, 3);
  assert.ok(cache.bytes <= cache.maxBytes);
  runner.rows = 0;
  await cache.energies(runner, [long]);
  assert.equal(runner.rows, 1, 'the long row was evicted');
});

test('a re-check of the same rows is all hits while they fit, and some hits when they do not', async () => {
  const runner = new CountingRunner();
  const rows = Array.from({ length: 50 }, (_, i) => [2, 100 + i, 200 + i, 3]);
  const fits = new ClozeCache(1 << 20);
  await fits.cloze(runner, rows);
  runner.rows = 0;
  await fits.cloze(runner, rows);
  assert.equal(runner.rows, 0);
  const entry = fits.bytes / rows.length;
  const small = new ClozeCache(Math.floor(entry * 20.5));
  for (let pass = 0; pass < 3; pass++) {
    runner.rows = 0;
    await small.cloze(runner, rows);
    assert.ok(small.bytes <= small.maxBytes, `pass ${pass}: ${small.bytes} bytes held, budget ${small.maxBytes}`);
    if (pass > 0) assert.equal(runner.rows, 30, `pass ${pass}: the 20 rows the last pass left are hits`);
  }
});

test('ClozeCache counts all three arrays of a row', async () => {
  const runner = new CountingRunner();
  const cache = new ClozeCache(1 << 20);
  await cache.cloze(runner, [[2, 9, 9, 3]]);
  // 4 ids × (4 ids + 4 log q) × 4 bytes + 4 token log q × 4 bytes, three array headers, the entry, the key
  assert.equal(cache.bytes, 100 + 2 * 4 + 3 * 200 + 4 * 4 * 4 * 2 + 4 * 4);
});

test("ReplaceCache: a row the windows' cache holds is read from it, not run; the others are run at their spans alone", async () => {
  const runner = new CountingRunner();
  const wants: (ClozeWant | undefined)[] = [];
  const cloze = runner.cloze.bind(runner);
  runner.cloze = (batch: number[][], want?: ClozeWant) => { wants.push(want); return cloze(batch, want); };
  const windows = new ClozeCache(1 << 20);
  const window = [2, 20, 21, 22, 3];
  await windows.cloze(runner, [window]);
  const hits = windows.hits;
  runner.rows = 0;
  const replace = new ReplaceCache(false, 1 << 20, windows);
  const row = (ids: number[], from: number, to: number) => ({ ids, scored: [from, to] as const });
  const [own, other] = await replace.scores(runner, [row([...window], 1, 3), row([2, 20, 30, 22, 3], 2, 4)]);
  assert.equal(runner.rows, 1, 'only the row no window is');
  assert.deepEqual([...own.tokenLogq], [20, 21], "the window's log q at the row's span");
  assert.deepEqual([...other.tokenLogq], [30, 22]);
  assert.deepEqual(wants, [undefined, { tokensAt: [[2, 4]] }], "a window's run asks for proposals, a REPLACE row's for its span's tokens alone");
  assert.equal(windows.hits, hits, 'a peek is no hit');
  // The span is part of the key: the same ids at another span are scored again.
  await replace.scores(runner, [row([2, 20, 30, 22, 3], 1, 4)]);
  assert.equal(runner.rows, 2);
  runner.rows = 0;
  const withEnergy = new ReplaceCache(true, 1 << 20, windows);
  const [scored] = await withEnergy.scores(runner, [row([...window], 1, 4)]);
  assert.equal(runner.rows, 2, "weights that read the energy run the row's Electric and cloze passes");
  assert.deepEqual([...scored.energy!], [20, 21, 22], 'the energies of its span');
});

test('ReplaceCache: a runner that gives a whole row for a span is an error, not a score', async () => {
  const runner = new CountingRunner();
  runner.cloze = async (batch: number[][]) => batch.map((r) => ({ topkIds: new Int32Array(0), topkLogq: new Float32Array(0), tokenLogq: Float32Array.from(r) }));
  const replace = new ReplaceCache(false, 1 << 20);
  await assert.rejects(replace.scores(runner, [{ ids: [2, 20, 30, 22, 3], scored: [1, 3] }]), /must honour cloze's tokensAt/);
});

test('rowKey: different rows, different keys, ids past 16 bits included; very long rows do not throw', () => {
  const rows = [[], [0], [0, 0], [1, 2], [0xfffe], [0xffff], [0x10000], [0xffff, 0, 0xffff], [0xffff, 0x1, 0x0], [65535 * 65536 + 65535], [0x1ffff]];
  const keys = rows.map(rowKey);
  assert.equal(new Set(keys).size, rows.length);
  assert.equal(rowKey([2, 10, 3]), rowKey([2, 10, 3]));
  assert.equal(rowKey(new Array(100_000).fill(7)).length, 100_000);
});
