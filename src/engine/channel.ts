// The noisy channel P(typed | meant): how likely a writer who meant `meant` typed `typed`, before context
// is read. Spelling-like candidates are priced by their edits (edits.ts) at rates estimated from real
// misspellings (data/channelTable.ts); the other kinds by a prior per kind. The decision rule (issue 13):
// flag x → c when log p(c | context) + logChannel(x, c, kind) − log p(x | context) − logChannel(x, x) > τ.
import type { Source } from './candidates';
import { LOG_RATE } from './data/channelTable';
import { editOps } from './edits';

/**
 * log P(a word is typed wrong in this way) per kind, before its edits: starting values the lead fits on
 * the training split of planted errors (issue 13, item 3). Spelling: about one word in 200 has a slip;
 * the per-edit rates then say which slip. Confusions, agreement and the rest: how often such a word is
 * the wrong one of its set.
 */
export const KIND_LOG_PRIOR: Record<Source, number> = {
  spelling: Math.log(1 / 200), cloze: Math.log(1 / 200), split: Math.log(1 / 500), join: Math.log(1 / 500),
  confusable: Math.log(1 / 300), delete: Math.log(1 / 1000), agreement: Math.log(1 / 300), 'verb-form': Math.log(1 / 500),
  article: Math.log(1 / 400), to: Math.log(1 / 800), compound: Math.log(1 / 500), comparative: Math.log(1 / 1000),
};

/** A spelling candidate more than this many edits away is priced as a free proposal (kind prior and FAR). */
const MAX_SPELLING_EDITS = 3;
const FAR = Math.log(1e-4);

/** log P(typed | meant) for a candidate of this kind; 0 for the original itself (typed as meant). */
export function logChannel(typed: string, meant: string, kind: Source, prior = KIND_LOG_PRIOR): number {
  if (typed === meant) return 0;
  const base = prior[kind];
  if (kind === 'spelling' || kind === 'cloze' || kind === 'split' || kind === 'join') {
    const ops = editOps(meant.toLowerCase(), typed.toLowerCase(), MAX_SPELLING_EDITS);
    if (!ops) return base + FAR;
    return base + ops.reduce((s, o) => s + LOG_RATE[o], 0) - (ops.length ? 0 : 1);   // a case-only change
  }
  return base;
}

/** The best (highest) channel over the kinds a candidate came from. */
export function logChannelOf(typed: string, c: { text: string; sources: Source[] }, prior = KIND_LOG_PRIOR): number {
  return Math.max(...c.sources.map((k) => logChannel(typed, c.text, k, prior)));
}

export interface ChannelChoice { index: number; margin: number }   // index -1: leave the word alone

/**
 * The noisy-channel decision over REPLACE totals (lower total = likelier in context; −total is log p up to
 * a constant that cancels): candidate k wins by
 *   margin_k = weight · (originalTotal − totals[k]) + logChannel(typed_k, c_k) − logChannel(typed_k, typed_k)
 * where typed_k is the text the candidate replaces (text.slice(c.start, c.end)); the word is flagged when
 * the best margin exceeds tau, the one knob (the sensitivity setting). weight converts REPLACE units to nats
 * (a free weight fitted with the kind priors).
 */
export function chooseByChannel(text: string, originalTotal: number, totals: readonly number[],
  cands: readonly { text: string; start: number; end: number; sources: Source[] }[], tau: number, weight = 1,
  prior = KIND_LOG_PRIOR): ChannelChoice {
  let best: ChannelChoice = { index: -1, margin: -Infinity };
  cands.forEach((c, k) => {
    const margin = weight * (originalTotal - totals[k]) + logChannelOf(text.slice(c.start, c.end), c, prior);
    if (margin > best.margin) best = { index: k, margin };
  });
  return best.margin > tau ? best : { index: -1, margin: best.margin };
}
