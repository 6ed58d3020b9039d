import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { loadModel } from '../../../src/engine/model';
import { CPU_BATCHING } from '../../../src/engine/graphSession';
import { createRunner, machinePlan, OrtRunner, padBatch, runChunked } from '../../../src/engine/session';
import type { LoadedModel } from '../../../src/engine/types';
import { modelDir } from './runtimeFixtures';

let model: LoadedModel;
let runner: OrtRunner;
const logs: string[] = [];

before(async () => {
  model = await loadModel(modelDir);
  runner = await createRunner(model, { provider: 'auto', threads: 1, log: (level, msg) => logs.push(`${level}: ${msg}`) });
});
after(async () => { await runner.dispose(); });

/** Deterministic id rows: [CLS] ids… [SEP], drawn from the ordinary (non-special) vocabulary. */
function rows(lengths: number[]): number[][] {
  const vocabSize = model.vocabText.split('\n').filter((l) => l !== '').length;
  let seed = 7;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return 5 + (seed % (vocabSize - 5)); };
  const { cls, sep } = model.meta.special;
  return lengths.map((n) => [cls, ...Array.from({ length: n - 2 }, next), sep]);
}

test('auto reports the provider that runs and logs why each GPU provider was passed over', () => {
  const plan = machinePlan(model);
  if (runner.provider === 'cpu') {
    // every provider of this machine's plan (and every skipped one) is named with its reason
    const line = logs.find((l) => l.includes('GPU not used, running on the CPU'));
    assert.ok(line, logs.join('\n'));
    for (const { provider } of plan.candidates) assert.match(line, new RegExp(`${provider}: `));
    for (const why of plan.skipped) assert.ok(line.includes(why), `${why} missing from ${line}`);
    assert.equal(runner.preferredBatchRows, CPU_BATCHING.maxRows);
  } else {
    assert.ok(plan.candidates.some((c) => c.provider === runner.provider));
    assert.match(runner.providerDetail, /verified/);
  }
  assert.equal(runner.threads, 1);
});

test('forcing a GPU that cannot be used is an error naming the reasons, not a silent CPU run', async (t) => {
  if (runner.provider !== 'cpu') {
    const gpu = await createRunner(model, { provider: 'gpu', threads: 1 });
    assert.notEqual(gpu.provider, 'cpu');
    await gpu.dispose();
    return;
  }
  await assert.rejects(createRunner(model, { provider: 'gpu', threads: 1 }), (err: Error) => {
    assert.equal(err.name, 'ProviderError');
    assert.match(err.message, /executionProvider is "gpu" but no GPU execution provider could be used: .+/);
    return true;
  });
  const cpu = await createRunner(model, { provider: 'cpu', threads: 1 });
  assert.equal(cpu.provider, 'cpu');
  await cpu.dispose();
  t.diagnostic('no usable GPU provider here; forced gpu rejected as it should');
});

test('energies: one value per id, unpadded, finite', async () => {
  const batch = rows([5, 12, 3]);
  const out = await runner.energies(batch);
  assert.deepEqual(out.map((e) => e.length), [5, 12, 3]);
  for (const e of out) assert.ok(e.every(Number.isFinite));
});

// The shipped CPU graphs quantize activations at fixed, calibrated scales (training/quantize.py, static_matmul), so
// a row's energies and log q do not depend on the rows batched with it or on its padding: equal bit for bit. (At
// one scale per batch, the dynamic form they had before, a row moved by up to 0.5 nats with its company.) A GPU
// graph runs in floating point, where a kernel may sum in another order for another batch shape.
const batchTol = (): number => (runner.provider === 'cpu' ? 0 : 1e-3);
// training/export.py's TOL_INT8: max |int8 ONNX - fp32 PyTorch| the export accepts (measured on golden.json's
// sentences: 0.39).
const EXPORT_INT8_TOL = 1.0;

test('padding parity: a row alone and in a padded batch give the same energies (on the CPU, bit for bit)', async () => {
  const batch = rows([4, 40, 17, 9, model.meta.maxLength]);
  const together = await runner.energies(batch);
  for (let r = 0; r < batch.length; r++) {
    const [alone] = await runner.energies([batch[r]]);
    for (let i = 0; i < alone.length; i++) {
      assert.ok(Math.abs(alone[i] - together[r][i]) <= batchTol(), `row ${r} id ${i}: ${alone[i]} vs ${together[r][i]}`);
    }
  }
});

test('cloze: K proposals per position, best first, log q ≤ 0, unpadded and padding-invariant', async () => {
  const k = model.meta.cloze.k;
  const batch = rows([6, 20]);
  const out = await runner.cloze(batch);
  assert.equal(out.length, 2);
  for (let r = 0; r < 2; r++) {
    const n = batch[r].length;
    assert.equal(out[r].topkIds.length, n * k);
    assert.equal(out[r].topkLogq.length, n * k);
    assert.equal(out[r].tokenLogq.length, n);
    for (let i = 0; i < n; i++) {
      for (let j = 1; j < k; j++) assert.ok(out[r].topkLogq[i * k + j] <= out[r].topkLogq[i * k + j - 1] + 1e-6);
      assert.ok(out[r].topkLogq[i * k] <= 1e-6);
    }
  }
  const [alone] = await runner.cloze([batch[0]]);
  for (let i = 0; i < alone.tokenLogq.length; i++) assert.ok(Math.abs(alone.tokenLogq[i] - out[0].tokenLogq[i]) <= batchTol());
  // the best proposal at each position is the same whatever the batch
  for (let i = 0; i < alone.tokenLogq.length; i++) assert.equal(alone.topkIds[i * k], out[0].topkIds[i * k]);
});

test("cloze for the tokens alone: the shipped CPU graph's top-K switched off, the same log q, no proposals", async () => {
  assert.equal(model.meta.cloze.switch, 'proposals', 'the shipped CPU cloze graph has its switch (training/quantize.py, proposal_switch)');
  const batch = rows([6, 20, 13]);
  const all = await runner.cloze(batch), tokens = await runner.cloze(batch, 'tokens');
  for (let r = 0; r < batch.length; r++) {
    assert.deepEqual(tokens[r].tokenLogq, all[r].tokenLogq, `row ${r}: bit for bit`);
    assert.equal(tokens[r].topkIds.length, 0);
    assert.equal(tokens[r].topkLogq.length, 0);
  }
  // and switched on again for the next run
  assert.deepEqual((await runner.cloze(batch))[1].topkIds, all[1].topkIds);
});

test("cloze at spans: the shipped CPU graph's head at each row's span alone, the log q there the whole row's", async () => {
  assert.equal(model.meta.cloze.positions, 'positions', 'the shipped CPU cloze graph has its positions input (training/quantize.py, row_positions)');
  const batch = rows([6, 20, 13, 9]);
  const spans = [[1, 5], [3, 19], [1, 12], [8, 9]] as const;
  const all = await runner.cloze(batch), at = await runner.cloze(batch, { tokensAt: spans });
  for (let r = 0; r < batch.length; r++) {
    const [from, to] = spans[r];
    assert.equal(at[r].tokenLogq.length, to - from, `row ${r}: its span's positions`);
    for (let i = from; i < to; i++) assert.ok(Math.abs(at[r].tokenLogq[i - from] - all[r].tokenLogq[i]) <= batchTol(), `row ${r}, position ${i}`);
    assert.equal(at[r].topkIds.length, 0);
  }
  await assert.rejects(runner.cloze(batch, { tokensAt: spans.slice(1) }), /3 spans for 4 rows/);
  await assert.rejects(runner.cloze(batch, { tokensAt: [[1, 5], [3, 21], [1, 12], [8, 9]] }), /not within a row of 20 ids/);
});

test('ONNX through the runner reproduces the PyTorch energies in golden.json (int8 tolerance of the export)', async () => {
  const golden = JSON.parse(readFileSync(path.join(model.dir, 'golden.json'), 'utf8')) as { sentences: { text: string; ids: number[]; energy: number[] }[] };
  assert.ok(golden.sentences.length > 0, 'golden.json has sentences');
  const { cls, sep } = model.meta.special;
  const out = await runner.energies(golden.sentences.map((s) => [cls, ...s.ids, sep]));
  let worst = 0;
  golden.sentences.forEach((s, i) => {
    assert.equal(out[i].length, s.ids.length + 2);
    s.energy.forEach((e, j) => { worst = Math.max(worst, Math.abs(out[i][j + 1] - e)); });
  });
  assert.ok(worst <= EXPORT_INT8_TOL, `max |ONNX - PyTorch| = ${worst}`);
});

test('big batches are chunked and come back in order', async () => {
  const lengths = Array.from({ length: 150 }, (_, i) => 3 + ((i * 37) % 60));
  const batch = rows(lengths);
  const out = await runner.energies(batch);
  assert.deepEqual(out.map((e) => e.length), lengths);
  const [alone] = await runner.energies([batch[149]]);
  for (let i = 0; i < alone.length; i++) assert.ok(Math.abs(alone[i] - out[149][i]) <= batchTol());
});

test('rows longer than maxLength or empty are refused', async () => {
  await assert.rejects(runner.energies(rows([model.meta.maxLength + 1])), /maxLength/);
  await assert.rejects(runner.energies([[]]), /rows must hold/);
});

test('checkpoint between chunks can abandon the rest of a batch', async () => {
  let calls = 0;
  const stop = () => { if (++calls > 1) throw new Error('superseded'); };
  await assert.rejects(runner.energies(rows(Array(200).fill(10)), stop), /superseded/);
  assert.equal(calls, 2);
});

test('padBatch and runChunked: pad id, mask and limits', async () => {
  const { ids, mask, width } = padBatch([[2, 9, 3], [2, 3]], 0);
  assert.equal(width, 3);
  assert.deepEqual(Array.from(ids), [2n, 9n, 3n, 2n, 3n, 0n]);
  assert.deepEqual(Array.from(mask), [1n, 1n, 1n, 1n, 1n, 0n]);
  const seen: number[][] = [];
  const out = await runChunked([[1, 1, 1, 1], [1], [1, 1]], { maxRows: 2, maxTokens: 4 }, undefined, async (rs) => {
    seen.push(rs.map((r) => r.length));
    return rs.map((r) => r.length * 10);
  });
  assert.deepEqual(out, [40, 10, 20]);
  assert.deepEqual(seen, [[1, 2], [4]]);
  // Counted by the positions scored where given (1, 3 and 1 of rows 4, 3 and 2 long): the two rows that score one
  // position share a run, though 2 × 4 ids are more than maxTokens.
  const runs: number[][] = [];
  const by = await runChunked([[1, 1, 1, 1], [1, 1, 1], [1, 1]], { maxRows: 2, maxTokens: 4 }, undefined, async (rs, idx) => {
    runs.push(idx);
    return rs.map((r) => r.length);
  }, (k) => [1, 3, 1][k]);
  assert.deepEqual(by, [4, 3, 2]);
  assert.deepEqual(runs, [[2, 0], [1]], 'sorted by positions scored, then by length');
});
