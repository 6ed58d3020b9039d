// Ending a thread that runs onnxruntime without aborting the process: Worker.terminate() while onnxruntime-node is
// inside a run kills the whole process (a native exception with no JavaScript left to catch it), so the thread is
// asked to end and does so when its current run returns. Only one that has not ended within the grace period (a
// hung native call) is terminated. The engine's worker (client.ts) and the Electric graph's thread (graphThread.ts).
import type { Worker } from 'node:worker_threads';
import type { LogLevel } from './protocol';

/** How long a thread may take to finish its onnxruntime run and end before it is terminated outright. */
export const EXIT_GRACE_MS = 10_000;

/** Posts `ask` (the thread's own "end when idle" message) and waits for the thread to end; `name` says which, in the log. */
export async function stopThread(worker: Worker, ask: unknown, name: string, log: (level: LogLevel, message: string) => void): Promise<void> {
  if (worker.threadId < 0) return;   // ended already
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage(ask);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), EXIT_GRACE_MS); timer.unref(); });
  if (await Promise.race([exited, late]) === 'late') {
    log('warn', `${name} did not end within ${EXIT_GRACE_MS} ms; terminating it`);
    await worker.terminate();
  }
  clearTimeout(timer);
}
