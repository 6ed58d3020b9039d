// Stage 2 of a check: plan the replacements (each suspect's candidates and their REPLACE rows), then score
// the plans' rows in ONE batched cloze pass (and an Electric one where the weights read energy: ranking.ts;
// cached per row, so a quick re-check or a rank of a word already checked runs nothing; replaceChunks.ts cuts
// a long list in chunks).
import { REPLACE_WEIGHTS, agreementKind, capitalIsPositional, documentTerm, LISTED_OWN, mandativeAt, rowChannels, wordCues } from './channel';
import { isRealWord, mergeCandidates, type Suspect } from './findings';
import { MAX_CANDIDATES, type Candidate, type ClozeProposals } from './candidates';
import { generateMemo } from './candidateMemo';
import { memoPlan, type PlanWork } from './planMemo';
import { rankFromScores, replaceRows, rowScore, type Ranking, type ReplaceRow, type RowScore } from './ranking';
import { cachesFor, replaceScores } from './rowCache';
import { listedFixes } from './misspellings';
import { proposalsAt, type Model, type ScoredDocument } from './wordScores';
import { CLAUSE_OPENERS, pluralNoun, spaced } from './wordClasses';
import { finiteFormOf } from './subjects';

/** Candidates per suspect that are generated and priced by the channel: enough for the right one. */
export const REPLACE_CANDIDATES = 16;

/**
 * Candidates a non-word gets generated and priced by the channel: the generator orders its spelling neighbours by
 * a rough cost (candidates.ts), and a slip's fix can stand behind sixteen nearer or more frequent words ("omition":
 * omission was 19th, the channel's likeliest by 6 nats), so a non-word's candidates are all priced before the
 * likeliest get rows. A document's non-words are few; its real words, thousands, keep REPLACE_CANDIDATES.
 */
export const NON_WORD_CANDIDATES = MAX_CANDIDATES;

/**
 * Candidates per suspect that get REPLACE rows: the forced ones and the others of highest prescore (likeliest),
 * up to this many. The rows are most of a check's model time (each is the sentence through the cloze model), and a
 * candidate priced far below six others before the model runs hardly ever wins in context. On the channel
 * fit's 50,168 planted-error suspects (bench/fit-channel.mjs, training text) six of sixteen kept every flag at
 * the default but two (P 0.957, R 0.869 either way) and left more than a tenth of the posterior on the rows
 * left out in 4 of them, with 38% fewer rows; four of sixteen lost 7 (with the channel alone, no price per
 * piece: 95).
 */
export const REPLACE_ROWS = 6;

/**
 * One suspect's REPLACE: texts[0] is the original span, texts[k] candidate k-1; rows and channels (log
 * P(typed | meant), channel.ts) in the same order.
 */
export interface ReplacePlan { suspect: Suspect; cands: Candidate[]; texts: string[]; rows: ReplaceRow[]; channels: number[] }

/**
 * Candidates and rows for each suspect, in the suspects' order; suspects with no candidate get no plan.
 * `keepOut` leaves out the candidates that touch it (a second look keeps its fix out of reach, secondLook.ts).
 * Each plan is a pure function of the suspect's block, remembered by it (planMemo.ts).
 */
export function planReplacements(doc: ScoredDocument, suspects: Suspect[], model: Model, keepOut?: { start: number; end: number }): ReplacePlan[] {
  return suspects.map((s) => {
    const block = doc.blocks[doc.words[s.word].stream];
    const rel = (x: number) => x - block.base;
    // The dialect's lexicon decides the candidates and the original's own channel.
    const suspect = [doc.dialect, rel(doc.words[s.word].start), s.byNoise ? 1 : 0, keepOut ? `${rel(keepOut.start)},${rel(keepOut.end)}` : '',
      ...s.forced.map((c) => `${rel(c.start)},${rel(c.end)},${c.prior},${c.sources.join('+')},${c.text}`)].join('\u0001');
    // q's proposals come from the block's window row: the very row the plan was made from, or plan again.
    const proposals = doc.gen && s.byNoise ? proposalsAt(doc, s.word, model.runner.meta.cloze.k) : undefined;
    const plan = memoPlan(model.runner, model.wp, { blockKey: block.key, base: block.base, suspect, source: proposals?.ids.buffer },
      () => planOne(doc, s, model, proposals, keepOut));
    return { suspect: s, ...plan, channels: withDocument(doc, doc.words[s.word].text, namedSubject(doc, s.word, plan) ?? plan.channels) };
  }).filter((p) => p.cands.length > 0);
}

/**
 * A plural-looking subject right before a verb, standing first in its clause (startsClause), that is a name of one
 * thing: in lower case, one the document also writes outside its prose, in code ("# fields contains both real
 * fields", "if names is a list", beside `fields = ...` in the code); capitalised, one the document also writes with
 * its capital where a capital is no sentence's or title's (capitalIsPositional): a product's name, "Requests has
 * officially dropped support" beside "a secure option for Requests" (fourteen false flags in requests' HISTORY.md and
 * README), "Windows has" beside "on Windows". It tells the verb no number, so the plan's channels are its own
 * without the agreement cue (channel.ts, agreementCue), read after the memo as withDocument's are. undefined where
 * the plan keeps its channels.
 */
function namedSubject(doc: ScoredDocument, i: number, plan: PlanWork): number[] | undefined {
  const w = doc.words[i], prev = doc.words[i - 1];
  if (!doc.gen || !prev || prev.sentence !== w.sentence || !spaced(doc.text, prev, w)) return undefined;
  if (!plan.cands.some((c) => agreementKind(c) && c.start === w.start && c.end === w.end)) return undefined;
  const p = prev.text;
  const lower = /^\p{Ll}+$/u.test(p);
  if (!(lower || /^\p{Lu}\p{Ll}+$/u.test(p)) || !startsClause(doc, i - 1) || !pluralNoun(p.toLowerCase(), doc.gen)) return undefined;
  if (!(lower ? doc.evidence(p).outsideProse : capitalisedElsewhere(doc, i - 1))) return undefined;
  const cues = wordCues(doc.text, doc.words, i, plan.cands, doc.gen, capitalIsPositional(doc.words, i));
  return cues.subject === undefined ? undefined : rowChannels(doc.text, plan.channels[0], plan.cands, { ...cues, subject: undefined });
}

/** Does the document write words[k] again, as it is spelt, where its capital is no sentence's or title's? */
function capitalisedElsewhere(doc: ScoredDocument, k: number): boolean {
  return doc.spelt(doc.words[k].text).some((j) => j !== k && !capitalIsPositional(doc.words, j));
}

/**
 * Does words[k] stand first in its clause, as a name that is a subject stands bare: first in its sentence, after a
 * comma, semicolon or colon, or right after a word that opens a clause ("if fields is", "Here, names is",
 * "When you need expansion, braces is"; not "Check if the members appears", "Rule types includes", "The `ticketKeys`
 * options is", where the word heads a noun phrase)?
 */
function startsClause(doc: ScoredDocument, k: number): boolean {
  const before = doc.words[k - 1], w = doc.words[k];
  if (!before || before.sentence !== w.sentence) return true;
  const gap = doc.text.slice(before.end, w.start), b = before.text.toLowerCase();
  if (/^\s*[,;:]\s*$/.test(gap)) return true;
  return spaced(doc.text, before, w) && CLAUSE_OPENERS.has(b);
}

/**
 * A plan is its block's alone (remembered by it); what the rest of the document says of a non-word (channel.ts,
 * documentTerm: does the document use it again, how long is it) is added to its own channel here, after the
 * memo, so an edit elsewhere plans nothing again. A known misspelling's document says nothing (writers repeat
 * those), unless the text spells it again outside its prose: a link's destination or code makes it a name, as
 * "[cpy](https://github.com/sindresorhus/cpy)" does the package cpy, and the list's own term (channel.ts, LISTED_OWN)
 * is taken back.
 */
function withDocument(doc: ScoredDocument, w: string, channels: number[]): number[] {
  if (doc.isWord(w)) return channels;
  const evidence = doc.evidence(w);
  const listed = listedFixes(w).length > 0;
  if (listed && !evidence.outsideProse) return channels;
  // A listed word spelt outside its prose is a name, which the list's LISTED_OWN (in channels[0]) does not price.
  const term = documentTerm(evidence) - (listed ? LISTED_OWN : 0);
  return term === 0 ? channels : [channels[0] + term, ...channels.slice(1)];
}

function planOne(doc: ScoredDocument, s: Suspect, model: Model, proposals: ClozeProposals | undefined,
  keepOut?: { start: number; end: number }): PlanWork {
  const { text, words, gen } = doc;
  const { meta } = model.runner;
  const allow = (c: Candidate) => !keepOut || !(c.start < keepOut.end && keepOut.start < c.end);
  const w = words[s.word];
  const same = (j: number) => (words[j]?.sentence === w.sentence ? words[j] : undefined);
  const max = doc.isWord(w.text) ? REPLACE_CANDIDATES : NON_WORD_CANDIDATES;
  const prev = same(s.word - 1);
  // The word before a doubled one tells a third copy from a double English writes (grammar.ts, licensedDouble).
  const beforePrev = prev && prev.text.toLowerCase() === w.text.toLowerCase() ? same(s.word - 2) : undefined;
  const generated = gen && s.byNoise
    ? generateMemo(gen, { text, word: w, prev, next: same(s.word + 1), beforePrev }, proposals, max)
    : [];
  // Is the word's capital its position's (a sentence's start, a title's)? Its own prior and the common-word cue read it.
  const positional = capitalIsPositional(words, s.word);
  // A bare verb in a mandative clause ("requires that the buffer be") is the subjunctive English writes there: no
  // finite form of it is a fix (subjects.ts, mandative).
  const subjunctive = mandativeAt(words, s.word);
  const fits = (c: Candidate) => allow(c) && !(subjunctive && c.start === w.start && c.end === w.end && finiteFormOf(w.text, c.text));
  const forced = s.forced.filter(fits);
  const all = mergeCandidates(forced, generated.filter(fits), max);
  const start = Math.min(w.start, ...all.map((c) => c.start)), end = Math.max(w.end, ...all.map((c) => c.end));
  const texts = [text.slice(start, end), ...all.map((c) => text.slice(start, c.start) + c.text + text.slice(c.end, end))];
  const rows = all.length ? replaceRows(text, doc.streams[w.stream].pieces, start, end, texts.slice(1), model.wp, meta) : [];
  // The channel reads what the words around say of the candidates (channel.ts, wordCues).
  const channels = rowChannels(text, doc.logOwn(w.text, positional), all, gen ? wordCues(text, words, s.word, all, gen, positional) : {});
  // Keep the rows, channels and texts of the forced candidates and the likeliest others (rows[0] is the word's own).
  const kept = likeliest(all, (i) => channels[i + 1] - REPLACE_WEIGHTS.perPiece * rows[i + 1].ids.length, new Set(forced));
  const at = [0, ...kept.map((i) => i + 1)];
  return { cands: kept.map((i) => all[i]), texts: at.map((i) => texts[i]), rows: rows.length ? at.map((i) => rows[i]) : [], channels: at.map((i) => channels[i]) };
}

/**
 * How far below the likeliest candidate's prescore (nats) another's may be and still get a row. A row is the
 * sentence through the cloze model, and a candidate that far behind before the model runs is hardly ever near after:
 * on the channel fit's kept features (bench/work/fit/features-2026-12-05a.json and -b.json, 4,766 non-word and
 * 102,841 real-word suspects with more than one candidate row, the shipped weights, tau 0.5;
 * `node bench/fit-channel.mjs --features ... --margins` → bench/results/prescore-margins.json), leaving out the rows
 * more than 12 nats below left 72% of the non-words' rows and 97% of the real words', changed no flag and took at
 * most 0.002 of a suspect's posterior with them; 8 nats left 55% and 86%, changed no flag either, but took more than
 * 0.1 from 4 non-words (at most 0.29) and dropped a planted fix from 2.
 */
export const PRESCORE_MARGIN = 12;

/**
 * The indexes of the forced candidates and of the others with the highest prescore, REPLACE_ROWS in all
 * (ties to the earlier), less those more than PRESCORE_MARGIN below the best of them, in their order. The
 * prescore is what REPLACE's total knows before the model runs: the channel, log P(typed | meant), less the
 * price of the candidate row's pieces (ranking.ts, contextCost): a rare word spelt in several pieces pays for
 * them whatever its context, and the channel alone, which does not know how common a word is, would rank "Alpo"
 * over "also" for "alo".
 */
function likeliest(all: readonly Candidate[], prescore: (i: number) => number, forced: ReadonlySet<Candidate>): number[] {
  const at = all.map((_, i) => i);
  const isForced = (i: number) => forced.has(all[i]);
  const room = Math.max(0, REPLACE_ROWS - at.filter(isForced).length);
  const score = at.map(prescore);
  const top = at.filter((i) => !isForced(i)).sort((a, b) => score[b] - score[a] || a - b).slice(0, room);
  const likely = new Set(top.filter((i) => score[i] >= score[top[0]] - PRESCORE_MARGIN));
  return at.filter((i) => isForced(i) || likely.has(i));
}

/**
 * How far below the flag threshold (nats) the cloze model's estimate of a real word's fix (clozeEstimates) may
 * be before its REPLACE row is not worth scoring. On the first 3,000 of the channel fit's training items
 * (bench/work/fit/train.jsonl: 23,764 real-word suspects, past the gate or quiet, every candidate scored) 77% of
 * the candidates with an estimate were more than 6.5 below tau at the default; none of them was a flag's fix,
 * none had p > 0.1. On all 6,000 items (48,963 such suspects) the 63% left with no candidate held 56% of the real
 * words' rows, and none of them was flagged or given p > 0.3. With 5.5, two candidates had p > 0.1.
 */
export const SCREEN_MARGIN = 6.5;

/**
 * The plans with the rows worth REPLACE's time: a real word's (findings.ts, isRealWord) candidates whose
 * clozeEstimates are more than SCREEN_MARGIN below tau are left out, and a real word left with none gets no
 * plan. A non-word, a doubled word and a/an are always scored whole.
 */
export function screened(doc: ScoredDocument, plans: ReplacePlan[], tau: number, model: Model): ReplacePlan[] {
  return plans.flatMap((p) => {
    if (!isRealWord(p.suspect, doc)) return [p];
    const est = clozeEstimates(doc, p, model);
    if (!est) return [p];
    const kept = p.cands.map((_, k) => k).filter((k) => est[k] >= tau - SCREEN_MARGIN);
    if (kept.length === p.cands.length) return [p];
    if (kept.length === 0) return [];
    const at = [0, ...kept.map((k) => k + 1)];
    return [{ suspect: p.suspect, cands: kept.map((k) => p.cands[k]), texts: at.map((i) => p.texts[i]), rows: at.map((i) => p.rows[i]), channels: at.map((i) => p.channels[i]) }];
  });
}

/**
 * A suspect's plan as rank offers it: with the candidates check scores (screened), or whole where check scores
 * none of them, so that a word's fixes are still there to show.
 */
export function screenedOrWhole(doc: ScoredDocument, plan: ReplacePlan, tau: number, model: Model): ReplacePlan {
  return screened(doc, [plan], tau, model)[0] ?? plan;
}

/**
 * The window's own guess at each candidate's REPLACE log-odds for a real word, from the cloze row check already
 * has: the candidate's log q at the word less the word's own, plus the channel's log-odds. A candidate of
 * several pieces counts by its first piece, one outside q's top K at the K-th's log q (its own is at most that),
 * one that reaches past the word (a join, an inserted article) as Infinity (the window cannot say).
 * undefined for a word of several pieces.
 */
export function clozeEstimates(doc: ScoredDocument, plan: ReplacePlan, model: Model): number[] | undefined {
  const i = plan.suspect.word, w = doc.words[i];
  const K = model.runner.meta.cloze.k;
  const q = proposalsAt(doc, i, K);
  if (!q) return undefined;
  return plan.cands.map((c, k) => {
    if (c.start !== w.start || c.end !== w.end) return Infinity;
    const at = Array.prototype.indexOf.call(q.ids, model.wp.encode(c.text).ids[0]);
    return (at >= 0 ? q.logq[at] : q.logq[K - 1]) - q.own + plan.channels[k + 1] - plan.channels[0];
  });
}

/**
 * Every plan's rows scored (same order), from one batched pass through each head the shipped weights read, or
 * with `withEnergy` through Electric's as well, uncached (bench/fit-channel.mjs collects the energies so that a
 * fit can weigh them).
 */
export async function scorePlans(plans: ReplacePlan[], model: Model, signal?: AbortSignal, withEnergy?: boolean): Promise<RowScore[][]> {
  const { runner } = model;
  const cache = cachesFor(runner).replace, rows = plans.flatMap((p) => p.rows);
  const scores = withEnergy === undefined || withEnergy === cache.withEnergy ? await cache.scores(runner, rows, signal)
    : await replaceScores(runner, rows, withEnergy, signal);
  signal?.throwIfAborted();
  let first = 0;
  return plans.map((plan) => {
    const n = plan.rows.length;
    const own = scores.slice(first, first + n).map((s, k) => rowScore(s.energy, s.tokenLogq, plan.rows[k].ids.length - 2));
    first += n;
    return own;
  });
}

/** Every plan's ranking (same order): its rows' context costs and channels (ranking.ts, rankFromScores). */
export async function rankPlans(plans: ReplacePlan[], model: Model, signal?: AbortSignal): Promise<Ranking[]> {
  const scores = await scorePlans(plans, model, signal);
  return plans.map((plan, k) => rankFromScores(plan.texts, scores[k], plan.channels, REPLACE_WEIGHTS));
}
