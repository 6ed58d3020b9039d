// The second look (secondLook.ts) on the bigram model: a sentence with a flag and another suspect is decided
// again with the flag's fix in place, exactly as a check of the fixed text decides it, and its findings land
// back on the checked text's offsets whatever the fix's length; rank answers as check.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { check, rank } from '../../../src/engine/pipeline';
import { secondLookStats, secondLooks } from '../../../src/engine/secondLook';
import type { Suspect } from '../../../src/engine/findings';
import type { Finding } from '../../../src/engine/types';
import { scoreSentences, scoreWords } from '../../../src/engine/wordScores';
import { codeShare } from '../../../src/engine/tokenCounts';
import { BIGRAM_TRAINING, BigramRunner, LOOSE, shippedWordPiece, testMeta } from './scoringBigram';

const wp = shippedWordPiece();
const runner = () => new BigramRunner(testMeta(), wp, BIGRAM_TRAINING);
const cut = (text: string, f: { start: number; end: number }) => text.slice(f.start, f.end);

test('a word beside a fix is decided as in the fixed text, back at its own offsets; the fix keeps its first-pass finding', async () => {
  // A misspelling (the anchor) before "their": the same length, shorter, longer, and a split.
  for (const [text, typo, fix] of [
    ['I saw tthe cat over their.', 'tthe', 'the'],
    ['I lostt my keys over their.', 'lostt', 'lost'],
    ['I sawthe cat over their.', 'sawthe', 'saw the'],
    ['I saw teh cat over their.', 'teh', 'the'],
  ]) {
    const r = runner();
    const looks = secondLookStats.looks;
    const checked = await check(text, 'plaintext', LOOSE, r, wp);
    assert.equal(secondLookStats.looks - looks, 1, `${text}: one sentence looked at again`);
    assert.deepEqual(checked.findings.map((f) => [cut(text, f), f.word, f.suggestions[0].text]), [[typo, typo, fix], ['their', 'their', 'there']], text);

    const at = text.indexOf(typo), delta = fix.length - typo.length;
    const fixedText = text.slice(0, at) + fix + text.slice(at + typo.length);
    const inFixed = (await check(fixedText, 'plaintext', LOOSE, r, wp)).findings.find((f) => f.word === 'their')!;
    const their = checked.findings[1];
    assert.deepEqual(their, { ...inFixed, start: inFixed.start - delta, end: inFixed.end - delta }, `${text}: their as a check of "${fixedText}" has it`);

    for (const f of checked.findings) assert.deepEqual(await rank(text, 'plaintext', f.start, f.end, LOOSE, r, wp), { ...f, flagged: true }, `rank ${f.word}`);
  }
});

test('a doubled word decided past a shorter fix: the pair is one finding at its own offsets, as rank has it', async () => {
  const text = 'I saww the the cat over their.';
  const r = runner();
  const looks = secondLookStats.looks;
  const checked = await check(text, 'plaintext', LOOSE, r, wp);
  assert.equal(secondLookStats.looks - looks, 1);
  assert.deepEqual(checked.findings.map((f) => [cut(text, f), f.word, f.suggestions[0].text, f.kind]),
    [['saww', 'saww', 'saw', 'spelling'], ['the the', 'the the', 'the', 'repeated'], ['their', 'their', 'there', 'word-choice']]);
  // rank takes a word: the pair's finding is the second "the"'s verdict.
  const words = (f: { start: number; end: number; kind: string }) => (f.kind === 'repeated' ? { start: f.end - 3, end: f.end } : f);
  for (const f of checked.findings) {
    const w = words(f);
    assert.deepEqual(await rank(text, 'plaintext', w.start, w.end, LOOSE, r, wp), { ...f, flagged: true }, f.word);
  }
});

test('a sentence whose only suspect is its flag gets no second look', async () => {
  // The impossible gate leaves the doubled word (forced) the only suspect.
  const strict = { sensitivity: 0.5, thresholds: { ...LOOSE.thresholds, pNoiseGate: 1.01 } };
  const looks = secondLookStats.looks;
  const checked = await check('I lost my keys over their. I saw the the cat.', 'plaintext', strict, runner(), wp);
  assert.deepEqual(checked.findings.map((f) => f.kind), ['repeated']);
  assert.equal(secondLookStats.looks, looks);
});

test('a look at a later paragraph reads that paragraph alone and lands back at its offsets, posteriors included', async () => {
  const para = 'I saw teh cat over their.';
  const alone = await check(para, 'markdown', LOOSE, runner(), wp);
  for (const before of ['# Keys\n\n', 'I lostt my keys over their.\n\n', 'She lost her keys yesterday.\n\nI left my bag over there.\n\n']) {
    const text = before + para;
    const r = runner();
    const looks = secondLookStats.looks;
    const checked = await check(text, 'markdown', LOOSE, r, wp);
    assert.ok(secondLookStats.looks - looks >= 1, `${before}: looked at`);
    const shift = before.length;
    const later = checked.findings.filter((f) => f.start >= shift);
    assert.deepEqual(later, alone.findings.map((f) => ({ ...f, start: f.start + shift, end: f.end + shift })), before);
    const words = checked.words.filter((w) => w.start >= shift);
    assert.deepEqual(words, alone.words.map((w) => ({ ...w, start: w.start + shift, end: w.end + shift })), before);
    for (const f of later) assert.deepEqual(await rank(text, 'markdown', f.start, f.end, LOOSE, r, wp), { ...f, flagged: true }, `rank ${f.word}`);
  }
});

test("a second look reads its block's words with what the whole document says of them", async () => {
  // Two paragraphs: the look's block holds "kyes" once, the other paragraph holds it again.
  const text = 'I saww the kyes over their.\n\nThe kyes are here.\n';
  const model = { runner: runner(), wp };
  const doc = await scoreWords({ text, languageId: 'markdown' }, model);
  const at = doc.words.findIndex((w) => w.text === 'saww');
  const w = doc.words[at];
  const finding = { start: w.start, end: w.end, word: w.text, suggestions: [{ text: 'saw', p: 1 }], score: 1, kind: 'spelling' } as unknown as Finding;
  const suspects = [at, doc.words.findIndex((x) => x.text === 'kyes')].map((word) => ({ word, forced: [], byNoise: true }) as unknown as Suspect);
  const [look] = secondLooks(doc, { flagged: [{ word: at, finding, flagged: true }], suspects, cutoff: 0 });
  assert.ok(look, 'the sentence is looked at again');
  assert.ok(!look.input.text.includes('are here'), "the look's text is its block alone");
  const [seen] = await scoreSentences([look.input], model);
  assert.deepEqual(seen.evidence('kyes'), doc.evidence('kyes'));
  assert.deepEqual(doc.evidence('kyes'), { recurs: true, words: doc.words.length, outsideProse: false, technical: codeShare(text) });
});
