// onnxruntime-node sessions behind the ModelRunner interface: provider choice, thread settings,
// padding + chunking of batches. Loaded only inside the worker thread (and by unit tests): a
// session.run blocks its thread for the whole inference.
import * as path from 'node:path';
import type * as Ort from 'onnxruntime-node';
import type { LogLevel, ProviderChoice } from './protocol';
import type { ClozeRow, LoadedModel, ModelMeta, ModelRunner } from './types';

export type { ProviderChoice };
export type LogFn = (level: LogLevel, message: string) => void;

export interface RunnerOptions {
  provider: ProviderChoice;
  threads?: number;
  log?: LogFn;
  /** rows per session.run and padded tokens per session.run (rows × longest row) */
  maxRows?: number;
  maxTokens?: number;
  /** Padded tokens per cloze run (its vocabulary-wide log-softmax is the memory peak). */
  clozeMaxTokens?: number;
}

/** Called before each run of a batch with the rows done so far; throws to abandon superseded work. */
export type Checkpoint = (done: number, total: number) => void;

export interface OrtRunner extends ModelRunner {
  /** the execution provider actually running: 'cpu', 'cuda', 'dml', 'coreml' */
  readonly provider: string;
  readonly threads: number;
  energies(batch: number[][], checkpoint?: Checkpoint): Promise<Float32Array[]>;
  cloze(batch: number[][], checkpoint?: Checkpoint): Promise<ClozeRow[]>;
  dispose(): Promise<void>;
}

export class ProviderError extends Error {
  override name = 'ProviderError';
}

let ortModule: typeof Ort | undefined;

/** Requires onnxruntime-node with telemetry off; the variable must be set before the first require. */
export function loadOrt(): typeof Ort {
  if (!ortModule) {
    process.env.ORT_DISABLE_TELEMETRY = '1';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ortModule = require('onnxruntime-node') as typeof Ort;
    // Native logs go straight to stderr, outside our log. Keep them to fatal ones: every failure we
    // care about also surfaces as a thrown Error, which we log ourselves with context.
    ortModule.env.logLevel = 'fatal';
  }
  return ortModule;
}

export function gpuProviderFor(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'dml';
  if (platform === 'darwin') return 'coreml';
  return 'cuda';
}

export function defaultThreads(): number {
  // Leave a core to the editor: onnxruntime scales poorly past a few threads on small encoders anyway.
  const cores = require('node:os').availableParallelism?.() ?? require('node:os').cpus().length;
  return Math.max(1, Math.min(4, cores - 1));
}

export async function createRunner(model: LoadedModel, options: RunnerOptions): Promise<OrtRunner> {
  const ort = loadOrt();
  const log: LogFn = options.log ?? (() => undefined);
  const threads = options.threads && options.threads > 0 ? Math.floor(options.threads) : defaultThreads();
  const sessionOptions = (providers: string[]): Ort.InferenceSession.SessionOptions => ({
    executionProviders: providers,
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    logSeverityLevel: 4,
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  });
  const open = (file: string, providers: string[]): Promise<Ort.InferenceSession> =>
    ort.InferenceSession.create(path.join(model.dir, file), sessionOptions(providers));

  const gpu = gpuProviderFor(process.platform);
  let provider = 'cpu';
  let electric: Ort.InferenceSession;
  if (options.provider === 'cpu') {
    electric = await open(model.meta.electric.file, ['cpu']);
  } else {
    try {
      electric = await open(model.meta.electric.file, [gpu]);
      provider = gpu;
    } catch (err) {
      const why = (err as Error).message;
      if (options.provider === 'gpu') {
        throw new ProviderError(`GPU execution provider '${gpu}' is not available on this machine: ${why}`);
      }
      log('info', `GPU execution provider '${gpu}' unavailable (${why}); using the CPU provider`);
      electric = await open(model.meta.electric.file, ['cpu']);
    }
  }
  log('info', `model ${model.meta.name} loaded: provider ${provider}, ${threads} thread(s)`);
  // The cloze session is only needed for candidates: created on first use.
  let clozeSession: Promise<Ort.InferenceSession> | undefined;
  // One session.run blocks the worker; a cancel is seen only between runs. 2,048 padded tokens is
  // ~0.1-0.5 s for a 4-12 layer/256 encoder on one core (recipes/onnxruntime-node.md), so superseded
  // work stops within that, while runs stay big enough that per-run overhead does not matter.
  const chunking = { maxRows: options.maxRows ?? 32, maxTokens: options.maxTokens ?? 2048 };
  // The cloze graph materialises log q over the whole vocabulary for every position (tokens x 16,384 floats,
  // twice: logits and log-softmax) before its top-k; at 2,048 tokens that is ~270 MB a tensor, and the
  // allocator arena keeps the peak. 256 tokens a run bounds it to ~35 MB at the same speed per token.
  const clozeChunking = { maxRows: chunking.maxRows, maxTokens: Math.min(chunking.maxTokens, options.clozeMaxTokens ?? 256) };
  const meta = model.meta;

  const feeds = (rows: number[][]): Record<string, Ort.Tensor> => {
    const { ids, mask, width } = padBatch(rows, meta.special.pad);
    return {
      [meta.electric.inputs[0]]: new ort.Tensor('int64', ids, [rows.length, width]),
      [meta.electric.inputs[1]]: new ort.Tensor('int64', mask, [rows.length, width]),
    };
  };

  return {
    meta,
    provider,
    threads,
    async energies(batch, checkpoint) {
      checkRows(batch, meta);
      return runChunked(batch, chunking, checkpoint, async (rows) => {
        const out = await electric.run(feeds(rows));
        const energy = out[meta.electric.output];
        if (!energy) throw new Error(`${meta.electric.file} has no output '${meta.electric.output}'`);
        const data = energy.data as Float32Array;
        const width = energy.dims[1];
        return rows.map((row, r) => data.slice(r * width, r * width + row.length));
      });
    },
    async cloze(batch, checkpoint) {
      checkRows(batch, meta);
      clozeSession ??= open(meta.cloze.file, [provider]);
      const session = await clozeSession;
      const [idsName, logqName, tokenName] = meta.cloze.outputs;
      return runChunked(batch, clozeChunking, checkpoint, async (rows) => {
        const out = await session.run(feeds(rows));
        const topIds = out[idsName], topLogq = out[logqName], token = out[tokenName];
        if (!topIds || !topLogq || !token) throw new Error(`${meta.cloze.file} lacks outputs ${meta.cloze.outputs.join(', ')}`);
        const width = token.dims[1];
        const k = topIds.dims[2];
        const idsData = topIds.data as BigInt64Array, logqData = topLogq.data as Float32Array;
        const tokenData = token.data as Float32Array;
        return rows.map((row, r): ClozeRow => {
          const n = row.length;
          const topkIds = new Int32Array(n * k);
          const base = r * width * k;
          for (let i = 0; i < n * k; i++) topkIds[i] = Number(idsData[base + i]);
          return {
            topkIds,
            topkLogq: logqData.slice(base, base + n * k),
            tokenLogq: tokenData.slice(r * width, r * width + n),
          };
        });
      });
    },
    async dispose() {
      await electric.release();
      if (clozeSession) await (await clozeSession).release();
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

/** Right-pads rows to the longest one; attention mask 1 on real ids, 0 on padding. */
export function padBatch(rows: number[][], padId: number): { ids: BigInt64Array; mask: BigInt64Array; width: number } {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const ids = new BigInt64Array(rows.length * width).fill(BigInt(padId));
  const mask = new BigInt64Array(rows.length * width);
  rows.forEach((row, r) => {
    for (let i = 0; i < row.length; i++) {
      ids[r * width + i] = BigInt(row[i]);
      mask[r * width + i] = 1n;
    }
  });
  return { ids, mask, width };
}

/**
 * Splits a batch into runs of rows of similar length (sorted, so little padding is wasted), each run
 * within maxRows and maxTokens padded tokens, and returns the results in the caller's order.
 */
export async function runChunked<T>(batch: number[][], limits: { maxRows: number; maxTokens: number },
  checkpoint: Checkpoint | undefined, run: (rows: number[][]) => Promise<T[]>): Promise<T[]> {
  const order = batch.map((_, i) => i).sort((a, b) => batch[a].length - batch[b].length);
  const results = new Array<T>(batch.length);
  let i = 0;
  while (i < order.length) {
    checkpoint?.(i, order.length);
    let j = i + 1;
    // Sorted ascending, so the last row taken is the widest and sets the padded size.
    while (j < order.length && j - i < limits.maxRows && (j - i + 1) * batch[order[j]].length <= limits.maxTokens) j++;
    const idx = order.slice(i, j);
    const out = await run(idx.map((k) => batch[k]));
    idx.forEach((k, n) => { results[k] = out[n]; });
    i = j;
  }
  return results;
}
