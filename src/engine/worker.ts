// The engine thread: owns onnxruntime-node (through session.ts) and runs the whole check/rank
// pipeline, one request at a time, so the host thread never waits on inference. A cancel message
// is seen between session runs (session.run blocks this thread), and the request then stops at
// its next batch.
import { parentPort, workerData, type TransferListItem } from 'node:worker_threads';
import { loadModel } from './model';
import { Cancelled } from '../text/regions';
import { WordPiece } from '../text/wordpiece';
import { generatorFor } from './candidates';
import { check, rank } from './pipeline';
import { CancelledError, HostMessage, LogLevel, Request, toWire, WorkerInit, WorkerMessage } from './protocol';
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
let running: { id: number; abort: AbortController } | undefined;
let wordPiece: WordPiece | undefined;
let pipelineRunner: PipelineRunner | undefined;
const { cancelled } = workerData as WorkerInit;
const cancelledId = cancelled ? new Int32Array(cancelled) : undefined;
let inFlight = 0;                       // onnxruntime runs that have not returned
let exitCode: number | undefined;       // set by an 'exit' message; honoured when inFlight is 0

function exitWhenIdle(): void {
  if (exitCode !== undefined && inFlight === 0) process.exit(exitCode);
}

port.on('message', (msg: HostMessage) => {
  if (msg.type === 'exit') {
    exitCode = msg.code;
    running?.abort.abort(new CancelledError('the engine is shutting down'));
    exitWhenIdle();
    return;
  }
  if (msg.type === 'cancel') {
    const queued = queue.findIndex((r) => r.id === msg.id);
    if (queued >= 0) {
      queue.splice(queued, 1);
      post({ type: 'error', id: msg.id, error: toWire(new CancelledError()) });
    } else if (running?.id === msg.id) {
      running.abort.abort(new CancelledError());
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
  let lastProgress = 0;
  const checkpoint = (done: number, total: number): void => {
    if (!running) return;
    running.abort.signal.throwIfAborted();
    // Progress only for batches of many runs (a big document's windows), at most 4 times a second.
    const now = performance.now();
    if (total > 64 && now - lastProgress > 250) {
      lastProgress = now;
      post({ type: 'progress', id: running.id, done, total });
    }
  };
  return {
    meta: base.meta,
    provider: base.provider,
    preferredBatchRows: base.preferredBatchRows,
    energies: (batch) => native(() => { checkpoint(0, 0); return base.energies(batch, checkpoint); }),
    cloze: (batch) => native(() => { checkpoint(0, 0); return base.cloze(batch, checkpoint); }),
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

async function handle(req: Request, r: ModelRunner, wp: WordPiece, signal: AbortSignal): Promise<void> {
  const shouldStop = () => cancelledId !== undefined && Atomics.load(cancelledId, 0) === req.id;
  if (req.type === 'check') {
    const { result, transfer } = packResult(await check(req.text, req.languageId, req.options, r, wp, signal, shouldStop));
    post({ type: 'result', id: req.id, result }, transfer);
  } else {
    post({ type: 'result', id: req.id, result: await rank(req.text, req.languageId, req.start, req.end, req.options, r, wp, signal, shouldStop) });
  }
}

async function drain(): Promise<void> {
  if (running !== undefined || !pipelineRunner || !wordPiece) return;
  const r = pipelineRunner, wp = wordPiece;
  while (queue.length > 0) {
    const req = queue.shift()!;
    const abort = new AbortController();
    running = { id: req.id, abort };
    try {
      await handle(req, r, wp, abort.signal);
    } catch (err) {
      post({ type: 'error', id: req.id, error: toWire(err instanceof Cancelled ? new CancelledError() : err) });
    } finally {
      running = undefined;
    }
  }
}

async function init(): Promise<void> {
  const { modelDir, provider, threads } = workerData as WorkerInit;
  try {
    const model = await loadModel(modelDir);
    wordPiece = WordPiece.fromVocab(model.vocabText, model.meta.cased);
    const runner = await createRunner(model, { provider, threads, log });
    pipelineRunner = cancellableRunner(runner);
    // The spelling lexicon (one read of dist/lexicon.bin) off the first check's path, and a broken one is
    // an init error the host shows, not a failed check.
    generatorFor(wordPiece.vocab);
    post({ type: 'ready', info: { model: model.meta.name, provider: runner.provider, providerDetail: runner.providerDetail, threads: runner.threads } });
  } catch (err) {
    post({ type: 'initError', error: toWire(err) });
    return;
  }
  void drain();
}

void init();
