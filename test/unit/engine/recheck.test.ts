// Incremental re-check (blockMemo.ts, the word memos of wordScores.ts): a re-check after an edit must give
// exactly what a cold check of the edited text gives, while re-reading only the sentences the edit touched.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { WordPiece } from '../../../src/text/wordpiece';
import { check } from '../../../src/engine/pipeline';
import { concatAll, memoStats } from '../../../src/engine/blockMemo';
import { candidateMemoStats } from '../../../src/engine/candidateMemo';
import { scoreWords } from '../../../src/engine/wordScores';
import { LruMap, memoByWord } from '../../../src/text/lru';
import { BIGRAM_TRAINING, BigramRunner, LOOSE, testMeta } from './scoringBigram';


const DOC = [
  '# Keys', '',
  'I lost my keys over their. The cat sat on the mat.', '',
  'She lost her keys yesterday. I saw the the cat. We saw the dog over there.', '',
  '```', 'over their over their', '```', '',
  'Put it over there. Their house is over there.', '',
  'She lost her keys yesterday. I saw the the cat. We saw the dog over there.', '',
  '- The book is over there.', '- They put their keys on the table.', '',
].join('\n');

/**
 * A small vocabulary (the test's words, letters and punctuation) keeps the bigram model's cloze, which
 * scores every piece of the vocabulary at every position, fast enough for many checks.
 */
function vocabOf(doc: string): string {
  const words = new Set((BIGRAM_TRAINING + ' ' + doc).match(/\p{L}+/gu));
  const letters = [...'abcdefghijklmnopqrstuvwxyz'];
  const pieces = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', ...'.,#-`=1x', ...letters, ...letters.map((c) => c.toUpperCase()),
    ...letters.map((c) => `##${c}`), ...[...words].filter((w) => w.length > 1)];
  return [...new Set(pieces)].join('\n');
}
const VOCAB = vocabOf(DOC);

/** A fresh tokenizer (so nothing remembered) and a fresh model (so no cached rows): a cold check. */
async function cold(text: string, lang = 'markdown') {
  const wp = WordPiece.fromVocab(VOCAB, true);
  return check(text, lang, LOOSE, new BigramRunner(testMeta(), wp, BIGRAM_TRAINING), wp);
}

/** What stage 1 hands on, model outputs and the generator aside: words in their sentences and streams, windows. */
async function scored(text: string, model: { runner: BigramRunner; wp: WordPiece }) {
  const d = await scoreWords({ text, languageId: 'markdown' }, model);
  return { words: d.words, streams: d.streams, windows: d.windows, energy: d.energy, surprisal: d.surprisal, pNoise: d.pNoise, checkable: d.checkable };
}

const at = (text: string, what: string, from = 0) => {
  const i = text.indexOf(what, from);
  assert.ok(i >= 0, `"${what}" is in the text`);
  return i;
};
const replace = (text: string, what: string, by: string, from = 0) => {
  const i = at(text, what, from);
  return text.slice(0, i) + by + text.slice(i + what.length);
};

test('check, edit, re-check equals a cold check of the edited text, edit after edit', async () => {
  const wp = WordPiece.fromVocab(VOCAB, true);
  const runner = new BigramRunner(testMeta(), wp, BIGRAM_TRAINING);
  const edits: [string, (t: string) => string][] = [
    ['one word, same length', (t) => replace(t, 'yesterday', 'yesterdya')],
    ['one word, longer: every later offset moves', (t) => replace(t, 'keys over', 'keyss over')],
    ['a sentence added to a paragraph', (t) => replace(t, 'the mat.', 'the mat. We saw the the dog.')],
    ['a new paragraph: later blocks and sentences renumbered', (t) => replace(t, 'Put it', 'I saw teh cat.\n\nPut it')],
    ['a paragraph removed', (t) => replace(t, 'I saw teh cat.\n\n', '')],
    ['the repeated paragraph edited in one place only', (t) => replace(t, 'dog over', 'dgo over', at(t, 'Put it'))],
    ['a fence opened: the rest of the document becomes code', (t) => replace(t, 'Put it', '```\nPut it')],
    ['back to the start', () => DOC],
  ];
  let text = DOC;
  const first = await check(text, 'markdown', LOOSE, runner, wp);
  assert.deepEqual(first, { ...(await cold(text)), ms: first.ms });
  assert.ok(first.findings.length > 0, 'the document has findings to keep straight');
  for (const [what, edit] of edits) {
    text = edit(text);
    const warm = await check(text, 'markdown', LOOSE, runner, wp);
    const fresh = await cold(text);
    assert.deepEqual(warm.findings, fresh.findings, what);
    assert.deepEqual(warm.words, fresh.words, what);
    const wpCold = WordPiece.fromVocab(VOCAB, true);
    assert.deepEqual(await scored(text, { runner, wp }), await scored(text, { runner: new BigramRunner(testMeta(), wpCold, BIGRAM_TRAINING), wp: wpCold }), what);
    for (const w of warm.words) assert.equal(text.slice(w.start, w.end), w.word, what);
  }
});

test('words that name rather than say are read again where the text around them changed, inside their block or not', async () => {
  // A link's label that names its target, a handle, a "|" list, a word quoted alone, a hyphen's suffix: each left
  // unchecked by what stands around it (wordScores.ts), which may lie outside the words' block (the first word's
  // quote, the last word's link target): a re-check after an edit there reads them as a cold check does.
  const doc = ['# Tools', '', 'Install [cpy](https://github.com/sindresorhus/cpy) and [mkdirp](', 'https://example.com/mkdirp) for the keys.', '',
    'Ask @octocat about the the tree-ish keys.', '', "The 'from' keys and the a|b list.", '', "'from' is a key.", '',
    'The keys are [cpyz](https://github.com/sindresorhus/cpyz)', ''].join('\n');
  const vocab = vocabOf(doc.replaceAll('cpyz', '') + ' copy mkdir octo');   // "cpyz" a non-word, spelt as its target
  const wp = WordPiece.fromVocab(vocab, true);
  const runner = new BigramRunner(testMeta(), wp, BIGRAM_TRAINING);
  const fresh = () => { const w = WordPiece.fromVocab(vocab, true); return { runner: new BigramRunner(testMeta(), w, BIGRAM_TRAINING), wp: w }; };
  const edits: [string, (t: string) => string][] = [
    ["a target no longer the label's", (t) => replace(t, 'sindresorhus/cpy)', 'sindresorhus/copy)')],
    ['a target on the next line changed', (t) => replace(t, 'example.com/mkdirp', 'example.com/mkdir')],
    ["a handle's @ taken away", (t) => replace(t, '@octocat', 'octocat')],
    ['a quote and a bar taken away', (t) => replace(replace(t, "'from'", 'from'), 'a|b', 'a b')],
    ["the quote before a block's first word taken away", (t) => replace(t, "'from' is", "from' is")],
    ["the target after a block's last word changed", (t) => replace(t, 'sindresorhus/cpyz)', 'sindresorhus/copy)')],
    ['a long line around a block (what stands around it is too long to keep), checked twice', (t) => replace(t, 'for the keys.', `for the keys \`${'x'.repeat(1500)}\`.`)],
    ['and its link changed', (t) => replace(t, 'example.com/mkdir)', 'example.com/mkdirp)')],
    ['back to the start', () => doc],
  ];
  let text = doc;
  const first = await scored(text, { runner, wp });
  assert.ok(first.checkable.includes(false), 'some words are left unchecked');
  for (const [what, edit] of edits) {
    text = edit(text);
    const warm = await scored(text, { runner, wp });
    assert.deepEqual(warm, await scored(text, fresh()), what);
  }
});

test('a re-check after a one-word edit tokenizes and places only the changed sentence', async () => {
  const wp = WordPiece.fromVocab(VOCAB, true);
  const runner = new BigramRunner(testMeta(), wp, BIGRAM_TRAINING);
  await check(DOC, 'markdown', LOOSE, runner, wp);
  const before = { ...memoStats }, generated = candidateMemoStats.generated;
  await check(DOC, 'markdown', LOOSE, runner, wp);
  assert.deepEqual(memoStats, before, 'the same text again reads nothing');
  assert.equal(candidateMemoStats.generated, generated, 'nor generates candidates again');

  // Longer by one letter, so every block after it moves: moved, not re-read.
  const edited = replace(DOC, 'The cat sat', 'The catt sat');
  await check(edited, 'markdown', LOOSE, runner, wp);
  assert.equal(memoStats.sentencesRead - before.sentencesRead, 1);
  assert.equal(memoStats.wordsPlaced - before.wordsPlaced, 'The catt sat on the mat'.split(' ').length);
  assert.equal(memoStats.blocksBuilt - before.blocksBuilt, 1, 'only the edited paragraph gets new windows');
});

test('plaintext and comment languages re-check like markdown', async () => {
  const wp = WordPiece.fromVocab(VOCAB, true);
  const runner = new BigramRunner(testMeta(), wp, BIGRAM_TRAINING);
  const py = '# I lost my keys over their.\n# The cat sat on the mat.\nx = 1\n# We saw the the dog.\n';
  await check(py, 'python', LOOSE, runner, wp);
  const edited = replace(py, 'mat', 'matt');
  const warm = await check(edited, 'python', LOOSE, runner, wp);
  const fresh = await cold(edited, 'python');
  assert.deepEqual({ ...warm, ms: 0 }, { ...fresh, ms: 0 });
});

test('LruMap keeps at most its capacity in units, least recently used out first', () => {
  const m = new LruMap<string, number[]>(5, (v) => v.length);
  m.set('a', [1, 2]);
  m.set('b', [1, 2]);
  assert.deepEqual(m.get('a'), [1, 2]);   // a is now the most recent
  m.set('c', [1, 2]);                      // 6 units: b goes
  assert.equal(m.get('b'), undefined);
  assert.deepEqual([m.size, m.units], [2, 4]);
  m.set('big', [1, 2, 3, 4, 5, 6]);        // heavier than everything: not kept, nothing evicted
  assert.equal(m.get('big'), undefined);
  assert.deepEqual([m.size, m.units], [2, 4]);
  m.set('a', [1]);                         // replacing an entry re-weighs it
  assert.equal(m.units, 3);
  assert.throws(() => new LruMap(0), RangeError);
});

test('LruMap evicts by second chance: a read entry outlives one eviction walk, then goes first if not read again', () => {
  const m = new LruMap<string, number>(3);
  m.set('a', 1); m.set('b', 2); m.set('c', 3);
  m.get('a'); m.get('c');
  m.set('d', 4);                           // a and c were read: b goes
  assert.deepEqual(['a', 'b', 'c', 'd'].map((k) => m.get(k)), [1, undefined, 3, 4]);
  // c, d and a (in the walk's order) were all read just now: each is moved on once, unread, and the first of
  // them, c, goes; the entry just stored is never the one evicted
  m.set('e', 5);
  assert.deepEqual(['a', 'c', 'd', 'e'].map((k) => m.get(k)), [1, undefined, 4, 5]);
  assert.deepEqual([m.size, m.units], [3, 3]);
  for (let i = 0; i < 100; i++) { m.get(`k${i - 1}`); m.set(`k${i}`, i); }   // a walk ends whatever was read
  assert.deepEqual([m.size, m.units], [3, 3]);
  assert.equal(m.get('k99'), 99);
});

test('memoByWord answers as the function does, remembers falsy answers, and stays bounded', () => {
  let calls = 0;
  const f = memoByWord((w) => { calls++; return w.length > 3 ? w.length : 0; }, 2);
  assert.deepEqual([f('cat'), f('horse'), f('cat'), f('horse')], [0, 5, 0, 5]);
  assert.equal(calls, 2);
  f('mouse');                              // full: forgets everything, then remembers mouse
  f('cat');
  assert.equal(calls, 4);
});

test('concatAll puts any number of arrays end to end, more than one call could take as arguments', () => {
  for (const n of [0, 1, 4096, 4097, 200_000]) {
    const parts = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? [] : [i, -i]));
    assert.deepEqual(concatAll(parts), parts.flat(), `${n} arrays`);
  }
});
