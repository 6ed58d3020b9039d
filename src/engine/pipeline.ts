// check(): score words → plan replacements → decide.
//  1. score words (wordScores.ts): prose → windows → one Electric and one cloze pass → each word's energy,
//     q's surprisal and pNoise (calibrated from both and whether it is a known word);
//  2. plan replacements (findings.ts picks the suspects, replacePlans.ts their candidates and rows) and
//     score them all in one REPLACE pass (ranking.ts);
//  3. decide (findings.ts): the flag rule keeps the suspects whose best candidate's log posterior odds over
//     the original exceed tau.
// rank() is the same three stages for one word, so it answers what check would (same candidates, totals
// and p), whether or not the flag rule flags the word.
//
// The flag rule (thresholds from calibration.ts): a word is a suspect when its pNoise is ≥ pNoiseGate, or
// it is a non-word with a close correction, or it repeats the previous word, or it is "a"/"an" before the
// wrong sound; a suspect is flagged by the noisy channel: its best candidate c beats the original x when
// log p(c | context) + log P(x typed | c meant) − log p(x | context) − log P(x typed | x meant) > tau
// (p(· | context) from the REPLACE rows, P(typed | meant) from channel.ts). The finding's score is the
// posterior 1 - p(original).
import type { WordPiece } from '../text/wordpiece';
import { thresholdsFor } from './calibration';
import { MAX_SUGGESTIONS, SETTING_DEFAULTS } from './defaults';
import { dropOverlaps, forcedCandidates, prioritise, suspectsOf, verdict } from './findings';
import { candidatesPerSuspect, planReplacements, rankPlans } from './replacePlans';
import type { CheckOptions, CheckResult, Finding, ModelRunner, RankedWord, Thresholds } from './types';
import { scoreWords, wordScores, type ScoredDocument } from './wordScores';

export async function check(text: string, languageId: string, options: CheckOptions, runner: ModelRunner,
  wp: WordPiece, signal?: AbortSignal): Promise<CheckResult> {
  const started = performance.now();
  const model = { runner, wp };
  const rule = ruleOf(options);
  const doc = await scoreWords({ text, languageId, ignoredWords: options.ignoredWords }, model, signal);

  const suspects = prioritise(suspectsOf(doc, rule.th.pNoiseGate), doc);
  const plans = planReplacements(doc, suspects, candidatesPerSuspect(doc, suspects.length), model);
  const rankings = await rankPlans(plans, model, signal);

  const findings: Finding[] = [];
  plans.forEach((plan, k) => {
    const v = verdict(doc, { word: plan.suspect.word, ranking: rankings[k], cands: plan.cands }, rule);
    if (v?.flagged) findings.push(v.finding);
  });
  return { findings: dropOverlaps(findings), words: wordScores(doc), provider: runner.provider, ms: performance.now() - started };
}

/**
 * Ranks the fixes of the checked word at text[start, end) as check does: the same candidates (its forced
 * ones, and generated ones as for a word past the pNoise gate), the same REPLACE rows, totals and
 * probabilities; for a word check flags, the answer is that finding. undefined for a word check never
 * scores (an ignored word, code) or one with no candidate.
 */
export async function rank(text: string, languageId: string, start: number, end: number, options: CheckOptions,
  runner: ModelRunner, wp: WordPiece, signal?: AbortSignal): Promise<RankedWord | undefined> {
  if (!(0 <= start && start < end && end <= text.length)) throw new RangeError(`span ${start}..${end} is outside the text (${text.length})`);
  const model = { runner, wp };
  const rule = ruleOf(options);
  const doc = await scoreWords({ text, languageId, ignoredWords: options.ignoredWords }, model, signal);
  const word = wordAt(doc, start, end);
  if (!doc.checkable[word]) return undefined;

  // Check's own suspect when the word is one (its candidate count depends on how many suspects share the budget).
  const suspects = prioritise(suspectsOf(doc, rule.th.pNoiseGate), doc);
  const own = suspects.find((s) => s.word === word);
  const suspect = own ?? { word, byNoise: true, forced: forcedCandidates(doc, word) };
  const plans = planReplacements(doc, [suspect], candidatesPerSuspect(doc, suspects.length + (own ? 0 : 1)), model);
  if (plans.length === 0) return undefined;
  const [ranking] = await rankPlans(plans, model, signal);
  const v = verdict(doc, { word, ranking, cands: plans[0].cands }, rule);
  return v && { ...v.finding, flagged: v.flagged };
}

function ruleOf(options: CheckOptions): { th: Thresholds; maxSuggestions: number } {
  return {
    th: thresholdsFor(options.sensitivity ?? SETTING_DEFAULTS.sensitivity, options.thresholds),
    maxSuggestions: options.maxSuggestions ?? MAX_SUGGESTIONS,
  };
}

function wordAt(doc: ScoredDocument, start: number, end: number): number {
  const i = doc.words.findIndex((w) => w.start === start && w.end === end);
  if (i < 0) throw new RangeError(`no checked word spans ${start}..${end} ("${doc.text.slice(start, end)}")`);
  return i;
}
