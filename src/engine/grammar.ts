// Grammar candidates the model can rank but spelling neighbours never offer: agreement (is/are, has/have),
// -s added or removed: on a verb ('verb-number': a lemma WordNet knows only as a verb, "specify" ↔ "specifies",
// or a verb-or-noun after a subject pronoun, "it need") or otherwise ('number': a noun's number, or a word
// that may be either, "the need"), since the two are wrong at very different rates,
// verb forms (wrote → written), a/an by sound, missing or extra articles and "to", split or joined
// compounds (shutdown / shut down), and a doubled comparative ("more faster"). Each carries its kind so the
// noisy channel (channel.ts) can price it; REPLACE scoring decides in context. Offered for dictionary words
// only: a non-word is a spelling error first.
import { articleFix, SoundSource, soundOf } from './articles';
import { IRREGULAR_VERBS } from './data/irregularVerbs';
import type { WordClass } from './spelling';

export type GrammarKind = 'agreement' | 'verb-number' | 'number' | 'verb-form' | 'article' | 'to' | 'compound' | 'comparative';
export interface GrammarCandidate { text: string; start: number; end: number; kind: GrammarKind }
export interface GrammarLexicon extends SoundSource { isWord(w: string): boolean; canBe(w: string, cls: WordClass): boolean }
interface Span { start: number; end: number; text: string }
export interface GrammarContext { text: string; word: Span; prev?: Span; next?: Span }

const AUX_PAIRS: [string, string][] = [['is', 'are'], ['was', 'were'], ['has', 'have'], ['does', 'do'],
  ["doesn't", "don't"], ["isn't", "aren't"], ["wasn't", "weren't"], ["hasn't", "haven't"]];
const AUX = new Map<string, string>(AUX_PAIRS.flatMap(([a, b]) => [[a, b], [b, a]]));
/** Subjects whose next word, when it can be a verb, is one: "it need", "they uses", "which contain". */
const SUBJECT_PRONOUNS = new Set(['i', 'you', 'he', 'she', 'it', 'we', 'they', 'this', 'that', 'these', 'those', 'which', 'who']);
const ARTICLES = new Set(['a', 'an', 'the']);
const DETERMINERS = new Set([...ARTICLES, 'this', 'that', 'these', 'those', 'my', 'your', 'his', 'her', 'its', 'our',
  'their', 'some', 'any', 'no', 'each', 'every', 'to']);
const PARTICLES = ['up', 'down', 'in', 'out', 'off', 'on', 'over', 'back', 'around', 'away', 'through'];
const FUNCTION_WORDS = new Set([...DETERMINERS, 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'for', 'with', 'by', 'from',
  'as', 'is', 'are', 'was', 'were', 'be', 'been', 'it', 'not', 'if', 'so', 'than', 'then', 'there', 'which', 'who']);

/** verb form → every form of its verb (base, -s, past, participle), from the irregular verb table. */
const VERB_FORMS: Map<string, string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const [base, past, part] of IRREGULAR_VERBS) {
    if (base === 'be') continue;   // is/are/was/were are agreement pairs
    const forms = [...new Set([base, thirdPerson(base), ...past.split('|'), ...part.split('|')])];
    for (const f of forms) m.set(f, [...new Set([...(m.get(f) ?? []), ...forms])]);
  }
  return m;
})();

function thirdPerson(base: string): string {
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

/**
 * The kind of an -s change between stem and its -s form: a verb's agreement, or a noun's (or an unknown
 * word's) number. A verb after a subject pronoun is one; otherwise a stem or -s form that can be a noun
 * ("need", "scissors": WordNet's lemma, though "scissor" is only a verb) leaves it a noun's number.
 */
function numberKind(stem: string, withS: string, prev: string | undefined, lex: GrammarLexicon): GrammarKind {
  if (!lex.canBe(stem, 'verb')) return 'number';
  if (prev !== undefined && SUBJECT_PRONOUNS.has(prev.toLowerCase())) return 'verb-number';
  return lex.canBe(stem, 'noun') || lex.canBe(withS, 'noun') ? 'number' : 'verb-number';
}

/** The kind of changing w to o, its other number (otherNumber). */
function numberChange(w: string, o: string, prev: string | undefined, lex: GrammarLexicon): GrammarKind {
  return o.length < w.length ? numberKind(o, w, prev, lex) : numberKind(w, o, prev, lex);
}

/**
 * The agreement fixes of a word the model finds only a little odd (findings.ts, a suspect below the pNoise gate):
 * an auxiliary's other number (is → are) and a verb's -s added or dropped where grammarCandidates would call
 * it 'verb-number' (a verb-only lemma, or any verb after a subject pronoun: "this mean", "the list contain").
 * Lower case; none for a non-word or a function word.
 */
export function agreementFixes(w: string, prev: string | undefined, lex: GrammarLexicon): string[] {
  if (!lex.isWord(w)) return [];
  return numberChanges(w, prev, lex).filter((c) => c.kind === 'agreement' || c.kind === 'verb-number').map((c) => c.text);
}

/** A word's other number, lower case, with its kind: an auxiliary's (is → are), or -s added or dropped. */
function numberChanges(w: string, prev: string | undefined, lex: GrammarLexicon): { text: string; kind: GrammarKind }[] {
  const lw = w.toLowerCase();
  const aux = AUX.get(lw);
  if (aux) return [{ text: aux, kind: 'agreement' }];
  if (!/^\p{Ll}+$/u.test(w) || w.length < 3 || FUNCTION_WORDS.has(lw)) return [];
  return otherNumber(lw, lex).map((o) => ({ text: o, kind: numberChange(lw, o, prev, lex) }));
}

export type GrammaticalNumber = 'singular' | 'plural';

const SINGULAR_SUBJECTS = new Set(['he', 'she', 'it', 'this']);
const PLURAL_SUBJECTS = new Set(['we', 'you', 'they', 'these', 'those']);
const SINGULAR_DETERMINERS = new Set(['a', 'an', 'this', 'that', 'each', 'every', 'another']);
const PLURAL_DETERMINERS = new Set(['these', 'those', 'many', 'several', 'both', 'all', 'few']);
/** Determiners that say nothing of the noun's number ("the value", "the values"). */
const OPEN_DETERMINERS = new Set(['the', 'its', 'their', 'our', 'your', 'my', 'his', 'her', 'whose']);
/** Plurals without an -s, and nouns read either way: a cue from them would mislead. */
const PLURAL_WITHOUT_S = new Set(['people', 'children', 'men', 'women', 'data', 'media', 'criteria', 'phenomena', 'indices',
  'matrices', 'vertices', 'feet', 'teeth', 'mice', 'geese', 'police', 'staff', 'series', 'species', 'news', 'metadata']);
/** After an existential "there is/are", the first word of the subject that follows, when it tells its number. */
const SINGULAR_AFTER_THERE = new Set(['a', 'an', 'one', 'another', 'no', 'nothing', 'only']);
const PLURAL_AFTER_THERE = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'several', 'many', 'multiple',
  'various', 'numerous', 'some', 'few', 'both', 'lots', 'plenty']);
/** "a few", "a lot of", "a number of": plural after all. */
const PLURAL_AFTER_A = new Set(['few', 'lot', 'couple', 'number', 'variety', 'range', 'bunch', 'handful', 'dozen', 'pair']);
const RELATIVE_PRONOUNS = new Set(['that', 'which', 'who']);
const BE = new Set(['is', 'are', 'was', 'were', "isn't", "aren't", "wasn't", "weren't"]);
/** A noun phrase after one of these is a prepositional object or a conjunct, not the verb's subject ("the list of files is"). */
const NOT_SUBJECT_BEFORE = new Set(['of', 'in', 'for', 'with', 'on', 'at', 'from', 'by', 'to', 'into', 'about', 'between',
  'under', 'over', 'through', 'within', 'without', 'across', 'per', 'via', 'like', 'than', 'and', 'or', 'nor']);

/**
 * The number of the subject that a verb right after `before` (the words of its sentence before it, in order)
 * agrees with, where the words just before it say so plainly: a subject pronoun ("it", "they"), or a noun
 * phrase that is not a preposition's object or a conjunct: a plural by its -s ("all sources", "hunks") or a
 * noun after a determiner of one number ("the value", "each entry", "these files"). undefined when they do not
 * (punctuation or markup before the verb, a name, "the list of files"). A relative pronoun ("that", "which", "who")
 * takes the number of the noun phrase before it ("plugins that prefers"). After an existential "there", a form of
 * "be" takes the number of the subject after it, where `after` (the word after the verb) says it ("there is two
 * types"; `after` holds the words after the verb, in order). The channel's agreement cue (channel.ts, agreementCue) reads it: the model alone is unsure of "The
 * value are interpreted".
 */
export function subjectNumber(text: string, before: readonly Span[], verb: Span, lex: GrammarLexicon, after: readonly Span[] = []): GrammaticalNumber | undefined {
  const n = before.length, last = before[n - 1];
  if (!last || !/^[ \t]+$/.test(text.slice(last.end, verb.start))) return undefined;
  const lw = last.text.toLowerCase();
  if (lw === 'there' && BE.has(verb.text.toLowerCase().replace(/’/g, "'"))) {
    const spaced = (a: Span, b: Span | undefined) => !!b && /^[ \t]+$/.test(text.slice(a.end, b.start));
    const a = spaced(verb, after[0]) ? after[0].text.toLowerCase() : undefined;
    if (a === 'a' || a === 'an') return spaced(after[0], after[1]) && PLURAL_AFTER_A.has(after[1].text.toLowerCase()) ? 'plural' : 'singular';
    return a === undefined ? undefined : SINGULAR_AFTER_THERE.has(a) ? 'singular' : PLURAL_AFTER_THERE.has(a) ? 'plural' : undefined;
  }
  if (SINGULAR_SUBJECTS.has(lw)) return 'singular';
  if (PLURAL_SUBJECTS.has(lw)) return 'plural';
  // A relative pronoun stands for the noun before it: "functions that does", "an object that contain".
  if (RELATIVE_PRONOUNS.has(lw)) return n > 1 ? subjectNumber(text, before.slice(0, n - 1), last, lex) : undefined;
  // A plain lower-case word, or one capitalised only as its sentence's first ("Plugins that prefers").
  if (!/^\p{Ll}+$/u.test(n === 1 ? lw : last.text) || FUNCTION_WORDS.has(lw) || PLURAL_WITHOUT_S.has(lw)) return undefined;
  const word = (k: number) => (k >= 0 && /^[ \t]+$/.test(text.slice(before[k].end, before[k + 1].start)) ? before[k].text.toLowerCase() : undefined);
  // The determiner just before the noun, or before one modifier ("the default value").
  const at = [n - 2, n - 3].find((k) => { const d = word(k); return d !== undefined && (SINGULAR_DETERMINERS.has(d) || PLURAL_DETERMINERS.has(d) || OPEN_DETERMINERS.has(d)); });
  const start = at ?? n - 1;
  const lead = start > 0 ? before[start - 1].text.toLowerCase() : undefined;
  if (lead !== undefined && NOT_SUBJECT_BEFORE.has(lead)) return undefined;
  const det = at !== undefined ? word(at)! : undefined;
  const plural = pluralNoun(lw, lex);
  if (det && PLURAL_DETERMINERS.has(det)) return plural || lex.canBe(lw, 'noun') ? 'plural' : undefined;
  if (plural) return det && SINGULAR_DETERMINERS.has(det) ? undefined : 'plural';
  if (det === undefined || !lex.canBe(lw, 'noun') || /s$/.test(lw)) return undefined;
  return 'singular';
}

/** Is w the -s plural of a noun ("files", "entries", "boxes"), and not a noun of its own ("status", "class")? */
function pluralNoun(w: string, lex: GrammarLexicon): boolean {
  if (!/[^su's]s$/.test(w) && !/(ch|sh|x|z|ss)es$/.test(w) && !/ies$/.test(w)) return false;
  const stems = [w.slice(0, -1), ...(/es$/.test(w) ? [w.slice(0, -2)] : []), ...(/ies$/.test(w) ? [w.slice(0, -3) + 'y'] : [])];
  return stems.some((s) => s.length >= 2 && lex.isWord(s) && lex.canBe(s, 'noun'));
}

/** The number an agreement form shows: is, has, -s singular; are, have, the bare verb plural. */
export function verbNumber(w: string): GrammaticalNumber {
  const lw = w.toLowerCase().replace(/’/g, "'");
  const aux = AUX_PAIRS.find(([sg, pl]) => lw === sg || lw === pl);
  if (aux) return lw === aux[0] ? 'singular' : 'plural';
  return /s$/.test(lw) ? 'singular' : 'plural';
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

export function grammarCandidates(ctx: GrammarContext, lex: GrammarLexicon): GrammarCandidate[] {
  const { word, prev, next } = ctx;
  const w = word.text, lw = w.toLowerCase();
  const out: GrammarCandidate[] = [];
  const same = (text: string, kind: GrammarKind) => out.push({ text: withCase(w, text), start: word.start, end: word.end, kind });
  const spaced = (a: Span | undefined, b: Span | undefined) => !!a && !!b && /^[ \t]$/.test(ctx.text.slice(a.end, b.start));
  if (!/^[\p{L}][\p{L}'’]*$/u.test(w) || !lex.isWord(w)) return out;

  for (const c of numberChanges(w, prev?.text, lex)) same(c.text, c.kind);
  for (const f of VERB_FORMS.get(lw) ?? []) if (f !== lw && lex.isWord(f)) same(f, 'verb-form');

  if ((lw === 'a' || lw === 'an') && next) {
    const fix = articleFix(w, next.text, lex);
    if (fix) same(fix, 'article');
  }
  // An extra article or "to": the candidate drops it, so it spans the word and the next.
  if ((ARTICLES.has(lw) || lw === 'to') && next && spaced(word, next)) {
    out.push({ text: withCase(w, next.text), start: word.start, end: next.end, kind: lw === 'to' ? 'to' : 'article' });
  }
  // A missing article or "to" before a content word that has no determiner before it.
  if (/^\p{Ll}/u.test(w) && !FUNCTION_WORDS.has(lw) && !(prev && DETERMINERS.has(prev.text.toLowerCase()))) {
    same(`the ${w}`, 'article');
    same(`${soundOf(w, lex) === 'vowel' ? 'an' : 'a'} ${w}`, 'article');
    if (prev && !/(ing|ed)$/.test(lw)) same(`to ${w}`, 'to');
  }

  // Compounds: "shutdown" → "shut down"; "shut down" → "shutdown" (joined only if the dictionary has it).
  for (const p of PARTICLES) {
    if (lw.length > p.length + 1 && lw.endsWith(p) && lex.isWord(lw.slice(0, -p.length))) same(`${w.slice(0, -p.length)} ${p}`, 'compound');
  }
  if (next && spaced(word, next) && PARTICLES.includes(next.text.toLowerCase()) && lex.isWord(lw + next.text.toLowerCase())) {
    out.push({ text: w + next.text.toLowerCase(), start: word.start, end: next.end, kind: 'compound' });
  }
  if (prev && spaced(prev, word) && PARTICLES.includes(lw) && lex.isWord(prev.text.toLowerCase() + lw)) {
    out.push({ text: prev.text + lw, start: prev.start, end: word.end, kind: 'compound' });
  }

  // "more faster" → "faster", from either word.
  if (prev && spaced(prev, word) && /^(more|most)$/i.test(prev.text) && comparativeBase(lw, lex)) {
    out.push({ text: withCase(prev.text, w), start: prev.start, end: word.end, kind: 'comparative' });
  }
  if (/^(more|most)$/.test(lw) && next && spaced(word, next) && comparativeBase(next.text.toLowerCase(), lex)) {
    out.push({ text: withCase(w, next.text), start: word.start, end: next.end, kind: 'comparative' });
  }
  return out;
}

/** The original's capital first letter carried over ("The cat" → "Cat" when "The" is dropped). */
function withCase(original: string, text: string): string {
  return /^\p{Lu}/u.test(original) && !/^I($|['’])/.test(original) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
