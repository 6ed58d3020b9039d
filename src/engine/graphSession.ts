// One execution provider's pair of sessions (Electric + cloze) behind energies()/cloze(): padding, chunking
// into runs of similar-length rows, unpadding. session.ts opens one pair per provider it tries.
import type * as Ort from 'onnxruntime-node';
import type { GraphInfo } from './graphCheck';
import type { GraphKind } from './providers';
import type { ClozeRow, ClozeWant, LoadedModel, ModelMeta, Span } from './types';

/**
 * Both values once both have settled, or the first one's error: a pass that failed or was cancelled does not leave
 * the other running on past the check or the load (a worker asked to exit waits for every run: worker.ts, native;
 * a pair is released only when neither graph still runs: session.ts).
 */
export async function settledBoth<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [x, y] = await Promise.allSettled([a, b]);
  if (x.status === 'rejected') throw x.reason;
  if (y.status === 'rejected') throw y.reason;
  return [x.value, y.value];
}

/** The first line of an onnxruntime error, without its source location and failed assertion. */
export function firstLine(err: unknown): string {
  const line = (err as Error).message.split('\n')[0];
  return line.replace(/^\S+\.(?:cc|h|cpp):\d+ .*? was false\. /, '').slice(0, 300);
}

/** Called before each run of a batch with the rows done so far; throws to abandon superseded work. */
export type Checkpoint = (done: number, total: number) => void;

export interface Batching {
  /** rows per session.run and padded tokens per session.run (rows × longest row) */
  maxRows: number;
  maxTokens: number;
  /** padded tokens per cloze run (its vocabulary-wide log-softmax is the memory peak) */
  clozeMaxTokens: number;
}

// One session.run blocks the worker; a cancel is seen only between runs. On the CPU 2,048 padded tokens is
// ~0.1-0.5 s for a 4-12 layer/256 encoder on one core (recipes/onnxruntime-node.md), so superseded work stops
// within that, while runs stay big enough that per-run overhead does not matter. The cloze graph
// materialises log q over the whole vocabulary for every position (tokens × 16,384 floats, twice: logits and
// log-softmax) before its top-k: 256 tokens a run bounds that to ~35 MB at the same speed per token.
export const CPU_BATCHING: Batching = { maxRows: 32, maxTokens: 2048, clozeMaxTokens: 256 };
// A GPU pays per run (a dispatch and copies over the bus), but not in proportion: WebGPU on an H200
// (bench/results/gpu.md) ran the Electric graph at 3,200-3,600 rows/s in runs of 32 rows of 128, 5,900 at 128,
// and only 1,500-2,000 at 512 (500 at 2,048); the 10k-word check() took 614 ms warm at 64 rows / 8,192 tokens
// / 2,048 cloze tokens a run, 767-979 at 128 rows, 749 at 32 and 1,062 at the 512 / 65,536 / 4,096 first chosen
// (the CPU: 2,034 ms). The cloze runs' vocabulary-wide tensors are 2 × 134 MB at 2,048 tokens.
export const GPU_BATCHING: Batching = { maxRows: 64, maxTokens: 8192, clozeMaxTokens: 2048 };

export type OpenSession = (file: string, provider: string) => Promise<Ort.InferenceSession>;

/** The Electric graph behind energies(): a session on this thread (electricOn) or on a thread of its own (graphThread.ts). */
export interface EnergyGraph {
  /** what graphCheck reads of the session */
  info: GraphInfo;
  energies(batch: number[][], checkpoint?: Checkpoint): Promise<Float32Array[]>;
  release(): Promise<void>;
}

export interface GraphPair {
  provider: string;
  graph: GraphKind;
  electricFile: string;
  clozeFile: string;
  electric: GraphInfo;
  clozeSession: Ort.InferenceSession;
  batching: Batching;
  energies(batch: number[][], checkpoint?: Checkpoint): Promise<Float32Array[]>;
  cloze(batch: number[][], want?: ClozeWant, checkpoint?: Checkpoint): Promise<ClozeRow[]>;
  release(): Promise<void>;
}

export function graphFiles(meta: ModelMeta, graph: GraphKind): { electric: string; cloze: string } {
  if (graph === 'int8') return { electric: meta.electric.file, cloze: meta.cloze.file };
  if (!meta.gpu) throw new Error('meta.json has no "gpu" graphs');
  return { electric: meta.gpu.electric, cloze: meta.gpu.cloze };
}

/**
 * The name of the cloze graph's top-K switch (meta.json's cloze.switch) where this kind of graph has one: the int8
 * graph, which the CPU runs and DirectML too (DirectML with it untested: no Windows machine here). The GPU graphs run
 * their top-K always: the switch is an If, which onnxruntime runs on the CPU for a provider without an If kernel of its
 * own (WebGPU), and no GPU provider could be tried with it here.
 */
export function clozeSwitch(meta: ModelMeta, graph: GraphKind): string | undefined {
  return graph === 'int8' ? meta.cloze.switch : undefined;
}

/**
 * The name of the cloze graph's positions input (meta.json's cloze.positions) where this kind of graph has one: the
 * int8 graph. The GPU graphs score every position (training/quantize.py, row_positions: a GPU was not at hand to try
 * the GatherND it adds); their REPLACE rows are read at the same positions from the whole row.
 */
export function clozePositions(meta: ModelMeta, graph: GraphKind): string | undefined {
  return graph === 'int8' ? meta.cloze.positions : undefined;
}

/** energies() over an Electric session on this thread: rows padded, chunked by `batching`, unpadded. */
export function electricOn(ort: typeof Ort, session: Ort.InferenceSession, meta: ModelMeta, file: string, batching: Batching): EnergyGraph {
  return {
    info: session,
    energies: async (batch, checkpoint) => {
      checkRows(batch, meta);
      return runChunked(batch, batching, checkpoint, async (rows) => {
        const out = await session.run(feedsOf(ort, meta, rows));
        const energy = out[meta.electric.output];
        if (!energy) throw new Error(`${file} has no output '${meta.electric.output}'`);
        const data = energy.data as Float32Array;
        const width = energy.dims[1];
        return rows.map((row, r) => data.slice(r * width, r * width + row.length));
      });
    },
    release: () => session.release(),
  };
}

function feedsOf(ort: typeof Ort, meta: ModelMeta, rows: number[][]): Record<string, Ort.Tensor> {
  const { ids, mask, width } = padBatch(rows, meta.special.pad);
  return {
    [meta.electric.inputs[0]]: new ort.Tensor('int64', ids, [rows.length, width]),
    [meta.electric.inputs[1]]: new ort.Tensor('int64', mask, [rows.length, width]),
  };
}

/**
 * The two graphs of one provider. With `away` (the CPU with two threads or more, session.ts) the Electric graph is
 * one already opening on a thread of its own (graphThread.ts) while this thread opens the cloze graph, so that a
 * check's Electric and cloze passes over its windows run at once (wordScores.ts); without it both open here, one
 * after the other. A failure releases whatever did open, `away` included.
 */
export async function openGraphs(ort: typeof Ort, model: LoadedModel, provider: string, graph: GraphKind,
  batching: Batching, open: OpenSession, away?: Promise<EnergyGraph>): Promise<GraphPair> {
  const meta = model.meta;
  const files = graphFiles(meta, graph);
  // Settled at once, so that a failure there while the cloze graph opens here is not an unhandled rejection.
  away?.catch(() => undefined);
  let electric: EnergyGraph | undefined;
  let clozeSession: Ort.InferenceSession;
  try {
    if (!away) electric = electricOn(ort, await open(files.electric, provider), meta, files.electric, batching);
    clozeSession = await open(files.cloze, provider);
  } catch (err) {
    await (electric ?? (await away?.catch(() => undefined)))?.release();
    throw err;
  }
  if (away) {
    try {
      electric = await away;
    } catch (err) {
      await clozeSession.release();
      throw err;
    }
  }
  const energy = electric!;
  const proposalSwitch = clozeSwitch(meta, graph), positions = clozePositions(meta, graph);
  const clozeLimits = { maxRows: batching.maxRows, maxTokens: Math.min(batching.maxTokens, batching.clozeMaxTokens) };
  return {
    provider, graph, electric: energy.info, clozeSession, batching, electricFile: files.electric, clozeFile: files.cloze,
    energies: (batch, checkpoint) => energy.energies(batch, checkpoint),
    cloze: async (batch, want = 'proposals', checkpoint) => {
      checkRows(batch, meta);
      const at = typeof want === 'object' ? want.tokensAt : undefined;
      if (at) checkSpans(batch, at);
      const [idsName, logqName, tokenName] = meta.cloze.outputs;
      // Rows whose tokens' log q is all that is read leave the top-K out where the graph can (clozeSwitch).
      const on = proposalSwitch && { [proposalSwitch]: new ort.Tensor('bool', [want === 'proposals'], []) };
      // A run's vocabulary-wide tensors are as wide as the positions it scores: with the positions input, a span's.
      const scoredLength = at && positions ? (k: number) => at[k][1] - at[k][0] : undefined;
      return runChunked(batch, clozeLimits, checkpoint, async (rows, idx) => {
        const feeds: Record<string, Ort.Tensor> = { ...feedsOf(ort, meta, rows), ...on };
        if (positions) feeds[positions] = positionsTensor(ort, rows, at && idx.map((k) => at[k]));
        const out = await clozeSession.run(feeds);
        const topIds = out[idsName], topLogq = out[logqName], token = out[tokenName];
        if (!topIds || !topLogq || !token) throw new Error(`${files.cloze} lacks outputs ${meta.cloze.outputs.join(', ')}`);
        const width = token.dims[1];
        // A run with the top-K switched off gives it as [0, 0, K]: no proposals; none either where they were not asked for.
        const k = want === 'proposals' && topIds.data.length ? topIds.dims[2] : 0;
        const idsData = low32(topIds.data as BigInt64Array), logqData = topLogq.data as Float32Array;
        const tokenData = token.data as Float32Array;
        return rows.map((row, r): ClozeRow => {
          // Where the graph scored the span alone, its values begin the row's output; otherwise at its position.
          const [from, to] = at ? (positions ? [0, at[idx[r]][1] - at[idx[r]][0]] : at[idx[r]]) : [0, row.length];
          const n = row.length;
          const topkIds = new Int32Array(n * k);
          const base = r * width * k;
          for (let i = 0; i < n * k; i++) topkIds[i] = idsData[2 * (base + i)];
          return {
            topkIds,
            topkLogq: logqData.slice(base, base + n * k),
            tokenLogq: tokenData.slice(r * width + from, r * width + to),
          };
        });
      }, scoredLength);
    },
    async release() {
      await energy.release();
      await clozeSession.release();
    },
  };
}

function checkRows(batch: number[][], meta: ModelMeta): void {
  for (const row of batch) {
    if (row.length === 0 || row.length > meta.maxLength) {
      throw new RangeError(`a row has ${row.length} ids; rows must hold 1..${meta.maxLength} (meta.maxLength)`);
    }
  }
}

function checkSpans(batch: number[][], at: readonly Span[]): void {
  if (at.length !== batch.length) throw new RangeError(`${at.length} spans for ${batch.length} rows`);
  at.forEach(([from, to], i) => {
    if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from < to && to <= batch[i].length)) {
      throw new RangeError(`span [${from}, ${to}) is not within a row of ${batch[i].length} ids`);
    }
  });
}

/**
 * The positions input of a run: each row's span (a shorter one padded with its first position, read and then
 * dropped), or without spans every position of the padded rows (a window's run: the graph's outputs then as they
 * were without the input).
 */
export function positionsTensor(ort: typeof Ort, rows: number[][], spans?: readonly Span[]): Ort.Tensor {
  const width = spans ? Math.max(...spans.map(([from, to]) => to - from)) : Math.max(...rows.map((r) => r.length));
  const data = new BigInt64Array(rows.length * width), low = low32(data);
  for (let r = 0; r < rows.length; r++) {
    const [from, to] = spans?.[r] ?? [0, width];
    for (let i = 0; i < width; i++) low[2 * (r * width + i)] = i < to - from ? from + i : from;
  }
  return new ort.Tensor('int64', data, [rows.length, width]);
}

// An int64 tensor's values below 2^31 (ids, positions, a mask) read and written as the low 32 bits of each, which come
// first on a little-endian machine: converting to and from BigInt one value at a time was ~2% of a warm pass (the
// windows' top-K ids, 4,096 a row). Every platform onnxruntime-node ships for is little-endian.
if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) throw new Error('the engine reads int64 tensors as a little-endian machine does');

/** The int32 halves of an int64 array: index 2i is value i's low half (its high half 0 for a value in [0, 2^31)). */
function low32(data: BigInt64Array): Int32Array {
  return new Int32Array(data.buffer, data.byteOffset, data.length * 2);
}

/** Right-pads rows to the longest one; attention mask 1 on real ids, 0 on padding. */
export function padBatch(rows: number[][], padId: number): { ids: BigInt64Array; mask: BigInt64Array; width: number } {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const ids = new BigInt64Array(rows.length * width).fill(BigInt(padId));
  const mask = new BigInt64Array(rows.length * width);
  const idsLow = low32(ids), maskLow = low32(mask);
  rows.forEach((row, r) => {
    for (let i = 0; i < row.length; i++) {
      idsLow[2 * (r * width + i)] = row[i];
      maskLow[2 * (r * width + i)] = 1;
    }
  });
  return { ids, mask, width };
}

/**
 * Splits a batch into runs of rows of similar length (sorted, so little padding is wasted), each run
 * within maxRows and maxTokens padded tokens (or positions scored: scoredLength, the rows' lengths where not
 * given), and returns the results in the caller's order.
 */
export async function runChunked<T>(batch: number[][], limits: { maxRows: number; maxTokens: number },
  checkpoint: Checkpoint | undefined, run: (rows: number[][], idx: number[]) => Promise<T[]>,
  scoredLength?: (k: number) => number): Promise<T[]> {
  // By the positions a run scores where they are fewer than its rows' (scoredLength: a cloze graph's spans).
  const length = scoredLength ?? ((k: number) => batch[k].length);
  const order = batch.map((_, i) => i).sort((a, b) => length(a) - length(b) || batch[a].length - batch[b].length);
  const results = new Array<T>(batch.length);
  let i = 0;
  while (i < order.length) {
    checkpoint?.(i, order.length);
    let j = i + 1;
    // Sorted ascending, so the last row taken is the widest and sets the padded size.
    while (j < order.length && j - i < limits.maxRows && (j - i + 1) * length(order[j]) <= limits.maxTokens) j++;
    const idx = order.slice(i, j);
    const out = await run(idx.map((k) => batch[k]), idx);
    idx.forEach((k, n) => { results[k] = out[n]; });
    i = j;
  }
  return results;
}
