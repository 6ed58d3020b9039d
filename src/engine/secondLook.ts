// Two errors in one sentence must not hide each other (issue 13, item 6). Every pNoise and every REPLACE row
// of a sentence is scored with the sentence's errors in its context, so one error makes a neighbour look
// wrong ("An independant project": An → The) or right ("much fastr then the old one": then → than loses).
// So after the first verdicts, a sentence with a flag and another suspect past the gate gets a second look:
// its block is read and scored again as a text of its own with one fix in place (the anchor's: windows and
// rows as a check of the fixed text makes them), and the sentence's other words are decided there. A flag
// only the neighbouring error caused goes; one it hid comes. The anchor is the sentence's misspelling if it
// has one (a non-word is wrong whatever its neighbours), else its surest flag; its finding stays as the
// first pass made it. One look is enough for two errors in a sentence: the first pass flags at least one of
// them (else there is nothing to look from), that one (or the anchor, when both are flagged) is fixed, and
// the other is decided beside the fix. It falls short when the anchor is itself a false flag surer than the
// real-word error that caused it (the error is then decided beside a wrong fix; a misspelling is always the
// anchor, so not for those), and with three errors, where the third stays in the look's context and may
// still hide one: looking again until nothing changes would cost another pass per flagged sentence.
// Only sentences with a flag and another suspect pay: one block through each head, and the REPLACE rows of
// the sentence's suspects that the first pass would have scored (its rounds' cut, realWordCutoff).
import { suspectsOfDocument } from './blockSuspects';
import { dropOverlaps, forcedCandidates, isRealWord, realWordRank, verdict, type FlagRule, type Suspect } from './findings';
import { inChunks, type ChunkHooks } from './replaceChunks';
import { planReplacements, rankPlans, screened, screenedOrWhole } from './replacePlans';
import type { Finding, RankedWord } from './types';
import { scoreSentences, type Model, type ScoredDocument, type SentencesInput } from './wordScores';

/** A suspect's verdict: its word (an index into the document's words), its finding, whether it is flagged. */
export interface Decided { word: number; finding: Finding; flagged: boolean }

/** What a second look needs of a document's first pass. */
export interface FirstPass {
  /** the flagged verdicts */
  flagged: Decided[];
  /** every suspect past the gate, before prioritise's cap */
  suspects: Suspect[];
  /** realWordCutoff of the first pass (findings.ts) */
  cutoff: number;
}

interface Fix { start: number; end: number; text: string }

/**
 * One sentence seen again: its block's text with the anchor's fix in place, cut into the block's sentences.
 * The look's offsets start at the block's (origin, in the document), so reading it costs the block, not the
 * text before it.
 */
export interface SecondLook {
  /** the sentence, in the document */
  sentence: number;
  /** the same sentence in input.sentences (and in the looked-at words' sentence numbers) */
  at: number;
  anchor: Decided;
  /** the anchor's fix, in the document's offsets */
  fix: Fix;
  /** where the look's text starts in the document */
  origin: number;
  input: SentencesInput;
}

/** What second looks did, for tests and benchmarks: blocks scored again, and what reading them cost. */
export const secondLookStats = { looks: 0, sentencesRead: 0, wordsPlaced: 0, blocksBuilt: 0 };

/** The looks a document's first pass calls for, in text order: one per sentence with a flag and another suspect. */
export function secondLooks(doc: ScoredDocument, first: FirstPass, ignoredWords?: string[]): SecondLook[] {
  const stays = new Set(dropOverlaps(first.flagged.map((v) => v.finding)));
  const bySentence = new Map<number, Decided[]>();
  for (const v of first.flagged) {
    if (!stays.has(v.finding)) continue;
    const s = doc.words[v.word].sentence;
    bySentence.set(s, [...(bySentence.get(s) ?? []), v]);
  }
  const looks: SecondLook[] = [];
  for (const [sentence, flags] of bySentence) {
    const spelling = (v: Decided) => (v.finding.kind === 'spelling' ? 1 : 0);
    const anchor = [...flags].sort((a, b) => spelling(b) - spelling(a) || b.finding.score - a.finding.score)[0];
    const fix = { start: anchor.finding.start, end: anchor.finding.end, text: anchor.finding.suggestions[0].text };
    const another = first.suspects.some((s) => s.word !== anchor.word && doc.words[s.word].sentence === sentence && !touches(doc.words[s.word], fix));
    const look = another && fixedBlock(doc, sentence, fix, ignoredWords);
    if (look) looks.push({ sentence, anchor, fix, ...look });
  }
  return looks.sort((a, b) => a.sentence - b.sentence);
}

/**
 * check's second pass over a batch: every look's block through each head in one pass, their suspects' rows
 * in chunks as the first pass's; each document's findings, its looked-at sentences decided in their looks.
 */
/**
 * What a second look gives a document: its findings, and for the words it decided again (redecided: the
 * document's word indices, the first pass's verdict on them no longer counts) their posteriors where it
 * scored them.
 */
export interface Looked { findings: Finding[]; redecided: number[]; posteriors: Map<number, number> }

export async function lookAgain(docs: ScoredDocument[], firsts: FirstPass[], rule: FlagRule, model: Model,
  ignoredWords?: string[], signal?: AbortSignal, hooks?: ChunkHooks): Promise<Looked[]> {
  const looks = docs.flatMap((doc, d) => secondLooks(doc, firsts[d], ignoredWords).map((look) => ({ d, look })));
  const seen = await scoreLooks(looks.map((x) => x.look), model, signal);
  const plans = looks.map(({ d, look }, i) =>
    screened(seen[i], planReplacements(seen[i], lookSuspects(look, seen[i], rule.th.pNoiseGate, firsts[d].cutoff), model, fixedSpan(look)), rule.th.tau, model));
  const rankings = await inChunks(plans.flat(), (chunk) => rankPlans(chunk, model, signal),
    { between: hooks?.between, preferredBatchRows: model.runner.preferredBatchRows, signal });

  const out: Looked[] = docs.map((doc, d) => {
    const mine = looks.filter((x) => x.d === d).map((x) => x.look);
    const looked = new Set(mine.map((l) => l.sentence));
    const findings = firsts[d].flagged.filter((v) => !looked.has(doc.words[v.word].sentence)).map((v) => v.finding);
    const redecided: number[] = [];
    for (const l of mine) {
      const [from, to] = wordsOfSentence(doc, l.sentence);
      for (let i = from; i < to; i++) if (i !== l.anchor.word) redecided.push(i);
    }
    return { findings, redecided, posteriors: new Map() };
  });
  let k = 0;
  looks.forEach(({ d, look }, i) => {
    out[d].findings.push(look.anchor.finding);
    for (const plan of plans[i]) {
      const v = verdict(seen[i], { word: plan.suspect.word, ranking: rankings[k++], cands: plan.cands }, rule);
      if (!v) continue;
      const w = seen[i].words[plan.suspect.word];
      const [from, to] = wordsOfSentence(docs[d], look.sentence);
      const at = docs[d].words.slice(from, to).findIndex((x) => shifted(look, x.start) === w.start && shifted(look, x.end) === w.end);
      if (at >= 0) out[d].posteriors.set(from + at, v.finding.score);
      if (v.flagged) out[d].findings.push(backFrom(look, docs[d].text, v.finding));
    }
  });
  for (const o of out) o.findings = dropOverlaps(o.findings);
  return out;
}

/** The document's words in sentence s, [from, to): words are in text order, so their sentences ascend. */
function wordsOfSentence(doc: ScoredDocument, s: number): [number, number] {
  const first = (t: number) => {
    let lo = 0, hi = doc.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (doc.words[mid].sentence < t) lo = mid + 1; else hi = mid;
    }
    return lo;
  };
  return [first(s), first(s + 1)];
}

/** Is word i one the look decides (not the anchor, nor a word its fix covers)? */
export function decidedInLook(look: SecondLook, doc: ScoredDocument, i: number): boolean {
  return i !== look.anchor.word && !touches(doc.words[i], look.fix);
}

/**
 * rank's second look: word i of the document (one decidedInLook) decided as check decides it there, as a
 * suspect of the look when it is one, else with generated candidates as rank gives any word; undefined when
 * it has no candidate there.
 */
export async function rankInLook(look: SecondLook, doc: ScoredDocument, i: number, cutoff: number, rule: FlagRule,
  model: Model, signal?: AbortSignal): Promise<RankedWord | undefined> {
  const [seen] = await scoreLooks([look], model, signal);
  const w = doc.words[i];
  const at = seen.words.findIndex((x) => x.start === shifted(look, w.start) && x.end === shifted(look, w.end));
  if (at < 0) return undefined;
  const own = lookSuspects(look, seen, rule.th.pNoiseGate, cutoff).find((s) => s.word === at);
  const suspect = own ?? { word: at, byNoise: true, forced: forcedCandidates(seen, at) };
  const [whole] = planReplacements(seen, [suspect], model, fixedSpan(look));
  if (!whole) return undefined;
  // The look's own suspect with the candidates check scored.
  const plan = own ? screenedOrWhole(seen, whole, rule.th.tau, model) : whole;
  const [ranking] = await rankPlans([plan], model, signal);
  const v = verdict(seen, { word: at, ranking, cands: plan.cands }, rule);
  return v && { ...backFrom(look, doc.text, v.finding), flagged: v.flagged };
}

async function scoreLooks(looks: SecondLook[], model: Model, signal?: AbortSignal): Promise<ScoredDocument[]> {
  secondLookStats.looks += looks.length;
  return scoreSentences(looks.map((l) => l.input), model, signal, secondLookStats);
}

/**
 * The block of the sentence as a text of its own with the fix in place: the block's text alone (from its
 * first sentence, origin), its sentences' offsets made relative to it and shifted past the fix. Everything a
 * look reads lies in the block (windows, words, candidates, rows), so the text before it is left out. None
 * for a fix across prose parts (never made by one word's candidates, but a part boundary inside a fix would
 * have no place).
 */
function fixedBlock(doc: ScoredDocument, sentence: number, fix: Fix, ignoredWords?: string[]): { at: number; origin: number; input: SentencesInput } | undefined {
  const { sentences, text } = doc;
  const s = sentences[sentence];
  if (!s.parts.some((p) => p.start <= fix.start && fix.end <= p.end)) return undefined;
  let a = sentence, b = sentence + 1;
  while (a > 0 && sentences[a - 1].block === s.block) a--;
  while (b < sentences.length && sentences[b].block === s.block) b++;
  const delta = fix.text.length - (fix.end - fix.start);
  const origin = sentences[a].start;
  const move = (x: number) => (x >= fix.end ? x + delta : x) - origin;
  const block = sentences.slice(a, b).map((t) => ({
    start: move(t.start), end: move(t.end), block: t.block, parts: t.parts.map((p) => ({ start: move(p.start), end: move(p.end) })),
  }));
  const fixed = text.slice(origin, fix.start) + fix.text + text.slice(fix.end, sentences[b - 1].end);
  // The block's words are decided with what the whole document says of them (wordScores.ts, evidence).
  return { at: sentence - a, origin, input: { text: fixed, sentences: block, ignoredWords, dialect: doc.dialect, evidence: doc.evidence, markdown: doc.markdown } };
}

/** The look's suspects: those of the fixed text in the sentence, past the fix, real words at the first pass's cutoff. */
function lookSuspects(look: SecondLook, seen: ScoredDocument, gate: number, cutoff: number): Suspect[] {
  const fixed = fixedSpan(look);
  return suspectsOfDocument(seen, gate).filter((s) => {
    const w = seen.words[s.word];
    return w.sentence === look.at && !touches(w, fixed) && (!isRealWord(s, seen) || realWordRank(s, seen) >= cutoff);
  });
}

/**
 * Where the fix's text lies in the look's text. A look decides the words around its fix, not the fix: no
 * candidate of theirs may reach into it (planReplacements' keepOut).
 */
function fixedSpan(look: SecondLook): { start: number; end: number } {
  const start = look.fix.start - look.origin;
  return { start, end: start + look.fix.text.length };
}

/** A document offset outside the fix, in the look's text. */
function shifted(look: SecondLook, x: number): number {
  return (x >= look.fix.end ? x + look.fix.text.length - (look.fix.end - look.fix.start) : x) - look.origin;
}

/** A finding of the look (clear of the fix: planReplacements' keepOut), in the document's offsets and words. */
function backFrom(look: SecondLook, text: string, f: Finding): Finding {
  const fixed = fixedSpan(look);
  const back = look.origin + (f.start >= fixed.end ? look.fix.end - look.fix.start - look.fix.text.length : 0);
  const start = f.start + back, end = f.end + back;
  return { ...f, start, end, word: text.slice(start, end) };
}

function touches(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
