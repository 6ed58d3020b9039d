import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { proseRegions } from '../../../src/text/regions';
import { SUPPORTED_LANGUAGES } from '../../../src/text/languages';
import { splitSentences } from '../../../src/text/sentences';
import { wordsIn } from '../../../src/text/words';
import { assertWellFormed, blocks } from './render';

test('offsets: BOM, CRLF, emoji, CJK and RTL text are exact UTF-16 offsets', () => {
  const text = '\uFEFF# Título 😀\r\n\r\nCafé 東京 `x` שלום 👩‍👩‍👧.\r\nNext 𝐀 line.\r\n';
  const regions = proseRegions(text, 'markdown');
  assertWellFormed(text, regions);
  assert.deepEqual(regions.map((r) => [r.start, r.end, r.block]), [[3, 12, 0], [16, 23, 1], [28, 42, 1], [44, 57, 1]]);
  assert.deepEqual(blocks(text, 'markdown'), ['Título 😀', 'Café 東京|שלום 👩‍👩‍👧.|Next 𝐀 line.']);
  const [sentence] = splitSentences(text, regions).slice(1);
  assert.equal(text.slice(sentence.start, sentence.end), 'Café 東京 `x` שלום 👩‍👩‍👧.');
  const words = wordsIn(text, sentence.parts);
  assert.deepEqual(words.map((w) => [w.start, w.text]), [[16, 'Café'], [21, '東京'], [28, 'שלום']]);
});

test('offsets: CRLF in every language family', () => {
  assert.deepEqual(blocks('// one\r\n// two\r\n\r\n// three\r\n', 'typescript'), ['one|two', 'three']);
  assert.deepEqual(blocks('x = 1\r\n# note here\r\n', 'python'), ['note here']);
  assert.deepEqual(blocks('Para one\r\nsame.\r\n\r\nPara two.', 'latex'), ['Para one\r\nsame.', 'Para two.']);
  assert.deepEqual(blocks('Subject\r\n\r\nBody line.\r\n# comment\r\n', 'git-commit'), ['Subject', 'Body line.']);
  assert.deepEqual(blocks('Line one\r\nline two\r\n\r\nThree', 'plaintext'), ['Line one|line two', 'Three']);
});

test('every supported language accepts empty input, whitespace and binary-ish text', () => {
  assert.ok(SUPPORTED_LANGUAGES.includes('markdown') && SUPPORTED_LANGUAGES.includes('rust') && SUPPORTED_LANGUAGES.includes('tex'));
  const junk = '\u0000\u0001\uFFFD\uD800 text \uDC00 /* // # -- % $ ` \' " \\';
  for (const lang of SUPPORTED_LANGUAGES) {
    assert.deepEqual(proseRegions('', lang), [], lang);
    assert.deepEqual(proseRegions(' \n\t\r\n', lang), [], lang);
    assertWellFormed(junk, proseRegions(junk, lang));
  }
});
