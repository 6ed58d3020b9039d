// check() end to end on a real (bigram) language model: regions → windows → energies → suspects → cloze →
// candidates → REPLACE → findings. The model is tiny and knows only its training sentences, so these
// tests pin the plumbing (offsets, caching, the flag rule, doubled words, ignored words, cancellation);
// pipeline.model.test.ts holds the shipped model to the quality claims.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { check, rank } from '../../../src/engine/pipeline';
import { BIGRAM_TRAINING, BigramRunner, LOOSE, shippedWordPiece, testMeta } from './scoringBigram';

const wp = shippedWordPiece();
const runner = () => new BigramRunner(testMeta(), wp, BIGRAM_TRAINING);
// pNoise is a probability: no word passes this gate.
const NO_SUSPECTS = { sensitivity: 0.5, thresholds: { pNoiseGate: 2 } };

test('flags "their" in "over their" and suggests "there" first; offsets exact', async () => {
  const text = 'I lost my keys over their.';
  const r = await check(text, 'plaintext', LOOSE, runner(), wp);
  const f = r.findings.find((x) => x.word === 'their');
  assert.ok(f, JSON.stringify(r.findings));
  assert.equal(text.slice(f.start, f.end), 'their');
  assert.equal(f.suggestions[0].text, 'there');
  assert.ok(f.score > 0.5 && f.score <= 1 && f.pNoise >= 0 && f.pNoise <= 1);
  assert.equal(f.kind, 'word-choice');
  for (const w of r.words) assert.equal(text.slice(w.start, w.end), w.word);
  assert.equal(r.provider, 'bigram');
  assert.ok(r.ms >= 0);
});

test('every word REPLACE scored reports its posterior, flagged or not; a finding\'s score is its word\'s posterior', async () => {
  const text = 'I lost my keys over their. She lost her keys over there.';
  const r = await check(text, 'plaintext', LOOSE, runner(), wp);
  const f = r.findings.find((x) => x.word === 'their')!;
  const word = r.words.find((w) => w.start === f.start && w.end === f.end)!;
  assert.equal(word.posterior, f.score);
  assert.ok(f.suggestions[0].p <= f.score, 'a fix\'s p is its share of the same posterior');
  const unflagged = r.words.filter((w) => w.posterior !== undefined && !r.findings.some((x) => x.start < w.end && w.start < x.end));
  assert.ok(unflagged.length > 0, 'the loose gate makes suspects of clean words too');
  assert.ok(unflagged.every((w) => w.posterior! >= 0 && w.posterior! <= 1));
  const none = await check(text, 'plaintext', NO_SUSPECTS, runner(), wp);
  assert.ok(none.words.every((w) => !('posterior' in w)), 'no suspects, no posteriors');
});

test('posteriors are the check\'s own: a later check that scores nothing reports none for the same words', async () => {
  const r = runner();
  const text = 'I lost my keys over their.';
  assert.ok((await check(text, 'plaintext', LOOSE, r, wp)).words.some((w) => w.posterior !== undefined));
  assert.ok((await check(text, 'plaintext', NO_SUSPECTS, r, wp)).words.every((w) => w.posterior === undefined));
});

test('a doubled word is flagged as repeated with the delete fix', async () => {
  const text = 'I saw the the cat.';
  const r = await check(text, 'plaintext', LOOSE, runner(), wp);
  const f = r.findings.find((x) => x.kind === 'repeated');
  assert.ok(f, JSON.stringify(r.findings));
  assert.equal(text.slice(f.start, f.end), 'the the');
  assert.equal(f.suggestions[0].text, 'the');
});

test('pNoiseGate: an impossible gate stops energy suspects but not doubled words', async () => {
  const strict = { sensitivity: 0.5, thresholds: { ...LOOSE.thresholds, pNoiseGate: 1.01 } };
  const r = await check('I lost my keys over their. I saw the the cat.', 'plaintext', strict, runner(), wp);
  assert.deepEqual(r.findings.map((f) => f.kind), ['repeated']);
});

test('ignored words, code and clean text give no findings', async () => {
  const text = 'I lost my keys over their.\n\n```\nover their over their\n```\n';
  const ignored = await check(text, 'markdown', { ...LOOSE, ignoredWords: ['THEIR'] }, runner(), wp);
  assert.deepEqual(ignored.findings, []);
  assert.ok(!ignored.words.some((w) => w.start > text.indexOf('```')), 'fenced code is not scored');
  const clean = await check('She lost her keys over there.', 'plaintext', LOOSE, runner(), wp);
  assert.deepEqual(clean.findings, []);
});

test('re-checking an edited document scores only the changed window', async () => {
  const paras = ['I saw the cat.', 'The cat sat on the mat.', 'We saw the dog.', 'Put it over there.'];
  const r = runner();
  await check(paras.join('\n\n'), 'markdown', NO_SUSPECTS, r, wp);
  assert.equal(r.calls.rows, 4, 'one window per paragraph');
  paras[2] = 'We saw the cat.';
  const second = await check(paras.join('\n\n'), 'markdown', NO_SUSPECTS, r, wp);
  assert.equal(r.calls.rows, 5, 'only the edited paragraph went to the model');
  assert.equal(second.words.length, 18);
});

test('a long paragraph is windowed and every word gets an energy', async () => {
  const sentence = 'The cat sat on the mat. ';
  const text = sentence.repeat(60);
  const r = runner();
  const res = await check(text, 'plaintext', NO_SUSPECTS, r, wp);
  assert.ok(r.calls.rows > 1, 'more than one window');
  assert.equal(res.words.length, 6 * 60);
  assert.ok(res.words.every((w) => Number.isFinite(w.energy) && w.pNoise >= 0 && w.pNoise <= 1));
  // The same word in the same context gets the same energy wherever the window boundaries fall.
  const cats = res.words.filter((w) => w.word === 'cat').map((w) => w.energy);
  assert.ok(Math.max(...cats) - Math.min(...cats) < 1e-4);
});

test('an aborted signal stops the check; empty text gives an empty result', async () => {
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(check('I saw the cat.', 'plaintext', LOOSE, runner(), wp, ac.signal), /abort/i);
  const empty = await check('', 'plaintext', LOOSE, runner(), wp);
  assert.deepEqual([empty.findings, empty.words], [[], []]);
});

test('a cancelled parse: shouldStop ends a long document\'s region parsing before any model run', async () => {
  const r = runner();
  const long = '- '.repeat(100_000) + 'text\n' + 'I saw the cat.\n'.repeat(20_000);
  let asked = 0;
  await assert.rejects(check(long, 'markdown', LOOSE, r, wp, undefined, undefined, () => ++asked > 1), { name: 'Cancelled' });
  assert.equal(asked, 2, 'asked again after the first chunk, then stopped');
  assert.deepEqual([r.calls.energies, r.calls.cloze], [0, 0]);
  const short = await check('I saw the cat.', 'markdown', LOOSE, r, wp, undefined, undefined, () => true);
  assert.equal(short.words.length, 4, 'a document shorter than one stop interval is never asked');
});

test('rank answers with check\'s finding for a flagged word, and the verdict for one check leaves', async () => {
  const r = runner();
  const text = 'I lost my keys over their. She lost her keys over there.';
  const checked = await check(text, 'plaintext', LOOSE, r, wp);
  const f = checked.findings.find((x) => x.word === 'their')!;
  const rows = r.calls.rows;
  const ranked = await rank(text, 'plaintext', f.start, f.end, LOOSE, r, wp);
  assert.deepEqual(ranked, { ...f, flagged: true });
  assert.equal(r.calls.rows, rows, 'the same rows as the check: all from the cache');
  const there = text.lastIndexOf('there');
  const clean = await rank(text, 'plaintext', there, there + 5, LOOSE, r, wp);
  assert.ok(clean && !clean.flagged && clean.suggestions.length > 0, JSON.stringify(clean));
  assert.ok(!checked.findings.some((x) => x.start === there));
  // ruled out by the gate, rank still ranks it: generated candidates as for a suspect
  const gated = await rank(text, 'plaintext', f.start, f.end, { ...LOOSE, thresholds: { ...LOOSE.thresholds, pNoiseGate: 2 } }, r, wp);
  assert.equal(gated?.suggestions[0].text, 'there');
});

test('rank: an ignored word has no ranking; a span that is not one checked word is an error', async () => {
  const text = 'I lost my keys over their.';
  const start = text.indexOf('their');
  assert.equal(await rank(text, 'plaintext', start, start + 5, { ...LOOSE, ignoredWords: ['Their'] }, runner(), wp), undefined);
  await assert.rejects(rank(text, 'plaintext', start, start + 3, LOOSE, runner(), wp), /no checked word spans/);
  await assert.rejects(rank('short', 'plaintext', 3, 10, LOOSE, runner(), wp), /outside the text/);
});
