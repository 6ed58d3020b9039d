// The leak test (issue 10): one client whose caches are all small checks 2,000 changing paragraphs, and its
// resident memory must stop growing once they are full. At the default budgets the caches are still filling
// after 2,000 short checks (~90 MB of budgets at ~20 KB a check), so growth there says nothing about a leak;
// here they are full within the first few hundred checks and what grows after that is what nothing bounds.
//
// Measured on the 2-core dev box (2026-12-03, shared with other work; a full GC in both threads before each
// sample): RSS 203 → 257 MB over the first 800 checks (onnxruntime's arena, V8's heaps, the caches filling), then
// a least-squares slope of +0.14 to +1.30 KB a check over checks 800-2,000 in four runs (at most +1.5 MB), with
// every cache full and constant; of it the worker's V8 heap +0.3-0.4 KB a check, which a heap-snapshot diff of the
// same checks in one process (checks 800 → 2,000) puts in compiled code: +468 KB of +530 KB, objects +20 KB. It fails
// a leak: with a Uint8Array of 20, 10 or 5 KB kept per check in a module-level array of the worker (injected for the
// proof, never committed), the row measured +25.4, +11.3 and +7.1 KB a check. The bound was 4 KB a check until
// 2026-12-05, when three runs of one engine on this box read +0.29, +4.47 and +3.06 KB a check with the worker's
// heap +0.32-0.33 KB each time (earlier runs +0.87 to +2.15): RSS alone moves that much with the machine's load, so
// the bound is 5.5 KB a check now, still below the 5 KB-a-check leak's +7.1.
import v8 from 'node:v8';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MODEL, REPO, row } from './harness.mjs';
import { paragraph } from './paragraphs.mjs';

const require = createRequire(import.meta.url);
const { EngineClient } = require(path.join(REPO, 'out', 'src', 'engine', 'client.js'));

/**
 * About 30-100 checks' worth of each cache at what a paragraph here adds to it (measured: 0.4 KB of energies,
 * 3.6 KB of cloze rows, 15 KB of REPLACE rows, 16 sentence, 22 block, 280 plan, 25 candidate and 12 suspect
 * units, 48 characters of inline parse, ~90 of token counts where a non-word is asked of, one or two new words),
 * so that each holds several entries and all are
 * full by check 400. The word memos (pieces, facts, neighbours) are forgotten wholesale when full.
 */
const SMALL = {
  energyBytes: 32 << 10, clozeBytes: 256 << 10, replaceBytes: 512 << 10, sentenceUnits: 1_000, blockUnits: 1_500,
  planUnits: 10_000, candidateUnits: 1_000, suspectUnits: 600, inlineChars: 3_000, tokenCountChars: 1_000, pieceWords: 100, wordFacts: 50,
  neighbourWords: 16,
};
const WHOLESALE = new Set(['pieceWords', 'wordFacts', 'neighbourWords']);
const CHECKS = 2_000, WARM = 800, EVERY = 80, BOUND_KB = 5.5;

/** A full GC in this thread, and in the engine's worker (a V8 flag is the process's, so set before it starts). */
function exposeGc() {
  v8.setFlagsFromString('--expose-gc');
  return globalThis.gc ?? vm.runInNewContext('gc');
}

/** Least-squares slope of ys over xs. */
function slope(xs, ys) {
  const n = xs.length, mx = xs.reduce((a, b) => a + b) / n, my = ys.reduce((a, b) => a + b) / n;
  let sxy = 0, sxx = 0;
  for (let k = 0; k < n; k++) { sxy += (xs[k] - mx) * (ys[k] - my); sxx += (xs[k] - mx) ** 2; }
  return sxy / sxx;
}

/**
 * threads 2: the engine's Electric graph on a thread of its own (src/engine/graphThread.ts), every check's windows
 * sent there and their energies back; measured 2026-12-06 at +0.13 KB a check (worker heap +0.30), 17 s.
 */
export async function memoryRow(threads = 1) {
  const label = `2,000 changing paragraphs, caches small and full${threads > 1 ? `, ${threads} threads (a graph thread)` : ''}: RSS stops growing`;
  await row(label, { timeoutMs: 300_000 }, async () => {
    const gc = exposeGc();
    const client = new EngineClient({ modelDir: MODEL, provider: 'cpu', threads, cacheBudgets: SMALL, log: () => undefined });
    try {
      await client.info();
      const at = [], rss = [], heap = [];
      let notFull = [];
      for (let i = 0; i < CHECKS; i += 8) {
        await Promise.all(Array.from({ length: 8 }, (_, k) => client.check(paragraph(i + k), 'markdown', { sensitivity: 0.5 })));
        if ((i + 8) % EVERY) continue;
        gc();
        const m = await client.memory();   // after a GC in the worker
        at.push(i + 8);
        rss.push(process.memoryUsage().rss / 1024);
        heap.push(m.heapUsed / 1024);
        if (i + 8 === WARM) notFull = Object.entries(m.caches).filter(([k, v]) => !WHOLESALE.has(k) && v < 0.8 * SMALL[k]).map(([k, v]) => `${k} ${v} of ${SMALL[k]}`);
      }
      const from = at.indexOf(WARM);
      const kb = slope(at.slice(from), rss.slice(from)), heapKb = slope(at.slice(from), heap.slice(from));
      const mb = (v) => Math.round(v / 1024);
      const fail = notFull.length ? `caches not full by check ${WARM}: ${notFull.join(', ')}`
        : kb > BOUND_KB ? `RSS grew ${kb.toFixed(1)} KB a check over checks ${WARM}-${CHECKS} (bound ${BOUND_KB})` : undefined;
      return {
        outcome: `caches full by check ${WARM}; RSS ${mb(rss[0])} MB at ${at[0]}, ${mb(rss[from])} at ${WARM}, ${mb(rss.at(-1))} at ${CHECKS}: ` +
          `${kb >= 0 ? '+' : ''}${kb.toFixed(2)} KB a check after ${WARM} (bound ${BOUND_KB}), worker heap ${heapKb >= 0 ? '+' : ''}${heapKb.toFixed(2)}`,
        mb: rss.at(-1) / 1024, fail,
      };
    } finally {
      client.dispose();
    }
  });
}
