// Sensitivity (0..1, the user's setting) → the flag rule's raw thresholds. Anchors at sensitivity 0, 0.5
// and 1, linear in between; measured on the shipped model (see ANCHORS' comment). The benchmark sweeps
// the raw thresholds through CheckOptions.thresholds and may move these anchors.
import type { WordPiece } from '../text/wordpiece';
import type { ModelRunner, Thresholds } from './types';

export const DEFAULT_SENSITIVITY = 0.5;

/**
 * [at sensitivity 0, at 0.5, at 1]: lower gates and margins = more flags. Measured on the first GPU-trained
 * model (electric-small-8x256, 175 M tokens) over the first 300 items of bench/data/tech-dev.jsonl (150
 * errors): at 0.5, P 0.65 R 0.63 F0.5 0.65, 8.8 false flags per 1,000 clean words, fix top-1 0.68. REPLACE margins on that model are
 * unreliable for real words (its energies are only trained where q puts mass), hence the larger margin.
 */
const ANCHORS: Record<keyof Thresholds, [number, number, number]> = {
  energyGate: [5, 4, 3.5],
  pNoiseGate: [0, 0, 0],
  replaceMargin: [6, 4, 2],
  realWordMargin: [14, 11, 8],
  minScore: [0.9, 0.75, 0.5],
};

export function thresholdsFor(sensitivity: number, overrides: Partial<Thresholds> = {}): Thresholds {
  if (!Number.isFinite(sensitivity) || sensitivity < 0 || sensitivity > 1) {
    throw new RangeError(`sensitivity must be a number in 0..1, got ${sensitivity}`);
  }
  const at = ([lo, mid, hi]: [number, number, number]) =>
    sensitivity <= 0.5 ? lo + (mid - lo) * (sensitivity / 0.5) : mid + (hi - mid) * ((sensitivity - 0.5) / 0.5);
  return {
    energyGate: overrides.energyGate ?? at(ANCHORS.energyGate),
    pNoiseGate: overrides.pNoiseGate ?? at(ANCHORS.pNoiseGate),
    replaceMargin: overrides.replaceMargin ?? at(ANCHORS.replaceMargin),
    realWordMargin: overrides.realWordMargin ?? at(ANCHORS.realWordMargin),
    minScore: overrides.minScore ?? at(ANCHORS.minScore),
  };
}

/** Clean technical prose the model has never seen as such: the reference for the mean log q below. */
const REFERENCE_TEXT = 'The server reads its configuration file when it starts, and the changes take effect after a ' +
  'restart. If a request fails, the client waits a few seconds and tries again. You can list the installed ' +
  'packages with the following command, and remove the ones you no longer need.';

const meanLogq = new WeakMap<ModelRunner, Promise<number>>();

/**
 * Mean log q of real tokens (the cloze model's log-probability of the token actually there) on clean
 * reference prose, measured once per runner. The noise posterior σ(E + log q + log(k/(n-k))) needs a
 * token's log q, which costs a cloze pass; only suspects get that pass, and every other word's pNoise
 * uses this mean instead, so the heat map of clean text reads the way the model sees clean text.
 */
export function meanTokenLogq(runner: ModelRunner, wp: WordPiece): Promise<number> {
  let m = meanLogq.get(runner);
  if (!m) {
    const { cls, sep } = runner.meta.special;
    const ids = [cls, ...wp.encode(REFERENCE_TEXT).ids.slice(0, runner.meta.maxLength - 2), sep];
    m = runner.cloze([ids]).then(([row]) => {
      let sum = 0;
      for (let i = 1; i < ids.length - 1; i++) sum += row.tokenLogq[i];
      return sum / (ids.length - 2);
    });
    meanLogq.set(runner, m);
    m.catch(() => meanLogq.delete(runner));   // a cancelled or failed pass is measured again next time
  }
  return m;
}
