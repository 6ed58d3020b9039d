// The Electric graph on a thread of its own (graphWorker.ts runs it), behind the EnergyGraph that openGraphs
// pairs with the cloze session of this thread. onnxruntime-node's session.run blocks the thread that calls it,
// so two sessions on one thread run one after the other; on two threads they run at once. Measured on the
// shipped graphs (2-core EPYC VM, threads that sleep rather than spin, median of 20-100 runs), one window's
// Electric and cloze (proposals) runs one after the other at 2 threads each against at once at 1 thread each:
// 1 row of 51 ids 5.35 against 2.07 ms, 6 of 37 16.6 against 8.3, 32 of 40 65.9 against 42.8. Two sessions of
// 2 threads at once on 2 cores were slower than either order (61.8 ms for 32 of 40): each graph gets its half.
// A second copy of both graphs on the second thread (every run split over two threads) was measured too: its
// sessions cost ~97 MB more; this one thread ~20 MB.
//
// Where the thread lives: a thread ended while it is inside an onnxruntime run takes the whole process with it
// (onnxruntime-node throws into a torn-down thread: "terminate called after throwing an instance of
// 'Napi::Error'"), and a worker's own workers end with it, whatever they are doing. So the engine's worker does not
// start this thread: the host starts it beside the worker and hands the worker one end of a channel to it
// (WorkerInit.graphPort; client.ts), and stops it only once the worker has ended, after its current run. A worker
// that crashes or runs out of heap then ends alone, as before. Without a port (tests, in-process tools) the
// thread is started here, a child of the thread that holds the runner.
import * as path from 'node:path';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { GraphInfo } from './graphCheck';
import type { Batching, Checkpoint, EnergyGraph } from './graphSession';
import { ModelLoadError } from './model';
import type { LogLevel } from './protocol';
import { stopThread } from './stopThread';
import type { ModelMeta } from './types';

/** What the graph thread is asked to open (its first message). */
export interface GraphThreadInit {
  dir: string;
  meta: ModelMeta;
  file: string;
  threads: number;
  batching: Batching;
  graphCache?: string;
}

/** Engine → graph thread, over the channel. */
export type GraphRequest =
  | { type: 'open'; init: GraphThreadInit }
  | { type: 'energies'; id: number; rows: number[][] }
  | { type: 'cancel'; id: number }
  | { type: 'release' };

/** Graph thread → engine: `chunk` after each run of a batch but its last (the engine's checkpoint is asked then). */
export type GraphReply =
  | { type: 'ready'; info: GraphInfo }
  | { type: 'openError'; error: WireError }
  | { type: 'chunk'; id: number; done: number; total: number }
  | { type: 'energies'; id: number; energies: Float32Array[] }
  | { type: 'error'; id: number; error: WireError }
  | { type: 'log'; level: LogLevel; message: string }
  | { type: 'released' };

/** Whoever started the thread → the thread (its parentPort): end after the current run, the session let go. */
export interface GraphStop { type: 'stop' }

/**
 * graphWorker.ts's workerData: its end of the channel, and where the host started it, what lets it open its graph
 * before the engine asks (`early`: the model folder, its threads, the graph cache). onnxruntime's first session in a
 * process pays a one-time start (~50-75 ms here) that a second thread opening its own at the same time waits for:
 * opened apart, the Electric graph took 150 ms and the cloze graph 47; at once on two threads, 156-164 and 134-144. The
 * graph thread starts while the engine's worker loads its bundle and the model's files, so it has paid that start by
 * the time the worker opens the cloze graph. The engine's 'open' then takes the session where it asks for the same.
 */
export interface GraphWorkerData { port: MessagePort; early?: EarlyOpen }
export interface EarlyOpen { dir: string; threads: number; graphCache?: string }

/** The Electric graph's share of the engine's threads, where it has a thread of its own (the cloze graph's is the rest). */
export function graphThreads(threads: number): number {
  return Math.ceil(threads / 2);
}

export interface WireError { name: string; message: string }

export function toWireError(err: unknown): WireError {
  return err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) };
}

/** The error as thrown on the graph thread: a ModelLoadError stays one (the host tells a broken model by it). */
export function fromWireError(e: WireError): Error {
  if (e.name === 'ModelLoadError') return new ModelLoadError(e.message);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

/** The graph thread's script: beside the code that starts it (dist/ in the bundle, out/src/engine compiled). */
export function graphWorkerPath(): string {
  return path.join(__dirname, 'graphWorker.js');
}

/**
 * The engine's end of a graph thread the host started (WorkerInit.graphPort). `lost` is set by openElectricThread:
 * the host calls it (through the worker's 'graphLost' message) when the thread ends unasked, which this end
 * cannot see itself.
 */
export interface GraphLink {
  port: MessagePort;
  lost?: (err: Error) => void;
  /** set where the thread ended before the engine opened its graph (it failed to start): the open fails with it */
  ended?: Error;
}

interface Pending {
  resolve(e: Float32Array[]): void;
  reject(err: Error): void;
  checkpoint?: Checkpoint;
  /** the checkpoint's error, once it threw: the batch settles with it when the thread says it has stopped */
  cancelled?: Error;
}

/**
 * Opens the Electric graph on its thread and resolves once its session is open (or rejects with the error that
 * kept it shut): over `link` where the host started the thread, otherwise on a thread started here (`script`:
 * tests substitute one). The thread holds the process open only while a request waits on it. If it stops unasked
 * (a native crash, out of memory), what waits on it fails with that error and so does every later call, and
 * `onLost` is told once it had opened (the engine then ends, and the host restarts it).
 */
export function openElectricThread(init: GraphThreadInit, log: (level: LogLevel, message: string) => void,
  onLost: (err: Error) => void, link?: GraphLink, script = graphWorkerPath()): Promise<EnergyGraph> {
  let port: MessagePort, worker: Worker | undefined;
  if (link) {
    port = link.port;
  } else {
    const channel = new MessageChannel();
    port = channel.port1;
    worker = new Worker(script, { workerData: { port: channel.port2 } satisfies GraphWorkerData, transferList: [channel.port2] });
  }
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let lost: Error | undefined;
  let ready = false;
  let releasing: (() => void) | undefined;
  let opened: { resolve(g: EnergyGraph): void; reject(err: Error): void } | undefined;
  const holds = (): void => {
    const busy = pending.size > 0 || !!opened || !!releasing;
    for (const h of worker ? [worker, port] : [port]) if (busy) h.ref(); else h.unref();
  };
  const post = (msg: GraphRequest): void => port.postMessage(msg);

  const graph = (info: GraphInfo): EnergyGraph => ({
    info,
    async energies(batch, checkpoint) {
      checkpoint?.(0, batch.length);
      if (lost) throw lost;
      const id = ++nextId;
      return new Promise<Float32Array[]>((resolve, reject) => {
        pending.set(id, { resolve, reject, checkpoint });
        holds();
        post({ type: 'energies', id, rows: batch });
      });
    },
    release() {
      if (lost) return Promise.resolve();
      return new Promise<void>((resolve) => {
        releasing = resolve;
        holds();
        post({ type: 'release' });
      });
    },
  });

  // A release waited on ends: the thread let its graph go, or ended.
  const released = (): void => {
    const done = releasing;
    releasing = undefined;
    holds();
    done?.();
  };
  const settle = (id: number): Pending | undefined => {
    const p = pending.get(id);
    pending.delete(id);
    holds();
    return p;
  };
  const fail = (err: Error): void => {
    if (lost) return;
    lost = err;
    opened?.reject(err);
    opened = undefined;
    for (const p of pending.values()) p.reject(p.cancelled ?? err);
    pending.clear();
    holds();
  };
  // Ended unasked: once open, the engine is told (onLost); while opening, the open fails with the reason.
  const stopped = (err: Error): void => {
    if (lost) return;
    fail(err);
    released();
    if (ready) onLost(err);
  };
  if (link) link.lost = stopped;
  if (link?.ended) {
    stopped(link.ended);
    return Promise.reject(link.ended);
  }

  port.on('message', (msg: GraphReply) => {
    switch (msg.type) {
      case 'ready': ready = true; opened?.resolve(graph(msg.info)); opened = undefined; holds(); break;
      case 'openError': {
        const err = fromWireError(msg.error);
        opened?.reject(err);
        opened = undefined;
        lost = err;
        holds();
        // A thread started here is ended here (it has no run in flight); the host ends its own with the worker.
        if (worker) void stopThread(worker, { type: 'stop' } satisfies GraphStop, "the Electric graph's thread", log);
        break;
      }
      case 'chunk': {
        const p = pending.get(msg.id);
        if (!p || p.cancelled) break;
        try {
          p.checkpoint?.(msg.done, msg.total);
        } catch (err) {
          // Superseded: the thread drops the rest of the batch before its next run, and answers then. The batch
          // settles only with that answer, so that nothing here looks finished before the thread is (a worker
          // asked to exit waits for every run: worker.ts).
          p.cancelled = err as Error;
          post({ type: 'cancel', id: msg.id });
        }
        break;
      }
      case 'energies': {
        const p = settle(msg.id);
        if (p?.cancelled) p.reject(p.cancelled); else p?.resolve(msg.energies);
        break;
      }
      case 'error': {
        const p = settle(msg.id);
        p?.reject(p.cancelled ?? fromWireError(msg.error));
        break;
      }
      case 'log': log(msg.level, msg.message); break;
      case 'released': {
        lost = new Error('the Electric graph was released');
        // A thread started here has ended when its 'exit' comes; the host's own thread is the host's to await.
        if (!worker) released();
        break;
      }
    }
  });
  if (worker) {
    worker.on('error', (err) => stopped(new Error(`the Electric graph's thread failed: ${err.message}`)));
    worker.on('exit', (code) => {
      stopped(new Error(`the Electric graph's thread stopped (exit code ${code})`));
      released();
      port.close();
    });
  }
  return new Promise<EnergyGraph>((resolve, reject) => {
    opened = { resolve, reject };
    holds();
    post({ type: 'open', init });
  });
}
