// The heat map's steps: only words REPLACE scored are tinted, by their posterior, and the top step means
// "flagged at this sensitivity, or nearly": no flagged word can sit below it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { flagFloor, HEAT_STEPS, heatStep } from '../../../src/core/heatSteps';
import { sigmoid, thresholdsFor } from '../../../src/engine/calibration';
import { verdict, type WordTable } from '../../../src/engine/findings';
import { softmaxNeg, type Ranking } from '../../../src/engine/ranking';

const TOP = HEAT_STEPS.length - 1;

test('flag floor: σ(tau) at the sensitivity, lower as sensitivity rises', () => {
  assert.equal(flagFloor(0.5), sigmoid(thresholdsFor(0.5).tau));
  assert.ok(flagFloor(0.5) > 0.3 && flagFloor(0.5) < 0.7, 'at the default, a flagged word is wrong about as often as not or more');
  assert.ok(flagFloor(0) > flagFloor(0.5) && flagFloor(0.5) > flagFloor(1));
});

test('steps: a word never scored (a name, a path, code, clean prose) is not tinted; a flagged one always takes the top step', () => {
  const floor = flagFloor(0.5);
  assert.equal(heatStep(undefined, false, floor), -1);
  assert.equal(heatStep(undefined, true, floor), TOP, 'the other word of a flagged "the the" has no posterior of its own');
  assert.equal(heatStep(0.01, true, floor), TOP);
  // Posteriors as fractions of the floor (σ(tau) at 0.5).
  assert.equal(heatStep(0, false, floor), -1);
  assert.equal(heatStep(0.14 * floor, false, floor), -1, 'a name REPLACE keeps, as "harper" in this README');
  assert.equal(heatStep(0.2 * floor, false, floor), 0);
  assert.equal(heatStep(0.4 * floor, false, floor), 1);
  assert.equal(heatStep(0.78 * floor, false, floor), 2, 'nearly flagged');
  assert.equal(heatStep(floor, false, floor), TOP);
  assert.equal(heatStep(1, false, floor), TOP);
  assert.equal(heatStep(0.9 * floor, false, floor), 2);
  assert.ok(0.9 * floor >= flagFloor(1));
  assert.equal(heatStep(0.9 * floor, false, flagFloor(1)), TOP, 'the same posterior is top at the highest sensitivity');
  for (let p = 0; p <= 1; p += 0.01) assert.ok(heatStep(p, false, floor) >= heatStep(p - 0.01, false, floor), 'monotone');
});

test('no flagged verdict falls below the top step, at any sensitivity (random rankings through findings.ts verdict)', () => {
  const text = 'I saw teh cat.';
  const start = text.indexOf('teh');
  const t: WordTable = { text, words: [{ start, end: start + 3, text: 'teh', sentence: 0 }], energy: [0], surprisal: [0], pNoise: [0.5],
    checkable: [true], isWord: () => true };
  const cands = ['the', 'ten', 'tea'].map((c) => ({ text: c, start, end: start + 3, prior: 1, sources: ['spelling' as const] }));
  let seed = 7;
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  let flagged = 0;
  for (const sensitivity of [0, 0.25, 0.5, 0.75, 1]) {
    const th = thresholdsFor(sensitivity);
    for (let k = 0; k < 400; k++) {
      const totals = [0, 1, 2, 3].map(() => random() * 6);
      const p = softmaxNeg(totals);
      const ranked = totals.map((total, i) => ({ text: i ? cands[i - 1].text : 'teh', total, p: p[i], index: i - 1 }));
      const ranking: Ranking = { original: ranked[0], candidates: ranked.slice(1).sort((a, b) => b.p - a.p) };
      const v = verdict(t, { word: 0, ranking, cands }, { th, maxSuggestions: 3 })!;
      if (!v.flagged) continue;
      flagged++;
      assert.equal(heatStep(v.finding.score, false, flagFloor(sensitivity)), TOP, `${sensitivity}: score ${v.finding.score}`);
    }
  }
  assert.ok(flagged > 100, `${flagged} flagged`);
});
