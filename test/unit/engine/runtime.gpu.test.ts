// The GPU path on a machine without a GPU (8 calibration rows instead of 64 keep it quick): the GPU graphs run on the CPU provider under the name of a GPU
// provider (the machine's backend list is stubbed), so the choice, the verification and the parity of the
// graphs are tested wherever the unit tests run.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type * as Ort from 'onnxruntime-node';
import { GPU_BATCHING } from '../../../src/engine/graphSession';
import { loadModel } from '../../../src/engine/model';
import { createRunner, loadOrt, OrtRunner, RunnerOptions } from '../../../src/engine/session';
import type { LoadedModel } from '../../../src/engine/types';
import { readGolden } from '../../../src/engine/verify';
import { modelDir } from './runtimeFixtures';

let model: LoadedModel;
let int8: OrtRunner;
const LINUX = { platform: 'linux' as const, arch: 'x64', backends: [{ name: 'cpu', bundled: true }, { name: 'webgpu', bundled: true }], cudaLibrary: false };

before(async () => {
  model = await loadModel(modelDir);
  int8 = await createRunner(model, { provider: 'cpu', threads: 1 });
});
after(async () => { await int8.dispose(); });

type Tweak = (out: Ort.InferenceSession.ReturnType) => Promise<void> | void;

/**
 * 'webgpu' opens the requested graph on the CPU provider as written (the 'basic' optimisation level, as WebGPU
 * computed it on an H200: at 'all' the CPU fuses DequantizeLinear -> MatMul into MatMulNBits with int8
 * activations, 0.107 away on golden.json); `tweak` may alter its outputs or delay them.
 */
function fakeGpu(tweak?: Tweak): RunnerOptions['openSession'] {
  const ort = loadOrt();
  return async (file, provider) => {
    const real = await ort.InferenceSession.create(path.join(model.dir, file),
      { executionProviders: ['cpu'], intraOpNumThreads: 1, graphOptimizationLevel: provider === 'cpu' ? 'all' : 'basic' });
    if (provider === 'cpu' || !tweak) return real;
    return {
      inputNames: real.inputNames, outputNames: real.outputNames, inputMetadata: real.inputMetadata, outputMetadata: real.outputMetadata,
      release: () => real.release(),
      run: async (feeds: Ort.InferenceSession.FeedsType) => { const out = await real.run(feeds); await tweak(out); return out; },
    } as unknown as Ort.InferenceSession;
  };
}

function stats(a: Float32Array[], b: ArrayLike<number>[], offset = 0): { mean: number; max: number } {
  let sum = 0, n = 0, max = 0;
  b.forEach((row, i) => { for (let j = 0; j < row.length; j++) { const d = Math.abs(a[i][j + offset] - row[j]); sum += d; n++; max = Math.max(max, d); } });
  return { mean: sum / n, max };
}

// Measured with training/export.py on the shipped model (8 held-out rows): the GPU graph against fp32 PyTorch,
// energy max 0.074 as written; the int8 CPU graph 0.60. On golden.json's sentences both are smaller (0.105 and
// 0.39). GPU_VS_FP32 is the export's own tolerance (TOL_GPU); between the two graphs, a max of 1.0 (the export
// lets the int8 graph alone reach that, TOL_INT8, so that only a broken graph fails it). The mean between them depends on the CPU's int8 kernels: onnxruntime's AVX2 kernel (no AVX-512 VNNI)
// sums pairs of u8 × s8 products in 16 bits, which saturate, and puts the int8 graph further from either: on
// golden.json's rows 0.069 mean (0.42 max) on a 2-core AVX2 EPYC, under 0.05 on the machines before it; the
// same bound as the token log q's below.
const GPU_VS_FP32 = 0.4;
const GPU_VS_INT8_MAX = 1.0;
const GPU_VS_INT8_MEAN = 0.1;

test('the GPU graphs on the CPU provider: golden gpuEnergy exactly, fp32 PyTorch and the int8 graphs within tolerance', async (t) => {
  const gpu = await createRunner(model, { provider: 'gpu', threads: 1, calibrationRows: 8, machine: LINUX, openSession: fakeGpu() });
  try {
    assert.equal(gpu.provider, 'webgpu');
    assert.equal(gpu.preferredBatchRows, GPU_BATCHING.maxRows);
    const golden = readGolden(model);
    const out = await gpu.energies(golden.rows);
    assert.ok(stats(out, golden.gpuEnergy!, 1).max < 1e-4, 'same graph, same provider');
    const vsFp32 = stats(out, golden.energy, 1);
    assert.ok(vsFp32.max <= GPU_VS_FP32, `GPU graph vs fp32: ${JSON.stringify(vsFp32)}`);
    const ref = await int8.energies(golden.rows);
    const vsInt8 = stats(out, ref.map((r) => Array.from(r)));
    assert.ok(vsInt8.max <= GPU_VS_INT8_MAX && vsInt8.mean <= GPU_VS_INT8_MEAN, `GPU graph vs int8: ${JSON.stringify(vsInt8)}`);
    // cloze: the same best proposal nearly everywhere, log q of the token close
    const c8 = await int8.cloze(golden.rows), cg = await gpu.cloze(golden.rows);
    const k = model.meta.cloze.k;
    let same = 0, total = 0;
    c8.forEach((row, i) => { for (let t = 0; t < row.tokenLogq.length; t++) { total++; if (row.topkIds[t * k] === cg[i].topkIds[t * k]) same++; } });
    assert.ok(same / total >= 0.9, `top-1 agreement ${same}/${total}`);
    const tok = stats(cg.map((c) => c.tokenLogq), c8.map((c) => c.tokenLogq));
    assert.ok(tok.max <= GPU_VS_INT8_MAX && tok.mean <= 0.1, `token log q: ${JSON.stringify(tok)}`);
    // REPLACE rows at their spans: the GPU graph has no positions input (meta.json cloze.positions names the CPU
    // graph's), so the runner reads each span from the whole row it scores.
    const spans = golden.rows.map((r) => [1, Math.min(4, r.length - 1)] as const);
    const at = await gpu.cloze(golden.rows, { tokensAt: spans });
    at.forEach((row, i) => assert.deepEqual(row.tokenLogq, cg[i].tokenLogq.slice(...spans[i]), `row ${i}`));
    t.diagnostic(`GPU graph energy vs fp32 ${JSON.stringify(vsFp32)}, vs int8 ${JSON.stringify(vsInt8)}; cloze top-1 ${same}/${total}, token log q vs int8 ${JSON.stringify(tok)}`);
  } finally {
    await gpu.dispose();
  }
});

const perturbed: Tweak = (out) => { if (out.energy) (out.energy.data as Float32Array).forEach((v, i, a) => { a[i] = v + 0.5; }); };

test('auto rejects a provider whose energies differ from the CPU, with the reason in the log', async () => {
  const logs: string[] = [];
  const r = await createRunner(model, { provider: 'auto', threads: 1, calibrationRows: 8, machine: LINUX, openSession: fakeGpu(perturbed), log: (_l, m) => logs.push(m) });
  try {
    assert.equal(r.provider, 'cpu');
    assert.match(r.providerDetail, /webgpu gives other energies than the CPU on golden\.json's rows: max \|Δ\| 0\.50\d/);
    assert.ok(logs.some((l) => /^GPU not used, running on the CPU: .*webgpu gives other energies/.test(l)), logs.join('\n'));
  } finally {
    await r.dispose();
  }
});

test('an explicit gpu with the same misbehaving provider fails loudly with the reason', async () => {
  await assert.rejects(createRunner(model, { provider: 'gpu', threads: 1, calibrationRows: 8, machine: LINUX, openSession: fakeGpu(perturbed) }),
    /executionProvider is "gpu" but no GPU execution provider could be used: .*webgpu gives other energies/);
});

test('auto rejects a correct provider that is slower than the CPU', async () => {
  const slow: Tweak = () => new Promise((resolve) => setTimeout(resolve, 1000));
  const r = await createRunner(model, { provider: 'auto', threads: 1, calibrationRows: 8, machine: LINUX, openSession: fakeGpu(slow) });
  try {
    assert.equal(r.provider, 'cpu');
    assert.match(r.providerDetail, /webgpu is not faster than the CPU: \d+ tokens in \d+ ms on webgpu, \d+ ms on the CPU/);
  } finally {
    await r.dispose();
  }
});

test('a provider that fails to load is passed over with its error; the next one is tried', async () => {
  const tried: string[] = [];
  const open: RunnerOptions['openSession'] = async (file, provider) => {
    tried.push(provider);
    if (provider === 'dml') throw new Error('DirectML device removed\nsecond line');
    return fakeGpu()!(file, provider);
  };
  const win = { platform: 'win32' as const, arch: 'x64', backends: [{ name: 'cpu', bundled: true }, { name: 'dml', bundled: true }, { name: 'webgpu', bundled: true }], cudaLibrary: false };
  const r = await createRunner(model, { provider: 'gpu', threads: 1, calibrationRows: 8, machine: win, openSession: open });
  try {
    assert.equal(r.provider, 'webgpu');
    assert.deepEqual([...new Set(tried)], ['cpu', 'dml', 'webgpu']);
  } finally {
    await r.dispose();
  }
});
