// check(): score words → plan replacements → decide.
//  1. score words (wordScores.ts): prose → windows → one Electric and one cloze pass → each word's energy,
//     q's surprisal and pNoise (calibrated from both and whether it is a known word);
//  2. plan replacements (findings.ts orders the suspects, replacePlans.ts their candidates and rows) and
//     score the suspects' rows, most promising first, in chunks of batched REPLACE passes (ranking.ts);
//  3. decide (findings.ts): the flag rule keeps the suspects whose best candidate's log posterior odds over
//     the original exceed tau;
//  4. look again (secondLook.ts): a sentence with a flag and another suspect is scored again with the flag's
//     fix in place, and its other words are decided there, so two errors in it do not hide each other.
// A text is read with its typographic apostrophes made straight, as the model, the lexicon and the rules spell them
// (text/apostrophes.ts: "it’s" is "it's"), and its findings are given back in the writer's words and style.
// rank() is the same stages for one word (and the suspects of its sentence), so it answers what check would
// (same candidates, totals and p), whether or not the flag rule flags the word.
//
// The flag rule (thresholds from calibration.ts): a word is a suspect when its pNoise is ≥ pNoiseGate, or
// it is a non-word with a close correction, or it repeats the previous word, or it is "a"/"an" before the
// wrong sound; a suspect is flagged by the noisy channel: its best candidate c beats the original x when
// log p(c | context) + log P(x typed | c meant) − log p(x | context) − log P(x typed | x meant) > tau
// (p(· | context) from the REPLACE rows, P(typed | meant) from channel.ts). The finding's score is the
// posterior 1 - p(original), and every word REPLACE scored, flagged or not, reports that posterior
// (WordScore.posterior), the one number the editor shows.
import { createHash } from 'node:crypto';
import { inWritersStyle, straightQuotes, writesCurly } from '../text/apostrophes';
import { LruMap } from '../text/lru';
import type { ShouldStop } from '../text/regions';
import type { WordPiece } from '../text/wordpiece';
import { thresholdsFor } from './calibration';
import { MAX_SUGGESTIONS, SETTING_DEFAULTS } from './defaults';
import { suspectsOfDocument } from './blockSuspects';
import { dialectOrThrow, type Dialect } from './dialects';
import { forcedCandidates, isRealWord, realWordCutoff, suspectRounds, verdict, type FlagRule, type Suspect } from './findings';
import { inChunks, type ChunkHooks } from './replaceChunks';
import type { Ranking } from './ranking';
import { planReplacements, rankPlans, screened, screenedOrWhole, type ReplacePlan } from './replacePlans';
import { decidedInLook, lookAgain, rankInLook, secondLooks, type Decided, type FirstPass } from './secondLook';
import type { CheckOptions, CheckResult, Finding, ModelRunner, RankedWord, WordScore } from './types';
import { scoreDocuments, scoreWords, wordScores, type Model, type ScoredDocument } from './wordScores';

/** One text of a checkMany batch. */
export interface CheckItem { text: string; languageId: string }

export async function check(text: string, languageId: string, options: CheckOptions, runner: ModelRunner,
  wp: WordPiece, signal?: AbortSignal, hooks?: ChunkHooks, shouldStop?: ShouldStop): Promise<CheckResult> {
  return (await checkMany([{ text, languageId }], options, runner, wp, signal, hooks, shouldStop))[0];
}

/**
 * Checks independent texts together (the CLI's --jsonl items): the windows of all of them in one pass
 * through each head, then the REPLACE rows of all their suspects in the same chunked passes (ranking.ts: the
 * cloze head's). Each result
 * is what check gives for that text alone (rows are scored one by one, whatever is batched beside them: on
 * the CPU graphs bit for bit, their activation scales being fixed, models/README.md); `ms` is the whole batch's time.
 */
export async function checkMany(items: CheckItem[], options: CheckOptions, runner: ModelRunner, wp: WordPiece,
  signal?: AbortSignal, hooks?: ChunkHooks, shouldStop?: ShouldStop): Promise<CheckResult[]> {
  const read = items.map((it) => ({ ...it, text: straightQuotes(it.text) }));
  const results = await checkRead(read, readOptions(options), runner, wp, signal, hooks, shouldStop);
  return results.map((r, d) => read[d].text === items[d].text ? r : asWritten(items[d].text, r));
}

/** The options as a check reads them: the words never checked with straight apostrophes, as it reads the text. */
function readOptions(options: CheckOptions): CheckOptions {
  return options.ignoredWords?.some((w) => w !== straightQuotes(w))
    ? { ...options, ignoredWords: options.ignoredWords.map(straightQuotes) } : options;
}

/**
 * A result of the text read with straight apostrophes (straightQuotes) as the writer wrote it: their words (only a
 * word with an apostrophe can differ), and fixes in their style.
 */
function asWritten(text: string, r: CheckResult): CheckResult {
  const style = curlyStyle(text);
  // The words a typographic quote is in (words are in text order, none overlapping), each found by a binary search.
  let words: WordScore[] | undefined;
  for (const m of text.matchAll(TYPOGRAPHIC_QUOTES)) {
    const at = m.index;
    let lo = 0, hi = r.words.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (r.words[mid].end <= at) lo = mid + 1; else hi = mid; }
    const w = r.words[lo];
    if (w && w.start <= at) (words ??= r.words.slice())[lo] = { ...w, word: text.slice(w.start, w.end) };
  }
  return { ...r, findings: r.findings.map((f) => writtenFinding(text, f, style)), words: words ?? r.words };
}

const TYPOGRAPHIC_QUOTES = /[\u2018\u2019]/g;

function writtenFinding<F extends Finding>(text: string, f: F, style = curlyStyle(text)): F {
  const word = text.slice(f.start, f.end);
  if (!f.suggestions.some((s) => s.text.includes("'"))) return { ...f, word };
  const curly = style(word);
  return { ...f, word, suggestions: f.suggestions.map((s) => ({ ...s, text: inWritersStyle(s.text, curly) })) };
}

/** writesCurly over one text, its count of the text's apostrophes made once, when a word without one asks. */
function curlyStyle(text: string): (word: string) => boolean {
  let ofText: boolean | undefined;
  return (word) => (/['\u2018\u2019]/.test(word) ? writesCurly(text, word) : (ofText ??= writesCurly(text, word)));
}

/** checkMany of texts read with straight apostrophes. */
async function checkRead(items: CheckItem[], options: CheckOptions, runner: ModelRunner, wp: WordPiece,
  signal?: AbortSignal, hooks?: ChunkHooks, shouldStop?: ShouldStop): Promise<CheckResult[]> {
  const started = performance.now();
  const model = { runner, wp };
  const rule = ruleOf(options);
  const docs = await scoreDocuments(items.map((it) => ({ ...it, ignoredWords: options.ignoredWords, dialect: dialectOf(options) })), model, signal, shouldStop);
  const suspects = docs.map((doc) => suspectsOfDocument(doc, rule.th.pNoiseGate));
  const passes = await firstPasses(docs, suspects, rule, model, signal, hooks, options.thorough);
  items.forEach((item, d) => rememberRounds(runner, item, options, passes[d].later));
  const decided = passes.map((p) => p.decided);
  const firsts: FirstPass[] = docs.map((doc, d) => ({
    flagged: decided[d].filter((v) => v.flagged),
    suspects: suspects[d],
    cutoff: realWordCutoff(passes[d].real, passes[d].scored, doc),
  }));
  const looked = await lookAgain(docs, firsts, rule, model, options.ignoredWords, signal, hooks);
  return docs.map((doc, d) => {
    // Every scored word's posterior (the one number the editor shows), the second look's where it decided the word.
    const posteriors = new Map(decided[d].map((v) => [v.word, v.finding.score]));
    for (const w of looked[d].redecided) posteriors.delete(w);
    for (const [w, p] of looked[d].posteriors) posteriors.set(w, p);
    return { findings: looked[d].findings, words: wordScores(doc, posteriors), provider: runner.provider, ms: performance.now() - started,
      unscored: passes[d].unscored };
  });
}

/**
 * Ranks the fixes of the checked word at text[start, end) as check does: the same candidates (its forced
 * ones, and generated ones as for a word past the pNoise gate), the same REPLACE rows, totals and
 * probabilities (in the second look's text when check decides the word in one); for a word check flags,
 * the answer is that finding. undefined for a word check never scores (an ignored word, code) or one with
 * no candidate.
 */
export async function rank(written: string, languageId: string, start: number, end: number, options: CheckOptions,
  runner: ModelRunner, wp: WordPiece, signal?: AbortSignal, shouldStop?: ShouldStop): Promise<RankedWord | undefined> {
  const text = straightQuotes(written);
  const r = await rankRead(text, languageId, start, end, readOptions(options), runner, wp, signal, shouldStop);
  return r && text !== written ? writtenFinding(written, r) : r;
}

/** rank in a text read with straight apostrophes. */
async function rankRead(text: string, languageId: string, start: number, end: number, options: CheckOptions,
  runner: ModelRunner, wp: WordPiece, signal?: AbortSignal, shouldStop?: ShouldStop): Promise<RankedWord | undefined> {
  if (!(0 <= start && start < end && end <= text.length)) throw new RangeError(`span ${start}..${end} is outside the text (${text.length})`);
  const model = { runner, wp };
  const rule = ruleOf(options);
  const doc = await scoreWords({ text, languageId, ignoredWords: options.ignoredWords, dialect: dialectOf(options) }, model, signal, shouldStop);
  const word = wordAt(doc, start, end);
  if (!doc.checkable[word]) return undefined;

  // Check's first pass over the word's sentence (the rows check scored come from the cache), then the
  // second look check gives the sentence when it gives one and the word is one it decides again.
  const suspects = suspectsOfDocument(doc, rule.th.pNoiseGate);
  const { scored, real } = await scoredByCheck(doc, { text, languageId }, suspects, options, rule, model, signal);
  const cutoff = realWordCutoff(real, scored, doc);
  const sentence = doc.words[word].sentence;
  const mine = screened(doc, planReplacements(doc, scored.filter((s) => doc.words[s.word].sentence === sentence), model), rule.th.tau, model);
  const decided = decidedOf(doc, mine, await rankPlans(mine, model, signal), rule);
  const [look] = secondLooks(doc, { flagged: decided.filter((v) => v.flagged), suspects, cutoff }, options.ignoredWords);
  if (look && decidedInLook(look, doc, word)) return rankInLook(look, doc, word, cutoff, rule, model, signal);
  // A suspect check kept is decided already, among its sentence's.
  const mineDecided = decided.find((v) => v.word === word);
  if (mineDecided) return { ...mineDecided.finding, flagged: mineDecided.flagged };

  // Check's own suspect when the word is one (every suspect gets the same number of candidates).
  const own = suspects.find((s) => s.word === word);
  const suspect = own ?? { word, byNoise: true, forced: forcedCandidates(doc, word) };
  const [whole] = planReplacements(doc, [suspect], model);
  if (!whole) return undefined;
  // Check's own suspect with the candidates check scores.
  const plan = own ? screenedOrWhole(doc, whole, rule.th.tau, model) : whole;
  const [ranking] = await rankPlans([plan], model, signal);
  const v = verdict(doc, { word, ranking, cands: plan.cands }, rule);
  return v && { ...v.finding, flagged: v.flagged };
}

/**
 * A round flags at least this many real words, or the rounds stop (findings.ts, suspectRounds): the round after
 * one that flagged none is seldom worth its rows. bench/long-doc.mjs's 10,000 words with 200 planted errors, at c1469cb: its
 * real words' rounds flagged slips up to the ninth, none in the tenth, where the rounds stop (8 s on 2 cores);
 * all 127 rounds (15 s) flag two slips more, in the 30th and the 36th, and no clean word: CheckOptions.thorough.
 */
export const MIN_ROUND_YIELD = 1;

/**
 * A document's first pass: every verdict, the suspects REPLACE scored, how many real words after the cap, how
 * many real words the rounds left when they stopped, and how many real-word suspects it had.
 */
interface Pass { decided: Decided[]; scored: Suspect[]; later: number; unscored: number; real: number }

/**
 * The first pass over documents: prioritise's suspects (findings.ts: every non-word, doubled word and a/an, and
 * the real words up to the cap), then, for a document whose last round flagged MIN_ROUND_YIELD real words, the
 * next cap of its real words (suspectRounds' next), until a round flags fewer or none are left; `thorough`, every round. Real words whose fix the
 * window's cloze already finds far from likely get no rows (replacePlans.ts, screened). Each round scores every
 * document's plans together, in chunks.
 */
async function firstPasses(docs: ScoredDocument[], suspects: Suspect[][], rule: FlagRule, model: Model,
  signal?: AbortSignal, hooks?: ChunkHooks, thorough = false): Promise<Pass[]> {
  const rounds = docs.map((doc, d) => suspectRounds(suspects[d], doc));
  const passes: Pass[] = rounds.map((r) => ({ decided: [], scored: [], later: 0, unscored: 0, real: r.real }));
  let round = rounds.map((r) => r.kept);
  // Progress counts the plans of every round so far: a later round adds to the total.
  let before = 0;
  for (let r = 0; round.some((x) => x.length > 0); r++) {
    const plans = docs.map((doc, d) => screened(doc, planReplacements(doc, round[d], model), rule.th.tau, model));
    const prior = before;
    const onChunk = hooks?.onChunk && ((done: number, total: number) => hooks.onChunk!(prior + done, prior + total));
    const rankings = await inChunks(plans.flat(), (chunk) => rankPlans(chunk, model, signal),
      { ...hooks, onChunk, preferredBatchRows: model.runner.preferredBatchRows, signal });
    before += plans.flat().length;
    let k = 0;
    round = docs.map((doc, d) => {
      const decided = decidedOf(doc, plans[d], rankings.slice(k, (k += plans[d].length)), rule);
      const pass = passes[d];
      // concat, not push(...): a long document's first round holds thousands of suspects.
      pass.decided = pass.decided.concat(decided);
      pass.scored = pass.scored.concat(round[d]);
      if (r > 0) pass.later += round[d].length;
      const real = new Set(round[d].filter((s) => isRealWord(s, doc)).map((s) => s.word));
      if (!thorough && decided.filter((v) => v.flagged && real.has(v.word)).length < MIN_ROUND_YIELD) {
        // The later rounds hold the real words the rounds so far did not take (suspectRounds).
        const scoredReal = pass.scored.filter((s) => isRealWord(s, doc)).length;
        pass.unscored = pass.real - scoredReal;
        return [];
      }
      return rounds[d].next();
    });
  }
  return passes;
}

/**
 * How many real words after the cap check scored in the texts it checked last (by text and options; one memo per
 * runner, whose model decided), so that rank answers as check did without scoring the document's rounds again.
 */
const roundsMemos = new WeakMap<ModelRunner, LruMap<string, number>>();
const ROUNDS_REMEMBERED = 64;

function roundsMemo(runner: ModelRunner): LruMap<string, number> {
  let m = roundsMemos.get(runner);
  if (!m) roundsMemos.set(runner, (m = new LruMap(ROUNDS_REMEMBERED)));
  return m;
}

function roundsKey(item: CheckItem, options: CheckOptions): string {
  const rule = ruleOf(options);
  return createHash('sha1').update(JSON.stringify([item.languageId, dialectOf(options), rule.th, options.ignoredWords ?? [], options.thorough === true]))
    .update('\u0000').update(item.text).digest('base64');
}

function rememberRounds(runner: ModelRunner, item: CheckItem, options: CheckOptions, later: number): void {
  roundsMemo(runner).set(roundsKey(item, options), later);
}

/**
 * The suspects check's first pass scores in this document: prioritise's, and as many of the later rounds' real
 * words as check took (remembered from its last check of the same text, or found again by running its rounds on
 * the real words alone: each suspect's verdict is its own rows', and only the real words' decide the rounds); with
 * how many of the document's suspects are real words (suspectRounds' count, for realWordCutoff).
 */
async function scoredByCheck(doc: ScoredDocument, item: CheckItem, suspects: Suspect[], options: CheckOptions,
  rule: FlagRule, model: Model, signal?: AbortSignal): Promise<{ scored: Suspect[]; real: number }> {
  const { kept, next, real } = suspectRounds(suspects, doc);
  let later = roundsMemo(model.runner).get(roundsKey(item, options));
  if (later === undefined) {
    later = (await firstPasses([doc], [suspects.filter((s) => isRealWord(s, doc))], rule, model, signal, undefined, options.thorough))[0].later;
    rememberRounds(model.runner, item, options, later);
  }
  if (later === 0) return { scored: kept, real };
  const taken: Suspect[] = [];
  for (let round = next(); round.length > 0 && taken.length < later; round = next()) taken.push(...round);
  return { scored: [...kept, ...taken.slice(0, later)], real };
}

/** The verdicts on plans (with their rankings, in the same order), flagged or not. */
function decidedOf(doc: ScoredDocument, plans: ReplacePlan[], rankings: Ranking[], rule: FlagRule): Decided[] {
  return plans.flatMap((plan, k) => {
    const v = verdict(doc, { word: plan.suspect.word, ranking: rankings[k], cands: plan.cands }, rule);
    return v ? [{ word: plan.suspect.word, ...v }] : [];
  });
}

function ruleOf(options: CheckOptions): FlagRule {
  return {
    th: thresholdsFor(options.sensitivity ?? SETTING_DEFAULTS.sensitivity, options.thresholds),
    maxSuggestions: options.maxSuggestions ?? MAX_SUGGESTIONS,
  };
}

/** The options' dialect; one the engine has no lexicon for is an error, not a check in another English. */
function dialectOf(options: CheckOptions): Dialect {
  return dialectOrThrow(options.dialect ?? SETTING_DEFAULTS.dialect);
}

function wordAt(doc: ScoredDocument, start: number, end: number): number {
  const i = doc.words.findIndex((w) => w.start === start && w.end === end);
  if (i < 0) throw new RangeError(`no checked word spans ${start}..${end} ("${doc.text.slice(start, end)}")`);
  return i;
}
