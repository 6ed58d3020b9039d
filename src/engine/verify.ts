// A GPU provider that loads is not yet a GPU provider that works: a missing kernel can move nodes back to the
// CPU (slower than the CPU alone), and a wrong one gives wrong numbers without an error. Before the engine
// keeps a GPU provider it runs golden.json's rows and a calibration batch on it and on the CPU.
import { readVerified } from './model';
import type { LoadedModel } from './types';

export type EnergyFn = (rows: number[][]) => Promise<Float32Array[]>;

/**
 * Tolerances, max |GPU - expected| over the golden rows' real ids (energies are O(1..10), std ~2.2):
 * - the GPU graph against its energies as written (golden.json "gpuEnergy": the CPU provider at onnxruntime's
 *   'basic' level; at 'all' the CPU fuses DequantizeLinear -> MatMul into MatMulNBits with int8 activations,
 *   0.107 away): the same fp32 arithmetic in another order; a wrong kernel is off by whole nats.
 * - DirectML's int8 graph against the int8 graph on the CPU, same batch: both quantize activations
 *   dynamically, and a rounding step apart moves an energy by up to ~0.2 (not measured on DirectML here).
 * The calibration batch compares the GPU's graph with the CPU's int8 graph: the two quantizations differ
 * (int8 vs fp32 PyTorch: max 0.44; the GPU graph as written: 0.067), so a mean bound does the work and a max bound
 * only catches a broken row.
 */
export const GOLDEN_TOL = { gpu: 0.05, int8: 0.25 } as const;
export const CALIBRATION_MEAN_TOL = 0.1;
export const CALIBRATION_MAX_TOL = 1.0;
/** rows × maxLength ids: a document's worth, so per-run overheads count as they would in a check */
export const CALIBRATION_ROWS = 64;

export interface Golden { rows: number[][]; energy: number[][]; gpuEnergy?: number[][] }

export interface Verdict {
  ok: boolean;
  /** why not (or the figures, when ok): goes to the log and, for an explicit `gpu`, into the error */
  reason: string;
  goldenMaxDiff?: number;
  calibrationMeanDiff?: number;
  calibrationMaxDiff?: number;
  gpuMs?: number;
  cpuMs?: number;
  tokens?: number;
}

export function readGolden(model: LoadedModel): Golden {
  const raw = JSON.parse(readVerified(model, 'golden.json').toString('utf8')) as { sentences: { ids: number[]; energy: number[]; gpuEnergy?: number[] }[] };
  const { cls, sep } = model.meta.special;
  const s = raw.sentences;
  const gpuKey = model.meta.gpu?.golden;
  return {
    rows: s.map((x) => [cls, ...x.ids, sep]),
    energy: s.map((x) => x.energy),
    gpuEnergy: gpuKey && s.every((x) => Array.isArray((x as Record<string, unknown>)[gpuKey]))
      ? s.map((x) => (x as unknown as Record<string, number[]>)[gpuKey]) : undefined,
  };
}

/** Rows of maxLength ids cut from the golden sentences laid end to end: real text, deterministic. */
export function calibrationRows(golden: Golden, maxLength: number, n = CALIBRATION_ROWS): number[][] {
  const stream = golden.rows.flatMap((r) => r.slice(1, -1));
  const cls = golden.rows[0][0], sep = golden.rows[0][golden.rows[0].length - 1];
  const width = maxLength - 2;
  return Array.from({ length: n }, (_, i) => {
    const start = (i * 37) % stream.length;
    const body = Array.from({ length: width }, (_, j) => stream[(start + j) % stream.length]);
    return [cls, ...body, sep];
  });
}

/** max |a - b| over each row's real ids (positions 1..n-2 of a [CLS] … [SEP] row against unframed b) */
export function goldenDiff(out: Float32Array[], expected: number[][]): number {
  let worst = 0;
  expected.forEach((row, i) => {
    if (out[i].length !== row.length + 2) worst = Infinity;
    else row.forEach((e, j) => { worst = Math.max(worst, Math.abs(out[i][j + 1] - e)); });
  });
  return worst;
}

function batchDiff(a: Float32Array[], b: Float32Array[]): { mean: number; max: number } {
  let sum = 0, n = 0, max = 0;
  a.forEach((row, i) => row.forEach((v, j) => {
    const d = Math.abs(v - b[i][j]);
    sum += d; n++; max = Math.max(max, Number.isNaN(d) ? Infinity : d);
  }));
  return { mean: n ? sum / n : 0, max };
}

export interface VerifyInput {
  provider: string;
  gpu: EnergyFn;
  cpu: EnergyFn;
  golden: { rows: number[][]; expected: number[][]; tolerance: number };
  calibration: number[][];
  /** auto: keep the GPU only if faster; an explicit `gpu` wants it whatever the speed */
  requireFaster: boolean;
  now?: () => number;
}

export async function verifyProvider(v: VerifyInput): Promise<Verdict> {
  const now = v.now ?? (() => performance.now());
  const fmt = (x: number) => (x < 0.001 ? x.toExponential(1) : x.toFixed(3));
  const golden = await v.gpu(v.golden.rows);
  const goldenMaxDiff = goldenDiff(golden, v.golden.expected);
  if (!(goldenMaxDiff <= v.golden.tolerance)) {
    return { ok: false, goldenMaxDiff, reason: `${v.provider} gives other energies than the CPU on golden.json's rows: max |Δ| ${fmt(goldenMaxDiff)} (tolerance ${v.golden.tolerance})` };
  }
  // First runs build kernels (WebGPU compiles shaders per shape): warm both up untimed.
  await v.gpu(v.calibration);
  await v.cpu(v.golden.rows);
  let t = now();
  const gpuOut = await v.gpu(v.calibration);
  const gpuMs = now() - t;
  t = now();
  const cpuOut = await v.cpu(v.calibration);
  const cpuMs = now() - t;
  const tokens = v.calibration.reduce((s, r) => s + r.length, 0);
  const d = batchDiff(gpuOut, cpuOut);
  const figures = { goldenMaxDiff, calibrationMeanDiff: d.mean, calibrationMaxDiff: d.max, gpuMs, cpuMs, tokens };
  const timing = `${tokens} tokens in ${gpuMs.toFixed(0)} ms on ${v.provider}, ${cpuMs.toFixed(0)} ms on the CPU`;
  if (!(d.mean <= CALIBRATION_MEAN_TOL && d.max <= CALIBRATION_MAX_TOL)) {
    return { ok: false, ...figures, reason: `${v.provider} energies differ from the CPU's on the calibration batch: mean |Δ| ${fmt(d.mean)}, max ${fmt(d.max)} (tolerances ${CALIBRATION_MEAN_TOL}, ${CALIBRATION_MAX_TOL})` };
  }
  if (v.requireFaster && !(gpuMs < cpuMs)) {
    return { ok: false, ...figures, reason: `${v.provider} is not faster than the CPU: ${timing}` };
  }
  return { ok: true, ...figures, reason: `verified: golden max |Δ| ${fmt(goldenMaxDiff)}, calibration mean |Δ| ${fmt(d.mean)}; ${timing}` };
}
