// The engine on the shipped model (models/, or ELECTRIC_MODEL_DIR): the quality claims the product makes,
// through the real onnxruntime runner.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { OrtRunner } from '../../../src/engine/session';
import { check, rank } from '../../../src/engine/pipeline';
import { WordPiece } from '../../../src/text/wordpiece';
import { openShipped } from './runtimeFixtures';

let runner: OrtRunner;
let wp: WordPiece;

before(async () => { ({ runner, wp } = await openShipped()); });
after(async () => { await runner?.dispose(); });

const at = (text: string, word: string) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length });

test('rank gives the fix check gives: same candidates, totals and p (one REPLACE scorer)', async () => {
  for (const [text, wrong, right] of [
    ['Keep the files in a seperate directory.', 'seperate', 'separate'],
    ['Make sure their is enough space on the disk before you start.', 'their', 'there'],
    ['This setting effects every request the server handles.', 'effects', 'affects'],
  ]) {
    const f = (await check(text, 'plaintext', { sensitivity: 0.5 }, runner, wp)).findings.find((x) => x.word === wrong);
    assert.ok(f, `${wrong} flagged`);
    assert.equal(f.suggestions[0].text, right);
    // A runner object of its own has caches of its own: rank scores its rows afresh, in a batch of its own.
    const uncached = { meta: runner.meta, provider: runner.provider, energies: (b: number[][]) => runner.energies(b), cloze: (b: number[][]) => runner.cloze(b) };
    const r = await rank(text, 'plaintext', f.start, f.end, { sensitivity: 0.5 }, uncached, wp);
    assert.ok(r?.flagged, `${wrong} flagged by rank's verdict too`);
    // Rows scored in another batch differ by float rounding (padding); p is a posterior now, not a softmax
    // saturated at 1, so that shows: the same fixes, the same first one, each p within 0.01 (the order of
    // the unlikely tail may swap where two are within rounding of each other).
    assert.equal(r.suggestions[0].text, f.suggestions[0].text);
    assert.deepEqual(r.suggestions.map((s) => s.text).sort(), f.suggestions.map((s) => s.text).sort());
    for (const s of r.suggestions) {
      const other = f.suggestions.find((x) => x.text === s.text)!;
      assert.ok(Math.abs(s.p - other.p) < 0.01, `${s.text}: ${s.p} vs ${other.p}`);
    }
    assert.ok(Math.abs(r.score - f.score) < 0.01);
  }
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
