// PLL-word-l2r rows (wordL2r.ts): which rows are added and how their scores replace the full row's.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { l2rRows, l2rScore } from '../../../src/engine/wordL2r';
import { rowScore } from '../../../src/engine/ranking';

// ids: 1 [CLS], 2 [SEP]; 10.. word starts; 100.. continuation pieces
const cont = (id: number) => id >= 100;

test('a piece followed by its own continuations gets a row without them; single pieces and last pieces do not', () => {
  // [CLS] ctx | defin ##ate ##ly  fix | ctx [SEP]: the replacement is positions 2..5
  const row = [1, 10, 11, 101, 102, 12, 13, 2];
  const extra = l2rRows(row, 2, 6, cont);
  assert.deepEqual(extra, [
    { row: [1, 10, 11, 12, 13, 2], pos: 2 },        // "defin": its word's later pieces dropped
    { row: [1, 10, 11, 101, 12, 13, 2], pos: 3 },   // "##ate": "##ly" dropped, "defin" kept on its left
  ]);
  assert.deepEqual(l2rRows([1, 10, 11, 12, 2], 2, 3, cont), [], 'a one-piece word needs no extra row');
  // Continuations outside the replacement are context: never dropped
  assert.deepEqual(l2rRows([1, 11, 101, 2], 1, 2, cont), []);
});

test('l2rScore: swapped pieces take their energy and log q from the extra rows, the rest stays', () => {
  const e = Float32Array.from([0, 1, 1, 1, 0]), q = Float32Array.from([0, -1, -1, -1, 0]);
  const full = rowScore(e, q);
  assert.deepEqual(full, { energy: 3, surprisal: 3, pieces: 3 });
  const xe = [Float32Array.from([0, 1, 5, 0])], xq = [Float32Array.from([0, -1, -4, 0])];
  const s = l2rScore(full, e, q, [{ extra: 0, pos: 2, at: 2 }], xe, xq);
  assert.deepEqual(s, { energy: 3 - 1 + 5, surprisal: 3 - 1 + 4, pieces: 3 });
  assert.deepEqual(l2rScore(full, e, q, [], xe, xq), full);
});
