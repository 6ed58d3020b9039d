// Every cache of cacheBudgets.ts honours the budget it is given: the same checks that fill each well past a third
// of what they hold at the default budgets leave each, under a budget of that third, holding something and no
// more than its budget (so it evicted), and give the same findings (a cache changes memory, never answers).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { WordPiece } from '../../../src/text/wordpiece';
import { check } from '../../../src/engine/pipeline';
import { cacheBudgets, DEFAULT_CACHE_BUDGETS, scaledCacheBudgets, setCacheBudgets, type CacheBudgets } from '../../../src/engine/cacheBudgets';
import { cacheUsage, clearCache, type CacheName } from '../../../src/engine/cacheUsage';
import { BIGRAM_TRAINING, BigramRunner, LOOSE, testMeta } from './scoringBigram';

// "housse" is kept out of the test vocabulary (so no whole piece vouches for it): a non-word, whose document is
// asked of (the token counts' memo)
const SLIPS = ['over their', 'the the', 'keyss', 'a apple', 'sat on the matt', 'the housse'];
const NOUNS = ['cat', 'dog', 'book', 'house', 'table', 'keys'];

/** Paragraphs that change from one to the next (a document being edited), a slip in each. */
const PARAGRAPHS = Array.from({ length: 40 }, (_, i) =>
  `I lost my ${NOUNS[i % NOUNS.length]} ${SLIPS[i % SLIPS.length]} ${i}. She saw the ${NOUNS[(i * 5) % NOUNS.length]} yesterday.\n\n` +
  `Put it over there ${i % 7}. The ${NOUNS[(i * 7) % NOUNS.length]} sat on the mat.`);

const VOCAB = (() => {
  const words = new Set((BIGRAM_TRAINING + ' ' + PARAGRAPHS.join(' ')).match(/\p{L}+/gu));
  const letters = [...'abcdefghijklmnopqrstuvwxyz'];
  return [...new Set(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', ...'.,#-`=1x', ...letters, ...letters.map((c) => c.toUpperCase()),
    ...letters.map((c) => `##${c}`), ...[...words].filter((w) => w.length > 1 && w !== 'housse')])].join('\n');
})();

const NAMES = Object.keys(DEFAULT_CACHE_BUDGETS) as CacheName[];

/** The workload under `budgets` on a new tokenizer and model (so new caches): findings and what each cache holds. */
async function run(budgets: Partial<CacheBudgets>) {
  setCacheBudgets(budgets);
  const wp = WordPiece.fromVocab(VOCAB, true, cacheBudgets().pieceWords);
  const runner = new BigramRunner(testMeta(), wp, BIGRAM_TRAINING);
  clearCache('neighbourWords', runner, wp);   // the lexicon, and so this memo, is the process's, not the tokenizer's
  const findings = [];
  for (const text of PARAGRAPHS) findings.push((await check(text, 'markdown', LOOSE, runner, wp)).findings);
  return { findings, usage: cacheUsage(runner, wp), runner, wp };
}

test('setCacheBudgets takes positive budgets it knows, the rest at their defaults', () => {
  assert.throws(() => setCacheBudgets({ nope: 1 } as Partial<CacheBudgets>), /unknown cache budget 'nope'/);
  assert.throws(() => setCacheBudgets({ clozeBytes: 0 }), /clozeBytes must be a positive number/);
  assert.throws(() => setCacheBudgets({ planUnits: Number.NaN }), /planUnits/);
  setCacheBudgets({ planUnits: 10 });
  assert.deepEqual(cacheBudgets(), { ...DEFAULT_CACHE_BUDGETS, planUnits: 10 });
  setCacheBudgets();
  assert.deepEqual(cacheBudgets(), DEFAULT_CACHE_BUDGETS);
  const tenth = scaledCacheBudgets(0.1);
  for (const k of NAMES) assert.equal(tenth[k], Math.floor(DEFAULT_CACHE_BUDGETS[k] / 10), k);
});

test('every cache stays within a small budget, evicting, and the findings stay the same', async () => {
  // A budget of the word memos' own (wholesale) size can be a third of it too: they are forgotten and refilled.
  const full = await run({});
  const small = Object.fromEntries(NAMES.map((k) => [k, Math.max(1, Math.floor(full.usage[k] / 3))])) as unknown as CacheBudgets;
  for (const k of NAMES) assert.ok(full.usage[k] >= 6, `${k}: the workload puts ${full.usage[k]} in it, too little to test a third of it`);
  const tight = await run(small);
  assert.deepEqual(tight.findings, full.findings);
  for (const k of NAMES) {
    assert.ok(tight.usage[k] <= small[k], `${k}: holds ${tight.usage[k]}, over its budget ${small[k]}`);
    assert.ok(tight.usage[k] > 0, `${k}: holds nothing under a budget of ${small[k]}`);
  }
  for (const k of NAMES) {
    clearCache(k, tight.runner, tight.wp);
    assert.equal(cacheUsage(tight.runner, tight.wp)[k], 0, `${k} cleared`);
  }
  setCacheBudgets();
});
