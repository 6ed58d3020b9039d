// onnxruntime-node sessions behind the ModelRunner interface: which execution provider runs (tried in the
// platform's order, each with its own graph, kept only once verified), thread settings, batch sizes.
// Loaded only inside the worker thread (and by unit tests): a session.run blocks its thread.
import * as path from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { checkClozeGraph, checkElectricGraph, probeClozeMaxLength, probeMaxLength } from './graphCheck';
import { ModelLoadError, readVerified, verifyFile } from './model';
import { engineThreads } from './defaults';
import { openCachedGraph } from './graphCache';
import { Batching, Checkpoint, clozePositions, clozeSwitch, CPU_BATCHING, firstLine, GPU_BATCHING, GraphPair, graphFiles, OpenSession, openGraphs, settledBoth } from './graphSession';
import { graphThreads, openElectricThread, type GraphLink } from './graphThread';
import type { LogLevel, ProviderChoice } from './protocol';
import { Backend, cudaLibraryPresent, providerName, providerPlan, ProviderPlan, vulkanLoaderPresent } from './providers';
import type { ClozeRow, ClozeWant, LoadedModel, ModelRunner } from './types';
import { calibrationRows, GOLDEN_TOL, readGolden, verifyProvider } from './verify';

export type { ProviderChoice, Checkpoint };
export { padBatch, runChunked } from './graphSession';
export type LogFn = (level: LogLevel, message: string) => void;

export interface RunnerOptions {
  provider: ProviderChoice;
  threads?: number;
  log?: LogFn;
  /** Overrides the provider's batch sizes (benchmarks). */
  batching?: Partial<Batching>;
  /** What the machine offers; defaults to this process's platform, the binary's backends and files. */
  machine?: { platform: NodeJS.Platform; arch: string; backends: readonly Backend[]; cudaLibrary: boolean; vulkanLoader?: boolean };
  /** Rows of maxLength in the verification's calibration batch (default CALIBRATION_ROWS: a document's worth). */
  calibrationRows?: number;
  /** Opens one graph on one provider; defaults to onnxruntime (tests substitute misbehaving providers). */
  openSession?: OpenSession;
  /** A directory for the CPU graphs as onnxruntime optimizes them (graphCache.ts); none: optimized at every start. */
  graphCache?: string;
  /**
   * Where the CPU runs with two threads or more and no openSession is given, its Electric graph runs on a thread of
   * its own (graphThread.ts): the one at the other end of graphLink where the host started it (the engine's worker),
   * else one started here. onGraphThreadLost is told if that thread ends after it opened, so the engine can end too
   * and be restarted.
   */
  graphLink?: GraphLink;
  onGraphThreadLost?: (err: Error) => void;
}

export interface OrtRunner extends ModelRunner {
  /** the execution provider actually running: 'cpu', 'dml', 'webgpu', 'cuda' */
  readonly provider: string;
  /** why this provider: the verification figures, or why each GPU provider was passed over */
  readonly providerDetail: string;
  readonly threads: number;
  /**
   * Rows one energies()/cloze() call should carry to use the provider well: a GPU wants a whole document's
   * rows at once, the CPU gains nothing past a few runs' worth (and a cancel waits for a run to end).
   */
  readonly preferredBatchRows: number;
  energies(batch: number[][], checkpoint?: Checkpoint): Promise<Float32Array[]>;
  cloze(batch: number[][], want?: ClozeWant, checkpoint?: Checkpoint): Promise<ClozeRow[]>;
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

/**
 * Memory policy of both sessions: onnxruntime's CPU arena on, memory patterns off. A memory pattern is a
 * plan of one block per input shape, cached per shape; our runs come in many shapes (rows × longest row), so
 * the plans pile up. Measured on bench/data/speed-10k.md, one engine in one process, 1 and 2 threads, 3 runs
 * each (node 20, 2-core EPYC shared with other jobs: CPU time of a warm pass, not wall time):
 *   policy                           peak RSS     warm pass CPU s     + 20 one-word edits, peak RSS
 *   arena + patterns (ORT default)   256-260 MB   1.83-2.25 / 1.98-2.55   307-318 MB
 *   arena, no patterns (this)        230-237 MB   1.78-2.20 / 2.00-2.43   268-274 MB
 *   no arena (malloc per tensor)     253-425 MB   2.02-2.28 / 2.06-2.78   (fragments: peaks vary run to run)
 *   no arena, no patterns            234-300 MB   1.82-2.65 / 2.14-2.90
 *   session.disable_prepacking       245-258 MB   2.10-2.21 / 3.14-3.45
 * onnxruntime-node has no env-level shared arena (no CreateAndRegisterAllocator: session.use_env_allocators
 * measured the same as the default), no RunOptions config entries (memory.enable_memory_arena_shrinkage is
 * WebAssembly-only), and no SessionOptions field for the CPU arena's extend strategy.
 */
const ARENA_POLICY = { enableCpuMemArena: true, enableMemPattern: false } as const;


/** The providers to try here, from the binary's backend list and the files beside it. */
export function machinePlan(model: LoadedModel, machine?: RunnerOptions['machine']): ProviderPlan {
  const m = machine ?? {
    platform: process.platform, arch: process.arch,
    backends: loadOrt().listSupportedBackends(), cudaLibrary: process.platform === 'linux' && cudaLibraryPresent(),
    vulkanLoader: process.platform === 'linux' ? vulkanLoaderPresent() : undefined,
  };
  return providerPlan({ ...m, gpuGraphs: model.meta.gpu !== undefined });
}

/** The options every session opens with: the arena policy above, threads that sleep rather than spin. */
export function sessionOptions(provider: string, threads: number): Ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    logSeverityLevel: 4,
    ...ARENA_POLICY,
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  };
}

/**
 * Opens a graph of the model's folder: read once and verified against meta.json's sha256, and onnxruntime
 * parses those same bytes. Its errors name the file (onnxruntime names none when it is given bytes). With a
 * graph cache, a CPU graph opens in the form onnxruntime optimized it to at an earlier start (graphCache.ts), and
 * the model file is then checked by its sum alone (model.ts, verifyFile).
 */
export function openVerified(model: Pick<LoadedModel, 'dir' | 'meta'>, threads: number, graphCache?: string, log: LogFn = () => undefined): OpenSession {
  return async (file, provider) => {
    const source = { verify: () => verifyFile(model, file, graphCache), bytes: () => readVerified(model, file) };
    try {
      return provider === 'cpu' && graphCache
        ? await openCachedGraph(loadOrt(), graphCache, file, model.meta.sha256[file], source, sessionOptions(provider, threads), log)
        : await loadOrt().InferenceSession.create(source.bytes(), sessionOptions(provider, threads));
    } catch (err) {
      // A model file that is not meta.json's says so itself (it names the file); onnxruntime's errors name none.
      if (err instanceof ModelLoadError) throw err;
      throw new Error(`${path.join(model.dir, file)}: ${(err as Error).message}`, { cause: err });
    }
  };
}

export async function createRunner(model: LoadedModel, options: RunnerOptions): Promise<OrtRunner> {
  const log: LogFn = options.log ?? (() => undefined);
  const threads = engineThreads(options.threads);
  const batching = (base: Batching): Batching => ({ ...base, ...options.batching });
  // The CPU pair always opens first: it is the fallback, and the reference a GPU provider is held to. With two
  // threads or more its graphs run on two threads, each with half of them (graphThread.ts says why), the Electric
  // graph's asked for before anything else here (a thread the host started has opened it already, GraphWorkerData's
  // early; one started here opens it while this one loads onnxruntime and opens the cloze graph).
  const cpuBatching = batching(CPU_BATCHING);
  const split = threads >= 2 && !options.openSession;
  const away = split ? openElectricThread({ dir: model.dir, meta: model.meta, file: graphFiles(model.meta, 'int8').electric,
    threads: graphThreads(threads), batching: cpuBatching, graphCache: options.graphCache }, log,
  options.onGraphThreadLost ?? (() => undefined), options.graphLink) : undefined;
  let ort: typeof Ort;
  try {
    ort = loadOrt();
  } catch (err) {
    await (await away?.catch(() => undefined))?.release();
    throw err;
  }
  const open: OpenSession = options.openSession ?? openVerified(model, threads, options.graphCache, log);
  const validated = async (pair: GraphPair): Promise<GraphPair> => {
    try {
      checkElectricGraph(model.dir, model.meta, pair.electricFile, pair.electric);
      checkClozeGraph(model.dir, model.meta, pair.clozeFile, pair.clozeSession,
        { switch: clozeSwitch(model.meta, pair.graph), positions: clozePositions(model.meta, pair.graph) });
      // Both graphs' probes at once (where the Electric graph has a thread of its own, they run side by side); the
      // Electric graph's error first where both fail, and neither left running when the pair is released.
      await settledBoth(probeMaxLength(model.dir, model.meta, pair.electricFile, (row) => pair.energies([row])),
        probeClozeMaxLength(model.dir, model.meta, pair.clozeFile, (row, at) => pair.cloze([row], { tokensAt: [at] })));
      return pair;
    } catch (err) {
      await pair.release();
      throw err;
    }
  };

  const cpuOpen = split ? openVerified(model, threads - graphThreads(threads), options.graphCache, log) : open;
  const cpu = await validated(await openGraphs(ort, model, 'cpu', 'int8', cpuBatching, cpuOpen, away));
  if (options.provider === 'cpu') return runnerFrom(cpu, 'executionProvider is "cpu"');

  const plan = machinePlan(model, options.machine);
  const passedOver = [...plan.skipped];
  for (const { provider, graph } of plan.candidates) {
    let pair: GraphPair;
    try {
      pair = await validated(await openGraphs(ort, model, provider, graph, batching(GPU_BATCHING), open));
    } catch (err) {
      passedOver.push(`${provider}: ${firstLine(err)}`);
      continue;
    }
    let reason: string;
    try {
      const verdict = await verify(pair, cpu, options.provider === 'auto');
      if (verdict.ok) {
        await cpu.release();
        return runnerFrom(pair, `${providerName(provider)} ${verdict.reason}`);
      }
      reason = verdict.reason;
    } catch (err) {
      reason = `${provider}: failed while being verified: ${firstLine(err)}`;
    }
    passedOver.push(reason);
    await pair.release();
  }
  const why = passedOver.join('; ') || 'no GPU provider to try';
  if (options.provider === 'gpu') {
    await cpu.release();
    throw new ProviderError(`executionProvider is "gpu" but no GPU execution provider could be used: ${why}`);
  }
  log('info', `GPU not used, running on the CPU: ${why}`);
  return runnerFrom(cpu, `no verified GPU provider: ${why}`);

  async function verify(pair: GraphPair, reference: GraphPair, requireFaster: boolean) {
    const golden = readGolden(model);
    // DirectML runs the CPU's own int8 graph: hold it to the CPU's numbers on the same rows.
    const expected = pair.graph === 'int8'
      ? (await reference.energies(golden.rows)).map((e) => Array.from(e.subarray(1, -1)))
      : golden.gpuEnergy;
    if (!expected) return { ok: false, reason: `${pair.provider}: golden.json has no "${model.meta.gpu?.golden}" energies to hold the GPU graph to` };
    return verifyProvider({
      provider: pair.provider, gpu: (rows) => pair.energies(rows), cpu: (rows) => reference.energies(rows),
      golden: { rows: golden.rows, expected, tolerance: GOLDEN_TOL[pair.graph] },
      calibration: calibrationRows(golden, model.meta.maxLength, options.calibrationRows), requireFaster,
    });
  }

  function runnerFrom(pair: GraphPair, detail: string): OrtRunner {
    log('info', `model ${model.meta.name} loaded: provider ${pair.provider} (${pair.graph} graphs), ${threads} thread(s)`
      + (pair.provider === 'cpu' ? '' : `; ${detail}`));
    return {
      meta: model.meta,
      provider: pair.provider,
      providerDetail: detail,
      threads,
      preferredBatchRows: pair.batching.maxRows,
      energies: (batch, checkpoint) => pair.energies(batch, checkpoint),
      cloze: (batch, want, checkpoint) => pair.cloze(batch, want, checkpoint),
      dispose: () => pair.release(),
    };
  }
}
