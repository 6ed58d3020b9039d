// The word classes the grammar rules share (grammar.ts, subjects.ts, confusionCue.ts): the closed classes (articles,
// determiners, auxiliaries, modals, prepositions), the tests of an open-class word against the lexicon (a verb and
// nothing else, a plural noun, a comparative) and the lexicon those tests read.
import type { SoundSource } from './articles';
import type { WordClass } from './spelling';
import { readsBlank } from '../text/words';

export interface GrammarLexicon extends SoundSource { isWord(w: string): boolean; canBe(w: string, cls: WordClass): boolean }
export interface Span { start: number; end: number; text: string }
export const AUX_PAIRS: [string, string][] = [['is', 'are'], ['was', 'were'], ['has', 'have'], ['does', 'do'],
  ["doesn't", "don't"], ["isn't", "aren't"], ["wasn't", "weren't"], ["hasn't", "haven't"]];
export const AUX = new Map<string, string>(AUX_PAIRS.flatMap(([a, b]) => [[a, b], [b, a]]));

/** Subjects whose next word, when it can be a verb, is one: "it need", "they uses", "which contain". */
export const SUBJECT_PRONOUNS = new Set(['i', 'you', 'he', 'she', 'it', 'we', 'they', 'this', 'that', 'these', 'those', 'which', 'who']);
/** The personal pronouns that are a clause's subject ("where it fails", "the way that we were passing"). */
export const PERSONAL_PRONOUNS: ReadonlySet<string> = new Set(['i', 'you', 'he', 'she', 'it', 'we', 'they']);
export const ARTICLES = new Set(['a', 'an', 'the']);
export const DETERMINERS = new Set([...ARTICLES, 'this', 'that', 'these', 'those', 'my', 'your', 'his', 'her', 'its', 'our',
  'their', 'some', 'any', 'no', 'each', 'every', 'to']);
export const FUNCTION_WORDS = new Set([...DETERMINERS, 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'for', 'with', 'by', 'from',
  'as', 'is', 'are', 'was', 'were', 'be', 'been', 'it', 'not', 'if', 'so', 'than', 'then', 'there', 'which', 'who']);

/** Is w (any case) one of the closed-class words (FUNCTION_WORDS: determiners, prepositions, conjunctions, be)? */
export function isFunctionWord(w: string): boolean {
  return FUNCTION_WORDS.has(w.toLowerCase());
}

export function thirdPerson(base: string): string {
  if (/(s|x|z|ch|sh|o)$/.test(base)) return base + 'es';
  if (/[^aeiou]y$/.test(base)) return base.slice(0, -1) + 'ies';
  return base + 's';
}

/** The other number of w (-s added or removed) when both are dictionary words: "return" ↔ "returns". */
export function otherNumber(w: string, lex: GrammarLexicon): string[] {
  const out: string[] = [];
  const keep = (x: string) => { if (x !== w && x.length >= 2 && lex.isWord(x)) out.push(x); };
  if (/ies$/.test(w)) keep(w.slice(0, -3) + 'y');
  if (/(s|x|z|ch|sh|o)es$/.test(w)) keep(w.slice(0, -2));
  if (/[^s']s$/.test(w)) keep(w.slice(0, -1));
  if (!/s$/.test(w) || /ss$/.test(w)) keep(thirdPerson(w));
  return [...new Set(out)];
}

export const CONJUNCTIONS = new Set(['and', 'or', 'nor']);
export const BE = new Set(['is', 'are', 'was', 'were', "isn't", "aren't", "wasn't", "weren't"]);
/** A noun phrase after one of these is a prepositional object or a conjunct, not the verb's subject ("the list of files is"). */
export const NOT_SUBJECT_BEFORE = new Set(['of', 'in', 'for', 'with', 'on', 'at', 'from', 'by', 'to', 'into', 'about', 'between',
  'under', 'over', 'through', 'within', 'without', 'across', 'per', 'via', 'like', 'than', 'and', 'or', 'nor', 'behind', 'after',
  'before', 'during', 'against', 'among', 'around', 'beyond', 'inside', 'outside', 'since', 'until', 'upon', 'toward', 'towards',
  'throughout', 'except', 'including', 'onto', 'below', 'above', 'beside', 'besides', 'unlike', 'near']);
/**
 * Those of them that are prepositions alone, never a clause's conjunction ("after it is", "than it was" open clauses
 * whose pronoun is the subject) nor an adverb that ends a phrase ("in the example above it has", "as shown below we
 * use").
 */
export const PREPOSITIONS = new Set([...NOT_SUBJECT_BEFORE].filter((w) =>
  !['and', 'or', 'nor', 'than', 'like', 'after', 'before', 'since', 'until', 'above', 'below'].includes(w)));
/** Does text read words a and b as neighbours, only blanks and inline markup between them (readsBlank; not when b is missing)? */
export const spaced = (text: string, a: Span, b: Span | undefined): boolean => !!b && readsBlank(text.slice(a.end, b.start));
/**
 * Before these, "were" may be a subjunctive ("as if it were", "I wish it were"): no cue for was/were after a
 * singular subject; a plural one takes "were" either way ("if we was" → were).
 */
export const SUBJUNCTIVE = new Set(['if', 'wish', 'though', 'suppose', 'supposing', 'whether']);

/** Modals, after which a verb takes its bare form ("can manage", "will enable"), and which follow their subject ("a user can"). */
export const BARE_MODALS = new Set(['can', 'could', 'should', 'would', 'must', 'might', 'may', 'will', 'shall', 'cannot']);

/** Words after which a clause, and its subject, begins ("if fields is", "when computing the sums is"). */
export const CLAUSE_OPENERS = new Set(['if', 'when', 'whenever', 'while', 'unless', 'because', 'since', 'until', 'whether', 'where', 'and', 'or',
  'but', 'so', 'then', 'although', 'though', 'once']);

/** Forms of "be", which may end a clause before such a word as a verb's other forms do ("than it was before the change"). */
export const BE_FORMS = new Set(['be', 'been', 'being', 'is', 'are', 'was', 'were']);
/**
 * Is w a verb and nothing else: an auxiliary ("is", "have", "does") or a verb that is no noun ("contain", "specify")?
 * After a prepositional phrase a word that can be a noun may end the phrase's own noun phrase ("by JavaScript value").
 */
export function verbOnly(w: string, lex: GrammarLexicon): boolean {
  const lw = w.toLowerCase().replace(/’/g, "'");
  if (AUX.has(lw)) return true;
  // An -s form's lemma is its other number without the -s ("specifies" → specify, "fixes" → fix, "provides" → provide).
  const lemma = otherNumber(lw, lex).find((o) => o.length < lw.length) ?? lw;
  return lex.canBe(lemma, 'verb') && !lex.canBe(lemma, 'noun') && !lex.canBe(lw, 'noun');
}

/**
 * Can w (lower case) head a noun phrase: a noun as WordNet lists it, or a word of the lexicon that WordNet has in no
 * class, nor an inflection's ending (-ed, -ing, -ly, -est), as technical prose's nouns are ("tarball", "backend",
 * "username")? Not an adjective or adverb ("the same", "the following"), nor a verb alone ("the specify").
 */
export function nounLike(w: string, lex: GrammarLexicon): boolean {
  return lex.canBe(w, 'noun') || (lex.isWord(w) && !lex.canBe(w, 'verb') && !lex.canBe(w, 'modifier') && !FUNCTION_WORDS.has(w) &&
    !/(ed|ing|ly|est)$/.test(w));
}

/** Is w the -s plural of a noun (nounLike: "files", "entries", "boxes", "plugins"), and not a noun of its own ("status", "class")? */
export function pluralNoun(w: string, lex: GrammarLexicon): boolean {
  if (!/[^su's]s$/.test(w) && !/(ch|sh|x|z|ss)es$/.test(w) && !/ies$/.test(w)) return false;
  const stems = [w.slice(0, -1), ...(/es$/.test(w) ? [w.slice(0, -2)] : []), ...(/ies$/.test(w) ? [w.slice(0, -3) + 'y'] : [])];
  return stems.some((s) => s.length >= 2 && lex.isWord(s) && nounLike(s, lex));
}

export const MODALS = new Set(['can', 'could', 'may', 'might', 'must', 'shall', 'should', 'will', 'would', 'to', 'not', "don't", "doesn't", 'did', 'does', 'do']);
/** Auxiliaries a question puts before its subject, whose verb is then bare ("does this module differ"). */
export const INVERTING = new Set([...MODALS].filter((w) => w !== 'to' && w !== 'not'));
/** Forms of "be", "have" and "do", and the modals (isAuxiliary). */
const AUXILIARIES = new Set([...BE_FORMS, 'am', 'has', 'have', 'had', ...[...INVERTING].filter((w) => !w.includes("'"))]);

/** Is w (any case) a form of "be", "have" or "do", or a modal? */
export function isAuxiliary(w: string): boolean {
  return AUXILIARIES.has(w.toLowerCase());
}
/** Base form of a comparative or superlative ("faster" → "fast", "bigger" → "big", "easier" → "easy"). */
export function comparativeBase(w: string, lex: GrammarLexicon): string | undefined {
  const m = /^(.+?)(er|est)$/.exec(w);
  if (!m || w.length < 5) return undefined;
  const stem = m[1];
  for (const b of [stem, stem + 'e', stem.replace(/i$/, 'y'), /(.)\1$/.test(stem) ? stem.slice(0, -1) : '']) {
    if (b && b.length >= 2 && lex.isWord(b)) return b;
  }
  return undefined;
}
