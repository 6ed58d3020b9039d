// checkMany (the CLI's --jsonl batches) gives each text what check gives it alone, and check scores every
// suspect (no budget): REPLACE runs in chunks, most promising first, cancellable between chunks and
// keeping what a cancelled check scored. On the tiny bigram model (scoringBigram.ts), whose scores do not
// depend on the rows batched together, so equality is exact.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { check, checkMany } from '../../../src/engine/pipeline';
import { inChunks, REPLACE_CHUNK_ROWS } from '../../../src/engine/replaceChunks';
import { rankPlans, scorePlans, type ReplacePlan } from '../../../src/engine/replacePlans';
import { REPLACE_WEIGHTS } from '../../../src/engine/channel';
import type { CheckResult, ClozeWant } from '../../../src/engine/types';
import { BIGRAM_TRAINING, BigramRunner, LOOSE, shippedWordPiece, testMeta } from './scoringBigram';

const wp = shippedWordPiece();
const runner = () => new BigramRunner(testMeta(), wp, BIGRAM_TRAINING);
// Only forced suspects (doubled words, a/an): pNoise never reaches 2.
const FORCED_ONLY = { sensitivity: 0.5, thresholds: { ...LOOSE.thresholds, pNoiseGate: 2 } };

const withoutMs = (r: CheckResult) => ({ ...r, ms: 0 });

test('checkMany: each item gets exactly what checking it alone gives, in order', async () => {
  const items = [
    { text: 'I lost my keys over their.', languageId: 'plaintext' },
    { text: 'I saw the the cat.', languageId: 'plaintext' },
    { text: '', languageId: 'plaintext' },
    { text: '# Keys\n\nPut there keys.\n\n```\ntheir their\n```\n', languageId: 'markdown' },
    { text: 'I lost my keys over their.', languageId: 'plaintext' },
  ];
  const batched = runner();
  const many = await checkMany(items, LOOSE, batched, wp);
  const alone = await Promise.all(items.map((it) => check(it.text, it.languageId, LOOSE, runner(), wp)));
  assert.deepEqual(many.map(withoutMs), alone.map(withoutMs));
  assert.ok(alone[0].findings.length > 0 && alone[1].findings.length > 0, 'the items have findings to compare');
  // One pass per head over every item's windows, and the REPLACE rows of all suspects in one chunk (the cloze
  // head's alone: the shipped weights read no energy of a REPLACE row, channel.ts REPLACE_WEIGHTS); then the same
  // again for the second looks of every item (secondLook.ts): their blocks, then their rows.
  assert.equal(REPLACE_WEIGHTS.energy, 0);
  assert.equal(batched.calls.energies, 2);
  assert.equal(batched.calls.cloze, 4);
});

test('no suspect budget: a document with more errors than the old cap (16 suspects) gets every one flagged', async () => {
  const n = 40;
  const paras = Array.from({ length: n }, (_, i) => (i % 2 ? 'I saw the the cat.' : 'We saw the the dog.'));
  const text = paras.join('\n\n');
  const res = await check(text, 'markdown', FORCED_ONLY, runner(), wp);
  const repeated = res.findings.filter((f) => f.kind === 'repeated');
  assert.equal(repeated.length, n);
  let from = 0;
  for (const f of repeated) {
    const at = text.indexOf('the the', from);
    assert.deepEqual([f.start, f.end], [at, at + 7]);
    from = at + 1;
  }
});

// A runner whose rows are cheap (energy 1 per piece, log q -1 a piece) and that counts the rows of its cloze
// passes (a REPLACE row's one pass under the shipped weights): the chunking.
function countingRunner() {
  const meta = testMeta();
  const calls: number[] = [], energyCalls: number[] = [];
  return {
    calls, energyCalls, meta, provider: 'count',
    async energies(batch: number[][]) { energyCalls.push(batch.length); return batch.map((r) => new Float32Array(r.length).fill(1)); },
    async cloze(batch: number[][], want?: ClozeWant) {
      calls.push(batch.length);
      const at = typeof want === 'object' ? want.tokensAt : undefined;
      return batch.map((r, i) => ({ topkIds: new Int32Array(0), topkLogq: new Float32Array(0),
        tokenLogq: new Float32Array(at ? at[i][1] - at[i][0] : r.length).fill(-1) }));
    },
  };
}

function plansOf(count: number, rowsEach: number): ReplacePlan[] {
  return Array.from({ length: count }, (_, p) => ({
    suspect: { word: p, byNoise: true, forced: [] },
    cands: Array.from({ length: rowsEach - 1 }, (_, c) => ({ text: `c${c}`, start: 0, end: 1, prior: 3, sources: ['confusable' as const] })),
    texts: Array.from({ length: rowsEach }, (_, c) => `t${c}`),
    // distinct rows, so the cache cannot merge them; a candidate row one piece longer than the original, each
    // scored whole
    rows: Array.from({ length: rowsEach }, (_, c) => {
      const ids = [2, 100 + p, 200 + c, ...(c ? [7] : []), 3];
      return { ids, scored: [1, ids.length - 1] as const };
    }),
    channels: new Array<number>(rowsEach).fill(0),
  }));
}

test('REPLACE in chunks: every plan in order; a cancel between chunks keeps what was scored', async () => {
  const r = countingRunner();
  const plans = plansOf(100, 17);    // 1,700 rows: more than three chunks
  const ac = new AbortController();
  const seen: number[] = [];
  const model = { runner: r, wp };
  await assert.rejects(inChunks(plans, (chunk) => rankPlans(chunk, model, ac.signal),
    { signal: ac.signal, onChunk: (done) => { seen.push(done); ac.abort(); } }), /abort/i);
  const perChunk = Math.floor(REPLACE_CHUNK_ROWS / 17);
  assert.deepEqual(seen, [perChunk], 'stopped after the first chunk');
  assert.deepEqual(r.calls, [perChunk * 17]);

  const done: number[] = [];
  let pauses = 0;
  const rankings = await inChunks(plans, (chunk) => rankPlans(chunk, model), { onChunk: (d) => done.push(d), between: async () => { pauses++; } });
  assert.equal(rankings.length, 100);
  assert.equal(done.at(-1), 100);
  assert.ok(done.length >= 4, `${done.length} chunks`);
  assert.equal(pauses, done.length - 1, 'a pause between two chunks, none after the last');
  // The first chunk came from the cache: only the rest went to the model.
  assert.equal(r.calls.slice(1).reduce((a, b) => a + b, 0), (100 - perChunk) * 17);
  // The original's row is one piece shorter: less surprisal and one piece fewer, so it ranks first against every candidate.
  for (const k of rankings) assert.ok(k.original.p > k.candidates[0].p);
});

test('REPLACE rows: the cloze pass alone under the shipped weights; with their energies, uncached, where the fit asks', async () => {
  const r = countingRunner();
  const model = { runner: r, wp };
  const plans = plansOf(3, 4);
  const shipped = await scorePlans(plans, model);
  assert.deepEqual([r.calls, r.energyCalls], [[12], []]);
  assert.ok(shipped.flat().every((x) => x.energy === undefined && x.pieces >= 2));
  // bench/fit-channel.mjs collects each row's energy too: both passes, past the product's cache (which holds no energy).
  const collected = await scorePlans(plans, model, undefined, true);
  assert.deepEqual([r.calls, r.energyCalls], [[12, 12], [12]]);
  assert.deepEqual(collected.flat().map((x) => x.energy), collected.flat().map((x) => x.pieces), 'energy 1 a piece');
  assert.deepEqual(collected.flat().map((x) => x.surprisal), shipped.flat().map((x) => x.surprisal));
  // The product's cache still answers the shipped scoring.
  await scorePlans(plans, model);
  assert.deepEqual(r.calls, [12, 12]);
});
