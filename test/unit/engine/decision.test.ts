// The flag rule's one noisy-channel decision (findings.ts verdict over ranking.ts totals and channel.ts
// channels), on hand-made row scores: no model.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Candidate, Source } from '../../../src/engine/candidates';
import { NON_WORD_LOG_PRIOR, logChannel, logOwn, rowChannels } from '../../../src/engine/channel';
import { verdict, type WordTable } from '../../../src/engine/findings';
import { rankFromScores, type RowScore } from '../../../src/engine/ranking';

const W = { energy: 1, surprisal: 0.5, perPiece: 0 };
const row = (energy: number, pieces = 1): RowScore => ({ energy, surprisal: 0, pieces });

function table(text: string, word: string, isWord: (w: string) => boolean): WordTable {
  const start = text.indexOf(word);
  return { text, words: [{ start, end: start + word.length, text: word, sentence: 0 }], energy: [0], surprisal: [0], pNoise: [0.5],
    checkable: [true], isWord };
}
function cand(t: WordTable, text: string, kind: Source): Candidate {
  return { text, start: t.words[0].start, end: t.words[0].end, prior: 1, sources: [kind] };
}
/** The verdict on word 0 of t with these candidates and row scores ([0] the original). */
function decide(t: WordTable, cands: Candidate[], rows: RowScore[], tau: number) {
  const channels = rowChannels(t.text, logOwn(t.isWord(t.words[0].text)), cands);
  const ranking = rankFromScores([t.words[0].text, ...cands.map((c) => c.text)], rows, channels, W);
  const v = verdict(t, { word: 0, ranking, cands }, { th: { pNoiseGate: 0, tau }, maxSuggestions: 3 })!;
  return { ...v, odds: ranking.original.total - Math.min(...ranking.candidates.map((c) => c.total)), ranking };
}

const dictionary = (words: string[]) => (w: string) => words.includes(w.toLowerCase());

test('a likely slip needs less context evidence than an unlikely one', () => {
  const t = table('I recieve it.', 'recieve', dictionary(['i', 'it', 'receive', 'relieve']));
  const cands = [cand(t, 'relieve', 'spelling'), cand(t, 'receive', 'spelling')];
  // The same context score for both: the one-transposition fix wins over the two-edit one.
  const { finding } = decide(t, cands, [row(10), row(5), row(5)], -Infinity);
  assert.equal(finding.suggestions[0].text, 'receive');
  assert.ok(logChannel('recieve', 'receive', 'spelling') > logChannel('recieve', 'relieve', 'spelling'));
});

test('tau is the one knob: flagged exactly when the log-odds over the original exceed it', () => {
  const t = table('I recieve it.', 'recieve', dictionary(['i', 'it', 'receive']));
  const cands = [cand(t, 'receive', 'spelling')];
  const rows = [row(20), row(5)];
  const { odds } = decide(t, cands, rows, 0);
  // odds = context gain + log P(recieve | receive) − log P(recieve | recieve meant)
  const expected = 15 + logChannel('recieve', 'receive', 'spelling') - NON_WORD_LOG_PRIOR;
  assert.ok(Math.abs(odds - expected) < 1e-9, `${odds} vs ${expected}`);
  assert.equal(decide(t, cands, rows, odds - 0.01).flagged, true);
  assert.equal(decide(t, cands, rows, odds + 0.01).flagged, false);
  const f = decide(t, cands, rows, 0).finding;
  assert.equal(f.kind, 'spelling');
  assert.ok(Math.abs(f.score - (1 - 1 / (1 + Math.exp(odds)))) < 1e-9, 'score: the posterior that the original is wrong');
});

test('a non-word is meant less often than a dictionary word: the same evidence flags it, not the word', () => {
  const words = dictionary(['the', 'form', 'from', 'farm']);
  const nonWord = table('Read the frm.', 'frm', words);
  const real = table('Read the farm.', 'farm', words);
  const rows = [row(12), row(6)];
  const a = decide(nonWord, [cand(nonWord, 'form', 'spelling')], rows, 0);
  const b = decide(real, [cand(real, 'form', 'spelling')], rows, 0);
  assert.ok(NON_WORD_LOG_PRIOR < 0);
  assert.ok(Math.abs(a.odds - b.odds - (logChannel('frm', 'form', 'spelling') - logChannel('farm', 'form', 'spelling') - NON_WORD_LOG_PRIOR)) < 1e-9);
  assert.ok(a.odds > b.odds);
});

test('jargon the context finds plausible is left alone, whatever its close dictionary word', () => {
  const t = table('Run kubectl apply.', 'kubectl', dictionary(['run', 'apply']));
  const { flagged, finding } = decide(t, [cand(t, 'subject', 'spelling')], [row(4), row(14)], 0);
  assert.equal(flagged, false);
  assert.ok(finding.score < 0.01);
});

test('the same context gain flags a doubled word sooner than a far spelling proposal', () => {
  const text = 'I saw the the cat.';
  const t: WordTable = { text, words: [{ start: 6, end: 9, text: 'the', sentence: 0 }, { start: 10, end: 13, text: 'the', sentence: 0 }],
    energy: [0, 0], surprisal: [0, 0], pNoise: [0.5, 0.5], checkable: [true, true], isWord: dictionary(['i', 'saw', 'the', 'cat']) };
  const del: Candidate = { text: 'the', start: 6, end: 13, prior: 3, sources: ['delete'] };
  const far: Candidate = { text: 'xyz', start: 10, end: 13, prior: 0, sources: ['cloze'] };
  const channels = rowChannels(text, logOwn(true), [del, far]);
  assert.ok(channels[1] > channels[2]);
  const ranking = rankFromScores(['the the', 'the', 'the xyz'], [row(10), row(6), row(6)], channels, W);
  const v = verdict({ ...t, words: [t.words[1]] }, { word: 0, ranking, cands: [del, far] }, { th: { pNoiseGate: 0, tau: -Infinity }, maxSuggestions: 3 })!;
  assert.equal(v.finding.kind, 'repeated');
  assert.equal(v.finding.word, 'the the');
});
