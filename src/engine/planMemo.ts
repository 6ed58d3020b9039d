// A suspect's REPLACE plan (replacePlans.ts: its candidates, their rows and channels), remembered by what
// planning reads: the suspect's block (its text and layout, so its windows and q's proposals, and the rows'
// context pieces), where the word lies in it, its forced candidates, whether its pNoise passed the gate and
// the span its candidates must keep clear of. A re-check after an edit elsewhere plans the same suspects of
// the same blocks again; tokenizing their rows and pricing their channels was the biggest part of it.
// Offsets are kept relative to the block, so a plan whose block moved with the text still hits.
import { LruMap } from '../text/lru';
import { cacheBudgets } from './cacheBudgets';
import type { Candidate } from './candidates';
import type { ReplaceRow } from './ranking';
import type { ModelRunner } from './types';
import type { WordPiece } from '../text/wordpiece';

/** A plan without its suspect, offsets relative to its block's start. */
export interface PlanWork { cands: Candidate[]; texts: string[]; rows: ReplaceRow[]; channels: number[] }

/** A remembered plan and the model output it read (sourceId of q's proposals' row), 0 for none. */
interface Remembered { plan: PlanWork; source: number }

// Model outputs by number, so that a remembered plan does not keep an output the row caches dropped alive.
const sourceIds = new WeakMap<object, number>();
let lastSourceId = 0;

function sourceId(source: object | undefined): number {
  if (!source) return 0;
  let id = sourceIds.get(source);
  if (id === undefined) sourceIds.set(source, (id = ++lastSourceId));
  return id;
}

/** Counts plans the memo could not answer (tests). */
export const planMemoStats = { planned: 0 };

/** A block's remembered plans, by their suspect's string (memoPlan's where.suspect). */
type BlockPlans = Map<string, Remembered>;

// Per runner (q's proposals come from its cloze head) and tokenizer (the rows' ids), then per block: a block's
// key is the same string from one re-check to the next (blockMemo.ts), so finding it costs no hashing of its text.
const memos = new WeakMap<ModelRunner, WeakMap<WordPiece, LruMap<string, BlockPlans>>>();

const weight = ({ plan: p }: Remembered) => p.cands.length + p.rows.reduce((n, r) => n + r.ids.length, 0) + 1;

/**
 * The memo of this runner and tokenizer, made with `capacity` units when it is first asked for (tests ask for
 * less): a plan weighs its rows' ids and one per candidate.
 */
export function planMemoOf(runner: ModelRunner, wp: WordPiece, capacity = cacheBudgets().planUnits): LruMap<string, BlockPlans> {
  let byWp = memos.get(runner);
  if (!byWp) memos.set(runner, (byWp = new WeakMap()));
  let memo = byWp.get(wp);
  if (!memo) byWp.set(wp, (memo = new LruMap(capacity, (plans) => { let n = 1; for (const r of plans.values()) n += weight(r); return n; })));
  return memo;
}

/**
 * The plan `make` gives (absolute offsets), answered from the memo when the same block, word and suspect
 * were planned before from the same model output. `where` says what the plan depends on besides the block
 * (blockKey): the block's start (base), a string for the word's offset in it, how it is a suspect, its
 * forced candidates and the span kept clear, and `source`, the model output it read: a row the caches
 * dropped and scored again is a new output, so the plan is made again rather than answered from the old one.
 */
export function memoPlan(runner: ModelRunner, wp: WordPiece, where: { blockKey: string; base: number; suspect: string; source?: object },
  make: () => PlanWork): PlanWork {
  const memo = planMemoOf(runner, wp);
  const { base } = where;
  const source = sourceId(where.source);
  const plans = memo.get(where.blockKey) ?? new Map<string, Remembered>();
  let rel = plans.get(where.suspect);
  if (!rel || rel.source !== source) {
    planMemoStats.planned++;
    const made = make();
    rel = { plan: { ...made, cands: made.cands.map((c) => ({ ...c, start: c.start - base, end: c.end - base })) }, source };
    plans.set(where.suspect, rel);
    memo.set(where.blockKey, plans);   // weighed again with the new plan
  }
  const { plan } = rel;
  return { ...plan, cands: plan.cands.map((c) => ({ ...c, start: c.start + base, end: c.end + base, sources: [...c.sources] })) };
}
