// Stage 1 of a check: score every word. Text → prose regions → sentences → windows → ONE batched Electric
// pass and ONE batched cloze pass over the same windows, those of every document checked together (both
// cached per window, so an edited document re-scores only the windows that changed) → each word's energy,
// q's surprisal and pNoise.
import { proseRegions, type ShouldStop } from '../text/regions';
import { splitSentences } from '../text/sentences';
import { isCheckable, wordsIn } from '../text/words';
import type { WordPiece } from '../text/wordpiece';
import { noiseProbability } from './calibration';
import { CandidateGenerator, generatorFor } from './candidates';
import { looksLikeCode, type WordTable } from './findings';
import { maxOver, ownerOf, pieceValues, placeWords, surprisalOver, type PlacedWord } from './placement';
import { cachesFor } from './rowCache';
import type { ClozeRow, ModelRunner, WordScore } from './types';
import { makeWindows, tokenizeStreams, type Stream, type Window } from './windows';

/** The runner and tokenizer a check or rank runs on. */
export interface Model { runner: ModelRunner; wp: WordPiece }

/** A document as the model saw it: its windows and their cloze rows, and its words with their scores. */
export interface ScoredDocument extends WordTable {
  words: PlacedWord[];
  streams: Stream[];
  windows: Window[];
  windowCloze: ClozeRow[];
  /** undefined when the document has no words (the lexicon is not loaded for nothing) */
  gen: CandidateGenerator | undefined;
}

/** What scoreDocuments reads: a text, its language (for its prose regions) and the words never checked. */
export interface DocumentInput { text: string; languageId: string; ignoredWords?: string[] }

export async function scoreWords(doc: DocumentInput, model: Model, signal?: AbortSignal, shouldStop?: ShouldStop): Promise<ScoredDocument> {
  return (await scoreDocuments([doc], model, signal, shouldStop))[0];
}

/**
 * Scores many documents as one: the windows of all of them go through ONE batched Electric pass and ONE
 * batched cloze pass (a window's scores do not depend on the windows batched beside it, so each document
 * gets what scoring it alone would give; the int8 graphs' dynamic quantization aside, see models/README.md).
 */
export async function scoreDocuments(docs: DocumentInput[], model: Model, signal?: AbortSignal, shouldStop?: ShouldStop): Promise<ScoredDocument[]> {
  const { runner, wp } = model;
  const laid = docs.map((doc) => {
    // Parsing is synchronous: shouldStop (the host's cancel flag) is its way out; it throws Cancelled.
    const sentences = splitSentences(doc.text, proseRegions(doc.text, doc.languageId, shouldStop));
    const { streams, streamOfSentence } = tokenizeStreams(doc.text, sentences, wp);
    return { doc, sentences, streams, streamOfSentence, windows: makeWindows(streams, runner.meta.maxLength, runner.meta.special) };
  });
  const caches = cachesFor(runner);
  const windowIds = laid.flatMap((d) => d.windows.map((w) => w.ids));
  const energies = await caches.energy.energies(runner, windowIds);
  signal?.throwIfAborted();
  const cloze = await caches.cloze.cloze(runner, windowIds);
  signal?.throwIfAborted();
  let first = 0;
  return laid.map((d) => {
    const n = d.windows.length;
    const scored = finishDocument(d, model, energies.slice(first, first + n), cloze.slice(first, first + n));
    first += n;
    return scored;
  });
}

function finishDocument(d: { doc: DocumentInput; sentences: ReturnType<typeof splitSentences>; streams: Stream[]; streamOfSentence: number[]; windows: Window[] },
  model: Model, windowEnergy: Float32Array[], windowCloze: ClozeRow[]): ScoredDocument {
  const { doc, sentences, streams, streamOfSentence, windows } = d;
  const { text } = doc;
  const pe = pieceValues(streams, windows, windowEnergy);
  const pq = pieceValues(streams, windows, windowCloze.map((r) => r.tokenLogq));
  const found = sentences.flatMap((s, i) => wordsIn(text, s.parts).map((w) => ({ start: w.start, end: w.end, text: w.text, sentence: i })));
  const words = placeWords(streams, found, found.map((w) => streamOfSentence[w.sentence]));
  const energy = words.map((w) => maxOver(pe[w.stream], w.p0, w.p1));
  const surprisal = words.map((w) => surprisalOver(pq[w.stream], w.p0, w.p1));
  const ignored = new Set((doc.ignoredWords ?? []).map((w) => w.toLowerCase()));
  const checkable = words.map((w) => !ignored.has(w.text.toLowerCase()) && wordIsCheckable(w.text));
  const gen = words.length ? generatorFor(model.wp.vocab) : undefined;
  const isWord = (w: string) => gen!.isWord(w);
  const pNoise = words.map((w, i) => noiseProbability(energy[i], surprisal[i], !checkable[i] || isWord(w.text)));
  const mustCheck = (w: string) => gen!.mustCheck(w, ignored);
  return { text, words, energy, surprisal, pNoise, checkable, isWord, sounds: gen, mustCheck, streams, windows, windowCloze, gen };
}

/** What a check reports of every word (the CLI's --words, the heat map, the hover). */
export function wordScores(doc: ScoredDocument): WordScore[] {
  return doc.words.map((w, i) => ({ start: w.start, end: w.end, word: w.text, energy: doc.energy[i], pNoise: doc.pNoise[i], surprisal: doc.surprisal[i] }));
}

/** q's own proposals at a one-piece word, from the cloze row of the window that owns it. */
export function proposalsAt(doc: ScoredDocument, i: number, K: number): { ids: Int32Array; logq: Float32Array } | undefined {
  const w = doc.words[i];
  if (w.p1 - w.p0 !== 1) return undefined;
  const { window, pos } = ownerOf(doc.windows, w.stream, w.p0);
  const row = doc.windowCloze[window];
  return { ids: row.topkIds.subarray(pos * K, pos * K + K), logq: row.topkLogq.subarray(pos * K, pos * K + K) };
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
