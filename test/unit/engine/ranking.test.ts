// REPLACE maths and row building; the row cache on a real (bigram) language model.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WordPiece } from '../../../src/text/wordpiece';
import { contextCost, rankFromScores, replaceRows, rowScore, scoredSpan, softmaxNeg } from '../../../src/engine/ranking';
import { BigramRunner, testMeta } from './scoringBigram';

const ROOT = path.resolve(__dirname, '../../../..');
const wp = WordPiece.fromVocab(fs.readFileSync(path.join(ROOT, 'models/vocab.txt'), 'utf8'), true);

const TRAINING = [
  'I left my bag over there.', 'The book is over there.', 'Put it over there.', 'They put their keys on the table.',
  'Their house is over there.', 'I lost my keys yesterday.', 'She lost her keys over there.',
].join('\n');

test('softmaxNeg: lower energy gets more probability, sums to one, stable at large magnitudes', () => {
  const p = softmaxNeg([10, 12, 11]);
  assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.ok(p[0] > p[2] && p[2] > p[1]);
  assert.ok(Math.abs(p[0] / p[2] - Math.E) < 1e-9);
  const big = softmaxNeg([1e6, 1e6 + 1]);
  assert.ok(Number.isFinite(big[0]) && Math.abs(big[0] - 1 / (1 + Math.exp(-1))) < 1e-12);
});

test('scoredSpan: the replacement and its context either side, within the real tokens', () => {
  assert.deepEqual(scoredSpan(40, 17, 19, 8), [9, 27]);
  assert.deepEqual(scoredSpan(12, 3, 5, 8), [1, 11], '[CLS] and [SEP] left out');
  assert.deepEqual(scoredSpan(20, 10, 10, 2), [8, 12], 'a deletion: the context around it');
});

test('rankFromScores: total = energy · Σ energy + surprisal · (-PLL under q) + perPiece · pieces − log channel', () => {
  const e = [Float32Array.from([5]), Float32Array.from([4]), Float32Array.from([4])];
  const q = [Float32Array.from([-6]), Float32Array.from([-1]), Float32Array.from([-1])];
  const rows = e.map((x, i) => rowScore(x, q[i], 1));
  assert.deepEqual(rows[0], { energy: 5, surprisal: 6, pieces: 1 });
  const w = { energy: 1, surprisal: 0.5, perPiece: 0 };
  const r = rankFromScores(['orig', 'a', 'b'], rows, [0, 0, -3], w);
  assert.equal(r.original.total, 5 + 0.5 * 6);
  assert.deepEqual(r.candidates.map((c) => [c.text, c.total, c.index]), [['a', 4.5, 0], ['b', 7.5, 1]]);
  const sum = r.original.p + r.candidates.reduce((t, c) => t + c.p, 0);
  assert.ok(Math.abs(sum - 1) < 1e-9, 'p over the candidates and the original');
  // surprisal 0 is energy alone: the cloze rows then change nothing; the weights scale the context, not the channel
  assert.equal(rankFromScores(['orig', 'a', 'b'], rows, [0, 0, 0], { ...w, surprisal: 0 }).original.total, 5);
  assert.equal(rankFromScores(['orig', 'a', 'b'], rows, [-1, 0, 0], { ...w, energy: 2, surprisal: 1 }).original.total, 2 * 5 + 6 + 1);
  // perPiece: a row of more pieces pays for each
  const long = rowScore(Float32Array.from([2, 2]), Float32Array.from([-1, -1]), 2);
  const short = rowScore(Float32Array.from([4]), Float32Array.from([-2]), 1);
  assert.equal(contextCost(long, w), contextCost(short, w));
  assert.ok(contextCost(long, { ...w, perPiece: 1 }) > contextCost(short, { ...w, perPiece: 1 }));
});

test('a row scored without its Electric pass: its cost reads no energy, and weights that read one refuse it', () => {
  const cloze = rowScore(undefined, Float32Array.from([-2, -1]), 2);
  assert.deepEqual(cloze, { energy: undefined, surprisal: 3, pieces: 2 });
  assert.equal(contextCost(cloze, { energy: 0, surprisal: 0.5, perPiece: 1 }), 0.5 * 3 + 2);
  assert.throws(() => contextCost(cloze, { energy: 0.1, surprisal: 0.5, perPiece: 1 }), /without its Electric pass/);
});

test('replaceRows: every row has the same context, [CLS]/[SEP], and fits maxLength; each scores its replacement and as much context', () => {
  const meta = testMeta(24);
  const text = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen';
  const { ids, offsets } = wp.encode(text);
  const pieces = ids.map((id, i) => ({ id, start: offsets[i][0], end: offsets[i][1] }));
  const start = text.indexOf('eight'), end = start + 5;
  const replace = replaceRows(text, pieces, start, end, ['8', 'extraordinarily long replacement words', ''], wp, meta, 16, 2);
  const rows = replace.map((r) => r.ids);
  assert.equal(rows.length, 4);
  const mids = ['eight', '8', 'extraordinarily long replacement words', ''].map((m) => wp.encode(m).ids.length);
  replace.forEach((r, k) => {
    const [from, to] = r.scored;
    assert.deepEqual([r.ids[from], r.ids[from + 1]], [wp.id('six'), wp.id('seven')], 'two pieces before the replacement');
    assert.equal(to - from, 2 + mids[k] + Math.min(2, r.ids.length - 1 - (from + 2 + mids[k])), 'the replacement and two pieces after it');
  });
  for (const r of rows) {
    assert.ok(r.length <= 24);
    assert.equal(r[0], meta.special.cls);
    assert.equal(r[r.length - 1], meta.special.sep);
  }
  assert.equal(Math.max(...rows.map((r) => r.length)), 24, 'the longest row uses the whole window');
  const seven = wp.id('seven')!, nine = wp.id('ten')!;
  for (const r of rows) assert.ok(r.includes(seven) && r.includes(nine), 'nearest context kept in every row');
  const lefts = rows.map((r) => r.slice(1, r.indexOf(seven) + 1).join());
  assert.equal(new Set(lefts).size, 1);
  assert.deepEqual(rows[3].filter((x) => x === wp.id('eight')), [], 'the delete row has no "eight"');
});

