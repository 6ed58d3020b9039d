// A check result crosses the worker boundary with its word scores packed (wireWords.ts): the host must get
// back exactly the result the worker's check returned.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { packResult, unpackResult } from '../../../src/engine/wireWords';
import type { CheckResult } from '../../../src/engine/types';

const TEXT = 'Ünïcode first: I lost my keys over their. 👍 Then teh end.';
const at = (w: string) => ({ start: TEXT.indexOf(w), end: TEXT.indexOf(w) + w.length, word: w });
const RESULT: CheckResult = {
  findings: [{ ...at('their'), energy: 3.25, pNoise: 0.875, surprisal: 7.1, score: 0.9, kind: 'word-choice', suggestions: [{ text: 'there', p: 0.8 }] }],
  words: ['Ünïcode', 'first', 'their', 'Then', 'teh', 'end'].map((w, i) => ({ ...at(w), energy: i / 3, pNoise: 1 / (i + 7), surprisal: Math.PI * i })),
  provider: 'cpu', ms: 12.5, unscored: 3,
};
// The words REPLACE scored carry their posterior (a flagged one's is its finding's score); the others have none.
RESULT.words[2].posterior = 0.9;
RESULT.words[4].posterior = 1 / 3;

test('a packed check result comes back equal, through a real port with its buffers transferred', async () => {
  const { result, transfer } = packResult(RESULT);
  const { port1, port2 } = new MessageChannel();
  const got = new Promise<unknown>((resolve) => port2.once('message', resolve));
  port1.postMessage(result, transfer);
  const back = unpackResult(TEXT, (await got) as typeof result);
  port1.close();
  assert.deepEqual(back, RESULT);
  assert.ok(!('posterior' in back.words[0]), 'a word never scored has no posterior, not an undefined one');
  assert.equal(result.packedWords.start.length, 0, 'the buffers moved instead of being copied');
  assert.equal(result.packedWords.posterior.length, 0, 'the posteriors too');
});

test('the words are made into objects when first read, once', () => {
  const back = unpackResult(TEXT, packResult(RESULT).result);
  const described = Object.getOwnPropertyDescriptor(back, 'words')!;
  assert.ok(described.get && described.enumerable, 'a getter, and listed like the other fields (JSON, spread)');
  assert.equal(back.words, back.words, 'made once: the same array each read');
  assert.deepEqual(JSON.parse(JSON.stringify(back)).words, JSON.parse(JSON.stringify(RESULT.words)));
  assert.deepEqual({ ...back }, RESULT);
});

test('posteriors travel sparse: one index and one value per scored word', () => {
  const { packedWords: p } = packResult(RESULT).result;
  assert.deepEqual([...p.scored], [2, 4]);
  assert.deepEqual([...p.posterior], [0.9, 1 / 3]);
});

test('a result with no words packs to empty columns', () => {
  const empty = { ...RESULT, findings: [], words: [] };
  assert.deepEqual(unpackResult('', packResult(empty).result), empty);
});
