// Windows (coverage, context, centrality, exact offsets) and word scores (piece → word placement,
// calibration), without a model.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WordPiece } from '../../../src/text/wordpiece';
import { makeWindows, tokenizeStreams, windowSpans } from '../../../src/engine/windows';
import { maxOver, ownerOf, pieceValues, placeWords, surprisalOver } from '../../../src/engine/placement';
import { noiseProbability, sigmoid, thresholdsFor } from '../../../src/engine/calibration';

const ROOT = path.resolve(__dirname, '../../../..');
const wp = WordPiece.fromVocab(fs.readFileSync(path.join(ROOT, 'models/vocab.txt'), 'utf8'), true);

test('windowSpans: every piece owned exactly once, ≥ 32 pieces of context each side where the text allows', () => {
  for (const n of [1, 50, 126, 127, 200, 333, 1000, 4321]) {
    const spans = windowSpans(n, 126, 32);
    const owner = new Array<number>(n).fill(-1);
    spans.forEach((s, k) => {
      assert.ok(s.to - s.from <= 126 && s.from >= 0 && s.to <= n);
      assert.ok(s.from <= s.ownFrom && s.ownTo <= s.to);
      for (let p = s.ownFrom; p < s.ownTo; p++) { assert.equal(owner[p], -1, `piece ${p} owned twice`); owner[p] = k; }
    });
    assert.ok(owner.every((o) => o >= 0), `n=${n}: every piece owned`);
    for (let p = 0; p < n; p++) {
      const s = spans[owner[p]];
      assert.ok(p - s.from >= Math.min(32, p), `n=${n} p=${p}: left context`);
      assert.ok(s.to - 1 - p >= Math.min(32, n - 1 - p), `n=${n} p=${p}: right context`);
    }
  }
});

test('windowSpans: each piece is scored in the window where it is most central', () => {
  const spans = windowSpans(700, 126, 32);
  const centrality = (p: number, s: { from: number; to: number }) => Math.min(p - s.from, s.to - 1 - p);
  spans.forEach((s) => {
    for (let p = s.ownFrom; p < s.ownTo; p++) {
      for (const o of spans) if (p >= o.from && p < o.to) assert.ok(centrality(p, o) <= centrality(p, s) + 1);
    }
  });
  assert.ok(spans.length <= Math.ceil((700 - 126) / 62) + 1, 'no more windows than the stride needs');
});

test('tokenizeStreams + makeWindows: blocks packed, [CLS]/[SEP], exact offsets, parts joined across the code between them', () => {
  const text = 'First sentence here. Second one `code()` continues.\n\nAnother block.';
  const gap = text.indexOf('`'), gapEnd = text.indexOf('continues') - 1;
  const sentences = [
    { start: 0, end: 20, block: 0, parts: [{ start: 0, end: 20 }] },
    { start: 21, end: text.indexOf('\n'), block: 0, parts: [{ start: 21, end: gap }, { start: gapEnd, end: text.indexOf('\n') }] },
    { start: text.indexOf('Another'), end: text.length, block: 1, parts: [{ start: text.indexOf('Another'), end: text.length }] },
  ];
  const { streams, streamOfSentence } = tokenizeStreams(text, sentences, wp);
  assert.deepEqual(streamOfSentence, [0, 0, 1]);
  assert.equal(streams.length, 2);
  for (const s of streams) for (const p of s.pieces) {
    assert.equal(text.slice(p.start, p.end), wp.vocab[p.id].replace(/^##/, ''), 'piece offsets exact');
    assert.notEqual(text[p.start], '`', 'no backtick is read');
  }
  // The code between the second sentence's parts is read, without its backticks (readSpans).
  const code = streams[0].pieces.filter((p) => p.start >= gap && p.start < gapEnd);
  assert.equal(text.slice(code[0].start, code[code.length - 1].end), 'code()');
  const windows = makeWindows(streams, 128, { cls: 2, sep: 3 });
  assert.equal(windows.length, 2, 'one window per short block');
  assert.equal(windows[0].ids[0], 2);
  assert.equal(windows[0].ids[windows[0].ids.length - 1], 3);
  assert.equal(windows[0].ids.length, streams[0].pieces.length + 2);
});

test('pieceValues takes each piece from its owning window; placeWords maps words to their pieces', () => {
  const text = 'Unbelievably, the cat sat.';
  const { streams } = tokenizeStreams(text, [{ start: 0, end: text.length, block: 0, parts: [{ start: 0, end: text.length }] }], wp);
  const n = streams[0].pieces.length;
  const windows = makeWindows(streams, 128, { cls: 2, sep: 3 });
  const e = pieceValues(streams, windows, [Float32Array.from({ length: n + 2 }, (_, i) => i * 10)]);
  assert.deepEqual([...e[0]], Array.from({ length: n }, (_, i) => (i + 1) * 10));
  const words = [{ start: 0, end: 12, text: 'Unbelievably', sentence: 0 }, { start: 18, end: 21, text: 'cat', sentence: 0 }];
  const placed = placeWords(streams, words, [0, 0]);
  const unb = placed[0];
  assert.equal(text.slice(streams[0].pieces[unb.p0].start, streams[0].pieces[unb.p1 - 1].end), 'Unbelievably');
  assert.equal(placed[1].p1 - placed[1].p0, 1);
  assert.equal(maxOver(e[0], unb.p0, unb.p1), (unb.p1) * 10);
  assert.throws(() => pieceValues(streams, windows, [new Float32Array(3)]), /length/);
});

test('sigmoid is stable at large magnitudes', () => {
  assert.ok(Math.abs(sigmoid(-800)) < 1e-300 && sigmoid(800) === 1);
  assert.ok(Math.abs(sigmoid(0) - 0.5) < 1e-15);
});

test('word surprisal sums its pieces\' -log q; ownerOf finds the window row position of a piece', () => {
  assert.equal(surprisalOver(Float32Array.from([-1, -2, -4, -8]), 1, 3), 6);
  const windows = [{ stream: 0, from: 0, to: 10, ownFrom: 0, ownTo: 6, ids: [] }, { stream: 0, from: 4, to: 14, ownFrom: 6, ownTo: 14, ids: [] }];
  assert.deepEqual(ownerOf(windows, 0, 7), { window: 1, pos: 4 });
  assert.throws(() => ownerOf(windows, 1, 0), /no window/);
  // Many streams, as a document lays them out (stream 1 has no window): each piece found in its stream alone.
  const many = [...windows, { stream: 2, from: 0, to: 5, ownFrom: 0, ownTo: 5, ids: [] }, { stream: 3, from: 0, to: 9, ownFrom: 0, ownTo: 4, ids: [] },
    { stream: 3, from: 2, to: 12, ownFrom: 4, ownTo: 12, ids: [] }];
  for (const [s, p, window, pos] of [[0, 0, 0, 1], [0, 5, 0, 6], [0, 13, 1, 10], [2, 4, 2, 5], [3, 3, 3, 4], [3, 4, 4, 3], [3, 11, 4, 10]]) {
    assert.deepEqual(ownerOf(many, s, p), { window, pos }, `stream ${s} piece ${p}`);
  }
  for (const [s, p] of [[1, 0], [0, 14], [2, 5], [3, 12], [4, 0]]) assert.throws(() => ownerOf(many, s, p), /no window/, `stream ${s} piece ${p}`);
});

test('pNoise rises with q\'s surprisal and is a probability', () => {
  assert.ok(noiseProbability(3, 12, true) > noiseProbability(3, 2, true));
  assert.ok(noiseProbability(3, 12, false) > noiseProbability(3, 2, false));
  for (const [e, s] of [[0, 0], [10, 40], [-5, 100]]) { const p = noiseProbability(e, s, true); assert.ok(p >= 0 && p <= 1); }
});

test('thresholdsFor: higher sensitivity lowers every threshold; overrides win; bad input throws', () => {
  const lo = thresholdsFor(0), mid = thresholdsFor(0.5), hi = thresholdsFor(1);
  for (const k of ['pNoiseGate', 'tau'] as const) assert.ok(lo[k] > mid[k] && mid[k] > hi[k], k);
  assert.deepEqual(Object.keys(mid).sort(), ['pNoiseGate', 'tau'], 'tau is the decision\'s one knob beside the suspect gate');
  assert.equal(thresholdsFor(0.5, { tau: 9 }).tau, 9);
  assert.throws(() => thresholdsFor(1.5), RangeError);
  assert.throws(() => thresholdsFor(0.5, { energyGate: 3 } as never), /unknown threshold energyGate/);
  assert.throws(() => thresholdsFor(0.5, { replaceMargin: 3 } as never), /unknown threshold replaceMargin/);
  assert.throws(() => thresholdsFor(Number.NaN), RangeError);
});
