// The heat map's steps, free of VS Code. A word is tinted by the number its squiggle and hover show: the
// REPLACE posterior that it is wrong (WordScore.posterior). Only words REPLACE scored have one, so clean
// prose the pNoise screen passed over, ignored words, paths, identifiers and code are never tinted, and a
// name the model finds plausible where it stands keeps a low posterior and stays untinted too.
//
// The steps are fractions of the flag floor, the lowest posterior a flagged word can have at the document's
// sensitivity: flagged means log p(best) − log p(original) > tau (findings.ts, verdict), and p(best) ≤
// 1 − p(original), so a flagged word's posterior exceeds σ(tau): 0.73 at sensitivity 0, 0.50 at 0.5, 0.44 at 1.
// The top step starts there (flagged, or would be if the alternatives' share sat on one fix), so it always
// means "flagged or nearly"; the lower steps light up words with a real chance of being wrong. On this
// repository's README at 0.5 that was 15 words of 3,033 (14 of them flagged; tau 0 then), where pNoise tinted 1,122.
import { sigmoid, thresholdsFor } from '../engine/calibration';

/**
 * Lowest posterior of each step as a fraction of the flag floor (words below the first are not tinted), and
 * its theme colour (package.json contributes.colors declares exactly these).
 */
export const HEAT_STEPS = [
  { from: 0.2, color: 'electricProofreader.heatLow' },
  { from: 0.4, color: 'electricProofreader.heatMedium' },
  { from: 0.7, color: 'electricProofreader.heatHigh' },
  { from: 1, color: 'electricProofreader.heatVeryHigh' },
] as const;

export function flagFloor(sensitivity: number): number {
  return sigmoid(thresholdsFor(sensitivity).tau);
}

/** The step a word is tinted with (an index of HEAT_STEPS), -1 for none; flagged words take the top step. */
export function heatStep(posterior: number | undefined, flagged: boolean, floor: number): number {
  if (flagged) return HEAT_STEPS.length - 1;
  if (posterior === undefined) return -1;
  let step = -1;
  HEAT_STEPS.forEach((s, i) => { if (posterior >= s.from * floor) step = i; });
  return step;
}
