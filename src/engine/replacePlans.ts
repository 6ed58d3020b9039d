// Stage 2 of a check: plan the replacements (each suspect's candidates and their REPLACE rows), then score
// every plan's rows in ONE batched Electric pass and ONE batched cloze pass (cached per row, so a quick
// re-check or a rank of a word already checked runs nothing).
import { REPLACE_WEIGHTS, rowChannels } from './channel';
import { mergeCandidates, type Suspect } from './findings';
import type { Candidate } from './candidates';
import { rankFromScores, replaceRows, rowScore, type Ranking, type RowScore } from './ranking';
import { cachesFor } from './rowCache';
import { proposalsAt, type Model, type ScoredDocument } from './wordScores';

/** Candidates per suspect that go to REPLACE: enough for the right one, cheap enough for the speed budget. */
export const REPLACE_CANDIDATES = 16;
/**
 * A document with many suspects gets fewer candidates each (best prior first: confusables, then the cloze
 * model's proposals), so REPLACE rows stay within this many rows or half the document's own pieces,
 * whichever is more; never fewer than MIN_REPLACE_CANDIDATES each.
 */
const REPLACE_ROW_BUDGET = 256;
const MIN_REPLACE_CANDIDATES = 6;

/**
 * One suspect's REPLACE: texts[0] is the original span, texts[k] candidate k-1; rows and channels (log
 * P(typed | meant), channel.ts) in the same order.
 */
export interface ReplacePlan { suspect: Suspect; cands: Candidate[]; texts: string[]; rows: number[][]; channels: number[] }

/** How many candidates each of `suspects` suspects gets in this document. */
export function candidatesPerSuspect(doc: ScoredDocument, suspects: number): number {
  const docPieces = doc.streams.reduce((n, st) => n + st.pieces.length, 0);
  const rowBudget = Math.max(REPLACE_ROW_BUDGET, docPieces / 2 / 40);   // a REPLACE row is ~40 pieces
  return Math.max(MIN_REPLACE_CANDIDATES, Math.min(REPLACE_CANDIDATES, Math.floor(rowBudget / Math.max(1, suspects)) - 1));
}

/** Candidates and rows for each suspect; suspects with no candidate get no plan. */
export function planReplacements(doc: ScoredDocument, suspects: Suspect[], perSuspect: number, model: Model): ReplacePlan[] {
  const { text, words, gen } = doc;
  const { meta } = model.runner;
  return suspects.map((s) => {
    const w = words[s.word];
    const same = (j: number) => (words[j]?.sentence === w.sentence ? words[j] : undefined);
    const generated = gen && s.byNoise
      ? gen.generate({ text, word: w, prev: same(s.word - 1), next: same(s.word + 1) }, proposalsAt(doc, s.word, meta.cloze.k), perSuspect)
      : [];
    const cands = mergeCandidates(s.forced, generated, perSuspect);
    const start = Math.min(w.start, ...cands.map((c) => c.start)), end = Math.max(w.end, ...cands.map((c) => c.end));
    const texts = [text.slice(start, end), ...cands.map((c) => text.slice(start, c.start) + c.text + text.slice(c.end, end))];
    const rows = cands.length ? replaceRows(text, doc.streams[w.stream].pieces, start, end, texts.slice(1), model.wp, meta) : [];
    const channels = rowChannels(text, doc.isWord(w.text), cands);
    return { suspect: s, cands, texts, rows, channels };
  }).filter((p) => p.cands.length > 0);
}

/** Every plan's rows scored (same order), from one batched pass through each head. */
export async function scorePlans(plans: ReplacePlan[], model: Model, signal?: AbortSignal): Promise<RowScore[][]> {
  const { runner } = model;
  const rows = plans.flatMap((p) => p.rows);
  const caches = cachesFor(runner);
  const energies = rows.length ? await caches.energy.energies(runner, rows) : [];
  signal?.throwIfAborted();
  const cloze = rows.length ? await caches.cloze.cloze(runner, rows) : [];
  signal?.throwIfAborted();
  let first = 0;
  return plans.map((plan) => {
    const n = plan.rows.length;
    const scores = energies.slice(first, first + n).map((e, i) => rowScore(e, cloze[first + i].tokenLogq));
    first += n;
    return scores;
  });
}

/** Every plan's ranking (same order): its rows' context costs and channels (ranking.ts, rankFromScores). */
export async function rankPlans(plans: ReplacePlan[], model: Model, signal?: AbortSignal): Promise<Ranking[]> {
  const scores = await scorePlans(plans, model, signal);
  return plans.map((plan, k) => rankFromScores(plan.texts, scores[k], plan.channels, REPLACE_WEIGHTS));
}
