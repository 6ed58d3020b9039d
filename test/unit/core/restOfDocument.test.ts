// What a rest check found, kept through the short checks after it (restOfDocument.ts, carryOver).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { carryOver, type Checked } from '../../../src/core/restOfDocument';
import type { CheckResult, Finding, WordScore } from '../../../src/engine/types';

function finding(text: string, word: string, nth = 0, score = 0.9): Finding {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(word, start + 1);
  return { start, end: start + word.length, word, energy: 1, pNoise: 0.5, surprisal: 2, score, kind: 'word-choice', suggestions: [{ text: 'x', p: score }] };
}

/** Every word of text, those in `scored` with a posterior (the words a check judged). */
function words(text: string, scored: Record<string, number> = {}): WordScore[] {
  return [...text.matchAll(/\w+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, word: m[0], energy: 0, pNoise: 0, surprisal: 0,
    ...(m[0] in scored ? { posterior: scored[m[0]] } : {}) }));
}

const result = (findings: Finding[], ws: WordScore[], unscored = 0): CheckResult => ({ findings, words: ws, provider: 'cpu', ms: 1, unscored });

const OLD = 'The form said weather it rains. Then the next paragraph. Last one reads form the server.';
const rest: Checked = { text: OLD, result: result([finding(OLD, 'weather'), finding(OLD, 'form', 1)], words(OLD, { weather: 0.9, form: 0.9 })) };

test('a finding before the edit and one after it stay, the one after moved by what the edit added', () => {
  const text = OLD.replace('the next paragraph', 'the next long paragraph');
  const next = carryOver(rest, { text, result: result([], words(text), 2) });
  assert.deepEqual(next.findings.map((f) => [f.word, text.slice(f.start, f.end)]), [['weather', 'weather'], ['form', 'form']]);
  assert.equal(next.findings[1].start, text.lastIndexOf('form'));
  assert.equal(next.words.find((w) => w.start === next.findings[1].start)?.posterior, 0.9, 'its word reads the squiggle\'s number');
  assert.equal(next.unscored, 2, 'the rest of next is as it came');
});

test('a finding the edit touched goes, and so does one over a word the new check judged afresh', () => {
  const text = OLD.replace('weather', 'whether');
  const judged = carryOver(rest, { text, result: result([], words(text, { form: 0.2 })) });
  assert.deepEqual(judged.findings, [], '"weather" was fixed; the new check scored "form" and kept it');
  const unjudged = carryOver(rest, { text, result: result([], words(text)) });
  assert.deepEqual(unjudged.findings.map((f) => f.word), ['form']);
});

test('the new check\'s own findings stand: a rest finding overlapping one is left out, the rest sorted in', () => {
  const text = OLD.replace('Then', 'Than');
  const own = finding(text, 'Than');
  const overlapping = { ...finding(text, 'form', 1), score: 0.6 };
  const next = carryOver(rest, { text, result: result([own, overlapping], words(text)) });
  assert.deepEqual(next.findings.map((f) => [f.word, f.score]), [['weather', 0.9], ['Than', 0.9], ['form', 0.6]]);
});

test('no rest finding left: the new result as it came (its words not read)', () => {
  const text = 'Something else entirely.';
  let read = false;
  const fresh = { findings: [], provider: 'cpu', ms: 1, unscored: 0, get words() { read = true; return words(text); } } as CheckResult;
  assert.equal(carryOver(rest, { text, result: fresh }), fresh);
  assert.equal(read, false);
});

test('edits in two places keep only what lies before the first and after the last', () => {
  const text = OLD.replace('The form', 'A form').replace('Last one', 'Final one');
  const next = carryOver(rest, { text, result: result([], words(text)) });
  assert.deepEqual(next.findings.map((f) => f.word), ['form'], '"form" after the last edit stays; "weather", between the two, goes');
});
