// The Electric graph's thread (graphThread.ts starts it from the engine's worker): opens the one graph it is given,
// as the engine opens its graphs (session.ts, openVerified: checked against meta.json, through the graph cache),
// and runs the batches it is sent, one at a time, each chunked as on the engine's thread (graphSession.ts,
// electricOn). A cancelled batch stops before its next run; a run is onnxruntime's and cannot be stopped inside.
import { parentPort, workerData } from 'node:worker_threads';
import { CPU_BATCHING, electricOn, type EnergyGraph } from './graphSession';
import { toWireError, type GraphReply, type GraphRequest, type GraphThreadInit } from './graphThread';
import type { LogLevel } from './protocol';
import { loadOrt, openVerified } from './session';

if (!parentPort) throw new Error('graphWorker.ts must run in a worker_thread (graphThread.ts starts it)');
const port = parentPort;
const post = (msg: GraphReply, transfer: ArrayBuffer[] = []): void => port.postMessage(msg, transfer);
const init = workerData as GraphThreadInit;
const cancelled = new Set<number>();
let graph: EnergyGraph | undefined;
// Batches run one after another: a batch's runs are awaited, and the next waits for them.
let queue: Promise<void> = Promise.resolve();

port.on('message', (msg: GraphRequest) => {
  if (msg.type === 'cancel') { cancelled.add(msg.id); return; }
  if (msg.type === 'release') {
    queue = queue.then(async () => {
      await graph?.release();
      graph = undefined;
      post({ type: 'released' });
      port.close();
    });
    return;
  }
  queue = queue.then(() => run(msg.id, msg.rows));
});

async function run(id: number, rows: number[][]): Promise<void> {
  try {
    if (!graph) throw new Error('the Electric graph is not open');
    const energies = await graph.energies(rows, (done, total) => {
      if (cancelled.has(id)) throw new Error('cancelled');
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

async function open(): Promise<void> {
  try {
    const ort = loadOrt();
    const log = (level: LogLevel, message: string): void => post({ type: 'log', level, message });
    const session = await openVerified({ dir: init.dir, meta: init.meta }, init.threads, init.graphCache, log)(init.file, 'cpu');
    graph = electricOn(ort, session, init.meta, init.file, init.batching ?? CPU_BATCHING);
    const { inputNames, outputNames, outputMetadata } = session;
    post({ type: 'ready', info: { inputNames, outputNames, outputMetadata: outputMetadata.map((m) => ({ ...m })) } });
  } catch (err) {
    post({ type: 'openError', error: toWireError(err) });
  }
}

void open();
