// Which words are suspects (the cheap half of the flag rule) and which suspects become findings (the
// REPLACE half). Pure: the model's numbers come in, decisions go out.
import { articleFix, type SoundSource } from './articles';
import { applyCase, type Candidate, type Source } from './candidates';
import { agreementCue, agreementKind, confusionCues, nounNumberAt, nounNumberCue, startsSentence, subjectNumberAt } from './channel';
import { isGrammarPair } from './confusables';
import { IRREGULAR_VERBS } from './data/irregularVerbs';
import { bareAfterBe, closedCompound, confusionsAt, doubledComparison, ingAfterTo, leftoverPair, missingInfinitiveTo, nounNumberFixes, pastAfterModal, runsOn, runTogether, slipDouble, takesInfinitive } from './grammar';
import { mayTellNumber } from './subjects';
import { isAuxiliary, type GrammarLexicon } from './wordClasses';
import type { Ranking } from './ranking';
import { isBlankGap } from '../text/words';
import type { Finding, FindingKind, Thresholds } from './types';

export interface Span { start: number; end: number; text: string; sentence: number }

/**
 * A word that gets REPLACE scoring: generated candidates when its pNoise passed the gate, forced ones always.
 * cued: a real word whose neighbours read as one of its alternatives (realWordRank), found with it. favoured: a real
 * word whose window's cloze model reads one of those alternatives far likelier than the word itself (WordTable.prefers,
 * realWordRank). real:
 * isRealWord's answer as suspectsOf found it (a check asks it of every suspect three times, a few thousand of them
 * in a long document); undefined where the suspect was made elsewhere (isRealWord then reads the word).
 */
export interface Suspect { word: number; byNoise: boolean; forced: Candidate[]; cued?: boolean; favoured?: boolean; real?: boolean }

const WORDLIKE = /^[\p{L}][\p{L}'’-]*$/u;

/** Identifiers, paths, URLs, numbers: never proofread as words. */
export function looksLikeCode(w: string): boolean {
  return /[\d_/\\@#=<>{}[\]|~^*+$%&]|:\/\/|\.\w/.test(w) || /\p{Ll}\p{Lu}/u.test(w) || /^\p{Lu}{2,}\p{Ll}/u.test(w);
}

/** What the flag rule reads of a scored document: its words in text order and their scores, index by index. */
export interface WordTable {
  text: string;
  words: Span[];
  energy: number[];
  surprisal: number[];
  pNoise: number[];
  /** false for ignored words and code: never suspects */
  checkable: boolean[];
  isWord(w: string): boolean;
  /** first sounds for a/an (CMUdict through the lexicon); without it no article is forced */
  sounds?: SoundSource;
  /** agreement fixes of a word after prev (grammar.ts, agreementFixes), offered below the gate; without it none are */
  agreement?: { agreementFixes(w: string, prev?: string, next?: string): string[] };
  /** a non-word that must be a suspect whatever its energy (candidates.ts, CandidateGenerator.mustCheck) */
  mustCheck?(w: string): boolean;
  /** word classes for the cues of the words around a suspect (wordClasses.ts); without it no suspect is cued */
  grammar?: GrammarLexicon;
  /**
   * Does the cloze row word i was scored from read one of these texts in its place far likelier than the word itself
   * (wordScores.ts, clozePrefers and FAVOURED_MARGIN)? Without it no suspect is favoured.
   */
  prefers?(i: number, texts: readonly string[]): boolean;
}

/**
 * Do the n words from `first` come again right after themselves, in one sentence, every word checked and every gap
 * blank ("in the in the")? Not when every word is the same ("the the the the" is the doubled word, said once there),
 * nor when the second copy begins with a capital: a name said twice is a title ("New York New York"); nor when it
 * runs on into a compound or a path ("Sync vs Async vs Async/Await": the copies are not alike); nor when the phrase
 * begins with an auxiliary, where one clause may end as the next goes on ("whose parent directory is ignored is
 * ignored as well").
 */
function doubledPhrase(t: WordTable, first: number, n: number): boolean {
  const { words, checkable, text } = t;
  // The copies first (every word of a document is asked, and all but a few fail here), then the rest.
  for (let k = first + n; k < first + 2 * n; k++) {
    if (words[k].text.toLowerCase() !== words[k - n].text.toLowerCase()) return false;
  }
  const same = words[first].sentence;
  for (let k = first; k < first + 2 * n; k++) {
    if (words[k].sentence !== same || !checkable[k] || !WORDLIKE.test(words[k].text)) return false;
    if (k > first && !/^\s+$/.test(text.slice(words[k - 1].end, words[k].start))) return false;
  }
  return !/^\p{Lu}/u.test(words[first + n].text) && new Set(words.slice(first, first + n).map((x) => x.text.toLowerCase())).size > 1 &&
    !runsOn(text, words[first + 2 * n - 1].end) && !isAuxiliary(words[first].text);
}

/** The personal pronouns that are only ever a subject, in any case; "it" and "you" are an object as often. */
const NOMINATIVE_PRONOUNS = /^(he|she|i|we|they)$/i;
const SUBJECT_OR_OBJECT = /^(it|you)$/i;

/**
 * Is the pronoun at word i a subject: a nominative one, or "it"/"you" where no verb stands right before it to take it
 * as its object ("Because it transmit", "the ideas it use"; not "the mock the system would provide you isn't").
 */
function pronounSubject(t: WordTable, i: number): boolean {
  const p = t.words[i];
  if (NOMINATIVE_PRONOUNS.test(p.text)) return true;
  if (!SUBJECT_OR_OBJECT.test(p.text) || !t.grammar) return false;
  const b = t.words[i - 1];
  if (!b || b.sentence !== p.sentence || !/^\s+$/.test(t.text.slice(b.end, p.start))) return true;
  const x = b.text.toLowerCase();
  const lemmas = [x, x.replace(/e?s$/, ''), x.replace(/ies$/, 'y'), x.replace(/e?d$/, ''), x.replace(/ied$/, 'y'), x.replace(/(.)\1ed$/, '$1')];
  return !lemmas.some((l) => l.length >= 2 && t.grammar!.canBe(l, 'verb')) && !IRREGULAR_FORMS.has(x);
}
/** The irregular verbs' past forms and participles ("gave", "told", "made"), which take an object like their base. */
const IRREGULAR_FORMS = new Set(IRREGULAR_VERBS.flatMap(([, past, part]) => [...past.split('|'), ...part.split('|')]));

/** "i" and its contractions ("i'm", "i've", "i'll", "i'd"), the pronoun in lower case. */
const LOWER_PRONOUN = /^i(?:['’](?:m|ve|ll|d))?$/;

/**
 * The fixes word i gets whatever its pNoise: deleting it when it doubles the word before (or ends a doubled phrase of two
 * or three words, which then goes), either of it and the next when the two are a rewrite's leftover (leftoverPair),
 * a/an before a sound, "I" for a lower-case "i" standing alone, a comparison made twice without its "more" or "most",
 * "to" put back before a bare verb after a verb that takes it, a closed compound split in two joined, a participle
 * for a bare verb after "be", the other number of a verb after a personal pronoun that disagrees with it, a phrase
 * run together split, a verb's bare form for its -ed form after a modal.
 */
export function forcedCandidates(t: WordTable, i: number): Candidate[] {
  const { words, checkable, text } = t;
  const w = words[i], prev = words[i - 1], next = words[i + 1];
  const forced: Candidate[] = [];
  const before = i > 1 && words[i - 2].sentence === w.sentence ? words[i - 2].text : undefined;
  if (prev && prev.text.length === w.text.length && prev.sentence === w.sentence && checkable[i - 1] &&
      prev.text.toLowerCase() === w.text.toLowerCase() && WORDLIKE.test(w.text) && /^\s+$/.test(text.slice(prev.end, w.start)) &&
      slipDouble(text, prev.text, w.text, w.end, before)) {
    // The pair is the finding ("the the" → "the"), as other checkers and the gold data report it.
    forced.push({ text: prev.text, start: prev.start, end: w.end, prior: 3, sources: ['delete'] });
  }
  // A doubled phrase of two or three words ("during the during the transition"): one copy goes, as for a word.
  for (const n of [2, 3]) {
    const first = i - 2 * n + 1;
    if (first < 0 || !doubledPhrase(t, first, n)) continue;
    forced.push({ text: text.slice(words[first].start, words[first + n - 1].end), start: words[first].start, end: w.end, prior: 3, sources: ['delete'] });
  }
  // Two words English never writes in a row (grammar.ts, leftoverPair: "a an `if` block", "the those options"): an
  // edit's leftover; either one goes, and an "a" or "an" kept takes the form the word after the pair asks for, what is
  // read right after it, inline code too ("a an `if` block" -> "an `if` block": the code is read aloud). Not where next
  // is part of a compound or a path ("the your-app config", "the my.cnf file"), nor where a conjunction follows: the
  // words are listed, not used ("the articles are a an and the").
  if (next && leftoverPair(w.text, next.text, startsSentence(words, i)) && next.sentence === w.sentence &&
      checkable[i + 1] && /^\s+$/.test(text.slice(w.end, next.start)) && !/^[-./_\p{L}\p{N}]/u.test(text.slice(next.end, next.end + 1))) {
    const m = /^(\s*)`?(\p{L}[\p{L}'’]*)/u.exec(text.slice(next.end, next.end + 100));
    const after = m && isBlankGap(m[1]) ? m[2] : undefined;
    const sounded = (a: string) => (after && t.sounds && articleFix(a, after, t.sounds)) || a;
    if (!/^(and|or|nor)$/i.test(after ?? '')) {
      for (const kept of new Set([sounded(next.text), sounded(w.text.toLowerCase())])) {
        forced.push({ text: applyCase(w.text, kept), start: w.start, end: next.end, prior: 3, sources: ['leftover'] });
      }
    }
  }
  // The pronoun written in lower case ("when i run it", "i'm not sure"), where "i" stands alone: not a letter joined to
  // a word ("i-th", "i/o") or inside one. The model decides whether it is the pronoun or a letter's or variable's name
  // ("for row i").
  if (LOWER_PRONOUN.test(w.text) && checkable[i] && !/[-/'’]/.test(text[w.start - 1] ?? ' ') && !/[-/'’]/.test(text[w.end] ?? ' ')) {
    forced.push({ text: 'I' + w.text.slice(1), start: w.start, end: w.end, prior: 3, sources: ['pronoun'] });
  }
  // A comparison made twice ("more easier", "most biggest", "more better": grammar.ts, doubledComparison): "more" or
  // "most" goes, whatever the model reads of either word; it decides whether the pair is meant.
  if (next && t.grammar && (w.text === w.text.toLowerCase() || startsSentence(words, i)) && next.sentence === w.sentence && checkable[i + 1] &&
      doubledComparison(text, w, next, words[i + 2]?.sentence === w.sentence ? words[i + 2] : undefined, t.grammar)) {
    forced.push({ text: applyCase(w.text, next.text), start: w.start, end: next.end, prior: 3, sources: ['comparative'] });
  }
  // "to" lost before a bare verb after a verb that takes it ("aims reduce", "failed finish": grammar.ts,
  // missingInfinitiveTo): put back whatever the model reads of the word; it decides whether the pair is meant.
  if (prev && t.grammar && prev.sentence === w.sentence && checkable[i - 1] && checkable[i] && takesInfinitive(prev.text.toLowerCase()) &&
      missingInfinitiveTo(text, [i - 5, i - 4, i - 3, i - 2].flatMap((j) => (j >= 0 && words[j].sentence === w.sentence ? [words[j].text] : [])), prev, w, t.grammar)) {
    forced.push({ text: `to ${w.text}`, start: w.start, end: w.end, prior: 3, sources: ['infinitive'] });
  }
  // A verb's bare form after "be" ("to be show or hidden", "will be recreate": grammar.ts, bareAfterBe): its participle,
  // whatever the model reads of the word; it decides whether the pair is meant.
  const participle = prev && t.grammar && prev.sentence === w.sentence && checkable[i] ? bareAfterBe(text, prev, w, t.grammar) : undefined;
  if (participle) forced.push({ text: participle, start: w.start, end: w.end, prior: 3, sources: ['participle'] });
  // A verb of the other number right after a personal pronoun, its subject ("She have", "they has", "he do not": the
  // agreement cue's subject, subjectNumber, which leaves "let it have" alone; "it" or "you" right after a verb is its
  // object, pronounSubject): its agreement fix, of the kind past the gate. The model reads a verb's number after a
  // pronoun as barely odd ("She have" at pNoise 0.025, the default gate 0.03), so the fix was offered only as a quiet
  // one, whose prior assumes the model's doubt; the pronoun says the number plainly. Measured (2026-12-07): tech-dev two slips more ("they gets hit", "the ArrayBuffers it use"),
  // jfleg-dev two ("it transmit", "if he want"), real-dev and the 218 READMEs flag for flag the same.
  if (prev && t.grammar && t.agreement && prev.sentence === w.sentence && pronounSubject(t, i - 1) && /^\s+$/.test(text.slice(prev.end, w.start))) {
    const subject = subjectNumberAt(text, words, i, t.grammar);
    for (const f of t.agreement.agreementFixes(w.text, prev.text, next?.sentence === w.sentence ? next.text : undefined)) {
      const c: Candidate = { text: applyCase(w.text, f), start: w.start, end: w.end, prior: 3, sources: ['agreement'] };
      if (agreementCue(w.text, c, subject) > 0) forced.push(c);
    }
  }
  // A verb's -ed form after a modal ("will enabled", "can managed": grammar.ts, pastAfterModal): its bare form, whatever
  // the model reads of the word; it decides.
  const notBefore = prev?.text === 'not' && words[i - 2]?.sentence === w.sentence ? prev : undefined;
  const modal = notBefore ? words[i - 2] : prev;
  const bare = modal && t.grammar && modal.sentence === w.sentence && checkable[i]
    ? pastAfterModal(text, modal, notBefore, w, startsSentence(words, notBefore ? i - 2 : i - 1), t.grammar) : undefined;
  if (bare) forced.push({ text: bare, start: w.start, end: w.end, prior: 3, sources: ['modal'] });
  // A verb's -ing form after the "to" of a verb that takes an infinitive ("allows you to dynamically loading":
  // grammar.ts, ingAfterTo): its bare form, of the same kind as a modal's, whatever the model reads; it decides.
  const infinitive = prev && t.grammar && checkable[i] && w.text.endsWith('ing')
    ? ingAfterTo(text, words.slice(Math.max(0, i - 4), i + 1).filter((x) => x.sentence === w.sentence), t.grammar) : undefined;
  if (infinitive) forced.push({ text: infinitive, start: w.start, end: w.end, prior: 3, sources: ['modal'] });
  // A phrase run together ("Infact", "eachother": grammar.ts, runTogether): split, whatever the model reads of it.
  const open = checkable[i] ? runTogether(text, w) : undefined;
  if (open) forced.push({ text: open, start: w.start, end: w.end, prior: 3, sources: ['open'] });
  // A closed compound split ("There fore", "my self", "with out": grammar.ts, closedCompound): joined whatever the
  // model reads of either half; it decides whether the pair is meant.
  const closed = next && next.sentence === w.sentence && checkable[i] && checkable[i + 1] ? closedCompound(text, w, next) : undefined;
  if (closed) forced.push({ text: closed, start: w.start, end: next.end, prior: 3, sources: ['closed'] });
  // An article's first sound is no noun's: "a an" is the pair above (or a list of the articles), not "an an".
  if (next && !/^(a|an|the)$/i.test(next.text) && next.sentence === w.sentence && w.text.length <= 2 && t.sounds && /^\s+$/.test(text.slice(w.end, next.start))) {
    const fix = articleFix(w.text, next.text, t.sounds);
    if (fix) forced.push({ text: fix, start: w.start, end: w.end, prior: 3, sources: ['a/an'] });
  }
  return forced;
}

/**
 * A member of a confusion set (confusables.ts: their/there, its/it's, form/from) is a suspect at this fraction
 * of the gate, with its set's other members as its only candidates: the writer's slip is a real word, so its
 * pNoise is low (the model finds "form" a little odd where "from" belongs, as it finds many a correct word), and
 * the fix, if any, is in its set. Its candidates are their own kinds ('quiet-confusable' for a homophone's set,
 * 'quiet-usage' for a usage set's, confusables.ts; each with a prior of its own: such a word is wrong less
 * often than one over the gate, and a usage slip less often than a homophone's). Measured on
 * bench/data/tech-dev.jsonl's first 2,000 items at sensitivity 0.5 (gate 0.03): every word at a third of the
 * gate caught real-word errors 185 → 219 of 232, every new catch a confusion-set member, at 4.4× the time
 * (168 → 746 s); the members with all their generated candidates, the same 219 at 3.1×; with their set's
 * members alone, the same 219 at 1.24× (208 s), before the re-fit that gave them their own prior. A word whose
 * fix would be its agreement (is → are, a verb's -s: grammar.ts, agreementFixes) is a suspect there too, its
 * agreement fixes of a kind of their own ('quiet-agreement'): "the list contain", "this mean that" read as a
 * little odd, as "form" for "from" does.
 */
export const CONFUSABLE_GATE = 1 / 3;

/**
 * Below CONFUSABLE_GATE, the members of word i's confusion set that the words around it read in its place (the
 * confusion cue: confusionCue.ts; "a new commit, who's parent is c" → whose, "determine weather submodules
 * should" → whether), as its quiet candidates: the rule is evidence the model's score does not carry, and the model
 * can be sure of a slip it reads past ("who's" there at pNoise 0.008, the gate's third 0.01). REPLACE still decides,
 * the cue in its channel. Measured on the dev sets (2026-12-06): tech-dev three slips more ("who's parent",
 * "weather submodules should", "it's functionalities are"), real-dev, its documents and jfleg-dev flag for flag the
 * same, the 218 READMEs too; the speed document's warm pass within noise.
 */
function readMembers(t: WordTable, i: number): Candidate[] {
  if (!t.grammar) return [];
  const members = quietAlternatives(t, i, false);
  if (!members.length) return [];
  const cues = confusionCues(t.text, t.words, i, members, t.grammar);
  return members.filter((_, k) => cues[k] > 0);
}

/**
 * Below the gate, a noun whose determiner tells the other number ("There are several reason.", "a users guide" is
 * no such: subjects.ts, nounNumber) gets that other number as past the gate ('number', grammar.ts nounNumberFixes),
 * which the noun-number cue then prices (channel.ts, NOUN_CUE): the model reads a noun's number as barely odd
 * ("several reason" at pNoise 0.029, the default gate 0.03), where the determiner says it plainly.
 */
function readNumber(t: WordTable, i: number): Candidate[] {
  if (!t.grammar) return [];
  const w = t.words[i];
  const prev = sameSentence(t, i, i - 1);
  if (!mayTellNumber(prev?.toLowerCase(), sameSentence(t, i, i - 2)?.toLowerCase())) return [];
  const next = sameSentence(t, i, i + 1);
  const fixes = nounNumberFixes(w.text, prev, t.grammar, next).map((f): Candidate => ({ text: f, start: w.start, end: w.end, prior: 3, sources: ['number'] }));
  if (!fixes.length) return [];
  const noun = nounNumberAt(t.text, t.words, i, t.grammar);
  return fixes.filter((c) => nounNumberCue(w.text, c, noun) > 0);
}

/** The text of word j where it stands in word i's sentence, else undefined. */
function sameSentence(t: WordTable, i: number, j: number): string | undefined {
  const x = t.words[j];
  return x !== undefined && x.sentence === t.words[i].sentence ? x.text : undefined;
}

/** a and b together, a candidate of b that a has (its span and text) joining its kinds to a's. */
function joinCandidates(a: Candidate[], b: Candidate[]): Candidate[] {
  const out = [...a];
  for (const c of b) {
    const k = out.findIndex((x) => x.start === c.start && x.end === c.end && x.text === c.text);
    if (k < 0) out.push(c);
    else out[k] = { ...out[k], sources: [...new Set([...out[k].sources, ...c.sources])] };
  }
  return out;
}

/**
 * Word i's agreement fixes and its confusion set's other members, of the quiet kinds (CONFUSABLE_GATE); without
 * `agreement`, the members alone (those that are no agreement fix). Most words are in no set, and their
 * agreement fixes are then asked for only where they are offered.
 */
function quietAlternatives(t: WordTable, i: number, agreement = true): Candidate[] {
  const w = t.words[i];
  const prev = sameSentence(t, i, i - 1), next = sameSentence(t, i, i + 1);
  const quiet = (c: string, source: Source): Candidate => ({ text: applyCase(w.text, c), start: w.start, end: w.end, prior: 3, sources: [source] });
  const members = confusionsAt(w.text, prev, next);
  if (!agreement && !members.length) return [];
  const agree = t.agreement?.agreementFixes(w.text, prev, next) ?? [];
  return [...(agreement ? agree.map((c) => quiet(c, 'quiet-agreement')) : []),
    ...members.filter(([c]) => !agree.includes(c)).map(([c, kind]) => quiet(c, kind === 'usage' ? 'quiet-usage' : 'quiet-confusable'))];
}

/**
 * Suspects: checkable words whose pNoise passes pNoiseGate or that are non-words with a close correction
 * (they get generated candidates), members of a confusion set or words with an agreement fix over
 * CONFUSABLE_GATE of it (their set's other members, their agreement fixes), members of a confusion set below it
 * whose neighbours read another member in their place (readMembers), plus doubled words and phrases, a
 * rewrite's leftover pairs and a/an (forcedCandidates).
 */
export function suspectsOf(t: WordTable, pNoiseGate: number): Suspect[] {
  const out: Suspect[] = [];
  t.words.forEach((w, i) => {
    if (!t.checkable[i]) return;
    const forced = forcedCandidates(t, i);
    const byNoise = t.pNoise[i] >= pNoiseGate || (t.mustCheck?.(w.text) ?? false);
    if (!byNoise) forced.push(...joinCandidates(t.pNoise[i] >= pNoiseGate * CONFUSABLE_GATE ? quietAlternatives(t, i) : readMembers(t, i), readNumber(t, i)));
    if (!byNoise && !forced.length) return;
    const s: Suspect = { word: i, byNoise, forced };
    s.real = isRealWord(s, t);
    if (s.real) {
      const alternatives = alternativesOf(s, t);
      if (isCued(s, alternatives, t)) s.cued = true;
      if (alternatives.length > 0 && t.prefers?.(i, alternatives.map((c) => c.text))) s.favoured = true;
    }
    out.push(s);
  });
  return out;
}

/**
 * The suspects a check scores first, most promising first: doubled words and a/an (their fix is known), then
 * non-words (spelling errors: REPLACE confirms them reliably), then real words by realWordRank; ties in text order.
 * Forced and non-word suspects are all kept. Real words that only passed the pNoise gate or are quiet (a
 * confusion-set member or an agreement fix below it) are capped at MIN_SUSPECTS or one per SUSPECT_WORDS words of
 * the text, the highest rank first: there are about as many of them as half a technical document's words (5,458
 * of 10,326 in bench/data/speed-10k.md at sensitivity 0.5; 1,860 of them with a candidate the cloze screen keeps,
 * replacePlans.ts), and scoring those took 9.5 s on 2 cores, where the whole check of the capped ones takes 3.
 * The rest come in later rounds while they pay (suspectRounds). check scores the kept ones in chunks
 * (replaceChunks.ts), so a superseded check stops between chunks and keeps what it scored.
 */
export const MIN_SUSPECTS = 16;
export const SUSPECT_WORDS = 250;

export function prioritise(suspects: Suspect[], t: WordTable): Suspect[] {
  return suspectRounds(suspects, t).kept;
}

/**
 * prioritise's suspects (kept), and `next`, which gives the rounds after them: the real words its cap left out, in
 * its order (realWordRank, ties in text order), a cap's worth a call ([] once none is left), the rounds a check
 * scores after the first while the round before flagged a real word (pipeline.ts, MIN_ROUND_YIELD). Most of a
 * document's suspects are real words that read a little odd where they stand, and the cap keeps a clean document's
 * check short; but a document with many real-word slips has more of them than a cap, and they rank high: such a
 * round pays, and the next one is taken. A round that flags none says the words ranked below it hold few slips
 * (bench/long-doc.mjs: 200 planted errors in 10,000 words, the real words' rounds flagged 35, 24, 2, 4, 1, 2, 1, 3,
 * 1, then none; a clean 10,000-word document's first round flags none).
 * Each round is picked as the cap is (best), from one ranking of the suspects: a check takes one or two rounds of
 * thousands of real words, and a sort of them all, in a second pass over the suspects, cost a re-check of
 * bench/data/speed-10k.md ~2.5 ms (measured 2026-12-07, --cpu-prof of 200 edits; mostly the memory of thousands of
 * objects read again: timed alone, on objects just read, 0.3 ms).
 */
export function suspectRounds(suspects: Suspect[], t: WordTable): { kept: Suspect[]; next: () => Suspect[]; real: number } {
  // Ranked: forced 2e6 + ..., non-words 1e6 + pNoise, real words realWordRank (at most 2), so every real word
  // ranks below the rest.
  const rest: Ranked[] = [], real: Ranked[] = [];
  for (const s of suspects) {
    const isReal = isRealWord(s, t);
    (isReal ? real : rest).push({ s, r: isReal ? realWordRank(s, t) : (s.forced.length ? 2e6 : 1e6) + t.pNoise[s.word] });
  }
  const cap = capOf(t), first = best(real, cap, byRank);
  let left: Ranked[] | undefined;
  const next = () => {
    if (!left) { const taken = new Set(first); left = real.filter((x) => !taken.has(x)); }
    const round = best(left, cap, byRank);
    if (round.length > 0) {
      const picked = new Set(round);
      left = left.filter((x) => !picked.has(x));
    }
    return round.map(({ s }) => s);
  };
  return { kept: [...rest.sort(byRank), ...first].map(({ s }) => s), next, real: real.length };
}

/**
 * A real word's place in the cap: its pNoise, plus 1 when the words around it read as one of its alternatives
 * (cued): an agreement fix that takes its subject's number, a confusion-set member the next words read as
 * (channel.ts, agreementCue and confusionCue; the cues the flag rule prices), as suspectsOf found it (s.cued);
 * plus 1 when the cloze row its window was scored from reads one of them far likelier than the word (s.favoured:
 * "form" where q puts "from" above it; wordScores.ts, FAVOURED_MARGIN). Such a word is a likelier slip than any
 * other, and neither reading costs a model run, so a long document's cap keeps them first. bench/long-doc.mjs
 * (10,005 words, 200 planted errors): with the cue alone the document whole caught 183, its paragraphs checked one by
 * one 186 (the cap is per document); with the cloze's preference too, 185 ("than" for "then", "form" for "from"
 * now in the first rounds), the same seven flags on no planted error. q cannot say it of a word of several pieces
 * ("weather", "who's"), which the rounds alone reach.
 */
export function realWordRank(s: Suspect, t: WordTable): number {
  return t.pNoise[s.word] + (s.cued ? 1 : 0) + (s.favoured ? 1 : 0);
}

/** A real suspect's alternatives: its forced candidates on its span, and for a word past the gate the quiet ones it was not given. */
function alternativesOf(s: Suspect, t: WordTable): Candidate[] {
  const w = t.words[s.word];
  return [...s.forced.filter((c) => c.start === w.start && c.end === w.end), ...(s.byNoise ? quietAlternatives(t, s.word) : [])];
}

/**
 * Do the words around suspect s read as one of its alternatives (alternativesOf)? False without the lexicon's word
 * classes (t.grammar).
 */
function isCued(s: Suspect, alternatives: Candidate[], t: WordTable): boolean {
  if (!t.grammar) return false;
  const w = t.words[s.word];
  if (alternatives.length === 0) return false;
  // The words' cues alone (the lexicon's, wordCues, price a non-word's fixes and order no suspect): a confusion cue,
  // else an agreement cue, whose subject is read only where an alternative is an agreement fix.
  if (confusionCues(t.text, t.words, s.word, alternatives, t.grammar).some((c) => c > 0)) return true;
  if (!alternatives.some(agreementKind)) return false;
  const subject = subjectNumberAt(t.text, t.words, s.word, t.grammar);
  return alternatives.some((c) => agreementCue(w.text, c, subject) > 0);
}

interface Ranked { s: Suspect; r: number }

/** Higher rank first; ties in text order. */
const byRank = (a: Ranked, b: Ranked) => b.r - a.r || a.s.word - b.s.word;

/**
 * The first n of items in the order `cmp` sorts them, in that order, without sorting them all: the gate
 * passes a fifth of a document's words and the cap keeps one in 250, so most are turned away by one comparison.
 */
function best<T>(items: T[], n: number, cmp: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  for (const x of items) {
    if (top.length === n && cmp(x, top[n - 1]) >= 0) continue;
    let lo = 0, hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(top[mid], x) <= 0) lo = mid + 1; else hi = mid;
    }
    top.splice(lo, 0, x);
    if (top.length > n) top.pop();
  }
  return top;
}

/**
 * The realWordRank a real word needed to be scored (the lowest one of those scored, the first pass's rounds
 * together, when some of the document's `realSuspects` real-word suspects were left out, else 0): a second look at
 * a sentence (secondLook.ts) keeps the real words that would have made it.
 */
export function realWordCutoff(realSuspects: number, scored: Suspect[], t: WordTable): number {
  const real = scored.filter((s) => isRealWord(s, t));
  if (realSuspects <= real.length) return 0;
  return Math.min(...real.map((s) => realWordRank(s, t)));
}

const QUIET: readonly Source[] = ['quiet-confusable', 'quiet-usage', 'quiet-agreement'];

/**
 * A suspect only for its pNoise: a known word with no forced fix but its confusion set's members (the capped
 * kind).
 */
export function isRealWord(s: Suspect, t: WordTable): boolean {
  return s.real ?? (s.forced.every((c) => c.sources.length === 1 && QUIET.includes(c.sources[0])) && t.isWord(t.words[s.word].text));
}

function capOf(t: WordTable): number {
  return Math.max(MIN_SUSPECTS, Math.floor(t.words.length / SUSPECT_WORDS));
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

/** The flag rule's thresholds and how many suggestions a finding carries. */
export interface FlagRule { th: Thresholds; maxSuggestions: number }

const GRAMMAR_SOURCES: readonly Source[] = ['a/an', 'leftover', 'pronoun', 'agreement', 'quiet-agreement', 'verb-number', 'number', 'verb-form', 'article', 'to', 'comparative', 'infinitive', 'participle', 'modal'];

function kindOf(word: string, best: Candidate, isWord: (w: string) => boolean): FindingKind {
  if (best.sources.includes('delete')) return 'repeated';
  if ((!isWord(word) && !best.sources.includes('join')) || best.sources.includes('closed') || best.sources.includes('open')) return 'spelling';
  if (best.sources.some((k) => GRAMMAR_SOURCES.includes(k))) return 'grammar';
  return isGrammarPair(word, best.text) ? 'grammar' : 'word-choice';
}

/**
 * The REPLACE half of the flag rule, one noisy-channel decision: the ranking's totals are -log posterior
 * (context and channel, ranking.ts), so original.total − best.total is log p(c | ctx) + log P(x | c) −
 * log p(x | ctx) − log P(x | x), and the word is flagged when that exceeds tau (the sensitivity's knob).
 * The finding covers the best candidate's span; its suggestions are the candidates for that same span,
 * best first; its score is the posterior that the original is wrong, 1 − p(original). `flagged` says
 * whether the rule flags it (check reports only those; rank reports the verdict either way).
 */
export function verdict(t: WordTable, replaced: { word: number; ranking: Ranking; cands: Candidate[] },
  rule: FlagRule): { finding: Finding; flagged: boolean } | undefined {
  const { ranking, cands } = replaced;
  const best = ranking.candidates[0];
  if (!best) return undefined;
  const w = t.words[replaced.word];
  const bc = cands[best.index];
  const flagged = ranking.original.total - best.total > rule.th.tau;
  const suggestions = ranking.candidates
    .filter((r) => cands[r.index].start === bc.start && cands[r.index].end === bc.end)
    .slice(0, rule.maxSuggestions)
    .map((r) => ({ text: cands[r.index].text, p: r.p }));
  const i = replaced.word;
  return {
    flagged,
    finding: {
      start: bc.start, end: bc.end, word: t.text.slice(bc.start, bc.end), energy: t.energy[i], pNoise: t.pNoise[i],
      surprisal: t.surprisal[i], score: 1 - ranking.original.p, kind: kindOf(w.text, bc, t.isWord), suggestions,
    },
  };
}

/** Overlapping findings (a doubled word also flagged on its own): the surer one stays. */
export function dropOverlaps(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => b.score - a.score);
  const kept: Finding[] = [];
  for (const f of sorted) if (!kept.some((k) => k.start < f.end && f.start < k.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}
