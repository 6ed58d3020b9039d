// check(): text → prose regions → sentences → windows → ONE batched Electric pass and ONE batched cloze
// pass over the same windows (both cached per window, so an edited document re-scores only the windows
// that changed) → word energy and surprisal → pNoise → suspects → candidates (q's proposals from the
// window cloze rows) → ONE batched Electric pass and ONE batched cloze pass over all REPLACE rows → findings.
//
// The flag rule (thresholds from calibration.ts): a word is a suspect when its pNoise (calibrated from
// energy, q's surprisal and whether it is a known word) is ≥ pNoiseGate and its energy ≥ energyGate, or
// it repeats the previous word, or it is "a"/"an" before the wrong sound; a suspect is flagged when
// REPLACE finds a candidate whose total (Σ energy + lambda · Σ -log q + channel cost) is below the
// original's by ≥ replaceMargin (≥ realWordMargin when the original is a dictionary word, ≥ confusableMargin
// when that word's best candidate is from its confusion set) and
// 1 - p(original) ≥ minScore. The finding's score is 1 - p(original).
import { proseRegions } from '../text/regions';
import { splitSentences } from '../text/sentences';
import { isCheckable, wordsIn } from '../text/words';
import type { WordPiece } from '../text/wordpiece';
import { noiseProbability, thresholdsFor } from './calibration';
import { generatorFor } from './candidates';
import { cachesFor } from './rowCache';
import { channelCost, dropOverlaps, findingFor, looksLikeCode, mergeCandidates, Suspect, suspectsOf } from './findings';
import { rankFromScores, replaceRowsAt } from './ranking';
import { maxOver, ownerOf, pieceValues, placeWords, surprisalOver } from './placement';
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

export async function check(text: string, languageId: string, options: CheckOptions, runner: ModelRunner,
  wp: WordPiece, signal?: AbortSignal): Promise<CheckResult> {
  const started = performance.now();
  const meta = runner.meta;
  const th = thresholdsFor(options.sensitivity, options.thresholds);
  const sentences = splitSentences(text, proseRegions(text, languageId));
  const { streams, streamOfSentence } = tokenizeStreams(text, sentences, wp);
  const windows = makeWindows(streams, meta.maxLength, meta.special);
  const { energy: cache, cloze: clozeCache } = cachesFor(runner);
  const windowIds = windows.map((w) => w.ids);
  const pe = pieceValues(streams, windows, await cache.energies(runner, windowIds));
  signal?.throwIfAborted();
  const windowCloze = await clozeCache.cloze(runner, windowIds);
  const pq = pieceValues(streams, windows, windowCloze.map((r) => r.tokenLogq));
  signal?.throwIfAborted();

  const found = sentences.flatMap((s, i) => wordsIn(text, s.parts).map((w) => ({ start: w.start, end: w.end, text: w.text, sentence: i })));
  const words = placeWords(streams, found, found.map((w) => streamOfSentence[w.sentence]));
  const energy = words.map((w) => maxOver(pe[w.stream], w.p0, w.p1));
  const surprisal = words.map((w) => surprisalOver(pq[w.stream], w.p0, w.p1));
  const ignored = new Set((options.ignoredWords ?? []).map((w) => w.toLowerCase()));
  const checkable = words.map((w) => !ignored.has(w.text.toLowerCase()) && wordIsCheckable(w.text));
  const gen = words.length ? generatorFor(wp.vocab) : undefined;
  const isWord = (w: string) => gen!.isWord(w);
  const pNoise = words.map((w, i) => noiseProbability(energy[i], surprisal[i], !checkable[i] || isWord(w.text)));
  const suspects = prioritise(suspectsOf(words, energy, checkable, th.energyGate, text, isWord, pNoise, th.pNoiseGate),
    words, pNoise, isWord);

  // q's own proposals at a one-piece suspect, from the cloze row of the window that owns it.
  const K = meta.cloze.k;
  const proposalsOf = (i: number) => {
    const w = words[i];
    if (w.p1 - w.p0 !== 1) return undefined;
    const { window, pos } = ownerOf(windows, w.stream, w.p0);
    const row = windowCloze[window];
    return { ids: row.topkIds.subarray(pos * K, pos * K + K), logq: row.topkLogq.subarray(pos * K, pos * K + K) };
  };

  // Candidates for every suspect, then one REPLACE pass (energies + cloze) for all of them.
  const docPieces = streams.reduce((n, st) => n + st.pieces.length, 0);
  const rowBudget = Math.max(REPLACE_ROW_BUDGET, docPieces / 2 / 40);   // a REPLACE row is ~40 pieces
  const perSuspect = Math.max(MIN_REPLACE_CANDIDATES, Math.min(REPLACE_CANDIDATES, Math.floor(rowBudget / Math.max(1, suspects.length)) - 1));
  const rows: number[][] = [];
  const plans = suspects.map((s) => {
    const w = words[s.word];
    const same = (j: number) => (words[j]?.sentence === w.sentence ? words[j] : undefined);
    const generated = gen && s.byEnergy
      ? gen.generate({ text, word: w, prev: same(s.word - 1), next: same(s.word + 1) }, proposalsOf(s.word), perSuspect)
      : [];
    const cands = mergeCandidates(s.forced, generated, perSuspect);
    const start = Math.min(w.start, ...cands.map((c) => c.start)), end = Math.max(w.end, ...cands.map((c) => c.end));
    const texts = [text.slice(start, end), ...cands.map((c) => text.slice(start, c.start) + c.text + text.slice(c.end, end))];
    const first = rows.length;
    if (cands.length) rows.push(...replaceRowsAt(text, streams[w.stream].pieces, start, end, texts.slice(1), wp, meta).rows);
    return { s, cands, texts, first };
  }).filter((p) => p.cands.length > 0);
  const replaceEnergies = rows.length ? await cache.energies(runner, rows) : [];
  signal?.throwIfAborted();
  const replaceCloze = rows.length ? await clozeCache.cloze(runner, rows) : [];
  signal?.throwIfAborted();

  const findings: Finding[] = [];
  for (const plan of plans) {
    const n = plan.texts.length;
    const costs = [0, ...plan.cands.map((c) => channelCost(c, th.channelCost))];
    const ranking = rankFromScores(plan.texts, replaceEnergies.slice(plan.first, plan.first + n),
      replaceCloze.slice(plan.first, plan.first + n).map((r) => r.tokenLogq), costs, th.lambda);
    const f = findingFor(text, words[plan.s.word], energy[plan.s.word], pNoise[plan.s.word], surprisal[plan.s.word], ranking, plan.cands, th,
      options.maxSuggestions ?? DEFAULT_MAX_SUGGESTIONS, gen);
    if (f) findings.push(f);
  }
  const scores: WordScore[] = words.map((w, i) => ({ start: w.start, end: w.end, word: w.text, energy: energy[i], pNoise: pNoise[i], surprisal: surprisal[i] }));
  return { findings: dropOverlaps(findings), words: scores, provider: providerOf(runner), ms: performance.now() - started };
}

/**
 * The speed budget: REPLACE costs ~17 short rows per suspect, so a check takes at most this many suspects
 * (or one per SUSPECT_WORDS words of a long document), most promising first: doubled words and a/an
 * (their fix is known), then non-words (spelling errors: REPLACE confirms them reliably), then the rest by
 * pNoise. A model whose scores are well separated leaves few suspects and never meets the cap.
 */
export const MIN_SUSPECTS = 16;
export const SUSPECT_WORDS = 250;

function prioritise(suspects: Suspect[], words: { text: string }[], pNoise: number[], isWord: (w: string) => boolean): Suspect[] {
  const cap = Math.max(MIN_SUSPECTS, Math.floor(words.length / SUSPECT_WORDS));
  if (suspects.length <= cap) return suspects;
  const rank = (s: Suspect) => (s.forced.length ? 2e6 : 0) + (isWord(words[s.word].text) ? 0 : 1e6) + pNoise[s.word];
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
