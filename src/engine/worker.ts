// The engine thread: owns onnxruntime-node (through session.ts) and runs the whole check/rank
// pipeline, one request at a time, so the host thread never waits on inference. With two threads or more on
// the CPU its Electric graph runs on a thread of its own, which the host starts beside this one (graphThread.ts).
// A cancel message is seen between session runs (session.run blocks this thread), and the request then stops at
// its next batch. A long check (every suspect of a long document) lets the requests queued behind it
// run between its REPLACE chunks, so another document's check does not wait for all of it.
import { parentPort, workerData, type TransferListItem } from 'node:worker_threads';
import { cacheBudgets, setCacheBudgets } from './cacheBudgets';
import { cacheUsage, clearCaches } from './cacheUsage';
import { lexiconPath } from './lexicon';
import { leaveOutMisspellings, loadMisspellings, MISSPELLINGS_FILE } from './misspellings';
import { ATTESTED_FILE, loadAttested } from './attested';
import { readAhead } from './readAhead';
import { loadModel } from './model';
import { Cancelled } from '../text/regions';
import { WordPiece } from '../text/wordpiece';
import { generatorFor } from './candidates';
import { check, checkMany, rank } from './pipeline';
import { CancelledError, HostMessage, LogLevel, Request, toWire, WorkerInit, WorkerMessage } from './protocol';
import type { GraphLink } from './graphThread';
import { createRunner, OrtRunner } from './session';
import type { ModelRunner } from './types';
import { packResult } from './wireWords';

/** What the pipeline gets: the model runner, the provider that runs it, and the batch size that suits it. */
type PipelineRunner = ModelRunner & { preferredBatchRows: number };

if (!parentPort) throw new Error('worker.ts must run in a worker_thread (EngineClient starts it)');
const port = parentPort;
const post = (msg: WorkerMessage, transfer: TransferListItem[] = []): void => port.postMessage(msg, transfer);
const log = (level: LogLevel, message: string): void => post({ type: 'log', level, message });

const queue: Request[] = [];
// Requests being handled: [0] the one drain took; those above it were served between its chunks. The top
// one is the one running the model.
const running: { id: number; abort: AbortController }[] = [];
let wordPiece: WordPiece | undefined;
let pipelineRunner: PipelineRunner | undefined;
const { cancelled, graphPort } = workerData as WorkerInit;
const graphLink: GraphLink | undefined = graphPort && { port: graphPort };
const cancelledId = cancelled ? new Int32Array(cancelled) : undefined;
let inFlight = 0;                       // onnxruntime runs that have not returned
let exitCode: number | undefined;       // set by an 'exit' message; honoured when inFlight is 0
let starting = true;                    // init has not ended: the sessions may be opening
let ortRunner: OrtRunner | undefined;
let opening: Promise<OrtRunner> | undefined;   // createRunner's, while init runs
let exiting = false;

/**
 * Exits once no run is in flight and init has ended (a thread ended inside an onnxruntime call takes the process
 * with it), the sessions released first: the Electric graph's thread lets its graph go and ends (graphThread.ts).
 */
function exitWhenIdle(): void {
  if (exitCode === undefined || inFlight > 0 || starting || exiting) return;
  exiting = true;
  const code = exitCode;
  void (ortRunner?.dispose() ?? Promise.resolve()).catch(() => undefined).finally(() => process.exit(code));
}

port.on('message', (msg: HostMessage) => {
  if (msg.type === 'graphLost') {
    if (!graphLink) return;
    graphLink.ended = new Error(msg.message);
    graphLink.lost?.(graphLink.ended);
    return;
  }
  if (msg.type === 'exit') {
    exitCode = msg.code;
    for (const r of running) r.abort.abort(new CancelledError('the engine is shutting down'));
    exitWhenIdle();
    return;
  }
  if (msg.type === 'cancel') {
    const queued = queue.findIndex((r) => r.id === msg.id);
    if (queued >= 0) {
      queue.splice(queued, 1);
      post({ type: 'error', id: msg.id, error: toWire(new CancelledError()) });
    } else {
      running.find((r) => r.id === msg.id)?.abort.abort(new CancelledError());
    }
    return;
  }
  queue.push(msg);
  void drain();
});

/**
 * The runner the pipeline sees: every batch first checks whether the running request was
 * superseded. One object for the worker's life, because the pipeline caches energies per runner.
 */
function cancellableRunner(base: OrtRunner): PipelineRunner {
  const checkpoint = (): void => running.at(-1)?.abort.signal.throwIfAborted();
  return {
    meta: base.meta,
    provider: base.provider,
    preferredBatchRows: base.preferredBatchRows,
    energies: (batch) => native(() => { checkpoint(); return base.energies(batch, checkpoint); }),
    cloze: (batch, want) => native(() => { checkpoint(); return base.cloze(batch, want, checkpoint); }),
  };
}

/** The request's progress (suspects scored of all it has), at most 4 times a second and always the last. */
function progressOf(id: number): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = performance.now();
    if (now - last < 250 && done < total) return;
    last = now;
    post({ type: 'progress', id, done, total });
  };
}

/** Counts a call into onnxruntime so that an 'exit' waits for it to return. */
async function native<T>(run: () => Promise<T>): Promise<T> {
  inFlight++;
  try {
    return await run();
  } finally {
    inFlight--;
    exitWhenIdle();
  }
}

async function handle(req: Request, r: ModelRunner, wp: WordPiece, signal: AbortSignal, outermost: boolean): Promise<void> {
  // Only the request drain took yields: one served in its pause runs to its end, so nesting stays one deep.
  const hooks = { onChunk: progressOf(req.id), between: outermost ? serveQueued : undefined };
  // Region parsing cannot see a 'cancel' message; it reads the host's flag (WorkerInit.cancelled).
  const shouldStop = () => cancelledId !== undefined && Atomics.load(cancelledId, 0) === req.id;
  if (req.type === 'check') {
    const { result, transfer } = packResult(await check(req.text, req.languageId, req.options, r, wp, signal, hooks, shouldStop));
    post({ type: 'result', id: req.id, result }, transfer);
  } else if (req.type === 'checkMany') {
    const packed = (await checkMany(req.items, req.options, r, wp, signal, hooks, shouldStop)).map(packResult);
    post({ type: 'result', id: req.id, result: packed.map((p) => p.result) }, packed.flatMap((p) => p.transfer));
  } else if (req.type === 'memory') {
    if (req.clear) clearCaches(r, wp);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const { heapUsed, external, arrayBuffers } = process.memoryUsage();
    post({ type: 'result', id: req.id, result: { caches: cacheUsage(r, wp), heapUsed, external, arrayBuffers, collected: gc !== undefined } });
  } else {
    post({ type: 'result', id: req.id, result: await rank(req.text, req.languageId, req.start, req.end, req.options, r, wp, signal, shouldStop) });
  }
}

async function serve(req: Request, outermost: boolean): Promise<void> {
  const abort = new AbortController();
  const entry = { id: req.id, abort };
  running.push(entry);
  try {
    await handle(req, pipelineRunner!, wordPiece!, abort.signal, outermost);
  } catch (err) {
    // Once asked to exit, the exit answers what was running (the host rejects it when this thread ends).
    if (exitCode === undefined) post({ type: 'error', id: req.id, error: toWire(err instanceof Cancelled ? new CancelledError() : err) });
  } finally {
    running.splice(running.indexOf(entry), 1);
  }
}

/** The requests queued now, each to its end (a long check's pause between two chunks). */
async function serveQueued(): Promise<void> {
  while (queue.length > 0 && exitCode === undefined) await serve(queue.shift()!, false);
}

async function drain(): Promise<void> {
  if (running.length > 0 || !pipelineRunner || !wordPiece) return;
  while (queue.length > 0) await serve(queue.shift()!, true);
}

async function init(): Promise<void> {
  const { modelDir, provider, threads, cacheBudgets: budgets, leaveOutMisspellings: leftOut, graphCache } = workerData as WorkerInit;
  try {
    // Before anything that makes a cache (the tokenizer, the lexicon, the first check).
    if (budgets) setCacheBudgets(budgets);
    if (leftOut) leaveOutMisspellings(leftOut);
    // The lexicon, the known misspellings and the attested words are read on the thread pool from the start
    // (readAhead.ts). Their indexes (dist/lexicon.bin, dist/misspellings.txt, dist/attested.txt) and the tokenizer
    // are made off the first check's path (the spelling channel's rules are left to it: made here, they raised the
    // command line's peak RSS by 5-8 MB), and a missing or broken file is an init error the host shows, not a failed
    // check (a read ahead that failed is read again here, and fails with its own error). Another dialect's small layer
    // (dialects.ts, ~5 ms) is read by its first check, which a broken layer fails with the error.
    const lexicons = [lexiconPath(), lexiconPath(MISSPELLINGS_FILE), lexiconPath(ATTESTED_FILE)].map(readAhead);
    const model = await loadModel(modelDir);
    const prepare = async (): Promise<void> => {
      wordPiece = WordPiece.fromVocab(model.vocabText, model.meta.cased, cacheBudgets().pieceWords);
      await Promise.all(lexicons);
      generatorFor(wordPiece.vocab);
      loadMisspellings();
      loadAttested();
    };
    // Where the Electric graph has a thread of its own (graphThread.ts: the host starts it and hands over
    // graphLink's port), that thread opens its graph while this one starts, paying onnxruntime's one-time start
    // (~50-75 ms) that a session opened here at the same time would wait for: so this thread makes its indexes
    // first and opens the cloze graph after. Without one, the sessions open first, the files read meanwhile.
    if (graphLink) await prepare();
    // That thread ending unasked ends this worker too, with code 1 once nothing runs: the host restarts both (with
    // backoff), where a worker left running would fail every check.
    opening = createRunner(model, { provider, threads, log, graphCache, graphLink, onGraphThreadLost: (err) => {
      log('error', `${err.message}; the engine restarts`);
      exitCode ??= 1;
      for (const r of running) r.abort.abort(err);
      exitWhenIdle();
    } });
    const runner = await opening;
    ortRunner = runner;
    pipelineRunner = cancellableRunner(runner);
    if (!graphLink) await prepare();
    post({ type: 'ready', info: { model: model.meta.name, provider: runner.provider, providerDetail: runner.providerDetail, threads: runner.threads } });
  } catch (err) {
    // The sessions let go before the host hears (it ends this thread then).
    await (await opening?.catch(() => undefined))?.dispose();
    post({ type: 'initError', error: toWire(err) });
    return;
  } finally {
    starting = false;
    exitWhenIdle();
  }
  void drain();
}

void init();
