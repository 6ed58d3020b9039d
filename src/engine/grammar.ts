// Grammar candidates the model can rank but spelling neighbours never offer: agreement (is/are, has/have),
// -s added or removed: on a verb ('verb-number': a lemma WordNet knows only as a verb, "specify" ↔ "specifies",
// or a verb-or-noun after a subject pronoun, "it need") or otherwise ('number': a noun's number, or a word
// that may be either, "the need"), since the two are wrong at very different rates,
// verb forms (wrote → written), a/an by sound, missing or extra articles and "to", split or joined
// compounds (shutdown / shut down), and a doubled comparative ("more faster"). Each carries its kind so the
// noisy channel (channel.ts) can price it; REPLACE scoring decides in context. Offered for dictionary words
// only: a non-word is a spelling error first.
import { articleFix, soundOf } from './articles';
import { confusionsOf, type ConfusionKind } from './confusables';
import { IRREGULAR_VERBS } from './data/irregularVerbs';
import { isBlankGap } from '../text/words';
import { BARE_BEFORE, ingVerb, PLURAL_WITHOUT_S } from './subjects';
import {
  ARTICLES, AUX, BARE_MODALS, comparativeBase, DETERMINERS, FUNCTION_WORDS, type GrammarLexicon, isFunctionWord, MODALS,
  otherNumber, type Span, pluralNoun, SUBJECT_PRONOUNS, thirdPerson
} from './wordClasses';

export type GrammarKind = 'agreement' | 'verb-number' | 'number' | 'verb-form' | 'article' | 'to' | 'compound' | 'comparative';
export interface GrammarCandidate { text: string; start: number; end: number; kind: GrammarKind }
export interface GrammarContext { text: string; word: Span; prev?: Span; next?: Span }

/** Words that open a subject right after an auxiliary: a question ("Are there", "Does it", "Is the file"). */
const SUBJECT_OPENERS = new Set(['i', 'you', 'he', 'she', 'it', 'we', 'they', 'this', 'that', 'these', 'those', 'there', 'the', 'a',
  'an', 'each', 'every', 'any', 'all', 'some', 'my', 'your', 'its', 'their', 'our', 'his', 'her']);

/**
 * The other number of an auxiliary that opens its sentence with no subject after it, which is then no slip to
 * offer: a list item or a changelog line leaves its subject out ("Doesn't support Windows.", "Has no
 * dependencies.", "Was added in 2.0."), and there either number reads right (the imperative "Don't" as well as
 * the elided "it doesn't"). A subject after it (a word that opens one, or a name) makes a question, whose number
 * can be judged. undefined when w is no such auxiliary.
 */
function elidedSubjectPartner(w: string, prev: string | undefined, next: string | undefined): string | undefined {
  const other = AUX.get(w.toLowerCase());
  if (!other || prev !== undefined) return undefined;
  if (next !== undefined && (SUBJECT_OPENERS.has(next.toLowerCase()) || /^\p{Lu}/u.test(next))) return undefined;
  return other;
}

/**
 * The members of w's confusion sets (confusables.ts) it is offered where it stands, between the words prev and next
 * of its sentence: all of them but an auxiliary's other number where its subject is left out (elidedSubjectPartner)
 * and the -s present of a past (tenseOnly).
 * Generated candidates (candidates.ts) and the quiet ones below the gate (findings.ts) both read them here.
 */
export function confusionsAt(w: string, prev: string | undefined, next: string | undefined): [string, ConfusionKind][] {
  const partner = elidedSubjectPartner(w, prev, next);
  const members = confusionsOf(w);
  return [...members].filter(([c]) => c !== partner && !tenseOnly(w, c, (b) => members.has(b)));
}

/**
 * Is cand the -s present of the verb whose past or participle `typed` is ("made" → "makes", "needed" → "needs",
 * "did" → "does")? Both agree with the same subjects, so the change fixes no grammar; it only moves the tense,
 * which is the writer's to choose ("it made sense" is no slip for "it makes sense", which the model prefers in
 * documentation). Its base stays a candidate of its past ("can made" → make) and of its -s form ("they makes" →
 * make), and the -s form one of its base and its -ing form ("it using" → uses). `isForm(b)`: is b a form of typed's verb.
 */
export function tenseOnly(typed: string, cand: string, isForm: (b: string) => boolean): boolean {
  const t = typed.toLowerCase(), c = cand.toLowerCase();
  if (/(s|ing)$/.test(t) || !c.endsWith('s')) return false;
  const bases = [c.slice(0, -1), ...(c.endsWith('es') ? [c.slice(0, -2)] : []), ...(c.endsWith('ies') ? [c.slice(0, -3) + 'y'] : [])];
  return bases.some((b) => b !== t && thirdPerson(b) === c && isForm(b));
}
const PARTICLES = ['up', 'down', 'in', 'out', 'off', 'on', 'over', 'back', 'around', 'away', 'through'];
/**
 * Determiners English never writes after an article: "the those options", "a your calendar", "the that following
 * parenthesis". Not "this": "the this pointer" is C++'s and JavaScript's keyword, written so in prose.
 */
const NO_ARTICLE_BEFORE = new Set(['that', 'these', 'those', 'my', 'your', 'his', 'her', 'its', 'our', 'their']);

/**
 * Are w and next two words English never writes in a row, a rewrite's leftover: an article and another article
 * ("a an", "an the", "a the") or a determiner that takes none ("the those", "a your")? Not an article before "a":
 * that is a letter or a variable as often ("the a coefficient", "the a and b values", which the model reads as the
 * leftover too). A capital on next is a name's or a letter's ("the A record", "the My Documents folder"), and one on
 * w too, unless w opens its sentence (`sentenceStart`: "An the first step"). Two forms of "be" ("This is was") are not
 * read so: the model flagged the free relatives English writes with them ("What it was is unclear", "Whatever it is
 * was decided").
 */
export function leftoverPair(w: string, next: string, sentenceStart: boolean): boolean {
  const lw = w.toLowerCase();
  return ARTICLES.has(lw) && next !== 'a' && (ARTICLES.has(next) || NO_ARTICLE_BEFORE.has(next)) && lw !== next && (w === lw || sentenceStart);
}

/**
 * Words English writes twice on purpose: "had had" (the past perfect of have: "she had had enough"), "that that"
 * (a conjunction before a demonstrative or relative: "we know that that fails") and "long long" (C's integer type,
 * "unsigned long long int", and "a long long time"). The pair is no doubled word to delete, unless the same word
 * stands before it as well ("that that that": a third copy is a slip). Other checkers except the same pairs
 * (proselint's repeated-words check passes "had had" and "that that").
 */
const LICENSED_DOUBLES: ReadonlySet<string> = new Set(['had', 'that', 'long']);

/**
 * Does the word ending at `end` run on into a compound or a path ("minimum minimum-number-of-calls", "vs Async
 * vs Async/Await", "a.b")? Then a copy of the word before it is no doubled word: the copies differ.
 */
export function runsOn(text: string, end: number): boolean {
  return /^(?:[-/_\p{L}\p{N}]|\.[\p{L}\p{N}])/u.test(text.slice(end, end + 2));
}

/**
 * Is `word`, ending at `end` right after `first`, a copy of itself, a slip to delete: no double English writes on
 * purpose (licensedDouble; `before` is the word before that copy, if any), no word that runs on into a compound or a
 * path (runsOn), no new line that begins with a capital only the second copy has, a new item or sentence begun
 * without a stop (a docstring's "args : tuple" then "Tuple of positional arguments"; "how test Test Results view" and
 * "The the" are still slips), and no run of three copies or more of a word that is no function word and that English
 * does not double on purpose (thrice: "very very very old oil", "blah blah blah", said so for emphasis; "the the the"
 * is still a slip, and after "that that" a third "that" is)?
 */
export function slipDouble(text: string, first: string, word: string, end: number, before: string | undefined): boolean {
  const start = end - word.length;
  const newLine = /\n[^\S\n]*$/.test(text.slice(Math.max(0, start - 80), start));
  return !licensedDouble(word, before) && !runsOn(text, end) && !(newLine && /^\p{Ll}/u.test(first) && /^\p{Lu}/u.test(word)) &&
    !(thrice(text, word, end, before) && !LICENSED_DOUBLES.has(word.toLowerCase()) && !isFunctionWord(word));
}

/** Is the pair of `word` ending at `end` part of a run of three copies: is `before`, or the word right after it, one more? */
function thrice(text: string, word: string, end: number, before: string | undefined): boolean {
  const w = word.toLowerCase();
  if (before?.toLowerCase() === w) return true;
  const next = /^[^\S\n]+([\p{L}'’]+)/u.exec(text.slice(end, end + word.length + 8));
  return next !== null && next[1].toLowerCase() === w;
}

/** Is `word` after a copy of itself a double English writes on purpose? `before` is the word before that copy, if any. */
function licensedDouble(word: string, before: string | undefined): boolean {
  const w = word.toLowerCase();
  return LICENSED_DOUBLES.has(w) && before?.toLowerCase() !== w;
}

/**
 * verb form → every form of its verb (base, -s, past, participle), from the irregular verb table. Made as the worker
 * starts, before its first check can run: each form's set is grown in place, and tenseOnly is asked only of the -s
 * form (the only form it can refuse, its verb's thirdPerson), where a new array for every form of every verb and
 * tenseOnly asked of every pair took ~25 ms of the module's load, ~60 in a cold worker beside the model's graphs.
 */
const VERB_FORMS: Map<string, string[]> = (() => {
  const m = new Map<string, Set<string>>();
  for (const [base, past, part] of IRREGULAR_VERBS) {
    if (base === 'be') continue;   // is/are/was/were are agreement pairs
    const third = thirdPerson(base);
    const forms = [...new Set([base, third, ...past.split('|'), ...part.split('|')])];
    for (const f of forms) {
      let got = m.get(f);
      if (!got) m.set(f, (got = new Set()));
      // A past or participle is not offered the -s present: that moves the tense only (tenseOnly).
      for (const g of forms) if (g !== third || !tenseOnly(f, g, (b) => b === base)) got.add(g);
    }
  }
  return new Map([...m].map(([f, forms]) => [f, [...forms]]));
})();

/**
 * The kind of an -s change between stem and its -s form: a verb's agreement, or a noun's (or an unknown
 * word's) number. A verb after a subject pronoun is one; otherwise a stem or -s form that can be a noun
 * ("need", "scissors": WordNet's lemma, though "scissor" is only a verb) leaves it a noun's number.
 */
function numberKind(stem: string, withS: string, prev: string | undefined, lex: GrammarLexicon): GrammarKind {
  if (!lex.canBe(stem, 'verb')) return 'number';
  // After a subject pronoun or a modal or "do" ("it need", "can supports", "does exists") the word is a verb.
  if (prev !== undefined && (SUBJECT_PRONOUNS.has(prev.toLowerCase()) || BARE_BEFORE.has(prev.toLowerCase()))) return 'verb-number';
  return lex.canBe(stem, 'noun') || lex.canBe(withS, 'noun') ? 'number' : 'verb-number';
}

/** The kind of changing w to o, its other number (otherNumber). */
function numberChange(w: string, o: string, prev: string | undefined, lex: GrammarLexicon): GrammarKind {
  return o.length < w.length ? numberKind(o, w, prev, lex) : numberKind(w, o, prev, lex);
}

/**
 * The agreement fixes of a word the model finds only a little odd (findings.ts, a suspect below the pNoise gate):
 * an auxiliary's other number (is → are) and a verb's -s added or dropped where grammarCandidates would call
 * it 'verb-number' (a verb-only lemma, any verb after a subject pronoun, or one its neighbours read as a verb,
 * verbBeforeObject: "this mean", "the list contain", "the function return a list").
 * Lower case; none for a non-word or a function word.
 */
export function agreementFixes(w: string, prev: string | undefined, lex: GrammarLexicon, next?: string): string[] {
  if (!lex.isWord(w)) return [];
  return numberChanges(w, prev, lex, next).filter((c) => c.kind === 'agreement' || c.kind === 'verb-number').map((c) => c.text);
}

/**
 * A noun's other number where grammarCandidates would offer it as one ('number': "reason" → reasons, "files" → file),
 * lower case; none for a non-word, a function word, or a verb's -s (agreementFixes offers those).
 */
export function nounNumberFixes(w: string, prev: string | undefined, lex: GrammarLexicon, next?: string): string[] {
  if (!lex.isWord(w)) return [];
  return numberChanges(w, prev, lex, next).filter((c) => c.kind === 'number').map((c) => c.text);
}

/**
 * A word's other number, lower case, with its kind: an auxiliary's (is → are; none where it opens a sentence that
 * leaves its subject out, elidedSubjectPartner), or -s added or dropped.
 */
function numberChanges(w: string, prev: string | undefined, lex: GrammarLexicon, next?: string): { text: string; kind: GrammarKind }[] {
  const lw = w.toLowerCase();
  const aux = AUX.get(lw);
  if (aux) return elidedSubjectPartner(w, prev, next) ? [] : [{ text: aux, kind: 'agreement' }];
  if (!/^\p{Ll}+$/u.test(w) || w.length < 3 || FUNCTION_WORDS.has(lw)) return [];
  const verb = verbBeforeObject(prev, next);
  return otherNumber(lw, lex).map((o) => {
    const kind = numberChange(lw, o, prev, lex);
    return { text: o, kind: kind === 'number' && verb && lex.canBe(o.length < lw.length ? o : lw, 'verb') ? 'verb-number' : kind };
  });
}

/** Words that open a noun phrase: after a noun-or-verb that a content word precedes, they make it the verb. */
const OBJECT_OPENERS = new Set(['a', 'an', 'the', 'this', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'your', 'my', 'each',
  'every', 'all', 'some', 'any', 'no', 'another', 'several', 'many']);

/**
 * Is a word that is both a noun and a verb ("return", "handle") read as the verb by its neighbours: a content word
 * before it (a subject: not a determiner, "the return", nor a modal or an adverb, after which the verb takes no
 * number) and a noun phrase's opener after it ("The function return a list", "The parser handle the nested
 * lists")? A noun followed by "a" or "the" is rare, a verb's object is not.
 */
function verbBeforeObject(prev: string | undefined, next: string | undefined): boolean {
  const p = prev?.toLowerCase();
  return p !== undefined && next !== undefined && /^\p{L}+$/u.test(p) && !FUNCTION_WORDS.has(p) && !MODALS.has(p) && !/ly$/.test(p) &&
    OBJECT_OPENERS.has(next.toLowerCase());
}

export function grammarCandidates(ctx: GrammarContext, lex: GrammarLexicon): GrammarCandidate[] {
  const { word, prev, next } = ctx;
  const w = word.text, lw = w.toLowerCase();
  const out: GrammarCandidate[] = [];
  const same = (text: string, kind: GrammarKind) => out.push({ text: withCase(w, text), start: word.start, end: word.end, kind });
  // Two words a candidate may span as one fix: only blanks between them (isBlankGap; never markup, as `spaced` allows).
  const joinable = (a: Span | undefined, b: Span | undefined) => !!a && !!b && isBlankGap(ctx.text.slice(a.end, b.start));
  if (!/^[\p{L}][\p{L}'’]*$/u.test(w) || !lex.isWord(w)) return out;

  for (const c of numberChanges(w, prev?.text, lex, next?.text)) same(c.text, c.kind);
  for (const f of VERB_FORMS.get(lw) ?? []) if (f !== lw && lex.isWord(f)) same(f, 'verb-form');

  if ((lw === 'a' || lw === 'an') && next) {
    const fix = articleFix(w, next.text, lex);
    if (fix) same(fix, 'article');
  }
  // An extra article or "to": the candidate drops it, so it spans the word and the next. Capitalised inside a
  // sentence it is no article but a name ("git merge-base A B", "Plan A", "The Hobbit"); at a sentence's start, one
  // before a capitalised word begins a title or a name ("An Important Note on Compatibility", "The Linux kernel"),
  // where the article is the writer's choice.
  const opensTitleOrName = !prev && !!next && /^\p{Lu}/u.test(next.text);
  if ((ARTICLES.has(lw) || lw === 'to') && next && joinable(word, next) && (w === lw || (!prev && !opensTitleOrName))) {
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
  if (next && joinable(word, next) && PARTICLES.includes(next.text.toLowerCase()) && lex.isWord(lw + next.text.toLowerCase())) {
    out.push({ text: w + next.text.toLowerCase(), start: word.start, end: next.end, kind: 'compound' });
  }
  if (prev && joinable(prev, word) && PARTICLES.includes(lw) && lex.isWord(prev.text.toLowerCase() + lw)) {
    out.push({ text: prev.text + lw, start: prev.start, end: word.end, kind: 'compound' });
  }

  // "more faster" → "faster", from the comparative (from "more", whatever its score: findings.ts, forcedCandidates).
  if (prev && doubledComparison(ctx.text, prev, word, next, lex)) {
    out.push({ text: withCase(prev.text, w), start: prev.start, end: word.end, kind: 'comparative' });
  }
  return out;
}

/**
 * Are `more` and `comparative` a comparison made twice, "more" or "most" then an adjective's own comparative or
 * superlative with only blanks between ("more easier", "most biggest", "more better": doubledComparative)? Not before
 * a plural (`after`, the word after the comparative), where "more" counts ("more older people", "most newer
 * releases"), nor where the comparative runs on into a compound ("more better-looking").
 */
export function doubledComparison(text: string, more: Span, comparative: Span, after: Span | undefined, lex: GrammarLexicon): boolean {
  const a = after?.text.toLowerCase();
  return /^(more|most)$/i.test(more.text) && isBlankGap(text.slice(more.end, comparative.start)) && /^\p{Ll}+$/u.test(comparative.text) &&
    !runsOn(text, comparative.end) && doubledComparative(comparative.text, lex) &&
    !(a !== undefined && (pluralNoun(a, lex) || PLURAL_WITHOUT_S.has(a)));
}

/**
 * Comparatives and superlatives read as such whatever else the lexicon says they are: those English forms without -er
 * or -est, and those whose other sense never follows "more" or "most" (to lower, a closer, one who longs, the latest).
 */
const COMPARATIVES = new Set(['better', 'best', 'worse', 'worst', 'lower', 'closer', 'longer', 'latest']);

/**
 * Is w (lower case), after "more" or "most", an adjective's own comparative or superlative, a comparison made twice
 * ("more easier", "most biggest", "more better")? An -er or -est form of a modifier (comparativeBase) that is no noun
 * or verb itself ("more server capacity", "more power", "more number" are nouns, of "serve", "pow" and "numb"), or
 * one of COMPARATIVES; not "later" ("more later": more, said later).
 */
function doubledComparative(w: string, lex: GrammarLexicon): boolean {
  if (COMPARATIVES.has(w)) return true;
  const base = w === 'later' ? undefined : comparativeBase(w, lex);
  return base !== undefined && lex.canBe(base, 'modifier') && !lex.canBe(w, 'noun') && !lex.canBe(w, 'verb');
}

/** Each irregular verb's (first) past participle by its base form. */
const PARTICIPLE_OF = new Map(IRREGULAR_VERBS.map(([base, , part]) => [base, part.split('|')[0]]));

/**
 * The past participle of a base form: the irregular table's, else the regular form the lexicon spells ("create" →
 * created, "copy" → copied, "stop" → stopped); undefined where it is the base form itself ("set", "run", "put"),
 * which reads as the participle already.
 */
function participleOf(base: string, lex: GrammarLexicon): string | undefined {
  const irregular = PARTICIPLE_OF.get(base);
  if (irregular !== undefined) return irregular === base ? undefined : irregular;
  const regular = /e$/.test(base) ? [`${base}d`] : /[^aeiou]y$/.test(base) ? [`${base.slice(0, -1)}ied`] : [`${base}ed`, `${base}${base.slice(-1)}ed`];
  return regular.find((f) => lex.isWord(f));
}

/**
 * A verb's bare form after "be", "been" or "being", where the passive wants its participle ("to be show or hidden" →
 * shown, "will be recreate" → recreated, "has been create" → created): the participle, else undefined. Only blanks
 * between the two, and the word a verb and nothing else the lexicon knows, in its base form ("be sure", "be open",
 * "be setup", "be update" are no such: a modifier, a noun), whose participle is another word ("be set", "be run"
 * read as participles). Not after "is" or "are", which a bare verb follows where a clause is its complement ("all it
 * does is install the package").
 */
export function bareAfterBe(text: string, prev: Span, word: Span, lex: GrammarLexicon): string | undefined {
  const w = word.text;
  if (!/^(be|been|being)$/i.test(prev.text) || !/^\p{Ll}+$/u.test(w) || !isBlankGap(text.slice(prev.end, word.start)) || runsOn(text, word.end)) return undefined;
  return bareVerb(w, lex) ? participleOf(w, lex) : undefined;
}

/**
 * Is w (lower case) a verb's base form and nothing else the lexicon knows: a verb lemma, no noun and no modifier, no
 * -s, -ed or -ing form ("reduce", "recreate"; not "work", "sure", "reduces", "reduced")?
 */
function bareVerb(w: string, lex: GrammarLexicon): boolean {
  if (FUNCTION_WORDS.has(w) || MODALS.has(w) || /(ing|ed)$/.test(w)) return false;
  if (/s$/.test(w) && otherNumber(w, lex).some((o) => o.length < w.length)) return false;
  return lex.isWord(w) && lex.canBe(w, 'verb') && !lex.canBe(w, 'noun') && !lex.canBe(w, 'modifier');
}

/**
 * A verb's -ed form after a modal, where its bare form belongs ("This will enabled cross-origin prefetch" → enable,
 * "libvirt can managed directly" → manage, "should not depended" → depend): the bare form, else undefined. `modal` is
 * the word before it, or before a "not" before it (`not`); only blanks between. Not where the modal opens its sentence
 * (a question's inversion: "Should hyphenated words be split?"), nor for an -ed form that is a modifier ("can used",
 * "will tired" read either way) or a verb's own base ("need", "exceed", "feed").
 */
export function pastAfterModal(text: string, modal: Span, not: Span | undefined, word: Span, atStart: boolean, lex: GrammarLexicon): string | undefined {
  const w = word.text;
  if (atStart || !BARE_MODALS.has(modal.text) || !/^\p{Ll}+ed$/u.test(w) || runsOn(text, word.end)) return undefined;
  if (not && not.text !== 'not') return undefined;
  const gaps = not ? [text.slice(modal.end, not.start), text.slice(not.end, word.start)] : [text.slice(modal.end, word.start)];
  if (!gaps.every(isBlankGap) || lex.canBe(w, 'verb') || lex.canBe(w, 'modifier')) return undefined;
  const stems = [w.slice(0, -1), w.slice(0, -2), ...(/(.)\1ed$/.test(w) ? [w.slice(0, -3)] : []), ...(/ied$/.test(w) ? [`${w.slice(0, -3)}y`] : [])];
  return stems.find((b) => b.length >= 2 && lex.isWord(b) && lex.canBe(b, 'verb') && participleOf(b, lex) === w);
}

/**
 * Closed compounds English hardly ever writes open, by their two halves as typed apart ("there fore", "my self", "with
 * out"): a writer who splits one has split a word. Those whose open form is English too are not here ("every one of
 * them", "any body of text", "some times", "may be", "can not", "in to", "there by car").
 */
const CLOSED_COMPOUNDS = new Map(['there fore', 'further more', 'my self', 'your self', 'him self',
  'her self', 'it self', 'our selves', 'your selves', 'them selves', 'with out', 'some where', 'no where', 'every where', 'some one',
  'some thing', 'be cause', 'al though', 'through out', 'where as', 'other wise', 'like wise', 'mean while'].map((p) => [p, p.replace(/ /g, '')]));
/** Their first words (lower case): what closedCompound asks of every word before it reads the pair. */
const CLOSED_FIRSTS = new Set([...CLOSED_COMPOUNDS.keys()].map((p) => p.split(' ')[0]));

/**
 * Phrases English writes in two words that writers run together ("infact", "eachother"), by the word run together:
 * none is a word of its own, and none is jargon (a list of known misspellings names others: "alot", "aswell").
 */
const RUN_TOGETHER = new Map(['in fact', 'each other', 'in case', 'in spite', 'on top', 'in front', 'even though', 'one another', 'thank you']
  .map((p) => [p.replace(/ /g, ''), p]));

/**
 * The phrase `word` runs together (RUN_TOGETHER: "Infact" → "In fact", "eachother" → "each other"), in its case, where
 * it is written in lower case but for its first letter and runs on into no compound or path; else undefined.
 */
export function runTogether(text: string, word: Span): string | undefined {
  const open = RUN_TOGETHER.get(word.text.toLowerCase());
  if (!open || !/^\p{L}\p{Ll}+$/u.test(word.text) || runsOn(text, word.end)) return undefined;
  return withCase(word.text, open);
}

/**
 * The closed compound `first` and `second` split (CLOSED_COMPOUNDS: "There fore" → "Therefore", "my self" → "myself"),
 * in `first`'s case, where only blanks stand between them and the second runs on into no compound or path ("with
 * out-of-band" is whole); else undefined.
 */
export function closedCompound(text: string, first: Span, second: Span): string | undefined {
  if (!CLOSED_FIRSTS.has(first.text.toLowerCase())) return undefined;
  if (!isBlankGap(text.slice(first.end, second.start)) || runsOn(text, second.end) || !/^\p{Ll}+$/u.test(second.text)) return undefined;
  const joined = CLOSED_COMPOUNDS.get(`${first.text.toLowerCase()} ${second.text}`);
  return joined && withCase(first.text, joined);
}

/**
 * Verbs that take "to" and an infinitive and never a bare one ("aims to reduce", "failed to finish", "tends to ignore").
 * Those that take it bare as well are not here: "helps reduce", "let it run", "make sure", "go get", "dare say".
 */
const TO_TAKING_VERBS = ['aim', 'want', 'need', 'try', 'attempt', 'intend', 'plan', 'decide', 'fail', 'seem', 'tend', 'manage', 'refuse',
  'expect', 'hope', 'wish', 'prefer', 'continue', 'learn', 'agree', 'promise', 'pretend', 'afford', 'hesitate', 'strive', 'struggle'];
/**
 * Their forms that are never a noun: the past and participle, the -s forms no noun has ("seems", "tends"), and the
 * words that take "to" as those verbs do ("able to", "unable to", "ought to").
 */
const TO_TAKING_VERB_FORMS = new Set([...TO_TAKING_VERBS.map(pastOf), 'tried', 'chose', 'chosen', 'learnt', 'strove', 'striven',
  'seems', 'tends', 'manages', 'refuses', 'decides', 'intends', 'expects', 'fails', 'prefers', 'continues', 'learns', 'agrees', 'pretends',
  'affords', 'hesitates', 'strives', 'chooses', 'able', 'unable', 'ought']);
/** Their -s forms that are a noun's plural as well ("the plans include", "special needs require"): a verb only after a singular subject. */
const TO_TAKING_NOUN_S = new Set(['aims', 'wants', 'needs', 'tries', 'attempts', 'plans', 'hopes', 'wishes', 'promises', 'struggles']);
/** Their -ing forms ("trying to", "planning to"). */
const TO_TAKING_ING = new Set(TO_TAKING_VERBS.map((v) => (/e$/.test(v) && !/ee$/.test(v) ? v.slice(0, -1) : /^(plan|prefer)$/.test(v) ? v + v.slice(-1) : v) + 'ing'));
/** Their base forms, a verb after a subject pronoun or a modal ("we want", "will need", "don't want"). */
const TO_TAKING_BASE = new Set([...TO_TAKING_VERBS, 'choose']);
/** Pronouns that are a singular verb's subject ("it needs"), and a plural one's or the base form's ("we need", "I want"). */
const SINGULAR_SUBJECTS = new Set(['he', 'she', 'it', 'this', 'that', 'which', 'who', 'one', 'everyone', 'someone', 'nobody']);
const BASE_SUBJECTS = new Set(['i', 'you', 'we', 'they', 'who', 'can', 'could', 'will', 'would', 'shall', 'should', 'may', 'might', 'must',
  "don't", "doesn't", "didn't", 'do', 'does', 'did', 'not']);

function pastOf(v: string): string {
  return /e$/.test(v) ? `${v}d` : /[^aeiou]y$/.test(v) ? `${v.slice(0, -1)}ied` : /^(plan|prefer)$/.test(v) ? `${v}${v.slice(-1)}ed` : `${v}ed`;
}

/**
 * Is `word` a verb's bare form that has lost its "to" after a verb that takes one ("The rule aims reduce potential
 * bugs", "the build failed finish", "we decided remove it")? `prev` is the word before it, `before` the four before
 * that, nearest last (each in the same sentence, as written), with only blanks between `prev` and the word. The word
 * must be a verb and nothing else the lexicon knows (no noun, no modifier: "needs work", "tried hard", "seems fine"
 * are whole), in its base form, and the word before one of TO_TAKING_VERBS' forms read as the verb: a form no noun
 * has; an -s form after a subject pronoun, or after a singular noun with a determiner among the three words before
 * it ("it needs", "the rule aims", "the `no-eq-null` rule aims"; "the plans include" is a plural noun and its verb,
 * and "special needs require" and "customer wishes differ" are one noun phrase); or the base form after a subject
 * pronoun or a modal. The fix is "to" put back before it (findings.ts, forcedCandidates).
 */
export function missingInfinitiveTo(text: string, before: readonly string[], prev: Span, word: Span, lex: GrammarLexicon): boolean {
  const w = word.text, p = prev.text.toLowerCase();
  if (!/^\p{Ll}+$/u.test(w) || !isBlankGap(text.slice(prev.end, word.start)) || runsOn(text, word.end)) return false;
  const b = before[before.length - 1]?.toLowerCase();
  const determined = before.slice(-4, -1).some((x) => DETERMINERS.has(x.toLowerCase()) && x.toLowerCase() !== 'to');
  const verbRead = TO_TAKING_VERB_FORMS.has(p) ||
    (TO_TAKING_NOUN_S.has(p) && b !== undefined && (SINGULAR_SUBJECTS.has(b) || (determined && singularNoun(b, lex)))) ||
    (TO_TAKING_BASE.has(p) && b !== undefined && BASE_SUBJECTS.has(b));
  // In its base form ("aims reduces" is another slip).
  return verbRead && bareVerb(w, lex);
}

/**
 * Can `p` (lower case) be the verb before a lost "to" that missingInfinitiveTo reads: one of TO_TAKING_VERBS' forms? A
 * screen for callers that ask it of every word (findings.ts, forcedCandidates) before they gather the words before it.
 */
export function takesInfinitive(p: string): boolean {
  return TO_TAKING_VERB_FORMS.has(p) || TO_TAKING_NOUN_S.has(p) || TO_TAKING_BASE.has(p);
}

/** Verbs whose object an infinitive follows ("allows you to load", "enables users to run"). */
const OBJECT_THEN_TO = new Set(['allow', 'allows', 'allowed', 'allowing', 'enable', 'enables', 'enabled', 'enabling', 'permit', 'permits',
  'permitted', 'force', 'forces', 'forced', 'cause', 'causes', 'caused', 'ask', 'asks', 'asked', 'tell', 'tells', 'told', 'require',
  'requires', 'required', 'want', 'wants', 'wanted', 'expect', 'expects', 'expected']);
/** The objects OBJECT_THEN_TO's verbs take before "to" that rule reads: pronouns and "users". */
const OBJECTS_BEFORE_TO = new Set(['you', 'them', 'us', 'me', 'him', 'her', 'it', 'users']);

/**
 * The bare form of `word`, a verb's -ing form where an infinitive belongs: after "to" (and an -ly adverb between, as
 * `words` hold them: the sentence's words up to and with the word, as typed) that a verb taking an infinitive governs,
 * right before it or past an object ("we want to loading", "trying to automatically generating a mock" → generate,
 * "allows you to dynamically loading new rules" → load). "to" as a preposition takes an -ing form ("look forward to
 * seeing", "switch to using"): only these verbs' "to" is read. Else undefined.
 */
export function ingAfterTo(text: string, words: readonly Span[], lex: GrammarLexicon): string | undefined {
  const n = words.length, word = words[n - 1], w = word.text;
  if (n < 3 || !/^\p{Ll}+ing$/u.test(w) || runsOn(text, word.end)) return undefined;
  let k = n - 2;
  if (/ly$/.test(words[k].text) && !FUNCTION_WORDS.has(words[k].text.toLowerCase())) k--;
  if (k < 1 || words[k].text.toLowerCase() !== 'to') return undefined;
  for (let j = k; j < n - 1; j++) if (!isBlankGap(text.slice(words[j].end, words[j + 1].start))) return undefined;
  const g = words[k - 1].text.toLowerCase();
  if (!isBlankGap(text.slice(words[k - 1].end, words[k].start))) return undefined;
  const governs = TO_TAKING_VERB_FORMS.has(g) || TO_TAKING_BASE.has(g) || TO_TAKING_ING.has(g) ||
    (k >= 2 && OBJECTS_BEFORE_TO.has(g) && OBJECT_THEN_TO.has(words[k - 2].text.toLowerCase()) && isBlankGap(text.slice(words[k - 2].end, words[k - 1].start)));
  if (!governs) return undefined;
  return ingVerb(w, lex);
}

/** Is w (lower case) a singular noun: a noun the lexicon knows and no modifier, not a plural one, no function word? */
function singularNoun(w: string, lex: GrammarLexicon): boolean {
  return /^\p{Ll}+$/u.test(w) && !FUNCTION_WORDS.has(w) && lex.isWord(w) && lex.canBe(w, 'noun') && !lex.canBe(w, 'modifier') &&
    !pluralNoun(w, lex) && !/s$/.test(w);
}

/** The original's capital first letter carried over ("The cat" → "Cat" when "The" is dropped). */
function withCase(original: string, text: string): string {
  return /^\p{Lu}/u.test(original) && !/^I($|['’])/.test(original) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
