// The dialect setting's engine side: the en-GB lexicon (dist/lexicon.bin with dist/lexicon-en-GB.bin over it)
// knows British spellings and en-US's does not; a British spelling is not offered its American one; and a
// check's caches keep the dialects apart (the same text checked in turn gives each dialect's own answer).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatorFor } from '../../../src/engine/candidates';
import { DIALECT_LAYERS, DIALECTS, type Dialect } from '../../../src/engine/dialects';
import { lexiconPath, loadLexicon } from '../../../src/engine/lexicon';
import { check, rank } from '../../../src/engine/pipeline';
import { byCost } from '../../../src/engine/spelling';
import { BIGRAM_TRAINING, BigramRunner, LOOSE, shippedWordPiece, testMeta } from './scoringBigram';

const wp = shippedWordPiece();
const us = generatorFor(wp.vocab, 'en-US'), gb = generatorFor(wp.vocab, 'en-GB');
const BRITISH = ['favour', 'colour', 'organise', 'behaviour', 'licence', 'favours', 'organised', 'centre', 'analyse', 'travelling'];
const AMERICAN = ['favor', 'color', 'organize', 'behavior', 'license', 'center', 'analyze', 'traveling'];

function ctx(text: string, word: string) {
  const spans = [...text.matchAll(/[\p{L}'’]+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0] }));
  const i = spans.findIndex((s) => s.text === word);
  return { text, word: spans[i], prev: spans[i - 1], next: spans[i + 1] };
}
const texts = (cs: { text: string }[]) => cs.map((c) => c.text);

test('en-GB knows British spellings, en-US does not; both know the American ones', () => {
  const gbLex = loadLexicon('en-GB'), usLex = loadLexicon('en-US');
  for (const w of BRITISH) {
    assert.equal(gbLex.lookup(w)?.toLowerCase(), w, `en-GB lexicon: ${w}`);
    assert.equal(usLex.lookup(w), undefined, `en-US lexicon: ${w}`);
    assert.ok(gb.isWord(w) && !gb.mustCheck(w), `en-GB: ${w} is a word, never a forced suspect`);
    assert.ok(gbLex.isDialectSpelling(w) && !usLex.isDialectSpelling(w));
  }
  for (const w of ['favour', 'organise', 'licence', 'favours']) assert.ok(us.mustCheck(w), `en-US: ${w} is a non-word with a correction`);
  for (const w of AMERICAN) assert.ok(gb.isWord(w) && us.isWord(w) && !gbLex.isDialectSpelling(w), `${w}: a word in both`);
  assert.equal(loadLexicon('en-US'), usLex, 'read once per process');
});

test('the en-GB layer holds only what en-US lacks, and is small beside it', () => {
  const base = fs.statSync(lexiconPath()).size, layer = fs.statSync(lexiconPath(DIALECT_LAYERS['en-GB'].file)).size;
  assert.ok(layer < base / 4, `layer ${layer} bytes against base ${base}`);
  const gbLex = loadLexicon('en-GB'), usLex = loadLexicon('en-US');
  assert.ok(gbLex.size > usLex.size && gbLex.size - usLex.size < 10_000, `en-GB adds ${gbLex.size - usLex.size} words`);
  assert.match(fs.readFileSync(lexiconPath('lexicon.LICENSES.txt'), 'utf8'), /==== dictionary-en-gb /);
});

test('en-GB spelling neighbours are both indexes\', in the index order', () => {
  const n = loadLexicon('en-GB').neighbours('colur'), words = n.map((x) => x.word);
  assert.ok(words.includes('colour') && words.includes('color'), JSON.stringify(n.slice(0, 5)));
  assert.deepEqual(n, [...n].sort(byCost));
  assert.ok(!loadLexicon('en-US').neighbours('colur').some((x) => x.word === 'colour'));
});

test('a British spelling is not offered its American one in en-GB; a slip near both gets the British', () => {
  const favour = ctx('We are in favour of it.', 'favour');
  assert.ok(texts(us.generate(favour)).includes('favor'), 'en-US corrects it');
  assert.ok(!texts(gb.generate(favour)).includes('favor'), texts(gb.generate(favour)).join(', '));
  const licence = ctx('The licence is MIT.', 'licence');
  assert.ok(texts(us.generate(licence)).includes('license'));
  assert.ok(!texts(gb.generate(licence)).includes('license'), 'not even through the license/licence confusion set');
  assert.ok(texts(gb.generate(ctx('The colours are bright.', 'colours'))).includes('colour'), 'its own near words stay');
  const slip = texts(gb.generate(ctx('The colur is red.', 'colur')));
  assert.ok(slip.includes('colour') && !slip.includes('color'), slip.join(', '));
  assert.ok(texts(us.generate(ctx('The colur is red.', 'colur'))).includes('color'));
});

test('one engine, dialects in turn: each check gets its own dialect\'s answer, not the other\'s cached one', async () => {
  const runner = new BigramRunner(testMeta(), wp, BIGRAM_TRAINING);
  const text = 'I saw the cat in favour of the dog.';   // "favour": no word of en-US's, nor a piece of the model's
  const at = text.indexOf('favour');
  const run = async (dialect: Dialect) => ({
    checked: await check(text, 'plaintext', { ...LOOSE, dialect }, runner, wp),
    ranked: await rank(text, 'plaintext', at, at + 'favour'.length, { ...LOOSE, dialect }, runner, wp),
  });
  const fixes = (r: Awaited<ReturnType<typeof run>>) => r.ranked?.suggestions.map((s) => s.text) ?? [];
  const pNoise = (r: Awaited<ReturnType<typeof run>>) => r.checked.words.find((w) => w.word === 'favour')!.pNoise;
  const first = await run('en-US');
  assert.ok(fixes(first).includes('favor'), fixes(first).join(', '));
  const british = await run('en-GB');
  assert.ok(!fixes(british).includes('favor'), fixes(british).join(', '));
  assert.notEqual(pNoise(british), pNoise(first), 'whether it is a known word is one of pNoise\'s inputs (calibration.ts)');
  const again = await run('en-US');
  assert.deepEqual({ ...again, checked: { ...again.checked, ms: 0 } }, { ...first, checked: { ...first.checked, ms: 0 } });
});

test('an unknown dialect is an error, not a check in another English', async () => {
  assert.throws(() => loadLexicon('en-XX' as Dialect), /unknown dialect 'en-XX'; known: en-US, en-GB/);
  const runner = new BigramRunner(testMeta(), wp, BIGRAM_TRAINING);
  await assert.rejects(check('', 'plaintext', { dialect: 'en-XX' as Dialect }, runner, wp), /unknown dialect 'en-XX'/);
  assert.deepEqual([...DIALECTS], ['en-US', ...Object.keys(DIALECT_LAYERS)]);
});
