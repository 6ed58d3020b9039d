import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LineIndex, splitLines, breakLength } from '../../../src/text/lines';

function positions(text: string): string[] {
  const idx = new LineIndex(text);
  return [...Array(text.length + 1).keys()].map((o) => { const p = idx.position(o); return `${p.line}:${p.character}`; });
}

test('lines: LF, CRLF and CR-only number lines the same way', () => {
  const lf = new LineIndex('ab\ncd\n\nef');
  const crlf = new LineIndex('ab\r\ncd\r\n\r\nef');
  const cr = new LineIndex('ab\rcd\r\ref');
  for (const idx of [lf, crlf, cr]) assert.equal(idx.lineCount, 4);
  assert.deepEqual(lf.position(7), { line: 3, character: 0 });
  assert.deepEqual(crlf.position(10), { line: 3, character: 0 });
  assert.deepEqual(cr.position(7), { line: 3, character: 0 });
  assert.deepEqual(cr.position(4), { line: 1, character: 1 });
});

test('lines: every offset of a mixed text, a CRLF is one break and its LF ends the line', () => {
  assert.deepEqual(positions('a\r\nb\rc\nd'), ['0:0', '0:1', '0:2', '1:0', '1:1', '2:0', '2:1', '3:0', '3:1']);
  assert.deepEqual(positions(''), ['0:0']);
  assert.deepEqual(positions('\r\r\n\n'), ['0:0', '1:0', '1:1', '2:0', '3:0']);
});

test('lines: characters are UTF-16 code units (surrogate pairs count two)', () => {
  assert.deepEqual(new LineIndex('😀x\r\ny').position(2), { line: 0, character: 2 });
  assert.deepEqual(new LineIndex('😀x\r\ny').position(5), { line: 1, character: 0 });
});

test('lines: an offset outside the text is a RangeError, not a guess', () => {
  const idx = new LineIndex('abc');
  assert.throws(() => idx.position(4), RangeError);
  assert.throws(() => idx.position(-1), RangeError);
  assert.throws(() => idx.position(1.5), RangeError);
  assert.throws(() => idx.lineStart(1), RangeError);
  assert.equal(idx.lineStart(0), 0);
});

test('lines: splitLines and LineIndex agree, and breakLength measures each break', () => {
  const text = 'one\r\ntwo\rthree\nfour';
  const { starts, ends } = splitLines(text);
  assert.deepEqual(starts, [0, 5, 9, 15]);
  assert.deepEqual(ends, [3, 8, 14, 19]);
  const idx = new LineIndex(text);
  starts.forEach((s, l) => assert.deepEqual(idx.position(s), { line: l, character: 0 }));
  assert.deepEqual([3, 8, 14, 0].map((i) => breakLength(text, i)), [2, 1, 1, 0]);
});

test('lines: a large text is indexed in linear time', () => {
  const text = 'x\r\n'.repeat(200_000);
  const idx = new LineIndex(text);
  assert.equal(idx.lineCount, 200_001);
  assert.deepEqual(idx.position(text.length - 1), { line: 199_999, character: 2 });
});
