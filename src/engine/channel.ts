// The noisy channel P(typed | meant): how likely a writer who meant `meant` typed `typed`, before context
// is read. Spelling-like candidates are priced by their edits (edits.ts: substring rules such as "ss" → "t",
// single letters where no rule fits) at rates estimated from real misspellings (data/channelTable.ts), and a
// non-word one typing slip from a word by the slip kind too (edits.ts, slipLogP: uniform over the word's
// slips; the fingers' errors, which a list of writers' misspellings hardly holds); the other kinds by a prior
// per kind. The decision rule (issue 13):
// flag x → c when log p(c | context) + logChannel(x, c, kind) − log p(x | context) − logOwn(x) > τ,
// p(· | context) from REPLACE rows (ranking.ts, contextCost), τ from the sensitivity (calibration.ts).
//
// FITTED (bench/fit-channel.mjs): KIND_LOG_PRIOR, EDIT_SCALE, NON_WORD_LOG_PRIOR, OWN_WEIGHTS, AGREEMENT_CUE,
// CONFUSION_CUE, NOUN_CUE, COMMON_WORD, FAMILIAR_WORD and REPLACE_WEIGHTS below.
import type { Candidate, Source } from './candidates';
import { confusionCues as cuesOf } from './confusionCue';
import { mandative, nounNumber, subjectNumber, verbNumber, type GrammaticalNumber } from './subjects';
import { isFunctionWord, type GrammarLexicon } from './wordClasses';
import { LOG_RATE, SUBSTRING_RULES } from './data/channelTable';
import { SubstringChannel, osaDistance, slipLogP } from './edits';
import type { ReplaceWeights } from './ranking';

// Fitted by `nice node bench/fit-channel.mjs --corpus /work/corpus --pairs 3000 --packages 80` (2026-12-03):
// 6,000 training-text items (3,000 planted errors, the dev set's mix, a third of the misspellings typing slips
// rather than codespell's; each with its clean twin; 77 training packages, never the held-out ones),
// 2,984 suspects with their planted fix and 47,177 to keep (a misspelling
// codespell or the known-misspellings list names that the training text itself holds is not labelled "keep";
// most keeps are confusion-set members below the gate, findings.ts CONFUSABLE_GATE), conditional logit over
// each suspect's REPLACE rows, spelling-like candidates priced by a substring channel that has not seen the
// planted words, half the planted words read as unlisted (fit-channel.mjs, prepare). Re-fitted 2026-12-04 from
// the same features with the agreement and confusion cues (AGREEMENT_CUE, CONFUSION_CUE; read again from each
// item's words, prepare): loss 0.028 → 0.022; train at tau 0.5: P 0.956 → 0.966, R 0.869 → 0.899, F0.5 0.937 →
// 0.952; agreement caught 342 → 403 of 540, real-word 698 → 725 of 840. Twice the items of the fit before: two fits of 1,500 pairs drawn apart
// moved REPLACE's weights by half and the non-word's own prior by 1.8 nats. The corpus held the fit's 80
// packages alone (`training/corpus.py --fit-only`). Collected before quiet-usage was split from
// quiet-confusable, then re-fitted from its features with those candidates relabelled by their set
// (confusables.ts): the one difference a collection now would show. Re-fitted 2026-12-04 again with three more
// features of a non-word's own prior (OWN_FEATURES): derived (a lexicon word with an English prefix or suffix),
// and what its document says, recurs and single (documentFeatures; half the training items read alone, half in
// 6,000 characters of their package's text either side, fit-channel.mjs, documents): loss 0.022 either way;
// recurs +2.4, single -1.1, derived +0.8 nats, the bare prior -4.3 -> -4.4; train at tau 0.5 P 0.966 -> 0.969,
// R 0.899 -> 0.901, spelling caught 1,153 -> 1,157 of 1,200. And with the training text's own doubled words left
// out rather than kept (12 of its 14 are slips: fit-channel.mjs, ownDoubles): the delete prior -3.45 -> -2.61, loss
// 0.022 -> 0.020, every planted doubled word caught at the default's tau, which its rule moves 0.5 -> 0.75 (train
// P 0.971 -> 0.977, R 0.903 -> 0.897). Re-fitted 2026-12-04 (results/fit-channel.json) with 2,000 items of general
// English beside the 6,000 (`--general 1000`: errors planted alike in WordNet's example sentences, fit-channel.mjs,
// generalText; collected with the same code, COMMON_WORD at 0) and the common-word cue (COMMON_WORD, commonCue):
// on the technical training items alone the model knows the words meant, and a non-word is jargon as often as not;
// in everyday English it barely knows "brilliant" and "doctors". Loss 0.0268 without the cue, 0.0263 with it (0.0262
// with capitalised non-words cued as well, which flagged "Nuxt" as "Next"); the non-word's bare prior -4.4 -> -6.8,
// REPLACE's nats 0.154 -> 0.071 with lambda 2.7 -> 5.4 (the cloze towers' surprisal now most of the context term),
// the cue +2.6 nats. The general items, at the default's tau: P 0.894 R 0.810 under the weights before, P 0.946
// R 0.842 under these (tau 0.75 and 0.5); the technical ones F0.5 0.959 -> 0.957 (P 0.976 R 0.896 -> 0.971 R 0.904).
// (The contractions' common trait, spelling.ts COMMON, came after the fit: re-fitted with it, the fit's first 500
// steps print the same loss and weights to the last digit; two of its candidates are contractions, "weree" → we're.)
// Re-fitted 2026-12-05 from the same features with the familiar-word cue (FAMILIAR_WORD: SCOWL's sizes 35 to 50, a
// step less common than COMMON's; spelling.ts FAMILIAR): the model splits "opinionated" and "corollary" into more
// and rarer pieces than "opiniated" and "correlary", as it does "brilliant". Loss 0.0263 -> 0.0261; the common cue
// 2.6 -> 3.5 nats, the familiar one 2.0; the non-word's bare prior -6.8 -> -6.0, the capitalised non-word's "name"
// weight 0.6 -> 0.05 (the other weights within 0.3). The technical training items at tau 0.5 read as before (P 0.970
// R 0.904, spelling caught 1,171 of 1,200 either way): the words meant there are the model's own, and the cue's gain
// is in everyday English.
// Collected again 2026-12-05 (the same command, 22 min) with two changes: WordNet's examples whose synset has a word
// the lexicon lacks are left out (fit-channel.mjs, generalText: an example shows its synset's words, so "dextral" and
// "gasconade" stood in them as often as a slip: the general non-words to keep 111 -> 58 of 506 -> 457), and a
// non-word's own prior reads how technical its document is (OWN_WEIGHTS.technical, TECHNICAL_SHARE: its share of
// tokens that read as code, tokenCounts.ts codeShare; in the technical items 0.04 on average, in the general ones
// 0.002). The technical weight +0.82 nats over a bare prior of -6.5 (was -6.0); "derived" 1.9 -> 0.7, familiar
// 2.0 -> 3.2, common 3.5 -> 3.1, the known-misspellings list's prior -6.1 -> -5.1. Loss 0.0275 (a different general
// set, so not comparable to 0.0261). Dev sets at tau 0.5: jfleg 0.562 -> 0.566, real-dev as documents 0.805 -> 0.811
// (false flags 0.8 -> 0.6), tech-dev 0.961 either way (spelling 951 -> 947 of 1,000: a slip in a sentence of
// identifiers reads likelier jargon), real-dev 0.814 either way.
// Collected again 2026-12-05 with a twentieth of the planted errors a noun's number against its determiner (--number
// 0.05: "several reason", "every details"; plant.py noun_number) and the noun-number cue (NOUN_CUE, nounNumberCue),
// and fitted on both collections together (`--features B,A`: 16,000 items; one collection alone moved the weights by
// as much as the cue did, e.g. the common cue 3.1 -> 2.8, jfleg-dev 0.566 -> 0.563 with the cue's four catches in it).
// The cue +7.2 nats (a determiner that tells the number is rarely wrong about it; the -1 side keeps "several
// reasons"); the planted noun errors caught 95 of 150 at tau 1.5; the bare non-word prior -6.9, common 2.7,
// familiar 2.5, REPLACE {0.082, 4.53, 25.6}; loss 0.027. Fitted on the 22 held-out packages the dev set does not read
// instead (fit-channel.mjs --unseen), the weights read worse on every dev set but real-dev: not shipped. Dev sets at
// tau 0.5: jfleg 0.566 -> 0.568, tech-dev 0.961 -> 0.962 (spelling 947 -> 951 of 1,000), real-dev 0.814 -> 0.815,
// its documents 0.811 either way.
// Re-fitted 2026-12-05 from the same two collections with the REPLACE rows' Electric energy held at 0 (`--no-energy`;
// the collections keep each row's energy, so a fit can weigh it again): fitted with it the energy's weight read 0.08
// nats (the surprisal's 0.37), the loss 0.0271 against 0.0272 without it, the training items' F0.5 at tau 0.5 0.955
// against 0.954 (P 0.972 R 0.894 against 0.970 and 0.895), the best on the curve 0.958 against 0.956 (SE 0.002); the
// other weights within 0.13 nats (the bare non-word prior -6.88 -> -6.99). Dev sets at tau 0.5, before and after:
// tech-dev 0.962 -> 0.963, real-dev 0.820 -> 0.819, its documents 0.811 either way, jfleg-dev 0.569 -> 0.568. A REPLACE
// row is then one cloze pass, where the Electric pass had been 60% of its time (ranking.ts).
// The own prior fitted again 2026-12-08 with a feature of its own for a word technical writing uses (OWN_FEATURES'
// attested: dist/attested.txt, attested.ts), on the two collections made again at 562c332 (the commands below, 47 min
// side by side beside other work), every other weight held as shipped (`--own-only`; its lone ablation, the same fit
// without the feature, `--no-attested`): the attested weight +3.45 nats; a frequent word one edit away 1.63 -> 0.67
// (jargon near a frequent word is mostly attested now: "dep", "ith", "luks"), the length -0.58 -> -1.33 a step,
// derived 0.73 -> 1.74, the bare prior -6.99 -> -6.96 (-6.70 without the feature); loss 0.02467 against 0.02512
// without it, the training items' spelling at tau 1.5 2,268 against 2,252 of 2,340 (P 0.983 against 0.982), the
// general ones' 683 against 671 of 780. Dev sets at tau 0.5, before and after: tech-dev 0.972 -> 0.973 (spelling
// 959 -> 964 of 1,000: "namned", "provdided", "modell", "Valide" caught; "outout", attested, and "requeried", derived,
// lost), real-dev 0.853 -> 0.855 (false flags on "asar" and "favour" gone, "workerd" new; "brining" lost, a word
// Hunspell lacks that reads derived), its documents 0.851 -> 0.852, jfleg-dev 0.579 -> 0.584 (7 more caught);
// bench/real-text.mjs on this repository's node_modules and Python's library 9 flags fewer, 7 of them false
// ("modelled", "initialising", "acknowledgement", "falsey", "requirejs", "alg", "wat?") and 2 arguable slips ("a good
// practise", "a decoration from a descendent"), and one more, false ("this style of pathing" -> patching). The same fit
// with another dialect's spellings left out of the file (129 words: "behaviour", "initialisation"; the dialect setting
// to judge them) read a bare prior of -6.84, the attested weight +2.99 and a frequent word near +1.10, and worse:
// real-dev 0.853 -> 0.848 ("webooks" and "brining" lost, "workerd" flagged), its documents 0.851 -> 0.847, tech-dev
// spelling 959 either way: not shipped.
// Collect: `nice node bench/fit-channel.mjs --corpus /work/corpus --pairs 3000 --packages 80 --general 1000 [--number
// 0.05]`; re-fit from the kept features: `node bench/fit-channel.mjs --features bench/work/fit/features.json --corpus
// /work/corpus` (the shipped fit: --features bench/work/fit/features-2026-12-05b.json,…-2026-12-05a.json --no-energy,
// the collection with --number and the one before it; its own prior since from --features
// bench/work/fit-b/features.json,bench/work/fit-a/features.json --no-energy --own-only, bench/results/fit-channel.json).
// Two collections run side by side with --work DIR --collect-only each (10 min together here, 2026-12-06), then one fit
// with --features of both.

/**
 * log P(a word is typed wrong in this way) per kind, before its edits. Planted text has an error in every
 * other sentence, so these are rates of the dev sets' kind, not of a careful writer's. 'comparative' was never
 * planted and is SET, not fitted: the fix exists only for a comparison made twice ("more easier", "most biggest":
 * grammar.ts, doubledComparison), which English hardly ever writes on purpose, and a row that drops a word reads
 * likelier by that word's own surprisal and price per piece whether or not it is wrong (the rows read "There are more
 * older people" 4.6 nats likelier without "more", "more easier" 3.6), so the rule's pattern says more than they do;
 * log(1/2), as for a leftover (the starting guess before, log(1/1000), left every such pair unflagged). Measured
 * (2026-12-07), with "more" or "most" made a suspect whatever its score (findings.ts, forcedCandidates): jfleg-dev +4
 * caught ("more easier", "more better", "more stronger", "most worst"), the other dev sets and the 218 READMEs flag for
 * flag the same. 'a/an' was never planted either and is SET, not
 * fitted: the fix exists only when CMUdict's first sound of the next word disagrees with the article typed
 * (articles.ts leaves unsure readings alone), and such an "a" or "an" is a slip about as often as not
 * (the rest: a reading the writer does not share, "a historic"); log(1/2). Planting a/an errors in
 * bench/plant-train.py and fitting it is the next step. 'leftover' (one of two words English never writes in a
 * row left out, "a an", "the those": findings.ts) is SET as well, never planted: which one goes is the model's to
 * say, and a pair is now and then meant, inside a quoted phrase or a list of words; log(1/2). 'pronoun' ("I" for a
 * lower-case "i" standing alone in prose: findings.ts) is SET too, never planted: such an "i" is the pronoun a writer
 * did not capitalise (a commit message's "i fixed", a learner's "i think") or a letter's or variable's name ("for row
 * i", "index i"), the latter the more often in technical prose; log(1/10), so that the default flags it where its
 * context reads "I" 2.8 nats likelier (tau 0.5 + 2.3). Measured on twelve sentences (2026-12-06): the pronoun's rows
 * read "I" 2.8 to 7.3 nats likelier in five of six ("When i run the tests", "i think", "i'm not sure"; "If i were
 * you" 0.3), a variable's 2.7 less likely to 0.2 likelier in six ("for row i", "index i", "The variable i counts").
 * On the dev sets: jfleg-dev 17 flags, every one the pronoun, all counted false there (its gold, converted from M2,
 * holds no edit of case alone); tech-dev, real-dev and 218 READMEs none. 'infinitive' ("to" put back before a bare
 * verb after a verb that takes it: grammar.ts, missingInfinitiveTo) is SET too, never planted: the rule reads the
 * verb before it as a verb and the word as a verb alone, so the pair is rarely meant, but the fix is an inserted word,
 * which the rows read as likelier in clean text as well (bench/fit-channel.mjs, --missing); log(1/2), the model then
 * reading "aims to reduce" 3.9 nats likelier than "aims reduce" and "decided to remove" 0.3. Measured (2026-12-07):
 * real-dev one slip more ("The `no-eq-null` rule aims reduce potential bug"), the 218 READMEs one ("we do not want
 * serialize JavaScript function"), tech-dev and jfleg-dev flag for flag the same. 'closed' (a closed compound typed in
 * two words joined: grammar.ts, closedCompound, "There fore" → Therefore, "with out" → without) is SET as well, never
 * planted: its open form is no English (those whose open form is are not listed: "every one", "some times"), and the
 * joined row reads the rest; log(1/2). Measured (2026-12-07): jfleg-dev six slips more ("some thing", "some one",
 * "There fore", "Further more"; "my self" read as meant), tech-dev, real-dev and the 218 READMEs flag for flag the same.
 * 'participle' (a verb's participle for its bare form after "be", "been" or "being": grammar.ts, bareAfterBe, "will be
 * recreate" → recreated) is SET as well, never planted; log(1/2). Measured (2026-12-07): jfleg-dev two slips more ("must
 * be relax", "will be save"), the 218 READMEs one ("the project can be build by executing"), tech-dev and real-dev flag
 * for flag the same. 'open' (a phrase run together split: grammar.ts, runTogether, "Infact" → "In fact", "eachother" →
 * "each other") is SET as well, never planted; log(1/2). Measured (2026-12-07): jfleg-dev two slips more (both
 * "Infact"), tech-dev, real-dev and the 218 READMEs flag for flag the same. 'modal' (a verb's bare form for its -ed
 * form after a modal: grammar.ts, pastAfterModal, "can managed" → manage) is SET as well; log(1/2). Measured
 * (2026-12-07): the 218 READMEs one slip more ("should not depended on"), tech-dev two flags on a slip its Debian source
 * holds in both twins ("libvirt can managed directly"), counted false there; real-dev's "will enabled" and jfleg-dev's
 * "will stimulated" the model reads as meant.
 */
export const KIND_LOG_PRIOR: Record<Source, number> = {
  spelling: -7.285, listed: -4.699, slip: -6.601, cloze: -5.503, split: -9.511, join: -6.22, confusable: -4.126, usage: -7.191, 'quiet-confusable': -4.954, 'quiet-usage': -7.493, 'quiet-agreement': -4.454, delete: -0.72, agreement: -3.068, 'verb-number': -5.015, number: -6.979, 'verb-form': -10.051, article: -7.128, to: -7.64, compound: -8.203, comparative: Math.log(1 / 2), 'a/an': Math.log(1 / 2), 'leftover': Math.log(1 / 2), pronoun: Math.log(1 / 10),
  infinitive: Math.log(1 / 2), closed: Math.log(1 / 2), open: Math.log(1 / 2), participle: Math.log(1 / 2), modal: Math.log(1 / 2),
};

/** A spelling candidate more than this many edits away is priced as a free proposal (kind prior and FAR). */
const MAX_SPELLING_EDITS = 3;
const FAR = Math.log(1e-4);

/**
 * How much the per-edit rates count (fitted with the kind priors): the rates are per opportunity, counted
 * over a list of distinct misspellings, so a slip of two rare edits would otherwise cost as much as no
 * writer's word.
 */
export const EDIT_SCALE = 1.329;

/** The shipped spelling channel: data/channelTable.ts's substring rules over its per-class rates (edits.ts). */
export function shippedSpellingChannel(): SubstringChannel {
  return (shipped ??= SubstringChannel.fromTable(SUBSTRING_RULES, LOG_RATE));
}
let shipped: SubstringChannel | undefined;

/**
 * log P(typed | meant) for a candidate of this kind; 0 for the original itself (typed as meant). Spelling-like
 * kinds are priced by the substring channel (edits.ts, SubstringChannel) within MAX_SPELLING_EDITS single
 * edits, FAR beyond.
 */
export function logChannel(typed: string, meant: string, kind: Source, prior = KIND_LOG_PRIOR, editScale = EDIT_SCALE,
  spelling: SubstringChannel = shippedSpellingChannel()): number {
  if (typed === meant) return 0;
  const base = prior[kind];
  if (kind === 'spelling' || kind === 'cloze' || kind === 'split' || kind === 'join') {
    return base + editScale * logSpelling(meant.toLowerCase(), typed.toLowerCase(), spelling);
  }
  if (kind === 'slip') return base + editScale * slipLogP(meant, typed);
  return base;
}

/** log P(t typed | m meant) by the spelling channel's edits (both lower case): FAR beyond MAX_SPELLING_EDITS, -1 for case alone. */
function logSpelling(m: string, t: string, spelling: SubstringChannel): number {
  const ops = osaDistance(m, t, MAX_SPELLING_EDITS);
  if (ops === Infinity) return FAR;
  return ops > 0 ? spelling.logP(m, t) : -1;
}

/**
 * The channel summed over the kinds a candidate came from: each kind is a way of typing x for c (is/are is a
 * confusion and an agreement slip), so P(x | c) = Σ_kind P(x | c, kind).
 */
export function logChannelOf(typed: string, c: { text: string; sources: Source[] }, prior = KIND_LOG_PRIOR): number {
  return logSumExp(c.sources.map((k) => logChannel(typed, c.text, k, prior)));
}

export function logSumExp(xs: readonly number[]): number {
  const m = Math.max(...xs);
  return m === -Infinity ? m : m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
}

/**
 * log P(x typed | x meant) for a word in no lexicon: how often such a word is meant as typed (jargon,
 * product names) rather than a slip, by its shape (ownFeatures): NON_WORD_LOG_PRIOR plus OWN_WEIGHTS · its
 * features. A dictionary word typed as meant costs nothing (log 1).
 */
export const NON_WORD_LOG_PRIOR = -6.961;

/**
 * REPLACE rows → nats (ranking.ts, contextCost): per nat of the row's surprisal under the cloze model, per piece
 * the row adds (2.2 nats: the price of pieces that vouch for each other, issue 13, item 2), and per nat of its
 * summed Electric energy: 0, fitted so (`--no-energy`). Fitted with it, from the same features, the energy's
 * weight was 0.08 nats (the surprisal's 0.37) and the training split read as it does without it (see
 * bench/fit-channel.mjs's results); held at 0, a REPLACE row costs a cloze pass alone, where the Electric pass
 * had been ~60% of a row's time. Fitted on the rows' surprisal over every position; the engine reads it near the
 * replacement since (ranking.ts, REPLACE_SCORED: the dev sets within 0.001 F0.5 under these weights), and a
 * collection now (fit-channel.mjs) reads it so too.
 */
export const REPLACE_WEIGHTS: ReplaceWeights = { energy: 0, surprisal: 0.379, perPiece: 2.186 };

/** What the own prior reads of a lexicon (SpellingIndex has the first three; attested.ts, ownLexicon, all four). */
export interface OwnLexicon {
  lookup(w: string): string | undefined;
  isFrequent(w: string): boolean;
  neighbours(w: string, maxDist?: number): readonly { cost: number; frequent: boolean }[];
  /** Do several packages' documentation use w, and does no list name it a misspelling (attested.ts)? */
  isAttested(w: string): boolean;
}

export const OWN_FEATURES = ['name', 'length', 'compound', 'nearFrequent', 'derived', 'attested', 'recurs', 'single', 'technical'] as const;
export type OwnWeights = Record<(typeof OWN_FEATURES)[number], number>;

/**
 * FITTED (bench/fit-channel.mjs; since 2026-12-08 apart from the rest, `--own-only`: see the note above on the
 * attested feature): how each feature of a non-word moves its own prior.
 */
export const OWN_WEIGHTS: OwnWeights = { name: 0.223, length: -1.327, compound: -0.432, nearFrequent: 0.672, derived: 1.739, attested: 3.447, recurs: 1.859, single: -1.181, technical: 1.464 };

/**
 * The shape of a non-word, for its own prior, in OWN_FEATURES' order: capitalised where a sentence does not
 * begin (a name: "in Nuxt and Nitro", 1/0); its length in letters, (n − 7) / 3 clipped to [−1.5, 2]; two
 * frequent words of three letters or more run together (blocksize, nodelist; not a word twice, "outout": 1/0);
 * a frequent word within one weighted edit (1/0); a lexicon word with an English prefix or suffix the lexicon
 * does not list (renderers, pipelining, unmuted, reconnection: 1/0, derivedFrom); a word several packages'
 * documentation uses (iff, lzma, luks: 1/0, attested.ts); then what its document says (documentFeatures; 0, 0, 0
 * without one).
 */
export function ownFeatures(w: string, lex: OwnLexicon, sentenceStart: boolean, doc?: DocumentEvidence): number[] {
  const letters = letterCount(w);
  const name = !sentenceStart && /^\p{Lu}/u.test(w) ? 1 : 0;
  const length = Math.max(-1.5, Math.min(2, (letters - 7) / 3));
  let compound = 0;
  for (let i = 3; i <= w.length - 3 && !compound; i++) {
    const a = w.slice(0, i), b = w.slice(i);
    if (a.toLowerCase() !== b.toLowerCase() && lex.isFrequent(a) && lex.isFrequent(b)) compound = 1;
  }
  const nearFrequent = lex.neighbours(w, 1).some((n) => n.frequent && n.cost <= 1) ? 1 : 0;
  const derived = derivedFrom(w, lex) === undefined ? 0 : 1;
  const attested = lex.isAttested(w) ? 1 : 0;
  return [name, length, compound, nearFrequent, derived, attested, ...documentFeatures(doc)];
}

/** The letters of w (its apostrophes, hyphens and digits left out). */
function letterCount(w: string): number {
  return w.replace(/[^\p{L}]/gu, '').length;
}

/** Does words[i] begin its sentence (the first word, or one whose word before lies in another sentence)? */
export function startsSentence(words: readonly { sentence: number }[], i: number): boolean {
  return words[i - 1]?.sentence !== words[i].sentence;
}

/**
 * Is a capital on words[i] the position's rather than a name's? At its sentence's start, and anywhere in a title
 * (inTitleCase): "Disallow if as the Only Statmenent in an else Block", "Syntax Podast: From React to SvelteKit"
 * capitalise their words whatever they are, so the capital says nothing of a name there (ownFeatures' name,
 * commonCue).
 */
export function capitalIsPositional(words: readonly { text: string; sentence: number }[], i: number): boolean {
  return startsSentence(words, i) || inTitleCase(words, i);
}

/** Letters a word needs to count in inTitleCase: a title leaves short function words in lower case ("in", "an", "the", "to"). */
const TITLE_WORD_LETTERS = 4;

/**
 * Is words[i]'s sentence written in title case? Among its other words of TITLE_WORD_LETTERS letters or more (its
 * first aside, capitalised by its position, and those with inner capitals or no letters: SvelteKit, no-lonely-if),
 * at least two are a capital and then lower case, and no fewer than are in lower case alone (a title's code words
 * stay in theirs: "in an else Block (no-lonely-if)").
 */
export function inTitleCase(words: readonly { text: string; sentence: number }[], i: number): boolean {
  const s = words[i].sentence;
  let capitals = 0, lower = 0;
  for (let j = i - 1; j >= 0 && words[j].sentence === s; j--) count(j);
  for (let j = i + 1; j < words.length && words[j].sentence === s; j++) count(j);
  return capitals >= 2 && capitals >= lower;

  function count(j: number): void {
    const w = words[j].text;
    if (startsSentence(words, j) || letterCount(w) < TITLE_WORD_LETTERS) return;
    if (/^\p{Lu}\p{Ll}+$/u.test(w)) capitals++;
    else if (/^\p{Ll}+$/u.test(w)) lower++;
  }
}

/** What a non-word's document says of it: does it hold the word again, how many words it has, how technical it is. */
export interface DocumentEvidence {
  recurs: boolean;
  words: number;
  /** the text spells the word again outside its prose (a link's destination, code): a name or an identifier */
  outsideProse?: boolean;
  /** the share of the document's tokens that read as code (tokenCounts.ts, codeShare); 0 when not given */
  technical?: number;
}

/**
 * The share of code-like tokens (tokenCounts.ts, codeShare) at which a document counts as wholly technical
 * (documentFeatures' third): technical prose names tools, files and identifiers, so a word in no lexicon there is
 * as often jargon as a slip, while in everyday prose (an essay, a letter, a learner's sentence) it is a slip.
 */
export const TECHNICAL_SHARE = 0.1;

/**
 * A document that has had its chance to use a word again: at this many words, one that holds a non-word once
 * says as much as any longer one (a long README's worth; the fit's training items sit in 6,000 characters of
 * their package's text either side, fit-channel.mjs, documents).
 */
export const DOCUMENT_WORDS = 2000;

/**
 * recurs (1/0): the document holds the word again, and a writer who types a word twice the same way meant it,
 * while a slip is seldom made twice alike. single: it does not, in a document of `words` words,
 * min(1, words / DOCUMENT_WORDS): a sentence checked alone says nothing of it, a long document that never uses a
 * word again says it is a one-off. technical: min(1, its share of code-like tokens / TECHNICAL_SHARE).
 * All 0 without a document, and for a known misspelling (documentTerm's caller): writers repeat those.
 */
export function documentFeatures(doc: DocumentEvidence | undefined): [number, number, number] {
  if (!doc) return [0, 0, 0];
  const technical = Math.min(1, (doc.technical ?? 0) / TECHNICAL_SHARE);
  return doc.recurs ? [1, 0, technical] : [0, Math.min(1, doc.words / DOCUMENT_WORDS), technical];
}

/** The nats a non-word's own prior gains from its document (OWN_WEIGHTS' recurs, single and technical). */
export function documentTerm(doc: DocumentEvidence | undefined, weights = OWN_WEIGHTS): number {
  const [recurs, single, technical] = documentFeatures(doc);
  return weights.recurs * recurs + weights.single * single + weights.technical * technical;
}

/**
 * English affixes that make words a lexicon leaves out (technical prose coins them: "rehome", "linkified",
 * "timezones"). The lists are the productive English prefixes and the inflectional and common derivational
 * suffixes; a suffix that begins with a vowel may double the stem's last consonant (muted, running) or drop
 * its e (pipelining), and "-ies" / "-ied" / "-ier" stand for a stem's y.
 */
const PREFIXES = ['un', 're', 'pre', 'sub', 'mis', 'non', 'dis', 'multi', 'auto', 'inter', 'over', 'under', 'super', 'micro', 'meta',
  'pseudo', 'post', 'anti', 'semi', 'cross', 'self', 'hyper'];
const SUFFIXES = ['es', 'ed', 'ing', 'er', 'ers', 'ly', 'ity', 'ities', 'ness', 'able', 'ation', 'ations', 'ment', 'ments', 'ize', 'izes',
  'ized', 'ise', 'ised', 'ally', 'ism', 'ist', 'ists', 'less', 'ful', 'ify', 'ified', 'wise', 's'];
const MIN_STEM = 4;

/** The stems a word may have under one suffix (SUFFIXES), longest suffix last. */
function stemsOf(w: string): string[] {
  const out: string[] = [];
  for (const s of SUFFIXES) {
    // A plural -s after a stem of at least five letters (short ones are as often slips: "filess"); never after
    // s or u ("piecess", "statuss"), where English writes -es.
    if (!w.endsWith(s) || w.length - s.length < (s === 's' ? MIN_STEM + 1 : MIN_STEM - 1)) continue;
    const b = w.slice(0, -s.length);
    if (s === 's' && /[su]$/.test(b)) continue;
    out.push(b, b + 'e');
    if (b.endsWith('i')) out.push(b.slice(0, -1) + 'y');
    if (/^[aeiou]/.test(s) && b.length >= MIN_STEM && b.at(-1) === b.at(-2) && !/[aeiouls]/.test(b.at(-1)!)) out.push(b.slice(0, -1));
  }
  return out;
}

/**
 * The lexicon word (of MIN_STEM letters or more, in the lexicon's own lower case: no names) that w derives
 * from by one prefix, one suffix, or both (PREFIXES, SUFFIXES), or undefined.
 */
export function derivedFrom(word: string, lex: Pick<OwnLexicon, 'lookup'>): string | undefined {
  const w = word.toLowerCase();
  const stems = stemsOf(w);
  for (const p of PREFIXES) {
    if (w.startsWith(p) && w.length - p.length >= MIN_STEM) { const rest = w.slice(p.length); stems.push(rest, ...stemsOf(rest)); }
  }
  return stems.find((s) => s.length >= MIN_STEM && lex.lookup(s) === s);
}

/** log P(x typed | x meant): 0 for a known word; a non-word's from its features (ownFeatures). */
export function logOwn(isWord: boolean, features: readonly number[] = [], nonWordPrior = NON_WORD_LOG_PRIOR, weights = OWN_WEIGHTS): number {
  if (isWord) return 0;
  return OWN_FEATURES.reduce((s, k, i) => s + weights[k] * (features[i] ?? 0), nonWordPrior);
}

/**
 * SET, not fitted: nats added to log P(x typed | x meant) of a non-word the known-misspellings list names
 * (misspellings.ts, listedFixes; candidates.ts, logOwn), log(1/1000). The own prior prices a non-word by its shape,
 * as jargon or a name as often as a slip; the list names words that are slips of English words (cspell's common
 * misspellings kept to the lexicon's non-words), which a writer means a thousand times less often than a non-word of
 * their shape. The fit cannot weigh it: its words to keep leave every listed word out (a listed word in training
 * text is a slip nobody planted, bench/fit-channel.mjs), so nothing there argues against it; it reads the term as
 * check does (prepare). Without it the rows alone kept "seemlessly", whose fix "seamlessly" the model splits
 * into two pieces more (4.4 nats, REPLACE_WEIGHTS.perPiece). Measured at -3, -6.9 and -10 nats (2026-12-06, beside
 * 0): real-dev +2 slips caught ("seemlessly" twice), its documents the same two, jfleg-dev +2 or +3 ("Throughts",
 * "Goverments"), no new false flag on the dev sets or on the 218 READMEs of the README's command; tech-dev reads
 * its planted slips as unlisted and is flag for flag the same.
 */
export const LISTED_OWN = Math.log(1 / 1000);

/** The kinds that change a verb's number to agree with its subject (grammar.ts), which the agreement cue prices. */
const AGREEMENT_KINDS: readonly Source[] = ['agreement', 'quiet-agreement', 'verb-number'];

/** Can the agreement cue price c (agreementCue: an agreement kind's single word)? */
export function agreementKind(c: Candidate): boolean {
  return c.sources.some((k) => AGREEMENT_KINDS.includes(k)) && !/\s/.test(c.text);
}

/**
 * FITTED with the rest: nats added to an agreement fix that takes the number of the verb's subject where the
 * words before it say it plainly (subjects.ts, subjectNumber: "The value are" → is), and taken from one that
 * leaves it ("The value is" → are).
 */
export const AGREEMENT_CUE = 3.795;

/**
 * The agreement cue of candidate c for the word `typed`, given its subject's number: +1 when c agrees with it and
 * typed does not, −1 the other way round, 0 otherwise (another kind, another span, no number known).
 */
export function agreementCue(typed: string, c: Candidate, subject: GrammaticalNumber | undefined): number {
  if (!subject || !agreementKind(c)) return 0;
  return Number(verbNumber(c.text) === subject) - Number(verbNumber(typed) === subject);
}

/**
 * FITTED with the rest: nats added to a noun's other number that takes the number the determiner before it tells
 * (subjects.ts, nounNumber: "several reason" → reasons, "every details" → detail), and taken from one that leaves it
 * ("several reasons" → reason).
 */
export const NOUN_CUE = 7.225;

/**
 * The noun-number cue of candidate c for the word `typed`, given the number its determiner tells: +1 when c, its
 * other number ('number', the -s added or dropped), has it and typed does not, −1 the other way round, 0 otherwise.
 */
export function nounNumberCue(typed: string, c: Candidate, noun: GrammaticalNumber | undefined): number {
  if (!noun || !c.sources.includes('number') || /\s/.test(c.text)) return 0;
  return (c.text.length > typed.length) === (noun === 'plural') ? 1 : -1;
}

/** The confusion-set kinds (confusables.ts), which the confusion cue prices. */
const CONFUSION_KINDS: readonly Source[] = ['confusable', 'quiet-confusable', 'usage', 'quiet-usage'];

/**
 * FITTED with the rest: nats added to a confusion-set member that the words next to it read as (confusionCue.ts,
 * confusionCue: "taken form the message" → from, "there identifier" → their), and taken from one they read
 * against.
 */
export const CONFUSION_CUE = 4.827;

/** Does candidate c replace the word with another member of its confusion set (the confusion cue's kinds)? */
export function isConfusion(c: Candidate): boolean {
  return c.sources.some((k) => CONFUSION_KINDS.includes(k)) && !/\s/.test(c.text);
}

/**
 * FITTED with the rest: nats added to a candidate that replaces a non-word with a common word of everyday English
 * (commonCue): the model, trained on technical prose, barely knows "brilliant" or "luxury" and splits them into
 * more pieces than their misspellings, so its rows alone keep "briliant"; SCOWL's sizes say how common a word is
 * in English at large (spelling.ts, COMMON).
 */
export const COMMON_WORD = 2.7;

/**
 * FITTED with the rest: the same for a familiar word, a step less common (spelling.ts, FAMILIAR: "obtrusive",
 * "opinionated", "corollary"), through the same cue (commonCue with isFamiliar).
 */
export const FAMILIAR_WORD = 2.42;

/**
 * The letters a sentence's capitalised first word needs for the common-word cue to read it as lower case
 * (commonCue), unless the fix is a closed-class word (wordClasses.ts, isFunctionWord: "Thge" → The, "Tmis" → This),
 * which begins sentences far more often than any name one edit from it. Measured on the dev sets at the shipped
 * weights: at any length the cue flagged "Nuxt" as "Next" at four sentences' start in real-dev; from five letters
 * on it flagged no name there, and caught "Thses", "Localtion", "Abstact", "Daita" (tech-dev) and "Partail"
 * (real-dev's documents); the closed-class fixes of shorter words then caught "Thge" and "Tmis" (tech-dev), again
 * with no new false flag.
 */
export const FIRST_CAPITAL_LETTERS = 5;

/**
 * 1 when candidate c replaces `typed`, a non-word written in lower case (one word, no lexicon's: isWord), with a
 * common word (one word, isCommon), else 0: the common-word cue, which COMMON_WORD prices. A capitalised non-word
 * inside a sentence is as often a name the model does not know ("in Nuxt" is no "in Next"); at a sentence's start
 * (`sentenceStart`) the capital is the position's, so a word capitalised there and in lower case after is read as
 * one in lower case when it has FIRST_CAPITAL_LETTERS letters or more ("Thses", "Localtion") or its fix is a
 * closed-class word ("Thge" → The): a short name lands one edit from a common word by chance ("Nuxt takes care of
 * this"), a long one seldom does.
 */
export function commonCue(typed: string, c: { text: string }, isWord: (w: string) => boolean, isCommon: (w: string) => boolean,
  sentenceStart = false): number {
  const positional = sentenceStart && (letterCount(typed) >= FIRST_CAPITAL_LETTERS || isFunctionWord(c.text));
  return /\s/u.test(typed) || /\p{Lu}/u.test(positional ? typed.slice(1) : typed) || /\s/.test(c.text) || isWord(typed) || !isCommon(c.text) ? 0 : 1;
}

/**
 * What the words around a suspect say of its candidates: its subject's number, and each candidate's confusion cue;
 * and what the lexicon says of them, each one's common-word cue (commonCue) and familiar-word cue (commonCue with
 * isFamiliar).
 */
export interface WordCues { subject?: GrammaticalNumber; noun?: GrammaticalNumber; confusion?: readonly number[]; common?: readonly number[]; familiar?: readonly number[] }

/**
 * What the words of its sentence say of word i's candidates (subjects.ts, subjectNumber and nounNumber; confusionCue.ts,
 * confusionCue): `words` in text order with their sentence index, as a scored document holds them.
 */
export function contextCues(text: string, words: readonly SentenceWord[], i: number,
  cands: readonly Candidate[], lex: GrammarLexicon): Pick<WordCues, 'subject' | 'noun' | 'confusion'> {
  const w = words[i], { before, after } = around(words, i);
  return {
    subject: subjectNumber(text, before, w, lex, after),
    // Only a noun's other number ('number') reads it (nounNumberCue): a suspect's quiet alternatives never are one.
    noun: cands.some((c) => c.sources.includes('number')) ? nounNumber(text, before, w, lex, after) : undefined,
    confusion: confusionsOf(text, w, before, after, cands, lex),
  };
}

/** The number word i's subject tells (subjects.ts, subjectNumber), where it tells one. */
export function subjectNumberAt(text: string, words: readonly SentenceWord[], i: number, lex: GrammarLexicon): GrammaticalNumber | undefined {
  const { before, after } = around(words, i);
  return subjectNumber(text, before, words[i], lex, after);
}

/** Is word i a bare verb in a mandative clause (subjects.ts, mandative: "requires that the buffer be")? */
export function mandativeAt(words: readonly SentenceWord[], i: number): boolean {
  return mandative(around(words, i).before, words[i]);
}

/** The number word i's determiner tells (subjects.ts, nounNumber), where it tells one. */
export function nounNumberAt(text: string, words: readonly SentenceWord[], i: number, lex: GrammarLexicon): GrammaticalNumber | undefined {
  const { before, after } = around(words, i);
  return nounNumber(text, before, words[i], lex, after);
}

/**
 * contextCues' confusion cues alone, without the subject's number it also reads (findings.ts asks them of every
 * confusion-set member below the gate, thousands in a long document).
 */
export function confusionCues(text: string, words: readonly SentenceWord[], i: number, cands: readonly Candidate[], lex: GrammarLexicon): number[] {
  const { before, after } = around(words, i);
  return confusionsOf(text, words[i], before, after, cands, lex);
}

type SentenceWord = { start: number; end: number; text: string; sentence: number };

/** The words of word i's sentence before it, and the two after it. */
function around(words: readonly SentenceWord[], i: number): { before: SentenceWord[]; after: SentenceWord[] } {
  const w = words[i];
  let first = i;
  while (first > 0 && words[first - 1].sentence === w.sentence) first--;
  return { before: words.slice(first, i), after: words.slice(i + 1, i + 3).filter((x) => x.sentence === w.sentence) };
}

/** Each candidate's confusion cue (confusionCue): 0 for one of another kind or another span. */
function confusionsOf(text: string, w: SentenceWord, before: SentenceWord[], after: SentenceWord[], cands: readonly Candidate[], lex: GrammarLexicon): number[] {
  const at = cands.map((c, k) => (isConfusion(c) && c.start === w.start && c.end === w.end ? k : -1)).filter((k) => k >= 0);
  const out = cands.map(() => 0);
  if (at.length === 0) return out;
  // The words around read once for all of them (confusionCue.ts, confusionCues).
  cuesOf(text, before, w, after, w.text, at.map((k) => cands[k].text), lex).forEach((cue, j) => { out[at[j]] = cue; });
  return out;
}

/**
 * All the cues of word i's candidates: the words' (contextCues), and their common-word cues (commonCue) where the
 * lexicon tells common words (isCommon), and their familiar-word cues where it tells familiar ones (isFamiliar).
 * `positional`: is the word's capital its position's (capitalIsPositional), where the caller has read it already.
 */
export function wordCues(text: string, words: readonly { start: number; end: number; text: string; sentence: number }[], i: number, cands: readonly Candidate[],
  lex: GrammarLexicon & { isCommon?(w: string): boolean; isFamiliar?(w: string): boolean }, positional = capitalIsPositional(words, i)): WordCues {
  const first = (c: Candidate) => positional && c.start === words[i].start;
  return {
    ...contextCues(text, words, i, cands, lex),
    ...(lex.isCommon ? { common: cands.map((c) => commonCue(text.slice(c.start, c.end), c, (x) => lex.isWord(x), (x) => lex.isCommon!(x), first(c))) } : {}),
    ...(lex.isFamiliar ? { familiar: cands.map((c) => commonCue(text.slice(c.start, c.end), c, (x) => lex.isWord(x), (x) => lex.isFamiliar!(x), first(c))) } : {}),
  };
}

/**
 * log P(typed | meant) for a word's REPLACE rows: [0] the original as typed (own: logOwn), then each candidate,
 * an agreement fix's with its cue (agreementCue) when its subject's number is known, a noun's other number with
 * its cue (nounNumberCue) when its determiner tells the number, a confusion-set member's
 * with its confusion cue (cues.confusion, in the candidates' order), a non-word's common fix with its common-word
 * cue (cues.common; a prior on the word meant rather than a channel, added here as the cues are), a familiar one's
 * with its familiar-word cue (cues.familiar).
 */
export function rowChannels(text: string, own: number, cands: readonly Candidate[], cues: WordCues = {}, prior = KIND_LOG_PRIOR,
  cueWeight = AGREEMENT_CUE, confusionWeight = CONFUSION_CUE, commonWeight = COMMON_WORD, familiarWeight = FAMILIAR_WORD, nounWeight = NOUN_CUE): number[] {
  return [own, ...cands.map((c, k) => {
    const typed = text.slice(c.start, c.end);
    const cue = agreementCue(typed, c, cues.subject), conf = cues.confusion?.[k] ?? 0, common = cues.common?.[k] ?? 0, familiar = cues.familiar?.[k] ?? 0;
    const noun = nounNumberCue(typed, c, cues.noun);
    return logChannelOf(typed, c, prior) + (cue && cueWeight * cue) + (conf && confusionWeight * conf) + (common && commonWeight * common) +
      (familiar && familiarWeight * familiar) + (noun && nounWeight * noun);
  })];
}
