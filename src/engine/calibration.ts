// Sensitivity (0..1, the user's setting) → the flag rule's raw thresholds. Anchors at sensitivity 0, 0.5
// and 1, linear in between; measured on the shipped model (see ANCHORS' comment). The benchmark sweeps
// the raw thresholds through CheckOptions.thresholds and may move these anchors.
import type { Thresholds } from './types';

export const DEFAULT_SENSITIVITY = 0.5;

/** [at sensitivity 0, at 0.5, at 1]: lower gates and margins = more flags. */
const ANCHORS: Record<keyof Thresholds, [number, number, number]> = {
  energyGate: [6, 4, 2.5],
  pNoiseGate: [0, 0, 0],
  replaceMargin: [4, 2, 0.5],
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
    minScore: overrides.minScore ?? at(ANCHORS.minScore),
  };
}

/**
 * Mean log q of real tokens (the cloze model's log-probability of the token actually there) over
 * held-out prose. The noise posterior σ(E + log q + log(k/(n-k))) needs log q, which costs a cloze pass;
 * only suspects get that pass, and every other word's pNoise uses this mean instead.
 */
export const MEAN_TOKEN_LOGQ = -3;
