// Words scored as units (issue 13, item 2): PLL-word-l2r of Kauf & Ivanova, "A Better Way to Do Masked
// Language Model Scoring" (ACL 2023), carried over to Electric and the cloze towers. A misspelling split
// into pieces ("maintain ##ance") looks plausible when each piece is scored beside the others: each vouches
// for the rest. Within a replaced word, a piece is scored instead in a row where the pieces to its right
// in the same word are left out, so only the pieces to its left (and the context) explain it; the word's
// last piece and every context piece keep their scores from the full row. Neither head was trained with
// [MASK], so the pieces are dropped rather than masked.
import type { RowScore } from './ranking';

/** A piece whose score comes from an extra row: `pos` in the full row, `at` in the extra row. */
export interface Swap { extra: number; pos: number; at: number }

/**
 * The extra rows for a REPLACE row whose replacement holds positions [m0, m1): one per piece followed by a
 * continuation of its own word. Each is the full row without that word's pieces after the piece.
 */
export function l2rRows(row: readonly number[], m0: number, m1: number, isContinuation: (id: number) => boolean): { row: number[]; pos: number }[] {
  const out: { row: number[]; pos: number }[] = [];
  for (let p = m0; p < m1; p++) {
    let end = p + 1;
    while (end < m1 && isContinuation(row[end])) end++;
    if (end > p + 1) out.push({ row: [...row.slice(0, p + 1), ...row.slice(end)], pos: p });
  }
  return out;
}

/** The full row's score with each swapped piece's energy and log q read from its extra row instead. */
export function l2rScore(full: RowScore, energy: Float32Array, tokenLogq: Float32Array, swaps: readonly Swap[],
  extraEnergy: readonly Float32Array[], extraLogq: readonly Float32Array[]): RowScore {
  let e = full.energy, s = full.surprisal;
  for (const w of swaps) {
    e += extraEnergy[w.extra][w.at] - energy[w.pos];
    s += -extraLogq[w.extra][w.at] + tokenLogq[w.pos];
  }
  return { ...full, energy: e, surprisal: s };
}
