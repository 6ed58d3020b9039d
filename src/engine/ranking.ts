// REPLACE scoring (Clark et al. 2020): put each candidate in the word's place, score every variant in one
// batched pass, and read each row's context score: its surprisal under the cloze model q (minus its
// pseudo-log-likelihood under q) plus a price per real token, and where REPLACE_WEIGHTS.energy is not 0 its
// summed Electric energy too (one-pass pseudo-log-likelihood under Electric), each weighted in nats. The
// noisy channel (channel.ts) then turns that into a posterior: total = context cost − log P(typed | meant), so
// p = softmax(-total) over the candidates plus the original text, and original.total − best.total is the
// decision's log-odds (findings.ts, verdict). The shipped weights leave the energy out (channel.ts,
// REPLACE_WEIGHTS: fitted with it, it moved the training split's F0.5 by at most 0.002), so a REPLACE row costs one
// cloze pass and no Electric pass; Electric's energies find the suspects (wordScores.ts, pNoise).
// The one scorer of replacements: check's findings and rank's answers both come from rankFromScores.
import type { WordPiece } from '../text/wordpiece';
import type { Piece } from './windows';
import type { ModelMeta, Span } from './types';

/** Pieces of context on each side of the word in a REPLACE row: enough for the model, cheap to score. */
export const REPLACE_CONTEXT = 16;

/** index: the candidate's position in the list given (-1 for the original). */
export interface RankedText { text: string; total: number; p: number; index: number }
export interface Ranking { original: RankedText; candidates: RankedText[] }  // candidates best first

/** softmax(-totals): lower total energy = more plausible. Stable for any magnitude. */
export function softmaxNeg(totals: number[]): number[] {
  const m = Math.min(...totals);
  const e = totals.map((t) => Math.exp(-(t - m)));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

/**
 * Pieces on each side of a REPLACE row's replacement whose log q its score reads (scoredSpan). Every position of a
 * row sees the replacement (q(.|x\t) reads both sides), but one far from it hardly moves from row to row, and the
 * cloze head, its vocabulary-wide log-softmax, was 77% of a REPLACE batch's cloze time on the CPU: the cloze graph
 * runs it at the scored positions alone (meta.json cloze.positions). Measured 2026-12-07 under the same weights
 * (fitted on whole rows: what they read is the rows' differences, which the far positions hardly make), against
 * whole rows through the same graph: the speed document's REPLACE cloze time in-process 240-284 -> 217-263 ms a
 * pass at 12 (408 rows), 181-213 at 8; at 12 the dev sets flag for flag within two (tech-dev 0.971 and real-dev
 * 0.841 and its documents 0.843 the same F0.5, jfleg-dev 0.572 -> 0.569) and the 218 READMEs one true slip more
 * ("The functions returns") and one flag no slip ("how long that lasts" -> last), one dialect flag fewer; at 8 tech-dev
 * read 0.970 (4 slips fewer, "depends weather caller wishes", and two flags more, "project lead" -> led in a sentence
 * and its twin) and the READMEs two true slips more and two false flags ("this style of pathing" -> patching).
 */
export const REPLACE_SCORED = 12;

/** A REPLACE row: its ids, [CLS] … [SEP], and the span whose log q its score reads (scoredSpan). */
export interface ReplaceRow { ids: number[]; scored: Span }

/**
 * The positions of a row of `length` ids whose log q its score reads: the replacement at [from, to) and
 * `context` pieces either side, within the row's real tokens ([CLS] and [SEP] left out).
 */
export function scoredSpan(length: number, from: number, to: number, context = REPLACE_SCORED): Span {
  return [Math.max(1, from - context), Math.min(length - 1, to + context)];
}

/**
 * Rows for REPLACE scoring of text[start, end) within `pieces` (the word's block, in text order): row 0
 * holds the original, row k candidate k-1. Pieces that straddle the span are re-tokenized with it, and
 * every row gets the same context pieces, as many as fit (up to `context` on each side), and the same
 * number of them scored (`scored` on each side: scoredSpan).
 */
export function replaceRows(text: string, pieces: Piece[], start: number, end: number, candidates: string[],
  wp: WordPiece, meta: ModelMeta, context = REPLACE_CONTEXT, scored = REPLACE_SCORED): ReplaceRow[] {
  let i0 = 0;
  while (i0 < pieces.length && pieces[i0].end <= start) i0++;
  let i1 = i0;
  while (i1 < pieces.length && pieces[i1].start < end) i1++;
  const u0 = i1 > i0 ? Math.min(start, pieces[i0].start) : start;
  const u1 = i1 > i0 ? Math.max(end, pieces[i1 - 1].end) : end;
  const before = text.slice(u0, start), after = text.slice(end, u1);
  const mids = [text.slice(start, end), ...candidates].map((c) => wp.encode(before + c + after).ids);
  const room = meta.maxLength - 2;
  const widest = Math.max(...mids.map((m) => m.length));
  if (widest > room) throw new RangeError(`a replacement is ${widest} pieces; at most ${room} fit a window`);
  // Same context for every row, so totals differ only by what the replacement changes.
  let left = Math.min(context, i0), right = Math.min(context, pieces.length - i1);
  while (left + right + widest > room) { if (left >= right) left--; else right--; }
  const ctxL = pieces.slice(i0 - left, i0).map((p) => p.id);
  const ctxR = pieces.slice(i1, i1 + right).map((p) => p.id);
  return mids.map((mid) => {
    const ids = [meta.special.cls, ...ctxL, ...mid, ...ctxR, meta.special.sep];
    return { ids, scored: scoredSpan(ids.length, 1 + left, 1 + left + mid.length, scored) };
  });
}

/**
 * What a REPLACE row's passes say of it: -Σ log q under the cloze model over its scored span (its
 * pseudo-log-likelihood there), its real tokens (pieces), and Σ energy over the same span where its Electric
 * pass was run (undefined where the weights do not read it).
 */
export interface RowScore { energy?: number; surprisal: number; pieces: number }

/** A row's score from its scored span's log q (and energies), and its real tokens. */
export function rowScore(energy: Float32Array | undefined, tokenLogq: Float32Array, pieces: number): RowScore {
  return { energy: energy && sum(energy), surprisal: -sum(tokenLogq), pieces };
}

function sum(xs: Float32Array): number {
  let t = 0;
  for (const x of xs) t += x;
  return t;
}

/**
 * How REPLACE rows become log-likelihoods in context, nats per unit of each (fitted with the channel: channel.ts,
 * REPLACE_WEIGHTS): per nat of Σ energy, per nat of surprisal under q, per piece. perPiece makes a word a unit:
 * a misspelling split into pieces that explain each other ("defin ##ately") pays for each piece it adds over its
 * one-piece fix. energy 0: the rows need no Electric pass (replacePlans.ts, scorePlans).
 */
export interface ReplaceWeights { energy: number; surprisal: number; perPiece: number }

/** -log p(row | context) up to a constant shared by a word's rows, in nats. */
export function contextCost(r: RowScore, w: ReplaceWeights): number {
  let cost = w.surprisal * r.surprisal + w.perPiece * r.pieces;
  if (w.energy !== 0) {
    if (r.energy === undefined) throw new Error('REPLACE weights read the energy, but the row was scored without its Electric pass');
    cost += w.energy * r.energy;
  }
  return cost;
}

/**
 * The posterior over a word's rows: total = contextCost − logChannel (log P(typed | meant): the original's
 * own at [0], each candidate's after). q(.|x\t) never sees x_t, so one cloze pass over a candidate row
 * gives its PLL exactly, over its scored span (REPLACE_SCORED: context positions near the replacement see it
 * too). texts[0] is the original.
 */
export function rankFromScores(texts: string[], rows: RowScore[], logChannel: number[], w: ReplaceWeights): Ranking {
  const totals = rows.map((r, i) => contextCost(r, w) - logChannel[i]);
  const p = softmaxNeg(totals);
  const ranked = texts.map((text, i) => ({ text, total: totals[i], p: p[i], index: i - 1 }));
  return { original: ranked[0], candidates: ranked.slice(1).sort((a, b) => b.p - a.p) };
}
