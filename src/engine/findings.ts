// Which words are suspects (the cheap half of the flag rule) and which suspects become findings (the
// REPLACE half). Pure: the model's numbers come in, decisions go out.
import { applyCase, Candidate, CandidateGenerator } from './candidates';
import { isGrammarPair } from './confusables';
import type { Ranking } from './ranking';
import type { Finding, FindingKind, Thresholds } from './types';

export interface Span { start: number; end: number; text: string; sentence: number }

/** A word that gets REPLACE scoring, and the candidates it gets whatever its energy. */
export interface Suspect { word: number; byEnergy: boolean; forced: Candidate[] }

const WORDLIKE = /^[\p{L}][\p{L}'’-]*$/u;

/** Identifiers, paths, URLs, numbers: never proofread as words. */
export function looksLikeCode(w: string): boolean {
  return /[\d_/\\@#=<>{}[\]|~^*+$%&]|:\/\/|\.\w/.test(w) || /\p{Ll}\p{Lu}/u.test(w) || /^\p{Lu}{2,}\p{Ll}/u.test(w);
}

/** "a" or "an" that disagrees with the next word's first sound (spelling heuristic; REPLACE confirms). */
export function articleMismatch(article: string, next: string): string | undefined {
  const a = article.toLowerCase();
  if ((a !== 'a' && a !== 'an') || !/^\p{Ll}/u.test(next)) return undefined;   // acronyms read by letter names
  const w = next.toLowerCase();
  const vowelSound = /^(hour|honest|honou?r|heir)/.test(w) ||
    (/^[aeiou]/.test(w) && !/^(uni|use|usu|usa|ura|uro|uti|eu|ewe|one|once|ubiq|u[bcfgklmnprstvz][aeiou])/.test(w));
  if (a === 'a' && vowelSound) return applyCase(article, 'an');
  if (a === 'an' && !vowelSound) return applyCase(article, 'a');
  return undefined;
}

/** A word not in the dictionary needs this much less energy to be a suspect: spelling errors are cheap to confirm. */
export const NON_WORD_EASE = 2;

/**
 * Suspects: words whose energy passes energyGate (less NON_WORD_EASE for a non-word) and whose pNoise (the
 * calibrated combination of energy and q's surprisal) passes pNoiseGate; plus doubled words and a/an.
 */
export function suspectsOf(words: Span[], energy: number[], checkable: boolean[], energyGate: number, text: string,
  isWord: (w: string) => boolean = () => true, pNoise?: number[], pNoiseGate = 0): Suspect[] {
  const out: Suspect[] = [];
  words.forEach((w, i) => {
    if (!checkable[i]) return;
    const forced: Candidate[] = [];
    const prev = words[i - 1], next = words[i + 1];
    if (prev && prev.text.length === w.text.length && prev.sentence === w.sentence && checkable[i - 1] &&
        prev.text.toLowerCase() === w.text.toLowerCase() && WORDLIKE.test(w.text) && /^\s+$/.test(text.slice(prev.end, w.start))) {
      // The pair is the finding ("the the" → "the"), as other checkers and the gold data report it.
      forced.push({ text: prev.text, start: prev.start, end: w.end, prior: 3, sources: ['delete'] });
    }
    if (next && next.sentence === w.sentence && w.text.length <= 2) {
      const fix = articleMismatch(w.text, next.text);
      if (fix) forced.push({ text: fix, start: w.start, end: w.end, prior: 3, sources: ['confusable'] });
    }
    const byEnergy = (pNoise === undefined || pNoise[i] >= pNoiseGate) &&
      (energy[i] >= energyGate || (energy[i] >= energyGate - NON_WORD_EASE && WORDLIKE.test(w.text) && !isWord(w.text)));
    if (byEnergy || forced.length) out.push({ word: i, byEnergy, forced });
  });
  return out;
}

/** Forced candidates first (they must be ranked), then the generated ones, no duplicates, at most max. */
export function mergeCandidates(forced: Candidate[], generated: Candidate[], max: number): Candidate[] {
  const seen = new Set<string>();
  return [...forced, ...generated].filter((c) => {
    const key = `${c.start}:${c.end}:${c.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, Math.max(max, forced.length));
}

function kindOf(word: string, best: Candidate, gen: CandidateGenerator | undefined): FindingKind {
  if (best.sources.includes('delete')) return 'repeated';
  if (gen && !gen.isWord(word) && !best.sources.includes('join')) return 'spelling';
  return isGrammarPair(word, best.text) ? 'grammar' : 'word-choice';
}

/**
 * The channel cost of a candidate (noisy channel: how unlikely this slip is before context is read), from
 * its prior (candidates.ts: confusable or forced fix 3, spelling neighbour at distance 1 above distance 2,
 * a free cloze proposal lowest): channelCost per unit below 3.
 */
export function channelCost(c: Candidate, perUnit: number): number {
  return perUnit * Math.max(0, 3 - c.prior);
}

/**
 * The REPLACE half of the flag rule: the best candidate beats the original by replaceMargin in REPLACE
 * total (energy + lambda · q surprisal + channel cost; realWordMargin when the original is a dictionary
 * word, confusableMargin when that word's best candidate comes from its confusion set, 0 for deleting a
 * doubled word) and the original's REPLACE probability is at most 1 - minScore. The finding covers the best
 * candidate's span; its suggestions are the candidates for that same span, best first.
 */
export function findingFor(text: string, w: Span, energy: number, pNoise: number, surprisal: number, ranking: Ranking,
  cands: Candidate[], th: Thresholds, maxSuggestions: number, gen: CandidateGenerator | undefined): Finding | undefined {
  const best = ranking.candidates[0];
  if (!best) return undefined;
  const score = 1 - ranking.original.p;
  const bc = cands[best.index];
  const realWord = gen !== undefined && gen.isWord(w.text) && !bc.sources.includes('delete');
  // Deleting a doubled word needs only to beat keeping it: legitimate doubles ("had had") are rare.
  const margin = bc.sources.includes('delete') ? 0
    : realWord ? (bc.sources.includes('confusable') ? th.confusableMargin : th.realWordMargin)
    : th.replaceMargin;
  if (ranking.original.total - best.total < margin || score < Math.min(th.minScore, bc.sources.includes('delete') ? 0.5 : 1)) return undefined;
  const suggestions = ranking.candidates
    .filter((r) => cands[r.index].start === bc.start && cands[r.index].end === bc.end)
    .slice(0, maxSuggestions)
    .map((r) => ({ text: cands[r.index].text, p: r.p }));
  return {
    start: bc.start, end: bc.end, word: text.slice(bc.start, bc.end),
    energy, pNoise, surprisal, score, kind: kindOf(w.text, bc, gen), suggestions,
  };
}

/** Overlapping findings (a doubled word also flagged on its own): the surer one stays. */
export function dropOverlaps(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => b.score - a.score);
  const kept: Finding[] = [];
  for (const f of sorted) if (!kept.some((k) => k.start < f.end && f.start < k.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}
