// Host side of the engine (docs/contract.md section 3): starts the worker lazily, matches replies to
// requests, forwards cancellation, and restarts a dead worker with backoff. Never imports
// onnxruntime-node: loading it here would put inference on the editor's thread.
import * as path from 'node:path';
import { MessageChannel, ResourceLimits, Worker } from 'node:worker_threads';
import { engineThreads } from './defaults';
import { graphThreads, type GraphStop, type GraphWorkerData } from './graphThread';
import { stopThread } from './stopThread';
import {
  CancelledError, EngineInfo, EngineMemory, fromWire, HostMessage, LogLevel, ProviderChoice, Request, WorkerInit, WorkerMessage,
} from './protocol';
import type { CacheBudgets } from './cacheBudgets';
import type { CheckOptions, CheckResult, RankedWord } from './types';
import { unpackResult, type WireCheckResult } from './wireWords';

export interface Disposable { dispose(): void }
/** Same shape as vscode.Event, so the extension can hand it straight to its own code. */
export type Event<T> = (listener: (e: T) => void) => Disposable;

export interface EngineClientOptions {
  modelDir: string;
  provider?: ProviderChoice;
  threads?: number;
  /** budgets of the worker's caches (cacheBudgets.ts; the defaults where not given): tests and benchmarks */
  cacheBudgets?: Partial<CacheBudgets>;
  /** misspellings the worker's list of known misspellings leaves out (misspellings.ts): evaluations */
  leaveOutMisspellings?: string[];
  /** where the worker keeps the CPU graphs as onnxruntime optimizes them (graphCache.ts); none: optimized at every start */
  graphCache?: string;
  log?: (level: LogLevel, message: string) => void;
  /** compiled worker entry; default: worker.js next to this file (out/src/engine/ or dist/) */
  workerPath?: string;
  /** the Electric graph's thread (graphWorker.ts), started beside the worker with two threads or more; default: beside workerPath */
  graphWorkerPath?: string;
  /** give up after this many crashes within crashWindowMs */
  maxCrashes?: number;
  crashWindowMs?: number;
  resourceLimits?: ResourceLimits;
}

export class EngineCrashedError extends Error {
  override name = 'EngineCrashedError';
}

/** The worker died while the request was running: the request may be what killed it (a heap-filling document). */
export class WorkerExitError extends EngineCrashedError {
  override name = 'WorkerExitError';
}

interface Pending { resolve(value: unknown): void; reject(err: Error): void; cleanup(): void; progress?: Progress }
/** Suspects of a request scored so far, of all it has (a long document's REPLACE chunks). */
export type Progress = (done: number, total: number) => void;

// Bounds for a runaway worker: the V8 heap only (onnxruntime's tensors are native memory).
const DEFAULT_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 };
// The graph thread's heap holds one batch's ids and energies at a time.
const GRAPH_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };
const INIT_RETRY_MS = 10_000;

export class EngineClient implements Disposable {
  private worker: Worker | undefined;
  private ready: Promise<EngineInfo> | undefined;
  private cancelled = new Int32Array(new SharedArrayBuffer(4));   // WorkerInit.cancelled of the current worker
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private crashes: number[] = [];
  private initFailure: { error: Error; at: number } | undefined;
  private disposed = false;
  private readonly restartListeners = new Set<(info: EngineInfo) => void>();
  private readonly errorListeners = new Set<(err: Error) => void>();
  private readonly opts: Required<Omit<EngineClientOptions, 'threads' | 'cacheBudgets' | 'leaveOutMisspellings' | 'graphCache' | 'graphWorkerPath'>>
    & Pick<EngineClientOptions, 'threads' | 'cacheBudgets' | 'leaveOutMisspellings' | 'graphCache'> & { graphWorkerPath: string };

  constructor(options: EngineClientOptions) {
    const workerPath = options.workerPath ?? path.join(__dirname, 'worker.js');
    this.opts = {
      provider: 'auto', log: () => undefined, maxCrashes: 5, crashWindowMs: 60_000, resourceLimits: DEFAULT_LIMITS, ...options,
      workerPath, graphWorkerPath: options.graphWorkerPath ?? path.join(path.dirname(workerPath), 'graphWorker.js'),
    };
  }

  /** Fires when a worker that replaced a dead one is ready (re-request what was lost). */
  readonly onRestart: Event<EngineInfo> = (listener) => subscribe(this.restartListeners, listener);
  /** Fires when the worker dies, fails to load the model, or the client gives up restarting it. */
  readonly onError: Event<Error> = (listener) => subscribe(this.errorListeners, listener);

  async check(text: string, languageId: string, options: CheckOptions, signal?: AbortSignal, progress?: Progress): Promise<CheckResult> {
    return unpackResult(text, await this.request({ type: 'check', id: 0, text, languageId, options }, signal, progress) as WireCheckResult);
  }

  /**
   * Checks independent texts as one request (the CLI's --jsonl): their windows and their suspects' REPLACE
   * rows share batched passes, and each result is what check would give that text alone. Cancelled as one.
   */
  async checkMany(items: { text: string; languageId: string }[], options: CheckOptions, signal?: AbortSignal, progress?: Progress): Promise<CheckResult[]> {
    const packed = await this.request({ type: 'checkMany', id: 0, items, options }, signal, progress) as WireCheckResult[];
    return packed.map((r, i) => unpackResult(items[i].text, r));
  }

  /** check's verdict on the word at text[start, end), flagged or not (pipeline.ts rank). */
  rank(text: string, languageId: string, start: number, end: number, options: CheckOptions, signal?: AbortSignal): Promise<RankedWord | undefined> {
    return this.request({ type: 'rank', id: 0, text, languageId, start, end, options }, signal) as Promise<RankedWord | undefined>;
  }

  /**
   * What the worker's caches (in the unit of each budget, cacheBudgets.ts) and its heap hold now; with clear, every
   * cache is emptied first (the model, the lexicon and what the worker has compiled stay: a pass after it costs what a
   * new document's first pass costs in a running editor).
   */
  memory(options: { clear?: boolean } = {}): Promise<EngineMemory> {
    return this.request({ type: 'memory', id: 0, clear: options.clear === true }) as Promise<EngineMemory>;
  }

  /** Starts the engine if needed; says which model and execution provider run. */
  info(): Promise<EngineInfo> {
    return this.start();
  }

  /** Ends the current worker as if it had crashed (the "restart engine" command, and tests). */
  async terminateWorker(): Promise<void> {
    const worker = this.worker;
    if (worker) await stopThread(worker, { type: 'exit', code: 1 } satisfies HostMessage, 'the engine worker', this.opts.log);
  }

  dispose(): void {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    this.rejectAll(new Error('the Electric engine was shut down'));
    if (worker) void stopThread(worker, { type: 'exit', code: 0 } satisfies HostMessage, 'the engine worker', this.opts.log);
  }

  private async request(req: Request, signal?: AbortSignal, progress?: Progress): Promise<unknown> {
    if (signal?.aborted) throw new CancelledError();
    await this.start();
    if (signal?.aborted) throw new CancelledError();
    const worker = this.worker;
    if (!worker) throw new EngineCrashedError('the Electric engine stopped before the request could be sent');
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.pending.get(id)?.cleanup();
        this.pending.delete(id);
        Atomics.store(this.cancelled, 0, id);
        worker.postMessage({ type: 'cancel', id });
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, { resolve, reject, progress, cleanup: () => signal?.removeEventListener('abort', onAbort) });
      worker.postMessage({ ...req, id });
    });
  }

  private start(): Promise<EngineInfo> {
    if (this.disposed) return Promise.reject(new Error('the Electric engine was shut down'));
    if (this.ready) return this.ready;
    const now = Date.now();
    if (this.initFailure && now - this.initFailure.at < INIT_RETRY_MS) return Promise.reject(this.initFailure.error);
    this.crashes = this.crashes.filter((t) => now - t < this.opts.crashWindowMs);
    const n = this.crashes.length;
    if (n >= this.opts.maxCrashes) {
      return Promise.reject(new EngineCrashedError(
        `the Electric engine crashed ${n} times in ${Math.round(this.opts.crashWindowMs / 1000)} s; ` +
        'not restarting it (see the log for why it crashed)'));
    }
    // Exponential backoff after crashes: a worker that dies on load must not spin the CPU.
    const wait = n === 0 ? 0 : Math.max(0, this.crashes[n - 1] + Math.min(5000, 100 * 2 ** (n - 1)) - now);
    const ready = (wait > 0 ? new Promise((r) => setTimeout(r, wait)) : Promise.resolve()).then(() => this.spawn());
    // Callers that only fire requests should not see an unhandled rejection from the shared promise.
    ready.catch(() => undefined);
    this.ready = ready;
    return ready;
  }

  private spawn(): Promise<EngineInfo> {
    if (this.disposed) return Promise.reject(new Error('the Electric engine was shut down'));
    // onnxruntime reads this with getenv() at load time; a worker's process.env is a private copy
    // that native code never sees, so it is set here, in the real environment, before the worker starts.
    process.env.ORT_DISABLE_TELEMETRY = '1';
    this.cancelled = new Int32Array(new SharedArrayBuffer(4));
    const threads = engineThreads(this.opts.threads);
    // With two threads or more the Electric graph runs on a thread of its own, started here beside the worker and not
    // by it: a worker's own threads end with it, and one that ends inside an onnxruntime run aborts the process
    // (graphThread.ts). It is stopped once the worker has ended.
    const channel = threads >= 2 ? new MessageChannel() : undefined;
    const graph = channel && new Worker(this.opts.graphWorkerPath, {
      workerData: { port: channel.port2, early: { dir: this.opts.modelDir, threads: graphThreads(threads), graphCache: this.opts.graphCache } } satisfies GraphWorkerData,
      transferList: [channel.port2], resourceLimits: GRAPH_LIMITS,
    });
    const init: WorkerInit = { modelDir: this.opts.modelDir, provider: this.opts.provider, threads,
      cacheBudgets: this.opts.cacheBudgets, leaveOutMisspellings: this.opts.leaveOutMisspellings, graphCache: this.opts.graphCache,
      cancelled: this.cancelled.buffer as SharedArrayBuffer, graphPort: channel?.port1 };
    const worker = new Worker(this.opts.workerPath, {
      workerData: init, transferList: channel ? [channel.port1] : [], resourceLimits: this.opts.resourceLimits,
    });
    this.worker = worker;
    if (graph) this.watchGraph(graph, worker);
    return new Promise<EngineInfo>((resolve, reject) => {
      worker.on('message', (msg: WorkerMessage) => this.onMessage(worker, msg, resolve, reject));
      worker.on('error', (err) => this.onExit(worker, `failed: ${err.message}`, reject));
      worker.on('exit', (code) => this.onExit(worker, `exited with code ${code}`, reject));
    });
  }

  /**
   * The graph thread of `worker`: ended once the worker has (after its current run), and where it ends unasked (exit
   * code not 0: it ends with 0 once the engine lets its graph go), the worker is told, fails what waits on it and
   * exits with code 1, which restarts both.
   */
  private watchGraph(graph: Worker, worker: Worker): void {
    let ended = false;
    const lost = (how: string): void => {
      if (ended) return;
      ended = true;
      const message = `the Electric graph's thread ${how}`;
      this.opts.log('error', message);
      worker.postMessage({ type: 'graphLost', message } satisfies HostMessage);
    };
    graph.on('error', (err) => lost(`failed: ${err.message}`));
    graph.on('exit', (code) => { if (code !== 0) lost(`stopped (exit code ${code})`); ended = true; });
    worker.once('exit', () => { if (!ended) void stopThread(graph, { type: 'stop' } satisfies GraphStop, "the Electric graph's thread", this.opts.log); });
  }

  private onMessage(worker: Worker, msg: WorkerMessage, resolve: (i: EngineInfo) => void, reject: (e: Error) => void): void {
    if (worker !== this.worker) return;
    switch (msg.type) {
      case 'log':
        this.opts.log(msg.level, msg.message);
        return;
      case 'ready':
        this.initFailure = undefined;
        this.opts.log('info', `engine ready: model ${msg.info.model}, provider ${msg.info.provider}, ${msg.info.threads} thread(s)`);
        resolve(msg.info);
        return;
      case 'initError': {
        const error = fromWire(msg.error);
        this.initFailure = { error, at: Date.now() };
        this.opts.log('error', `engine failed to start: ${error.message}`);
        this.worker = undefined;
        this.ready = undefined;
        void worker.terminate();
        reject(error);
        this.emit(this.errorListeners, error);
        return;
      }
      case 'progress':
        this.pending.get(msg.id)?.progress?.(msg.done, msg.total);
        return;
      case 'result':
      case 'error': {
        const p = this.pending.get(msg.id);
        if (!p) return; // cancelled on this side already
        this.pending.delete(msg.id);
        p.cleanup();
        if (msg.type === 'result') p.resolve(msg.result);
        else p.reject(msg.error.name === 'CancelledError' ? new CancelledError(msg.error.message) : fromWire(msg.error));
      }
    }
  }

  private onExit(worker: Worker, how: string, rejectReady: (e: Error) => void): void {
    if (worker !== this.worker) return; // already replaced, disposed, or failed to load
    this.worker = undefined;
    this.ready = undefined;
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < this.opts.crashWindowMs), now];
    const error = new WorkerExitError(`the Electric engine worker ${how}; the request was not completed`);
    this.opts.log('error', error.message);
    // Requests still waiting for the worker to load did not run, so they are not told it died running them;
    // nor are listeners, when it died with nothing running (while loading, or ended from outside).
    const running = this.pending.size > 0;
    rejectReady(new EngineCrashedError(error.message));
    this.rejectAll(error);
    if (this.crashes.length >= this.opts.maxCrashes) {
      // One event for the last crash and the decision it caused: the host shows one notification.
      this.emit(this.errorListeners, new EngineCrashedError(
        `${error.message}. It crashed ${this.crashes.length} times in ${Math.round(this.opts.crashWindowMs / 1000)} s; not restarting it`));
      return;
    }
    this.emit(this.errorListeners, running ? error : new EngineCrashedError(error.message));
    this.restartAfterCrash();
  }

  /**
   * Restarts right away (after backoff) so the host gets onRestart and can re-request what was lost.
   * A failed restart has already been reported (initError or another crash), so it is not re-emitted.
   */
  private restartAfterCrash(): void {
    if (this.disposed) return;
    this.start().then((info) => this.emit(this.restartListeners, info), () => undefined);
  }

  private rejectAll(error: Error): void {
    for (const p of this.pending.values()) {
      p.cleanup();
      p.reject(error);
    }
    this.pending.clear();
  }

  private emit<T>(listeners: Set<(e: T) => void>, value: T): void {
    for (const l of [...listeners]) {
      try {
        l(value);
      } catch (err) {
        this.opts.log('error', `engine event listener failed: ${(err as Error).message}`);
      }
    }
  }
}

function subscribe<T>(set: Set<(e: T) => void>, listener: (e: T) => void): Disposable {
  set.add(listener);
  return { dispose: () => set.delete(listener) };
}
