// The engine on the shipped model (models/, or ELECTRIC_MODEL_DIR): the quality claims the product makes,
// through the real onnxruntime runner.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { loadModel } from '../../../src/engine/model';
import { createRunner, OrtRunner } from '../../../src/engine/session';
import { check, rank } from '../../../src/engine/pipeline';
import { generatorFor } from '../../../src/engine/candidates';
import { WordPiece } from '../../../src/text/wordpiece';
import { modelDir } from './runtimeFixtures';

let runner: OrtRunner;
let wp: WordPiece;

before(async () => {
  const model = await loadModel(modelDir);
  runner = await createRunner(model, { provider: 'cpu', threads: 2, log: () => {} });
  wp = WordPiece.fromVocab(model.vocabText, model.meta.cased);
  generatorFor(wp.vocab);
});
after(async () => { await runner?.dispose(); });

const at = (text: string, word: string) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length });

test('"I lost my keys over their." ranks "there" above "their"', async () => {
  const text = 'I lost my keys over their.';
  const { start, end } = at(text, 'their');
  const s = await rank(text, start, end, ['there', "they're"], runner, wp);
  assert.equal(s[0].text, 'there');
  const pOriginal = 1 - s.reduce((sum, x) => sum + x.p, 0);
  assert.ok(s[0].p > pOriginal, `p(there) = ${s[0].p}, p(their) = ${pOriginal}`);
});

test('a misspelling gets its correction in the top 3', async () => {
  for (const [text, typo, right] of [
    ['The file is recieved by the server before it is written to disk.', 'recieved', 'received'],
    ['Run the command again to see the diffrent output.', 'diffrent', 'different'],
    ['Keep the files in a seperate directory.', 'seperate', 'separate'],
    ['The error occured while the build was running.', 'occured', 'occurred'],
  ]) {
    const r = await check(text, 'plaintext', { sensitivity: 0.5 }, runner, wp);
    const f = r.findings.find((x) => x.word === typo);
    assert.ok(f, `${typo} flagged: ${JSON.stringify(r.findings)}`);
    assert.ok(f.suggestions.slice(0, 3).some((s) => s.text === right), `${right} in ${JSON.stringify(f.suggestions)}`);
  }
});

test('a swapped confusable is flagged with the right fix first', async () => {
  for (const [text, wrong, right] of [
    ['The new version is faster then the old one.', 'then', 'than'],
    ['Make sure their is enough space on the disk before you start.', 'their', 'there'],
  ]) {
    const r = await check(text, 'plaintext', { sensitivity: 0.5 }, runner, wp);
    const f = r.findings.find((x) => x.word === wrong);
    assert.ok(f, `${wrong} flagged: ${JSON.stringify(r.findings)}`);
    assert.equal(f.suggestions[0].text, right);
  }
});

test('pNoise and surprisal are higher for a planted error than for the same word slot in its clean twin', async () => {
  for (const [bad, good, wrong, right] of [
    ['The new version is faster then the old one.', 'The new version is faster than the old one.', 'then', 'than'],
    ['The file is recieved by the server before it is written to disk.', 'The file is received by the server before it is written to disk.', 'recieved', 'received'],
    ['The tests passes when the build is clean.', 'The tests pass when the build is clean.', 'passes', 'pass'],
  ]) {
    const b = (await check(bad, 'plaintext', { sensitivity: 0.5 }, runner, wp)).words.find((w) => w.word === wrong)!;
    const g = (await check(good, 'plaintext', { sensitivity: 0.5 }, runner, wp)).words.find((w) => w.word === right)!;
    assert.ok(b.pNoise > g.pNoise && b.surprisal > g.surprisal, `${wrong} ${b.pNoise} ${b.surprisal} vs ${right} ${g.pNoise} ${g.surprisal}`);
  }
});

test('clean sentences yield no findings at the default sensitivity', async () => {
  const text = [
    'The server writes the log file to disk before it exits.',
    'You can install the package with the following command.',
    'This function returns a list of the files in the directory.',
    'If the connection fails, the client tries again after a short delay.',
  ].join(' ');
  const r = await check(text, 'plaintext', { sensitivity: 0.5 }, runner, wp);
  assert.deepEqual(r.findings.map((f) => f.word), []);
  assert.equal(r.provider, 'cpu');
});
