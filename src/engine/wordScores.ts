// Stage 1 of a check: score every word. Text → prose regions → sentences → windows → ONE batched Electric
// pass and ONE batched cloze pass over the same windows, those of every document checked together (both
// cached per window, so an edited document re-scores only the windows that changed) → each word's energy,
// q's surprisal and pNoise.
import { languageById } from '../text/languages';
import { linkedImageAlts, linkIsAName, linkNamesItsTarget } from '../text/markdownInline';
import { proseRegions, type ShouldStop } from '../text/regions';
import { splitSentences, type Sentence } from '../text/sentences';
import { afterLetterHyphen, besideArrow, calledAsFunction, commandOption, credited, hyphenSuffix, isCheckable, joinedAsCode, quotedAlone, slashPair } from '../text/words';
import type { WordPiece } from '../text/wordpiece';
import { concatAll, memoStats, readBlocks, type BlockScores, type BlockWork } from './blockMemo';
import { noiseProbability } from './calibration';
import { CandidateGenerator, generatorFor } from './candidates';
import type { DocumentEvidence } from './channel';
import { SETTING_DEFAULTS } from './defaults';
import type { Dialect } from './dialects';
import { looksLikeCode, type WordTable } from './findings';
import { memoByWord, type WordMemo } from '../text/lru';
import { addCounts, documentCodeShare, documentCount, multiplicities, partsChanged } from './tokenCounts';
import { cacheBudgets } from './cacheBudgets';
import { maxOver, ownerOf, streamValues, surprisalOver, type PlacedWord } from './placement';
import { cachesFor } from './rowCache';
import { settledBoth } from './graphSession';
import type { ClozeRow, ModelRunner, WordScore } from './types';
import type { Stream, Window } from './windows';

/** The runner and tokenizer a check or rank runs on. */
export interface Model { runner: ModelRunner; wp: WordPiece }

/** A document as the model saw it: its windows and their cloze rows, and its words with their scores. */
export interface ScoredDocument extends WordTable {
  /** the prose sentences the words are in (words[i].sentence indexes them) */
  sentences: Sentence[];
  words: PlacedWord[];
  streams: Stream[];
  /** the block of each stream (blockMemo.ts), index by index with streams; its scores as this check had them, and its first word */
  blocks: BlockWork[];
  /**
   * each block's checkable (namedOf's), a new array whenever its scores or what its tests read changed: the identity
   * blockSuspects.ts remembers the block's suspects by; and each block's first word
   */
  blockCheckable: (readonly boolean[])[];
  blockWords: number[];
  windows: Window[];
  windowCloze: ClozeRow[];
  /** what the check reports of each word, index by index with words */
  scores: WordScore[];
  /** undefined when the document has no words (the lexicon is not loaded for nothing) */
  gen: CandidateGenerator | undefined;
  /** whose lexicon gen reads: what the word tests, and so the suspects and their plans, depend on */
  dialect: Dialect;
  /** log P(w typed | w meant) (channel.ts, logOwn), by the word and whether it begins its sentence */
  logOwn(w: string, sentenceStart: boolean): number;
  /**
   * What the document says of word w (channel.ts, documentFeatures): does it hold w again (any case), and how
   * many words it has; a second look's block reads its document's (secondLook.ts).
   */
  evidence(w: string): DocumentEvidence;
  /** the indices of the words spelt exactly w, in text order (the blocks that hold none are passed over unread) */
  spelt(w: string): number[];
  /** does word i's cloze row read one of these texts in its place far likelier than the word (clozePrefers)? */
  prefers(i: number, texts: readonly string[]): boolean;
  /** its links are Markdown's (SentencesInput) */
  markdown?: boolean;
}

/** The parsers whose links are Markdown's "[label](target)". */
const MARKDOWN_LINKS: ReadonlySet<string> = new Set(['markdown', 'mdx']);

/** What scoreDocuments reads: a text, its language (for its prose regions), the words never checked and its dialect (default en-US). */
export interface DocumentInput { text: string; languageId: string; ignoredWords?: string[]; dialect?: Dialect }

/**
 * A text already cut into prose sentences (a second look at one block, secondLook.ts), the words never checked and its
 * dialect; markdown: its links are Markdown's, whose labels may name their targets (markdownInline.ts, linkNamesItsTarget).
 */
export interface SentencesInput {
  text: string; sentences: Sentence[]; ignoredWords?: string[]; dialect?: Dialect; evidence?: (w: string) => DocumentEvidence; markdown?: boolean;
}

export async function scoreWords(doc: DocumentInput, model: Model, signal?: AbortSignal, shouldStop?: ShouldStop): Promise<ScoredDocument> {
  return (await scoreDocuments([doc], model, signal, shouldStop))[0];
}

/**
 * Scores many documents as one: the windows of all of them go through ONE batched Electric pass and ONE
 * batched cloze pass (a window's scores do not depend on the windows batched beside it, so each document
 * gets what scoring it alone would give: on the CPU graphs bit for bit, their activation scales being fixed,
 * models/README.md).
 */
export async function scoreDocuments(docs: DocumentInput[], model: Model, signal?: AbortSignal, shouldStop?: ShouldStop): Promise<ScoredDocument[]> {
  // Parsing is synchronous: shouldStop (the host's cancel flag) is its way out; it throws Cancelled.
  const parsed = docs.map((doc) => ({ ...doc, sentences: splitSentences(doc.text, proseRegions(doc.text, doc.languageId, shouldStop)),
    markdown: MARKDOWN_LINKS.has(languageById(doc.languageId)?.parser ?? '') }));
  return scoreSentences(parsed, model, signal);
}

/**
 * scoreDocuments after the parse. `stats` counts what the block memo read (a second look counts apart, so
 * memoStats stays what the documents themselves cost).
 */
export async function scoreSentences(docs: SentencesInput[], model: Model, signal?: AbortSignal, stats = memoStats): Promise<ScoredDocument[]> {
  const { runner, wp } = model;
  // Unchanged sentences and blocks come from blockMemo.ts: an edit re-reads only what it touched.
  const laid = docs.map((doc) => ({ doc, read: readBlocks(doc.text, doc.sentences, wp, runner.meta, stats) }));
  const caches = cachesFor(runner);
  const windowIds = laid.flatMap((d) => d.read.windows.map((w) => w.ids));
  // Both heads at once: where the Electric graph has a thread of its own (graphThread.ts) the two passes overlap.
  const [energies, cloze] = await settledBoth(caches.energy.energies(runner, windowIds), caches.cloze.cloze(runner, windowIds));
  signal?.throwIfAborted();
  let first = 0;
  return laid.map(({ doc, read }) => {
    const n = read.windows.length;
    const scored = finishDocument(doc, read, wp, runner.meta.cloze.k, energies.slice(first, first + n), cloze.slice(first, first + n));
    first += n;
    return scored;
  });
}

function finishDocument(doc: SentencesInput, read: ReturnType<typeof readBlocks>, wp: WordPiece, K: number, energyRows: Float32Array[],
  windowCloze: ClozeRow[]): ScoredDocument {
  const { text } = doc;
  const { streams, windows, words, blocks } = read;
  const ignored = new Set((doc.ignoredWords ?? []).map((w) => w.toLowerCase()));
  const dialect = doc.dialect ?? SETTING_DEFAULTS.dialect;
  const gen = words.length ? generatorFor(wp.vocab, dialect) : undefined;
  const facts = gen && factsOf(gen);
  const isWord = (w: string) => facts!.isWord(w);
  const scoring: Scoring = { ignored, ignoredKey: [...ignored].sort().join('\n'), dialect, isWord, checkable: (w) => facts!.checkable(w) };
  const ofBlocks: BlockScores[] = [], blockWords: number[] = [];
  let k = 0, w = 0;
  for (const b of blocks) {
    const n = b.windows.length;
    const s = blockScores(b, energyRows.slice(k, k + n), windowCloze.slice(k, k + n).map((r) => r.tokenLogq), scoring);
    k += n;
    ofBlocks.push(s);
    blockWords.push(w);
    w += s.energy.length;
  }
  const column = <T>(of: (s: BlockScores) => T[]): T[] => concatAll(ofBlocks.map(of));
  const energy = column((s) => s.energy), surprisal = column((s) => s.surprisal), pNoise = column((s) => s.pNoise);
  const scores = column((s) => s.words!);
  let alts: [number, number][] | undefined;
  const blockCheckable = blocks.map((b, k) => namedOf(doc, b, ofBlocks[k], gen!, () => (alts ??= doc.markdown ? linkedImageAlts(text) : [])));
  const checkable = concatAll(blockCheckable);
  // mustCheck(w, ignored) is false for an ignored word and otherwise does not read the set.
  const mustCheck = (w: string) => !(ignored.size > 0 && ignored.has(w.toLowerCase())) && facts!.mustCheck(w);
  const logOwn = (w: string, sentenceStart: boolean) => facts!.logOwn((sentenceStart ? '^' : ' ') + w);
  return { text, dialect, sentences: doc.sentences, words, energy, surprisal, pNoise, checkable, isWord, logOwn, evidence: doc.evidence ?? evidenceOf(text, blocks, words.length),
    spelt: (x) => speltIn(blocks, blockWords, x),
    prefers: clozePrefers(words, windows, windowCloze, wp, K), sounds: gen, agreement: gen, grammar: gen, mustCheck, streams, blocks, blockCheckable, blockWords, windows, windowCloze, gen, scores, markdown: doc.markdown };
}

/**
 * How far a word's test in namedOf reads past the word: a Markdown link's label (120 characters either way, on the
 * word's line) and its target after it (2,000, on that line or the next: markdownInline.ts). A block's tests are
 * remembered with the text outside it that they may read, this far at most: its first line's before it, and its last
 * line's and the next line's after it.
 */
const AROUND_REACH = 2200;

/** Surroundings a block's namedOf answers are kept for (BlockScores.named), and the longest kept, in characters. */
const PLACES_NAMED = 4;
const AROUND_KEPT = 1024;

/**
 * The block's `checkable` less its words that name rather than say, remembered on its scores (BlockScores.named) with
 * what the tests read outside it: every test reads the word's own line (a link's target that line or the next:
 * AROUND_REACH), so the same block between the same lines gets the same answer. `alts`: the text's badge alt texts (linkedImageAlts), made
 * when a block needs them.
 * Words that name rather than say are not checked (their scores stay, and the model still reads them in their
 * sentence): a handle or an item of a "|" list in any language (joinedAsCode), a dictionary word quoted alone
 * ("All 'from' functions": quotedAlone; a quoted slip, "the 'uprgade' event", is still a slip) or one of words a slash
 * joins ("a from/to pair": slashPair; "read/wirte" is still a slip), a suffix a hyphen
 * joins to a word ("tree-ish": hyphenSuffix), a function's or a manual page's name written as a call ("ftruncate(2)",
 * "flush()": calledAsFunction), a command-line option's words ("-ffunction-sections": commandOption), the rest of a
 * term a single letter opens with a hyphen ("c-ares": afterLetterHyphen), a word an arrow maps ("Unabled -> Unable":
 * besideArrow), a person's name the lexicon lacks beside another ("Daniil Pletnev": inPersonsName), a name a
 * changelog credits in parentheses before a reference ("(btea) [#47763]", "(Gilles De Mey) [#23818]": credited); in
 * Markdown a non-word in a link's label that names its target, spelt as the target spells it (linkNamesItsTarget), or
 * that is a capitalised label to a page whose address does not begin to spell it (linkIsAName), a word that negates
 * one its sentence holds ("abortable and nonabortable options": negatesAWordBeside), and any word of a badge's or a
 * logo's alt text (linkedImageAlts).
 */
function namedOf(doc: SentencesInput, b: BlockWork, s: BlockScores, gen: CandidateGenerator, alts: () => [number, number][]): boolean[] {
  const { text } = doc, words = b.words;
  if (words.length === 0) return s.checkable;
  const first = words[0].start, last = words[words.length - 1].end;
  const lineStart = text.lastIndexOf('\n', first - 1), lineEnd = nextLineEnd(text, nextLineEnd(text, last) + 1);
  const markdown = doc.markdown === true;
  const around = `${markdown ? 'md' : ''}\u0000${text.slice(Math.max(0, lineStart, b.base - AROUND_REACH), b.base)}\u0000${
    text.slice(last, Math.min(lineEnd + 1, last + AROUND_REACH))}`;
  // What stands around a block on its lines is short but for a long line (a table's, a minified file's): kept only
  // where it is short, so that the strings kept stay small beside the block (a block on a long line is read again).
  const named = around.length <= AROUND_KEPT ? (s.named ??= new Map()) : undefined;
  const kept = named?.get(around);
  if (kept) return kept;
  const checkable = s.checkable.slice(), known = s.known;
  const spans = alts();
  let k = 0;
  while (k < spans.length && spans[k][1] <= first) k++;
  const personal = (x: string) => gen.spelling.isName(x) && !gen.canBe(x, 'modifier');
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    while (k < spans.length && spans[k][1] <= w.start) k++;
    if (!checkable[i]) continue;
    if (joinedAsCode(text, w.start, w.end) || (k < spans.length && spans[k][0] <= w.start && w.end <= spans[k][1]) ||
        hyphenSuffix(text, w.start, w.end) || calledAsFunction(text, w.start, w.end) || commandOption(text, w.start) ||
        afterLetterHyphen(text, w.start) || besideArrow(text, w.start, w.end)) {
      checkable[i] = false;
      continue;
    }
    // The block's own look-up (blockScores): a re-check of a long document asks the lexicon of no word again.
    if (known[i] ? quotedAlone(text, w.start, w.end) || slashPair(text, w.start, w.end)
      : (markdown && (linkNamesItsTarget(text, w.start, w.end) || linkIsAName(text, w.start, w.end))) || negatesAWordBeside(words, i) ||
        credited(text, w.start, w.end) ||
        inPersonsName(text, words, known, i, personal)) {
      checkable[i] = false;
    }
  }
  // A few places at most (a paragraph a document repeats): the oldest goes first.
  if (named) {
    if (named.size >= PLACES_NAMED) named.delete(named.keys().next().value!);
    named.set(around, checkable);
  }
  return checkable;
}

/** Where the line that holds text[from] ends: its line break, or the text's end (from past it stays there). */
function nextLineEnd(text: string, from: number): number {
  if (from >= text.length) return text.length;
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/** A name's word: a capital, then lower case alone ("Daniil", not "CLI" or "McDonald"). */
const NAME_WORD = /^\p{Lu}\p{Ll}+$/u;

/**
 * Is words[i] a word of a person's name: capitalised, in no lexicon (known: the block's look-up), and right beside
 * another capitalised word, a space or a hyphen between, that is in no lexicon either or that the lexicon spells as a
 * name and no adjective (`personal`: "Daniil Pletnev", "Jimb Esser", "Florin-Cristian Gavrila", "James Hight")? Such
 * a pair is a name, no slip of a word: its nearest words ("Daniel", "Lesser", "Christian", "Height") are other
 * people's or no one's, and the model reads a given name it has not seen as a slip of one it has (189 of the 1,030
 * flags on Node's changelogs and docs, whose entries credit their authors, were names). A name that is an adjective
 * as well ("Chinese", "Brazilian") makes no neighbour: "Tradtional Chinese" and "Brazilian Portugese" are real-dev's
 * slips. A slip beside a name ("Jonh Smith", "San Fransisco") goes unflagged with it.
 */
function inPersonsName(text: string, words: readonly PlacedWord[], known: readonly boolean[], i: number, personal: (w: string) => boolean): boolean {
  const w = words[i];
  if (known[i] || !NAME_WORD.test(w.text)) return false;
  const beside = (j: number, gap: string) => j >= 0 && j < words.length && words[j].sentence === w.sentence && (gap === ' ' || gap === '-') &&
    NAME_WORD.test(words[j].text) && (!known[j] || personal(words[j].text));
  return beside(i - 1, text.slice(words[i - 1]?.end ?? 0, w.start)) || beside(i + 1, text.slice(w.end, words[i + 1]?.start ?? 0));
}

/** Prefixes that make a word's opposite: "nonabortable", "unmount", "disallow", "antipattern". */
const NEGATING_PREFIXES = ['non', 'un', 'dis', 'anti'];
/** Letters a word a prefix negates must have: shorter ones are as often the start of a slip ("unto" in "untill"). */
const NEGATED_MIN = 4;

/**
 * Is words[i] a negating prefix (NEGATING_PREFIXES, a hyphen after it or not) and a word its own sentence holds, any
 * case ("for abortable and nonabortable options", "sync or nonsync")? A writer coins such a word beside the word it
 * opposes on purpose: it is no slip, whatever the lexicon lacks.
 */
function negatesAWordBeside(words: readonly PlacedWord[], i: number): boolean {
  const w = words[i].text.toLowerCase();
  const p = NEGATING_PREFIXES.find((x) => w.startsWith(x));
  if (!p) return false;
  const stem = w.slice(p.length).replace(/^-/, '');
  if (stem.length < NEGATED_MIN) return false;
  const s = words[i].sentence;
  for (let j = i - 1; j >= 0 && words[j].sentence === s; j--) if (words[j].text.toLowerCase() === stem) return true;
  for (let j = i + 1; j < words.length && words[j].sentence === s; j++) if (words[j].text.toLowerCase() === stem) return true;
  return false;
}

/**
 * What a check reports of every word (the CLI's --words, the heat map, the hover), with the REPLACE
 * posterior of each word it scored (word index → 1 − p(original)). The scores without a posterior are the
 * block cache's own objects, shared with later checks, so a scored word gets a copy instead of a new field.
 */
export function wordScores(doc: ScoredDocument, posteriors: ReadonlyMap<number, number> = new Map()): WordScore[] {
  if (posteriors.size === 0) return doc.scores;
  const out = doc.scores.slice();
  for (const [i, posterior] of posteriors) out[i] = { ...out[i], posterior };
  return out;
}

interface Scoring { ignored: ReadonlySet<string>; ignoredKey: string; dialect: Dialect; isWord(w: string): boolean; checkable(w: string): boolean }

/**
 * A block's word scores: the ones it had when its rows are the very rows it was scored from (an unchanged
 * paragraph after an edit elsewhere), else computed from them.
 */
function blockScores(b: BlockWork, energyRows: Float32Array[], logqRows: Float32Array[], how: Scoring): BlockScores {
  let s = b.scores;
  if (!s || s.ignored !== how.ignoredKey || s.dialect !== how.dialect || !sameRows(s.energyRows, energyRows) || !sameRows(s.logqRows, logqRows)) {
    const pe = streamValues(b.stream.pieces.length, b.windows, energyRows, b.streamIndex);
    const pq = streamValues(b.stream.pieces.length, b.windows, logqRows, b.streamIndex);
    const energy = b.words.map((w) => maxOver(pe, w.p0, w.p1));
    const surprisal = b.words.map((w) => surprisalOver(pq, w.p0, w.p1));
    const checkable = b.words.map((w) => !(how.ignored.size > 0 && how.ignored.has(w.text.toLowerCase())) && how.checkable(w.text));
    const known = b.words.map((w, i) => checkable[i] && how.isWord(w.text));
    const pNoise = b.words.map((w, i) => noiseProbability(energy[i], surprisal[i], !checkable[i] || known[i]));
    b.scores = s = { energyRows, logqRows, ignored: how.ignoredKey, dialect: how.dialect, energy, surprisal, pNoise, checkable, known };
  }
  s.words ??= b.words.map((w, i) => ({ start: w.start, end: w.end, word: w.text, energy: s!.energy[i], pNoise: s!.pNoise[i], surprisal: s!.surprisal[i] }));
  return s;
}

function sameRows(a: Float32Array[], b: Float32Array[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}

/**
 * q's own proposals at a one-piece word, from the cloze row of the window that owns it: its top K ids with
 * their log q, best first, and the word's own log q there.
 */
export function proposalsAt(doc: ScoredDocument, i: number, K: number): Proposals | undefined {
  return proposalsOf(doc.words[i], doc.windows, doc.windowCloze, K);
}

interface Proposals { ids: Int32Array; logq: Float32Array; own: number }

function proposalsOf(w: PlacedWord, windows: Window[], windowCloze: ClozeRow[], K: number): Proposals | undefined {
  if (w.p1 - w.p0 !== 1) return undefined;
  const { window, pos } = ownerOf(windows, w.stream, w.p0);
  const row = windowCloze[window];
  return { ids: row.topkIds.subarray(pos * K, pos * K + K), logq: row.topkLogq.subarray(pos * K, pos * K + K), own: row.tokenLogq[pos] };
}

/**
 * How much likelier (nats of log q) than a real word its window's cloze model must read an alternative for the word
 * to be favoured in a long document's cap (findings.ts, realWordRank): e^6, some 400 times. Measured at 0, 1, 2, 4, 6
 * and 8 nats on bench/long-doc.mjs (10,005 words, 200 planted errors; 183 caught before) and on the 446 READMEs of
 * node_modules (333k words, 185 flags before): 0 caught 179 (the words q reads a little below an alternative are
 * most of a document's, and crowded the cap); 1 to 8 caught 185 each, with the same seven flags on no planted
 * error. On the READMEs 2 and 4 flagged 8 words more (two slips: "matches and uppercase letter", "encoding if the
 * checkmark"; five or six sound words: "keying attributes off a child", "extension there is for text files"), 6 three
 * ("and" for "an", "which get handled", "off"), 8 two. real-dev as documents at 6: four slips more, no false flag.
 */
export const FAVOURED_MARGIN = 6;

/**
 * Does the cloze row that scored word i (one piece: its proposals, proposalsAt) hold one of `texts` in its top K at a
 * log q more than FAVOURED_MARGIN above the word's own? A text of several pieces counts by its first, as
 * clozeEstimates counts it (replacePlans.ts). False for a word of several pieces and for a row without proposals.
 * Asked of every real-word suspect of a block its scores are new for (blockSuspects.ts): each text's first piece is
 * remembered.
 */
function clozePrefers(words: PlacedWord[], windows: Window[], windowCloze: ClozeRow[], wp: WordPiece, K: number): (i: number, texts: readonly string[]) => boolean {
  const firstPiece = new Map<string, number>();
  return (i, texts) => {
    const q = proposalsOf(words[i], windows, windowCloze, K);
    if (!q) return false;
    for (const t of texts) {
      let id = firstPiece.get(t);
      if (id === undefined) firstPiece.set(t, (id = wp.encode(t).ids[0]));
      const at = q.ids.indexOf(id);
      if (at >= 0 && q.logq[at] > q.own + FAVOURED_MARGIN) return true;
    }
    return false;
  };
}

/**
 * What a document says of each of its words: does its text hold the word again, in any case, as a token of its
 * own (letters or digits on neither side)? Its prose counts, and so does what is not prose: a link's
 * destination, code. A README's link text is mostly a name, and the destination often spells it again
 * ("[cpy](https://github.com/sindresorhus/cpy)", "[antonyk](https://github.com/antonyk)"), as code spells an
 * identifier the prose names: typed twice alike, meant. Only non-word suspects are asked, a few dozen a check:
 * a word of letters and digits is looked up in the text's token counts (tokenCounts.ts, documentCount), one with
 * an apostrophe or hyphen looked for in the lower-cased text. And how technical the whole text is (its share of
 * code-like tokens, tokenCounts.ts documentCodeShare), worked out when the first word is asked.
 */
function evidenceOf(text: string, blocks: readonly BlockWork[], words: number): (w: string) => DocumentEvidence {
  const asked = new Map<string, DocumentEvidence>();
  let lower: string | undefined;
  let technical: number | undefined;
  let summed: unknown;   // lastProse.blocks where proseSums last made lastProse this document's
  return (w) => {
    const k = w.toLowerCase();
    let e = asked.get(k);
    if (!e) {
      let n = 0;
      if (!NON_TOKEN.test(k)) n = documentCount(text, k);
      else {
        // Lower-casing keeps the length of everything but a few letters outside ASCII; where it does not, an
        // occurrence's neighbours are read from the lower-cased text alike, so the count stays a count of tokens.
        lower ??= text.toLowerCase();
        for (let at = lower.indexOf(k); at >= 0; at = lower.indexOf(k, at + 1)) {
          if (!TOKEN_CHAR.test(lower[at - 1] ?? ' ') && !TOKEN_CHAR.test(lower[at + k.length] ?? ' ')) n++;
        }
      }
      // Where it recurs, how often the prose has it (its blocks' counts of their words summed, proseSums): the rest
      // is outside it. Summed again where the sums are another document's since (a rank served between a check's
      // chunks).
      if (n > 1 && (!lastProse || lastProse.blocks !== summed)) summed = proseSums(blocks);
      const prose = n > 1 ? lastProse!.sums.get(k) ?? 0 : 0;
      asked.set(k, (e = { recurs: n > 1, words, outsideProse: n > 1 && n > prose, technical: (technical ??= documentCodeShare(text)) }));
    }
    return e;
  };
}

/**
 * The blocks' proseCounts summed into lastProse.sums: how many times the document's prose holds each word, lower-cased
 * (returned: lastProse.blocks, which names the document the sums are now). Kept for the last document asked and
 * brought up to date block by block (a block's counts are the same Map wherever it moves), as tokenCounts.ts keeps a
 * text's token counts: a re-check after an edit adds the edited block's counts and takes the old
 * one's away, where looking each recurring word up in every block took 0.5-1 ms of a re-check of the 10k-word speed
 * document (the evidence alone, in process, beside another benchmark: 1.0-1.6 -> 0.2-0.5 ms). A document that
 * shares less than half its blocks with the last one is summed afresh. One document's worth, let go with the block
 * memo (clearProseSums).
 */
function proseSums(blocks: readonly BlockWork[]): Map<Map<string, number>, number> {
  const now = multiplicities(blocks.map(proseCounts));
  const last = lastProse, change = last && partsChanged(now, last.blocks, blocks.length);
  if (last && change) {
    for (const [c, n] of change) if (n !== 0) addCounts(last.sums, c, n);
    last.blocks = now;
    return now;
  }
  const sums = new Map<string, number>();
  for (const [c, n] of now) addCounts(sums, c, n);
  lastProse = { blocks: now, sums };
  return now;
}
let lastProse: { blocks: Map<Map<string, number>, number>; sums: Map<string, number> } | undefined;

/** Lets go of proseSums' last document (with the block memo: cacheUsage.ts). */
export function clearProseSums(): void { lastProse = undefined; }

/** ScoredDocument.spelt: the words spelt w, in the blocks whose proseCounts hold it. */
function speltIn(blocks: readonly BlockWork[], blockWords: readonly number[], w: string): number[] {
  const out: number[] = [], k = w.toLowerCase();
  blocks.forEach((b, n) => {
    if (!proseCounts(b).has(k)) return;
    b.words.forEach((x, i) => { if (x.text === w) out.push(blockWords[n] + i); });
  });
  return out;
}

/**
 * How many times the block holds each of its words, lower-cased: made when a document's evidence first asks (a
 * technical document's identifiers recur, dozens of them) and kept with the block, wherever it moves (blockMemo.ts).
 */
function proseCounts(b: BlockWork): Map<string, number> {
  let counts = b.proseCounts;
  if (!counts) {
    counts = new Map();
    for (const w of b.words) { const k = w.text.toLowerCase(); counts.set(k, (counts.get(k) ?? 0) + 1); }
    b.proseCounts = counts;
  }
  return counts;
}

const NON_TOKEN = /[^\p{L}\p{N}]/u;
const TOKEN_CHAR = /[\p{L}\p{N}]/u;

/**
 * logOwn's key: '^' + the word at a sentence's start, ' ' + the word elsewhere. checkable: isCheckable and not
 * code-like (a document repeats its words, and re-checks repeat documents).
 */
export interface WordFacts { isWord: WordMemo<boolean>; mustCheck: WordMemo<boolean>; logOwn: WordMemo<number>; checkable: WordMemo<boolean> }

const wordFacts = new WeakMap<CandidateGenerator, WordFacts>();

/**
 * The generator's word tests, memoised: every check asks them of every word (pNoise, suspects, the
 * suspect budget's sort), and a lexicon lookup or a spelling-neighbour search per ask was most of a re-check.
 */
export function factsOf(gen: CandidateGenerator): WordFacts {
  let f = wordFacts.get(gen);
  if (!f) {
    const words = cacheBudgets().wordFacts;
    wordFacts.set(gen, (f = { isWord: gen.knownWords, mustCheck: memoByWord((w) => gen.mustCheck(w), words),
      logOwn: memoByWord((k) => gen.logOwn(k.slice(1), k[0] === '^'), words), checkable: memoByWord((w) => isCheckable(w) && !looksLikeCode(w), words) }));
  }
  return f;
}
