// check(): text → prose regions → sentences → windows → ONE batched Electric pass (cached per window, so
// an edited document re-scores only the windows that changed) → word energies → suspects → one cloze pass
// (short rows around the suspects only) → candidates → ONE batched REPLACE pass for all suspects → findings.
//
// The flag rule (thresholds from calibration.ts): a word is a suspect when its energy (max over its
// pieces) is ≥ energyGate and its noise posterior ≥ pNoiseGate, or it repeats the previous word, or it
// is "a"/"an" before the wrong sound; a suspect is flagged when REPLACE finds a candidate whose total
// energy is below the original's by ≥ replaceMargin (≥ realWordMargin when the original is a dictionary
// word) and 1 - p(original) ≥ minScore. The finding's score
// is 1 - p(original).
import { proseRegions } from '../text/regions';
import { splitSentences } from '../text/sentences';
import { isCheckable, wordsIn } from '../text/words';
import type { WordPiece } from '../text/wordpiece';
import { meanTokenLogq, thresholdsFor } from './calibration';
import { generatorFor } from './candidates';
import { cachesFor } from './energyCache';
import { dropOverlaps, findingFor, looksLikeCode, mergeCandidates, Suspect, suspectsOf } from './findings';
import { QBound, rankFromEnergies, replaceRowsAt, surpriseOf } from './ranking';
import { maxOver, noisePosterior, pieceEnergies, placeWords } from './scoring';
import type { CheckOptions, CheckResult, Finding, ModelRunner, WordScore } from './types';
import { makeWindows, tokenizeStreams } from './windows';

export { rank } from './ranking';

const DEFAULT_MAX_SUGGESTIONS = 5;
/** Candidates per suspect that go to REPLACE: enough for the right one, cheap enough for the speed budget. */
export const REPLACE_CANDIDATES = 16;
/**
 * A document with many suspects gets fewer candidates each (best prior first: confusables, then the cloze
 * model's proposals), so REPLACE rows stay within this many rows or half the document's own pieces,
 * whichever is more; never fewer than MIN_REPLACE_CANDIDATES each.
 */
const REPLACE_ROW_BUDGET = 256;
const MIN_REPLACE_CANDIDATES = 6;
/** Pieces of context on each side of a suspect in its cloze row (q's towers need little more). */
const CLOZE_CONTEXT = 24;

export async function check(text: string, languageId: string, options: CheckOptions, runner: ModelRunner,
  wp: WordPiece, signal?: AbortSignal): Promise<CheckResult> {
  const started = performance.now();
  const meta = runner.meta;
  const th = thresholdsFor(options.sensitivity, options.thresholds);
  const sentences = splitSentences(text, proseRegions(text, languageId));
  const { streams, streamOfSentence } = tokenizeStreams(text, sentences, wp);
  const windows = makeWindows(streams, meta.maxLength, meta.special);
  const { energy: cache, cloze: clozeCache } = cachesFor(runner);
  const pe = pieceEnergies(streams, windows, await cache.energies(runner, windows.map((w) => w.ids)));
  signal?.throwIfAborted();

  const found = sentences.flatMap((s, i) => wordsIn(text, s.parts).map((w) => ({ start: w.start, end: w.end, text: w.text, sentence: i })));
  const words = placeWords(streams, found, found.map((w) => streamOfSentence[w.sentence]));
  const energy = words.map((w) => maxOver(pe[w.stream], w.p0, w.p1));
  const ignored = new Set((options.ignoredWords ?? []).map((w) => w.toLowerCase()));
  const checkable = words.map((w) => !ignored.has(w.text.toLowerCase()) && wordIsCheckable(w.text));
  const gen = words.length ? generatorFor(wp.vocab) : undefined;
  const suspects = prioritise(suspectsOf(words, energy, checkable, th.energyGate, text, (w) => gen!.isWord(w)),
    words, energy, (w) => gen!.isWord(w));

  // Cloze rows for energy suspects: their exact noise posterior and the model's own proposals.
  const lpr = meta.noise.logPriorRatio, K = meta.cloze.k;
  const typicalLogq = words.length ? await meanTokenLogq(runner, wp) : 0;
  const pNoise = words.map((w, i) => noisePosterior(energy[i], typicalLogq, lpr));
  const byEnergy = suspects.filter((s) => s.byEnergy);
  const clozeSpans = byEnergy.map((s) => {
    const w = words[s.word], n = streams[w.stream].pieces.length;
    const from = Math.max(0, w.p0 - CLOZE_CONTEXT);
    return { from, to: Math.min(n, w.p1 + CLOZE_CONTEXT, from + meta.maxLength - 2) };
  });
  const clozeRows = byEnergy.length ? await clozeCache.cloze(runner, clozeSpans.map((sp, j) =>
    [meta.special.cls, ...streams[words[byEnergy[j].word].stream].pieces.slice(sp.from, sp.to).map((p) => p.id), meta.special.sep])) : [];
  signal?.throwIfAborted();
  const proposals = new Map<number, { ids: Int32Array; logq: Float32Array; own: number }>();
  byEnergy.forEach((s, j) => {
    const w = words[s.word], row = clozeRows[j], from = clozeSpans[j].from;
    let p = 0;
    for (let q = w.p0; q < Math.min(w.p1, clozeSpans[j].to); q++) {
      p = Math.max(p, noisePosterior(pe[w.stream][q], row.tokenLogq[q - from + 1], lpr));
    }
    pNoise[s.word] = p;
    const pos = w.p0 - from + 1;
    proposals.set(s.word, { ids: row.topkIds.subarray(pos * K, pos * K + K), logq: row.topkLogq.subarray(pos * K, pos * K + K), own: row.tokenLogq[pos] });
  });

  // Candidates for every suspect, then one REPLACE pass for all of them.
  const docPieces = streams.reduce((n, st) => n + st.pieces.length, 0);
  const rowBudget = Math.max(REPLACE_ROW_BUDGET, docPieces / 2 / 40);   // a REPLACE row is ~40 pieces
  const perSuspect = Math.max(MIN_REPLACE_CANDIDATES, Math.min(REPLACE_CANDIDATES, Math.floor(rowBudget / Math.max(1, suspects.length)) - 1));
  const rows: number[][] = [];
  const plans = suspects.filter((s) => !s.byEnergy || s.forced.length > 0 || pNoise[s.word] >= th.pNoiseGate).map((s) => {
    const w = words[s.word];
    const same = (j: number) => (words[j]?.sentence === w.sentence ? words[j] : undefined);
    const generated = gen && s.byEnergy
      ? gen.generate({ text, word: w, prev: same(s.word - 1), next: same(s.word + 1) }, w.p1 - w.p0 === 1 ? proposals.get(s.word) : undefined, perSuspect)
      : [];
    const cands = mergeCandidates(s.forced, generated, perSuspect);
    const start = Math.min(w.start, ...cands.map((c) => c.start)), end = Math.max(w.end, ...cands.map((c) => c.end));
    const texts = cands.map((c) => text.slice(start, c.start) + c.text + text.slice(c.end, end));
    const first = rows.length;
    const all = [text.slice(start, end), ...texts];
    if (!cands.length) return { s, cands, texts: all, first, bound: undefined };
    const built = replaceRowsAt(text, streams[w.stream].pieces, start, end, texts, wp, meta);
    rows.push(...built.rows);
    // The q bound needs q at the word's own first piece: not when the span starts at an earlier word.
    const q = proposals.get(s.word);
    const bound: QBound | undefined = q && built.at > 0 && text.slice(start, w.start).trim() === '' ? {
      at: built.at,
      surprise: all.map((t, i) => (t.trim() === '' ? undefined : i === 0 ? -q.own : surpriseOf(built.rows[i][built.at], q.ids, q.logq))),
    } : undefined;
    return { s, cands, texts: all, first, bound };
  }).filter((p) => p.cands.length > 0);
  const replaceEnergies = rows.length ? await cache.energies(runner, rows) : [];
  signal?.throwIfAborted();

  const findings: Finding[] = [];
  for (const plan of plans) {
    const ranking = rankFromEnergies(plan.texts, replaceEnergies.slice(plan.first, plan.first + plan.texts.length), plan.bound);
    const f = findingFor(text, words[plan.s.word], energy[plan.s.word], pNoise[plan.s.word], ranking, plan.cands, th,
      options.maxSuggestions ?? DEFAULT_MAX_SUGGESTIONS, gen);
    if (f) findings.push(f);
  }
  const scores: WordScore[] = words.map((w, i) => ({ start: w.start, end: w.end, word: w.text, energy: energy[i], pNoise: pNoise[i] }));
  return { findings: dropOverlaps(findings), words: scores, provider: providerOf(runner), ms: performance.now() - started };
}

/**
 * The speed budget: REPLACE costs ~17 short rows per suspect, so a check takes at most this many suspects
 * (or one per SUSPECT_WORDS words of a long document), most promising first: doubled words and a/an
 * (their fix is known), then non-words (spelling errors: REPLACE confirms them reliably), then the rest by
 * energy. A model whose energies are well separated leaves few suspects and never meets the cap.
 */
export const MIN_SUSPECTS = 16;
export const SUSPECT_WORDS = 250;

function prioritise(suspects: Suspect[], words: { text: string }[], energy: number[], isWord: (w: string) => boolean): Suspect[] {
  const cap = Math.max(MIN_SUSPECTS, Math.floor(words.length / SUSPECT_WORDS));
  if (suspects.length <= cap) return suspects;
  const rank = (s: Suspect) => (s.forced.length ? 2e6 : 0) + (isWord(words[s.word].text) ? 0 : 1e6) + energy[s.word];
  return [...suspects].sort((a, b) => rank(b) - rank(a)).slice(0, cap).sort((a, b) => a.word - b.word);
}

const checkableMemo = new Map<string, boolean>();

/** isCheckable and not code-like, memoised: a document repeats its words, and re-checks repeat documents. */
function wordIsCheckable(w: string): boolean {
  let ok = checkableMemo.get(w);
  if (ok === undefined) {
    if (checkableMemo.size >= 100_000) checkableMemo.clear();
    checkableMemo.set(w, (ok = isCheckable(w) && !looksLikeCode(w)));
  }
  return ok;
}

/** The execution provider when the runner says (OrtRunner does); the worker reports its own. */
function providerOf(runner: ModelRunner): string {
  const p = (runner as { provider?: unknown }).provider;
  return typeof p === 'string' ? p : 'unknown';
}
