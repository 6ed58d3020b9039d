// The Electric graph's thread (graphThread.ts): started by the host beside the engine's worker (client.ts) or, without
// a host, by the thread that holds the runner. It loads onnxruntime at once, while the engine's worker starts; opens
// the one graph the engine's first message names, as the engine opens its graphs (session.ts, openVerified: checked
// against meta.json, through the graph cache); and runs the batches it is sent, one at a time, each chunked as on the
// engine's thread (graphSession.ts, electricOn). A cancelled batch stops before its next run and is answered; a run is
// onnxruntime's and cannot be stopped inside. It ends when the engine releases the graph, or when whoever started it
// says stop (after its current run: the thread must not end inside one).
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type * as Ort from 'onnxruntime-node';
import { electricOn, type EnergyGraph } from './graphSession';
import { toWireError, type EarlyOpen, type GraphReply, type GraphRequest, type GraphStop, type GraphThreadInit, type GraphWorkerData } from './graphThread';
import { readMeta } from './model';
import type { LogLevel } from './protocol';
import { loadOrt, openVerified } from './session';

if (!parentPort) throw new Error('graphWorker.ts must run in a worker_thread (graphThread.ts, client.ts start it)');
const { port, early } = workerData as GraphWorkerData;
const post = (msg: GraphReply, transfer: ArrayBuffer[] = []): void => port.postMessage(msg, transfer);
const cancelled = new Set<number>();
let graph: EnergyGraph | undefined;
let stopping = false;
let adopted = false;   // the early session given to the engine, or let go
// Requests run one after another: each waits for the one before it.
let queue: Promise<void> = Promise.resolve();
const then = (step: () => Promise<void> | void): void => { queue = queue.then(step); };

const log = (level: LogLevel, message: string): void => post({ type: 'log', level, message });
// Loaded before the engine asks: its start overlaps the engine worker's own.
const ort = loadOrt();
// The graph opened before the engine asks for it (GraphWorkerData.early says why): the session and what it was
// opened as, or undefined where it failed (the engine's own 'open' then tries again, and fails with the error).
const opened = early && openEarly(early);
opened?.catch(() => undefined);

port.on('message', (msg: GraphRequest) => {
  if (msg.type === 'cancel') { cancelled.add(msg.id); return; }
  if (msg.type === 'open') then(() => open(msg.init));
  else if (msg.type === 'energies') then(() => run(msg.id, msg.rows));
  else then(end);
});

parentPort.on('message', (msg: GraphStop) => {
  if (msg.type !== 'stop') return;
  stopping = true;   // the batch running now stops before its next run
  then(end);
});

async function openEarly(e: EarlyOpen): Promise<{ session: Ort.InferenceSession; as: string }> {
  const meta = await readMeta(e.dir);
  const file = meta.electric.file;
  const session = await openVerified({ dir: path.resolve(e.dir), meta }, e.threads, e.graphCache, log)(file, 'cpu');
  return { session, as: openedAs(path.resolve(e.dir), file, meta.sha256[file], e.threads, e.graphCache) };
}

function openedAs(dir: string, file: string, sha256: string | undefined, threads: number, graphCache: string | undefined): string {
  return JSON.stringify([dir, file, sha256, threads, graphCache ?? null]);
}

/** The engine's graph: the one opened early where it is the same file, threads and cache, else opened now. */
async function sessionFor(init: GraphThreadInit): Promise<Ort.InferenceSession> {
  const ahead = await opened?.catch(() => undefined);
  if (ahead && !adopted) {
    adopted = true;
    if (ahead.as === openedAs(path.resolve(init.dir), init.file, init.meta.sha256[init.file], init.threads, init.graphCache)) return ahead.session;
    await ahead.session.release();
  }
  return openVerified({ dir: init.dir, meta: init.meta }, init.threads, init.graphCache, log)(init.file, 'cpu');
}

async function open(init: GraphThreadInit): Promise<void> {
  try {
    const session = await sessionFor(init);
    graph = electricOn(ort, session, init.meta, init.file, init.batching);
    const { inputNames, outputNames, outputMetadata } = session;
    post({ type: 'ready', info: { inputNames, outputNames, outputMetadata: outputMetadata.map((m) => ({ ...m })) } });
  } catch (err) {
    post({ type: 'openError', error: toWireError(err) });
  }
}

async function run(id: number, rows: number[][]): Promise<void> {
  try {
    if (!graph) throw new Error('the Electric graph is not open');
    const energies = await graph.energies(rows, (done, total) => {
      if (cancelled.has(id) || stopping) throw new Error('cancelled');
      if (done > 0) post({ type: 'chunk', id, done, total });
    });
    post({ type: 'energies', id, energies }, energies.map((e) => e.buffer as ArrayBuffer));
  } catch (err) {
    // A cancelled batch is answered too: the engine waits for it (graphThread.ts).
    post({ type: 'error', id, error: toWireError(err) });
  } finally {
    cancelled.delete(id);
  }
}

/**
 * The session let go (the early one too where the engine never took it), the engine told, and the thread ended (no
 * run is in flight: requests run in turn).
 */
async function end(): Promise<void> {
  await graph?.release();
  graph = undefined;
  const ahead = await opened?.catch(() => undefined);
  if (ahead && !adopted) await ahead.session.release();
  post({ type: 'released' });
  process.exit(0);
}
