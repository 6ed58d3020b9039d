import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { proseRegions } from '../../../src/text/regions';
import { splitSentences } from '../../../src/text/sentences';
import { wordsIn } from '../../../src/text/words';
import { assertWellFormed, render } from './render';

// These inputs are the worst cases of naive scanners (every opener searching to the end for a closer that never
// comes). The scanners are linear by construction; here we check that they also give the right answer at scale.

test('big: 100,000-character single lines of unclosed openers are read as prose', () => {
  const ticks = Array.from({ length: 440 }, (_, k) => '`'.repeat(k + 1)).join(' '); // every run length unique
  assert.deepEqual(render(ticks, proseRegions(ticks, 'markdown')), [ticks]);
  const tags = 'word <a '.repeat(12_500);
  assert.deepEqual(render(tags, proseRegions(tags, 'markdown')), [tags.trimEnd()]);
  const dollars = '$x '.repeat(33_333);
  assert.deepEqual(render(dollars, proseRegions(dollars, 'markdown')), [dollars.trimEnd()]);
  const links = '[a]('.repeat(25_000);
  const regions = proseRegions(links, 'markdown');
  assert.equal(regions.length, 50_000);
  assert.ok(regions.every((r, k) => links.slice(r.start, r.end) === (k % 2 === 0 ? 'a' : '(') && r.block === 0));
  const options = '\\item[{'.repeat(14_000);
  assertWellFormed(options, proseRegions(options, 'latex'));
  const dots = 'a.'.repeat(50_000);
  const sentences = splitSentences(dots, proseRegions(dots, 'plaintext'));
  assert.equal(sentences.length, 1);
  assert.equal(wordsIn(dots, sentences[0].parts).length, 1);
});

test('big: 100,000-character lines of string and comment openers in code', () => {
  assert.deepEqual(proseRegions('R"'.repeat(50_000), 'cpp'), []);
  assert.deepEqual(proseRegions('r#'.repeat(50_000), 'rust'), []);
  assert.deepEqual(proseRegions('= /'.repeat(33_333), 'typescript'), []);
  assert.deepEqual(proseRegions('`${'.repeat(33_333), 'typescript'), []);
  const unclosed = '/* ' + 'word '.repeat(20_000);
  assert.deepEqual(render(unclosed, proseRegions(unclosed, 'c')), ['word '.repeat(20_000).trim()]);
});

test('big: a 10 MB Markdown file', () => {
  const para = 'Some prose with `code` and a [link](http://x.org).\n\n';
  const text = para.repeat(200_000);
  assert.ok(text.length > 10_000_000);
  const regions = proseRegions(text, 'markdown');
  assert.equal(regions.length, 800_000);
  const last = regions.slice(-4).map((r) => text.slice(r.start, r.end));
  assert.deepEqual(last, ['Some prose with', 'and a', 'link', '.']);
  assert.equal(regions[regions.length - 1].block, 199_999);
  assert.equal(splitSentences(text, regions).length, 200_000);
});

test('big: a 10 MB source file of trailing comments', () => {
  const text = 'call(); // say hello\n'.repeat(500_000);
  const regions = proseRegions(text, 'typescript');
  assert.equal(regions.length, 500_000);
  assert.equal(text.slice(regions[499_999].start, regions[499_999].end), 'say hello');
  assert.equal(regions[499_999].block, 499_999);
});
