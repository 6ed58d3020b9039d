// Messages between EngineClient (host) and worker.ts (the thread that owns onnxruntime-node).
// Plain structured-clone data only: no classes, no functions.
import type { MessagePort } from 'node:worker_threads';
import type { CacheBudgets } from './cacheBudgets';
import type { CheckOptions, RankedWord } from './types';
import type { WireCheckResult } from './wireWords';

export type ProviderChoice = 'auto' | 'cpu' | 'gpu';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** workerData of a new worker. */
export interface WorkerInit {
  modelDir: string;
  provider: ProviderChoice;
  threads?: number;
  /** budgets of the engine's caches (cacheBudgets.ts); those not given keep their defaults */
  cacheBudgets?: Partial<CacheBudgets>;
  /** misspellings the known-misspellings list is read without (misspellings.ts): evaluations */
  leaveOutMisspellings?: string[];
  /** where the CPU graphs are kept as onnxruntime optimizes them (graphCache.ts); none: optimized at every start */
  graphCache?: string;
  /**
   * Int32Array(1) over it: the id of the last request the host cancelled. Region parsing is synchronous, so a
   * 'cancel' message cannot reach a parse in progress; the parsers read this instead (Atomics.load).
   */
  cancelled?: SharedArrayBuffer;
  /**
   * With two threads or more: the engine's end of a channel to the Electric graph's thread, which the host starts
   * beside this worker, not inside it (graphThread.ts says why), and stops once this worker has ended.
   */
  graphPort?: MessagePort;
}

export interface EngineInfo {
  model: string;
  provider: string;
  /** why that provider: a GPU's verification figures, or why each GPU provider was passed over */
  providerDetail?: string;
  threads: number;
}

/**
 * What the worker holds: each cache's contents in the unit of its budget (cacheUsage.ts), and its V8 heap
 * (used, after a full GC when node runs with --expose-gc), external memory and ArrayBuffers, bytes.
 */
export interface EngineMemory {
  caches: Record<keyof CacheBudgets, number>; heapUsed: number; external: number; arrayBuffers: number; collected: boolean;
}

export type Request =
  | { type: 'check'; id: number; text: string; languageId: string; options: CheckOptions }
  // independent texts checked as one batch (pipeline.ts checkMany); the result is their CheckResults in order
  | { type: 'checkMany'; id: number; items: { text: string; languageId: string }[]; options: CheckOptions }
  | { type: 'rank'; id: number; text: string; languageId: string; start: number; end: number; options: CheckOptions }
  // what the worker's caches and heap hold now (EngineMemory); with clear, after every cache was emptied
  | { type: 'memory'; id: number; clear?: boolean };

// 'exit': end the worker once no onnxruntime run is in flight (terminating a worker inside a native run
// aborts the whole process: "terminate called after throwing an instance of 'Napi::Error'").
// 'graphLost': the Electric graph's thread ended unasked; the worker fails what waits on it and exits with code 1.
export type HostMessage = Request | { type: 'cancel'; id: number } | { type: 'exit'; code: number } | { type: 'graphLost'; message: string };

export interface WireError {
  name: string;
  message: string;
  stack?: string;
}

export type WorkerMessage =
  | { type: 'ready'; info: EngineInfo }
  | { type: 'initError'; error: WireError }
  | { type: 'result'; id: number; result: WireCheckResult | WireCheckResult[] | RankedWord | EngineMemory | undefined }   // checks': wireWords.ts
  | { type: 'error'; id: number; error: WireError }
  | { type: 'progress'; id: number; done: number; total: number }   // suspects scored of the request's suspects
  | { type: 'log'; level: LogLevel; message: string };

export const CANCELLED = 'CancelledError';

export function toWire(err: unknown): WireError {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: 'Error', message: String(err) };
}

export function fromWire(wire: WireError): Error {
  const err = new Error(wire.message);
  err.name = wire.name;
  if (wire.stack) err.stack = wire.stack;
  return err;
}

export class CancelledError extends Error {
  override name = CANCELLED;
  constructor(message = 'request cancelled') {
    super(message);
  }
}
