// generateMemo (candidateMemo.ts) must answer exactly what CandidateGenerator.generate answers, for every
// context that differs in anything generate reads, wherever the word stands in the text.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WordPiece } from '../../../src/text/wordpiece';
import { generatorFor } from '../../../src/engine/candidates';
import { candidateMemoStats, generateMemo } from '../../../src/engine/candidateMemo';

const ROOT = path.resolve(__dirname, '../../../..');
const wp = WordPiece.fromVocab(fs.readFileSync(path.join(ROOT, 'models/vocab.txt'), 'utf8'), true);
const gen = generatorFor(wp.vocab);

function ctx(text: string, word: string) {
  const spans = [...text.matchAll(/[\p{L}'’]+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0] }));
  const i = spans.findIndex((s) => s.text === word);
  return { text, word: spans[i], prev: spans[i - 1], next: spans[i + 1] };
}

test('memoised candidates equal generated ones, context by context, asked in any order and again', () => {
  const cloze = { ids: Int32Array.from([wp.id('there')!, wp.id('the')!]), logq: Float32Array.from([-0.5, -2.25]) };
  const cases: [string, string, typeof cloze | undefined, number][] = [
    ['I left it over their.', 'their', undefined, 16],
    ['I left it over their.', 'their', cloze, 16],
    ['I left it over their.', 'their', cloze, 6],
    ['I left it over Their.', 'Their', cloze, 16],                       // case
    ['I left it over  their.', 'their', cloze, 16],                      // the gap before
    ['I left it under their.', 'their', cloze, 16],                      // the word before
    ['I left it over their own.', 'their', cloze, 16],                   // the word after
    ['Some words first. I left it over their.', 'their', cloze, 16],     // moved
    ['They saw the the cat.', 'the', undefined, 16],
    ['I saw the the cat.', 'the', undefined, 16],
    ['We recieve alot of mail every day.', 'recieve', undefined, 16],
    ['We recieve alot of mail.', 'alot', undefined, 16],
    ['Please log in to the server.', 'log', undefined, 16],
    ['It is a apple.', 'a', undefined, 16],
  ];
  for (const round of [0, 1]) {
    for (const [text, word, cl, max] of round ? [...cases].reverse() : cases) {
      const c = ctx(text, word);
      assert.deepEqual(generateMemo(gen, c, cl, max), gen.generate(c, cl, max), `${text} / ${word} / ${cl ? 'cloze' : '-'} / ${max}`);
    }
  }
  const before = candidateMemoStats.generated;
  for (const [text, word, cl, max] of cases) generateMemo(gen, ctx(text, word), cl, max);
  assert.equal(candidateMemoStats.generated, before, 'asked again, nothing is generated');
});
