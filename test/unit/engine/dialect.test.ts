// The dialect setting's engine side: the en-GB lexicon (dist/lexicon.bin with dist/lexicon-en-GB.bin over it)
// knows British spellings and en-US's does not (en-CA and en-AU likewise theirs); a British spelling is not
// offered its American one; and a check's caches keep the dialects apart (the same text checked in turn gives
// each dialect's own answer).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatorFor } from '../../../src/engine/candidates';
import { DIALECT_LAYERS, DIALECTS, type Dialect } from '../../../src/engine/dialects';
import { lexiconPath, loadLexicon } from '../../../src/engine/lexicon';
import { check, rank } from '../../../src/engine/pipeline';
import { bucketBitsFor, byCost, SpellingIndex } from '../../../src/engine/spelling';
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

test('en-CA and en-AU know their own spellings: Canadian colour and centre with organize, Australian organise', () => {
  const ca = loadLexicon('en-CA'), au = loadLexicon('en-AU');
  for (const w of ['colour', 'centre', 'licence', 'cheque']) assert.ok(ca.isDialectSpelling(w) && au.isDialectSpelling(w), w);
  assert.ok(ca.lookup('organize') && !ca.lookup('organise'), 'en_CA spells -ize');
  assert.ok(au.isDialectSpelling('organise') && au.lookup('organize'), 'en-AU: its -ise, and the American -ize too');
  assert.ok(!generatorFor(wp.vocab, 'en-CA').mustCheck('colour') && !generatorFor(wp.vocab, 'en-AU').mustCheck('organise'));
});

test('each layer holds only what en-US lacks, in a file a tenth of the base\'s or less, its licence beside it', () => {
  const base = fs.statSync(lexiconPath()).size, usLex = loadLexicon('en-US');
  const licences = fs.readFileSync(lexiconPath('lexicon.LICENSES.txt'), 'utf8');
  for (const [dialect, layer] of Object.entries(DIALECT_LAYERS)) {
    const size = fs.statSync(lexiconPath(layer.file)).size, lex = loadLexicon(dialect as Dialect);
    assert.ok(size < base / 10, `${dialect}: layer ${size} bytes against base ${base}`);
    assert.ok(lex.size > usLex.size && lex.size - usLex.size < 10_000, `${dialect} adds ${lex.size - usLex.size} words`);
    assert.ok(licences.includes(`==== ${layer.hunspell} `), `${layer.hunspell} in dist/lexicon.LICENSES.txt`);
  }
});

test('an index with fewer buckets (a layer\'s) finds the same neighbours, and reads back from its file', () => {
  const words = ['colour', 'colours', 'coloured', 'favour', 'favourite', 'behaviour', 'centre', 'organise', 'licence'];
  const wide = SpellingIndex.build(['colour'], words), narrow = SpellingIndex.build(['colour'], words, undefined, bucketBitsFor(words.length));
  assert.equal(bucketBitsFor(words.length), 8);
  assert.equal(bucketBitsFor(3070), 13);
  assert.equal(bucketBitsFor(10_000_000), 18);
  const back = SpellingIndex.fromBuffer(narrow.serialize());
  assert.ok(narrow.serialize().length < wide.serialize().length / 50);
  for (const q of ['colur', 'colurs', 'favor', 'behavior', 'center', 'organize', 'license', 'favourit']) {
    assert.deepEqual(back.neighbours(q), wide.neighbours(q), q);
  }
  const corrupt = narrow.serialize();
  corrupt.write(corrupt.toString('latin1').replace('"bucketBits":8', '"bucketBits":0'), 'latin1');
  assert.throws(() => SpellingIndex.fromBuffer(corrupt), /0 bucket bits, this engine reads 1 to 18/);
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
  assert.throws(() => loadLexicon('en-XX' as Dialect), /unknown dialect 'en-XX'; known: en-US, en-GB, en-CA, en-AU/);
  const runner = new BigramRunner(testMeta(), wp, BIGRAM_TRAINING);
  await assert.rejects(check('', 'plaintext', { dialect: 'en-XX' as Dialect }, runner, wp), /unknown dialect 'en-XX'/);
  assert.deepEqual([...DIALECTS], ['en-US', ...Object.keys(DIALECT_LAYERS)]);
});
