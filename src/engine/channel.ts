// The noisy channel P(typed | meant): how likely a writer who meant `meant` typed `typed`, before context
// is read. Spelling-like candidates are priced by their edits (edits.ts) at rates estimated from real
// misspellings (data/channelTable.ts); the other kinds by a prior per kind. The decision rule (issue 13):
// flag x → c when log p(c | context) + logChannel(x, c, kind) − log p(x | context) − logOwn(x) > τ,
// p(· | context) from REPLACE rows (ranking.ts, contextCost), τ from the sensitivity (calibration.ts).
//
// FITTED (bench/fit-channel.mjs): KIND_LOG_PRIOR, EDIT_SCALE, NON_WORD_LOG_PRIOR and REPLACE_WEIGHTS below.
import type { Candidate, Source } from './candidates';
import { LOG_RATE } from './data/channelTable';
import { editOps } from './edits';
import type { ReplaceWeights } from './ranking';

// Fitted by `nice node bench/fit-channel.mjs --corpus /work/corpus --pairs 800 --packages 80` (2026-12-03):
// 1,600 training-text items (800 planted errors, the dev set's mix, each with its clean twin; 77 training
// packages, never the held-out ones), 714 suspects with their planted fix and 3,568 to keep, conditional
// logit over each suspect's REPLACE rows (train F0.5 0.888 at tau 0: P 0.928, R 0.757). Re-fit from the
// kept features: `node bench/fit-channel.mjs --features bench/work/fit/features.json`.

/**
 * log P(a word is typed wrong in this way) per kind, before its edits. Planted text has an error in every
 * other sentence, so these are rates of the dev sets' kind, not of a careful writer's. comparative was
 * never planted: it keeps its starting guess, log(1/1000). 'a/an' was never planted either and is SET, not
 * fitted: the fix exists only when CMUdict's first sound of the next word disagrees with the article typed
 * (articles.ts leaves unsure readings alone), and such an "a" or "an" is a slip about as often as not
 * (the rest: a reading the writer does not share, "a historic"); log(1/2). Planting a/an errors in
 * bench/plant-train.py and fitting it is the next step.
 */
export const KIND_LOG_PRIOR: Record<Source, number> = {
  spelling: -6.196, cloze: -6.463, split: -7.933, join: -6.215, confusable: -3.362, delete: -2.835, agreement: -5.902,
  'verb-form': -6.394, article: -6.513, to: -7.237, compound: -7.061, comparative: -6.908, 'a/an': Math.log(1 / 2),
};

/** A spelling candidate more than this many edits away is priced as a free proposal (kind prior and FAR). */
const MAX_SPELLING_EDITS = 3;
const FAR = Math.log(1e-4);

/**
 * How much the per-edit rates count (fitted with the kind priors): the rates are per opportunity, counted
 * over a list of distinct misspellings, so a slip of two rare edits would otherwise cost as much as no
 * writer's word.
 */
export const EDIT_SCALE = 0.842;

/** log P(typed | meant) for a candidate of this kind; 0 for the original itself (typed as meant). */
export function logChannel(typed: string, meant: string, kind: Source, prior = KIND_LOG_PRIOR, editScale = EDIT_SCALE): number {
  if (typed === meant) return 0;
  const base = prior[kind];
  if (kind === 'spelling' || kind === 'cloze' || kind === 'split' || kind === 'join') {
    const ops = editOps(meant.toLowerCase(), typed.toLowerCase(), MAX_SPELLING_EDITS);
    if (!ops) return base + editScale * FAR;
    return base + editScale * (ops.reduce((s, o) => s + LOG_RATE[o], 0) - (ops.length ? 0 : 1));   // -1: a case-only change
  }
  return base;
}

/** The best (highest) channel over the kinds a candidate came from. */
export function logChannelOf(typed: string, c: { text: string; sources: Source[] }, prior = KIND_LOG_PRIOR): number {
  return Math.max(...c.sources.map((k) => logChannel(typed, c.text, k, prior)));
}

/**
 * log P(x typed | x meant) for a word in no lexicon: how often such a word is meant as typed (jargon,
 * product names) rather than a slip. A dictionary word typed as meant costs nothing (log 1).
 */
export const NON_WORD_LOG_PRIOR = -3.011;

/**
 * REPLACE rows → nats (ranking.ts, contextCost). perPiece: 2.0 nats (0.18 · 11.305) per piece a row adds,
 * the price of pieces that vouch for each other (issue 13, item 2).
 */
export const REPLACE_WEIGHTS: ReplaceWeights = { nats: 0.18, lambda: 2.166, perPiece: 11.305 };

export function logOwn(isWord: boolean, nonWordPrior = NON_WORD_LOG_PRIOR): number {
  return isWord ? 0 : nonWordPrior;
}

/** log P(typed | meant) for a word's REPLACE rows: [0] the original as typed, then each candidate. */
export function rowChannels(text: string, isWord: boolean, cands: readonly Candidate[], prior = KIND_LOG_PRIOR,
  nonWordPrior = NON_WORD_LOG_PRIOR): number[] {
  return [logOwn(isWord, nonWordPrior), ...cands.map((c) => logChannelOf(text.slice(c.start, c.end), c, prior))];
}
