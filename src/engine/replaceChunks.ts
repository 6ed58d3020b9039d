// REPLACE for every suspect, without a budget: the plans (most promising first) are scored in chunks of
// about REPLACE_CHUNK_ROWS rows, one batched pass per head each. A chunk's rows go into the row cache when
// it is done, so a check superseded halfway keeps what it scored and its successor starts from there; the
// signal is checked between chunks (and between model runs, worker.ts), onChunk hears how far it is, and
// `between` lets the worker serve the requests queued behind a long check before its next chunk.
import type { ReplacePlan } from './replacePlans';

/** On the CPU a chunk is ~1 s of one thread; a GPU gets at least its preferred batch. */
export const REPLACE_CHUNK_ROWS = 512;

export interface ChunkHooks {
  /** after each chunk: plans scored so far, of all */
  onChunk?: (done: number, total: number) => void;
  /** awaited between two chunks */
  between?: () => Promise<void>;
}

/** score(chunk) for consecutive chunks of plans (a plan is never split); the results in the plans' order. */
export async function inChunks<R>(plans: ReplacePlan[], score: (chunk: ReplacePlan[]) => Promise<R[]>,
  opts: ChunkHooks & { preferredBatchRows?: number; signal?: AbortSignal } = {}): Promise<R[]> {
  const chunkRows = Math.max(REPLACE_CHUNK_ROWS, opts.preferredBatchRows ?? 0);
  const out: R[] = [];
  let i = 0;
  while (i < plans.length) {
    opts.signal?.throwIfAborted();
    let j = i, rows = 0;
    while (j < plans.length && (j === i || rows + plans[j].rows.length <= chunkRows)) rows += plans[j++].rows.length;
    out.push(...await score(plans.slice(i, j)));
    i = j;
    opts.onChunk?.(i, plans.length);
    if (i < plans.length) await opts.between?.();
  }
  return out;
}
