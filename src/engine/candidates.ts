// Replacement candidates for one suspicious word: the cloze model's own proposals at that position,
// spelling neighbours, confusion sets, split/joined words, deleting a doubled word, and the grammar kinds
// of grammar.ts (agreement, verb forms, articles, "to", compounds, comparatives). Capped by a cheap prior;
// REPLACE scoring (ranking.ts) decides among them in context, each source priced by the channel (channel.ts).
import { ownLexicon } from './attested';
import { LISTED_OWN, logOwn, ownFeatures, type OwnLexicon } from './channel';
import { agreementFixes, confusionsAt, GrammarKind, grammarCandidates, slipDouble } from './grammar';
import { loadLexicon } from './lexicon';
import type { Dialect } from './dialects';
import { listedFixes } from './misspellings';
import { isSlip } from './edits';
import { editCost, type Lexicon, type Neighbour, type WordClass } from './spelling';
import { isBlankGap } from '../text/words';
import { BARE_MODALS, isFunctionWord } from './wordClasses';
import { memoByWord, type WordMemo } from '../text/lru';
import { cacheBudgets } from './cacheBudgets';

/** 'a/an': the article that fits the next word's first sound (articles.ts, CMUdict), forced whatever its pNoise. */
/** 'leftover': one of two words English never writes in a row ("a an", "the those") left out, forced whatever its pNoise (findings.ts). */
/** 'quiet-confusable', 'quiet-usage': a confusion-set member below the pNoise gate, offered its set (findings.ts, CONFUSABLE_GATE). */
/** 'quiet-agreement': a word below the gate offered its agreement fixes (grammar.ts, agreementFixes). */
/** 'pronoun': "I" for a lower-case "i" standing alone, forced whatever its pNoise (findings.ts): the pronoun, or a letter or variable's name. */
/** 'participle': a verb's participle for its bare form after "be" (grammar.ts, bareAfterBe: "be show"), forced whatever its pNoise (findings.ts). */
/** 'modal': a verb's bare form for its -ed form after a modal (grammar.ts, pastAfterModal: "will enabled"), forced whatever its pNoise (findings.ts). */
/** 'open': a phrase run together split (grammar.ts, runTogether: "infact" → "in fact"), forced whatever its pNoise (findings.ts). */
/** 'closed': a closed compound typed in two words joined (grammar.ts, closedCompound: "there fore"), forced whatever its pNoise (findings.ts). */
/** 'infinitive': "to" put back before a bare verb after a verb that takes it (grammar.ts, missingInfinitiveTo), forced whatever its pNoise (findings.ts). */
/** 'listed': a fix a list of known misspellings gives the word (misspellings.ts). 'slip': a word a non-word is one typing slip of (edits.ts). */
export type Source = 'cloze' | 'spelling' | 'listed' | 'slip' | 'confusable' | 'usage' | 'quiet-confusable' | 'quiet-usage' | 'quiet-agreement' | 'split' | 'join' | 'delete' | 'a/an' | 'leftover' | 'pronoun' | 'infinitive' | 'closed' | 'open' | 'participle' | 'modal' | GrammarKind;

/** Replace text[start, end) with text. Most candidates replace the word itself; joins and deletes reach further. */
export interface Candidate { text: string; start: number; end: number; prior: number; sources: Source[] }

export interface Span { start: number; end: number; text: string }

export interface WordContext {
  text: string;            // the whole checked text (for the gaps between words)
  word: Span;
  prev?: Span;             // neighbours in the same sentence
  next?: Span;
  /** the word before prev in the same sentence, when the word doubles prev ("that that that": licensedDouble) */
  beforePrev?: Span;
}

/**
 * The cloze model's proposals at the word's first piece: ids best first with their log q. Only for a
 * one-piece word: at the first of several pieces q sees the word's own continuation pieces and proposes
 * prefixes that fit them ("prem" for "rec" in "rec ##ie ##ved"), not replacements for the word.
 */
export interface ClozeProposals { ids: ArrayLike<number>; logq: ArrayLike<number> }

/**
 * Prefixes English never writes as a word of their own ("un", "re", "pre", "non"), though a lexicon of the model's
 * whole-word pieces holds some of them: a split that leaves one alone ("unarchived" → "un archived", "reformats" → "re
 * formats") is no fix of a run-together slip but the prefixed word taken apart.
 */
const BOUND_PREFIXES = new Set(['un', 're', 'pre', 'dis', 'mis', 'non', 'sub', 'anti', 'semi', 'multi', 'inter', 'pseudo', 'hyper']);
export const MAX_CANDIDATES = 30;
/**
 * Letters a non-word needs before words three edits away are its candidates (CandidateGenerator.far), and the
 * most it may have: the search reads every three deletes of the word (37 ms at 80 letters, cubic beyond), and
 * a word longer than English spells is no slip of one.
 */
export const FAR_MIN_LENGTH = 7, FAR_MAX_LENGTH = 24;
const ALPHA = /^[\p{L}][\p{L}'’-]*$/u;
/** Prior of each grammar kind in the candidate cap (confusables 3, spelling neighbours up to ~3.6). */
const GRAMMAR_PRIOR: Record<GrammarKind, number> = { agreement: 2.5, 'verb-number': 2.5, number: 2.5, 'verb-form': 2, article: 1.6, to: 1.2, compound: 1.5, comparative: 2.5 };

/** Case of the original carried to the candidate: ALL CAPS stays, a capital first letter stays. */
export function applyCase(original: string, candidate: string): string {
  if (candidate === '') return candidate;
  if (/^i($|['’])/.test(candidate)) candidate = 'I' + candidate.slice(1);   // the pronoun is always capital
  const letters = original.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    return candidate.toUpperCase();
  }
  const first = original.charAt(0);
  // "I" is capital wherever it stands, so its capital says nothing about the candidate.
  if (first !== first.toLowerCase() && !/^I($|['’])/.test(original)) {
    return candidate.charAt(0).toUpperCase() + candidate.slice(1);
  }
  return candidate;
}

/**
 * Is w, as typed, a word of the lexicon (which looks words up in any case)? Any case of a word it spells in lower
 * case ("Install", "INSTALL"); a name (spelling.ts, NAME: "Los", "Fromm", "Yong") as spelt or in capitals but not
 * in lower case, as Hunspell reads its dictionaries' case: "los" for "lot", "fromm" for "from", "yong" for "young"
 * are slips, and a name a writer keeps in lower case is jargon the model decides on in context like any word the
 * lexicon lacks (the model's own lower-case pieces, "linux", "github", stay words: CandidateGenerator.isWord).
 * One letter is exempt: "i" is "I" typed in a hurry, and "it" or "a" no better a reading of it.
 */
export function inLexicon(w: string, lex: Pick<Lexicon, 'lookup' | 'isName'>): boolean {
  if (lex.lookup(w) === undefined) return false;
  return w.length < 2 || w !== w.toLowerCase() || !lex.isName(w);
}

/** canBe's word classes as bits of one number (CandidateGenerator's memo of them). */
const CLASS_BITS: Record<WordClass, number> = { verb: 1, noun: 2, modifier: 4 };

export class CandidateGenerator {
  private readonly pieces: Set<string>;
  private readonly wholeMemo = new Map<string, boolean>();
  /**
   * isWord remembered by word (cacheBudgets.ts, wordFacts), as canBe is (classes): the grammar rules and cues ask them
   * of every suspect's neighbours, tens of thousands of times in a long document's check, each a search of the
   * lexicon. The one memo of isWord: a check's word facts read it too (wordScores.ts, factsOf).
   */
  readonly knownWords: WordMemo<boolean> = memoByWord((w) => this.knownWord(w), cacheBudgets().wordFacts);
  private readonly classes = memoByWord((w) => {
    let bits = 0;
    for (const cls of ['verb', 'noun', 'modifier'] as const) if (this.spelling.canBe(w, cls)) bits |= CLASS_BITS[cls];
    return bits;
  }, cacheBudgets().wordFacts);

  /** What a non-word's own prior reads (channel.ts, ownFeatures): the lexicon and the attested words. */
  private readonly own: OwnLexicon;

  constructor(readonly spelling: Lexicon, private readonly vocab: readonly string[]) {
    this.own = ownLexicon(spelling);
    // Whole-word pieces are decided on first use (isWholePiece): deciding all 16k at construction was the
    // biggest part of loading the lexicon, on the first check's path.
    this.pieces = new Set(vocab);
  }

  /**
   * The vocabulary's whole-word pieces, except lower-case ones that only begin dictionary words ("activ",
   * "calle"): such a piece is a word prefix, and as a word it would let misspellings through ("activ",
   * "assum" are codespell misspellings).
   */
  private isWholePiece(p: string): boolean {
    if (!this.pieces.has(p)) return false;
    let ok = this.wholeMemo.get(p);
    if (ok === undefined) {
      ok = !p.startsWith('##') && ALPHA.test(p) &&
        (p !== p.toLowerCase() || this.spelling.lookup(p) !== undefined || !this.spelling.isProperPrefix(p));
      this.wholeMemo.set(p, ok);
    }
    return ok;
  }

  /** The generator over the packaged lexicon of a dialect (lexicon.ts: one read of dist/lexicon.bin, and of its layer). */
  static fromVocab(vocab: readonly string[], index: Lexicon = loadLexicon()): CandidateGenerator {
    return new CandidateGenerator(index, vocab);
  }

  /**
   * Is w a known word? In the lexicon (possessive 's aside; in any case but a name's lower case: inLexicon), or a
   * whole-word piece of the model's vocabulary: jargon frequent enough in the training corpus to get its own piece
   * (filesystem, stderr, npm, Makefile, linux) is a word to the model too, not a misspelling.
   */
  isWord(w: string): boolean {
    return this.knownWords(w);
  }

  private knownWord(w: string): boolean {
    const base = w.replace(/’/g, "'").replace(/'s$/, '');   // the lexicon spells apostrophes straight: "doesn’t" is "doesn't"
    return inLexicon(base, this.spelling) || this.isWholePiece(base) || base === 'I' || this.isAccented(base);
  }

  /**
   * A word the lexicon spells without its accents: "naïvely", "coöperate", "résumé" are the writer's choice of
   * diacritics, not misspellings of "naively" (the lexicon lists "naïve" and "café" themselves, not every form).
   */
  private isAccented(w: string): boolean {
    if (!/[^\u0000-\u007f]/.test(w)) return false;
    const plain = w.normalize('NFD').replace(/\p{M}/gu, '');
    return plain !== w && /^[\x00-\x7f]*$/.test(plain) && this.spelling.lookup(plain) !== undefined;
  }

  /** Is w a common word of everyday English (spelling.ts, COMMON; channel.ts, commonCue)? */
  isCommon(w: string): boolean {
    return this.spelling.isCommon(w);
  }

  /** Is w a familiar word of everyday English, a step less common (spelling.ts, FAMILIAR; channel.ts, FAMILIAR_WORD)? */
  isFamiliar(w: string): boolean {
    return this.spelling.isFamiliar(w);
  }

  /**
   * log P(w typed | w meant) (channel.ts, logOwn): 0 for a known word, a non-word's by its shape, less LISTED_OWN
   * where the known-misspellings list names it.
   */
  logOwn(w: string, sentenceStart: boolean): number {
    if (this.isWord(w)) return 0;
    return logOwn(false, ownFeatures(w, this.own, sentenceStart)) + (listedFixes(w).length > 0 ? LISTED_OWN : 0);
  }

  /**
   * A non-word that must be checked whatever its energy (issue 13, item 1): a plain word (letters, an
   * apostrophe or hyphen; no digits, underscores or inner capitals) in no lexicon — this one, the model's
   * whole words, nor the workspace's ignored words — that has a correction within Damerau-Levenshtein 2 and
   * a lower-case letter (an acronym is not spelled).
   * Jargon passes when a lexicon knows it or nothing is near it; the model decides the rest in context.
   */
  mustCheck(w: string, ignored: ReadonlySet<string> = new Set()): boolean {
    if (!ALPHA.test(w) || w.length < 3 || /\p{Ll}\p{Lu}/u.test(w) || /^\p{Lu}{2,}\p{Ll}/u.test(w)) return false;
    // ALL CAPS is an acronym (AUTOMOC, RBD), defined rather than spelled: the model alone judges it.
    if (!/\p{Ll}/u.test(w)) return false;
    if (ignored.has(w.toLowerCase()) || this.isWord(w)) return false;
    if (w.includes('-')) return !w.split('-').every((part) => part === '' || this.isWord(part)) && this.hasCorrection(w);
    return this.hasCorrection(w);
  }

  /**
   * A listed misspelling (misspellings.ts) has its listed fix; any other non-word, a neighbour within 2, or
   * within 3 when it is long and has none nearer (far).
   */
  private hasCorrection(w: string): boolean {
    return listedFixes(w).length > 0 || this.spelling.neighbours(w, 2).length > 0 || this.far(w).length > 0;
  }

  /**
   * A long non-word's neighbours three edits away (all of them for one with none within two, its frequent ones
   * besides the near ones otherwise, generate): a garbled word ("speficiied", "idenfitifer") is as much a slip
   * as a near one, and the channel prices its three edits.
   */
  private far(w: string): Neighbour[] {
    return w.length >= FAR_MIN_LENGTH && w.length <= FAR_MAX_LENGTH ? this.spelling.neighbours(w, 3) : [];
  }

  generate(ctx: WordContext, cloze?: ClozeProposals, max = MAX_CANDIDATES): Candidate[] {
    const { word } = ctx;
    const w = word.text;
    const found = new Map<string, Candidate>();   // key: start:end:text
    const add = (text: string, start: number, end: number, prior: number, source: Source) => {
      const key = `${start}:${end}:${text}`;
      if (start === word.start && end === word.end && text === w) return;
      const got = found.get(key);
      if (!got) { found.set(key, { text, start, end, prior, sources: [source] }); return; }
      if (!got.sources.includes(source)) { got.sources.push(source); got.prior = Math.max(got.prior, prior) + 0.5; }
    };
    const same = (text: string, prior: number, source: Source) => add(applyCase(w, text), word.start, word.end, prior, source);

    for (const [c, kind] of confusionsAt(w, ctx.prev?.text, ctx.next?.text)) same(c, 3, kind);

    if (cloze) {
      for (let k = 0; k < cloze.ids.length; k++) {
        const piece = this.vocab[cloze.ids[k]];
        if (piece === undefined || piece.startsWith('##') || !ALPHA.test(piece) || !this.isWord(piece)) continue;
        same(piece, 2 + Math.max(-4, cloze.logq[k]) / 2, 'cloze');
      }
    }

    if (ALPHA.test(w) && w.length >= 2) {
      // A non-word is most likely a slip from a near neighbour: its listed fixes and spelling neighbours come first.
      const bonus = this.isWord(w) ? 0 : 1;
      if (bonus) for (const f of listedFixes(w)) same(f, 4, 'listed');
      // A known word's neighbours one edit away when it is short (a real word's fix is rarely two edits from it); a
      // non-word's two edits away from four letters ("ahev" → "have", "sitl" → "still"), and a long one's
      // frequent words three away besides ("initliazed" → "initialized", "usinging" → "using"), priced in the
      // cap as if two away: the channel prices their edits and REPLACE_ROWS (replacePlans.ts) keeps the likeliest.
      const near = this.spelling.neighbours(w, w.length <= (bonus ? 3 : 4) ? 1 : 2, bonus === 1);
      const far = bonus ? this.far(w) : [];
      const spelled = near.length === 0 ? far.slice(0, 3 * max)
        : [...near.slice(0, 3 * max), ...far.filter((n) => n.frequent && n.cost > 2).map((n) => ({ ...n, cost: 2 }))];
      for (const n of spelled) {
        same(n.word, 2.6 - 1.5 * n.cost - (n.frequent ? 0 : 0.7) + bonus, 'spelling');
        // A non-word one slip from a word may be that word typed, besides misspelt: a second way of typing it.
        if (bonus && isSlip(n.word, w)) same(n.word, 2.6 - 1.5 * n.cost + bonus, 'slip');
      }
      this.splits(w, (a, b) => same(`${a} ${b}`, 1.5, 'split'));
    }

    const gapIsSpace = (a: Span, b: Span) => isBlankGap(ctx.text.slice(a.end, b.start));
    if (ctx.next && gapIsSpace(word, ctx.next)) {
      const joined = w + ctx.next.text.toLowerCase();
      if (this.spelling.isFrequent(joined)) add(applyCase(w, joined), word.start, ctx.next.end, 1.5, 'join');
    }
    if (ctx.prev && gapIsSpace(ctx.prev, word)) {
      const joined = ctx.prev.text + w.toLowerCase();
      if (this.spelling.isFrequent(joined)) add(applyCase(ctx.prev.text, joined), ctx.prev.start, word.end, 1.5, 'join');
      if (ctx.prev.text.toLowerCase() === w.toLowerCase() && slipDouble(ctx.text, ctx.prev.text, w, word.end, ctx.beforePrev?.text)) {
        add(ctx.prev.text, ctx.prev.start, word.end, 3, 'delete');
      }
    }

    for (const g of grammarCandidates(ctx, this)) add(g.text, g.start, g.end, GRAMMAR_PRIOR[g.kind], g.kind);

    return this.inDialect(word, [...found.values()]).sort((a, b) => b.prior - a.prior).slice(0, max);
  }

  /**
   * Candidates in the lexicon's dialect. Its own spelling is not "corrected" to a near en-US word: the model,
   * trained on American text, prefers "favor" and "license" wherever "favour" and "licence" stand (its
   * dialect's other near words stay). And a slip near both spellings is offered the dialect's: "colur" gets
   * "colour", not "color". For en-US alone there are no dialect spellings and nothing is dropped.
   */
  private inDialect(word: Span, cands: Candidate[]): Candidate[] {
    const isOwn = (t: string) => this.spelling.isDialectSpelling(t);
    const own = cands.filter((c) => isOwn(c.text));
    if (own.length === 0 && !isOwn(word.text)) return cands;
    const near = (a: string, b: string) => editCost(a.toLowerCase(), b.toLowerCase(), 2) <= 2;
    // One en-US word standing where the dialect's spelling stands (the typed word, or another candidate), and near it.
    const variant = (c: Candidate) => !isOwn(c.text) && !/\s/.test(c.text) &&
      [...(isOwn(word.text) ? [word] : []), ...own].some((o) => o.start === c.start && o.end === c.end && near(o.text, c.text));
    return cands.filter((c) => !variant(c));
  }

  /** The agreement fixes of w after prev (grammar.ts, agreementFixes), lower case. */
  agreementFixes(w: string, prev?: string, next?: string): string[] {
    return agreementFixes(w, prev, this, next);
  }

  /** Can w be a verb or a noun (WordNet, through the lexicon), for agreement; see grammar.ts. */
  canBe(w: string, cls: WordClass): boolean {
    return (this.classes(w) & CLASS_BITS[cls]) !== 0;
  }

  /** Words isWord and canBe remember (the larger of the two memos). */
  get memoSize(): number {
    return Math.max(this.knownWords.size, this.classes.size);
  }

  /** Forgets what isWord and canBe remember. */
  clearMemo(): void {
    this.knownWords.clear();
    this.classes.clear();
  }

  /** The first sound of w (CMUdict through the lexicon), for a/an; see articles.ts. */
  firstSound(w: string): 'vowel' | 'consonant' | undefined {
    return this.spelling.firstSound(w);
  }

  /**
   * Two-word splits of w where both halves are frequent words and one of them is a function word ("alot" → "a lot",
   * "inthe" → "in the", "willbe" → "will be"): a writer runs a phrase together where a short closed-class word meets its
   * neighbour. Two content words run together are a compound or an identifier far more often than a slip ("hashseed",
   * "heapsnapshot", "statusmessage", "bucketpolicy": 29 of the 30 splits flagged on the five corpora of real text were
   * such, no dev set holds a run-together slip); a known one keeps its listed fix ("everytime" → "every time").
   */
  private splits(w: string, emit: (a: string, b: string) => void): void {
    if (w.length < 3) return;
    for (let i = 1; i < w.length - 1; i++) {
      const a = w.slice(0, i), b = w.slice(i);
      if ((a.length > 1 || /^[aAI]$/.test(a)) && !BOUND_PREFIXES.has(a.toLowerCase()) && (isFunctionWord(a) || isFunctionWord(b) ||
        BARE_MODALS.has(a.toLowerCase())) && this.spelling.isFrequent(a) && this.spelling.isFrequent(b)) emit(a, b);
    }
  }
}

const generators = new WeakMap<readonly string[], Map<Dialect, CandidateGenerator>>();

/** The generator for a vocabulary and dialect, made once per process (the lexicon is one file read, ~20 ms). */
export function generatorFor(vocab: readonly string[], dialect: Dialect = 'en-US'): CandidateGenerator {
  let byDialect = generators.get(vocab);
  if (!byDialect) generators.set(vocab, (byDialect = new Map()));
  let g = byDialect.get(dialect);
  if (!g) byDialect.set(dialect, (g = CandidateGenerator.fromVocab(vocab, loadLexicon(dialect))));
  return g;
}
