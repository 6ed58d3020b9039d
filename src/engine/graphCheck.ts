// meta.json checked against the graphs onnxruntime actually loaded: input and output names, output ranks
// and types, cloze.k against the top-k width, maxLength against each graph's position table (one probe run each).
// A mismatch otherwise surfaces as raw onnxruntime text at the first check, or not at all: cloze.k = 64 on
// a K = 32 graph silently reads the next position's proposals as this one's.
import * as path from 'node:path';
import { firstLine } from './graphSession';
import { ModelLoadError } from './model';
import type { ClozeRow, ModelMeta, Span } from './types';

/** What graphCheck needs of an onnxruntime InferenceSession (a structural subset, so tests can fake one). */
export interface GraphInfo {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly outputMetadata: readonly { name: string; isTensor: boolean; type?: string; shape?: readonly (number | string)[] }[];
}

function fail(dir: string, field: string, what: string): never {
  throw new ModelLoadError(`${path.join(dir, 'meta.json')}: "${field}" ${what}`);
}

function checkNames(dir: string, field: string, listed: readonly string[], actual: readonly string[], file: string, kind: string): void {
  const missing = listed.filter((n) => !actual.includes(n));
  if (missing.length) fail(dir, field, `names ${kind} ${missing.join(', ')}, but ${file} has ${kind} ${actual.join(', ')}`);
}

function output(info: GraphInfo, name: string) {
  return info.outputMetadata.find((m) => m.name === name);
}

function checkOutput(dir: string, field: string, info: GraphInfo, name: string, file: string, rank: number, type: string): readonly (number | string)[] {
  const m = output(info, name);
  const shape = m?.shape ?? [];
  if (!m || !m.isTensor || m.type !== type || shape.length !== rank) {
    fail(dir, field, `expects ${name} to be a ${type} tensor of rank ${rank}, but ${file} gives ${m?.type ?? 'no tensor'} of shape [${shape.join(', ')}]`);
  }
  return shape;
}

export function checkElectricGraph(dir: string, meta: ModelMeta, file: string, info: GraphInfo): void {
  checkNames(dir, 'electric.inputs', meta.electric.inputs, info.inputNames, file, 'inputs');
  checkNames(dir, 'electric.output', [meta.electric.output], info.outputNames, file, 'outputs');
  checkOutput(dir, 'electric.output', info, meta.electric.output, file, 2, 'float32');
}

/**
 * extra: the graph's top-K switch and positions input where this kind of graph has them (graphSession.ts,
 * clozeSwitch and clozePositions); every input the graph has must be named, as an input, the switch or the
 * positions, or the first run would fail for want of it.
 */
export function checkClozeGraph(dir: string, meta: ModelMeta, file: string, info: GraphInfo,
  extra: { switch?: string; positions?: string } = {}): void {
  checkNames(dir, 'cloze.inputs', meta.cloze.inputs, info.inputNames, file, 'inputs');
  if (extra.switch !== undefined) checkNames(dir, 'cloze.switch', [extra.switch], info.inputNames, file, 'inputs');
  if (extra.positions !== undefined) checkNames(dir, 'cloze.positions', [extra.positions], info.inputNames, file, 'inputs');
  const unnamed = info.inputNames.filter((n) => !meta.cloze.inputs.includes(n) && n !== extra.switch && n !== extra.positions);
  if (unnamed.length) {
    fail(dir, 'cloze', `does not name ${file}'s inputs ${unnamed.join(', ')} (a top-K switch is "switch", the scored positions "positions")`);
  }
  checkNames(dir, 'cloze.outputs', meta.cloze.outputs, info.outputNames, file, 'outputs');
  const [ids, logq, token] = meta.cloze.outputs;
  const idShape = checkOutput(dir, 'cloze.outputs', info, ids, file, 3, 'int64');
  const logqShape = checkOutput(dir, 'cloze.outputs', info, logq, file, 3, 'float32');
  checkOutput(dir, 'cloze.outputs', info, token, file, 2, 'float32');
  for (const width of [idShape[2], logqShape[2]]) {
    if (typeof width === 'number' && width !== meta.cloze.k) {
      fail(dir, 'cloze.k', `is ${meta.cloze.k}, but ${file} gives ${width} proposals per position`);
    }
  }
}

/**
 * Runs one row of maxLength ids through the Electric graph: a position table shorter than meta.json's maxLength
 * fails here, at load, with a message naming the field, instead of on the first long paragraph.
 */
export async function probeMaxLength(dir: string, meta: ModelMeta, file: string,
  run: (row: number[]) => Promise<Float32Array[]>): Promise<void> {
  const out = await probeRow(dir, meta, file, run);
  if (out.length !== 1 || out[0].length !== meta.maxLength || !out[0].every(Number.isFinite)) {
    fail(dir, 'maxLength', `is ${meta.maxLength}, but ${file} does not give one finite energy per id on a row that long`);
  }
}

/**
 * The same probe through the cloze graph, which has a position table of its own: one row of maxLength ids, its towers
 * over every position and its log q read at the last id (the [SEP]; a REPLACE row's span: ClozeWant's tokensAt), which
 * must be finite and at most 0. The engine runs it beside the Electric graph's probe (session.ts), so where that graph
 * has a thread of its own the two take the start the time of one.
 */
export async function probeClozeMaxLength(dir: string, meta: ModelMeta, file: string,
  run: (row: number[], at: Span) => Promise<ClozeRow[]>): Promise<void> {
  const n = meta.maxLength;
  const out = await probeRow(dir, meta, file, (row) => run(row, [n - 1, n]));
  if (out.length !== 1 || out[0].tokenLogq.length !== 1 || !(Number.isFinite(out[0].tokenLogq[0]) && out[0].tokenLogq[0] <= 0)) {
    fail(dir, 'maxLength', `is ${n}, but ${file} does not give a finite log q at the last id of a row that long`);
  }
}

/** run's answer for one row of maxLength ids ([CLS], [UNK]…, [SEP]), or the error that names maxLength and the file. */
async function probeRow<T>(dir: string, meta: ModelMeta, file: string, run: (row: number[]) => Promise<T>): Promise<T> {
  const { cls, sep, unk } = meta.special;
  const row = [cls, ...new Array<number>(meta.maxLength - 2).fill(unk), sep];
  try {
    return await run(row);
  } catch (err) {
    return fail(dir, 'maxLength', `is ${meta.maxLength}, but ${file} fails on a row that long: ${firstLine(err)}`);
  }
}
