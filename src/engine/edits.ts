// The edit operations that turn a meant word into a typed one, in classes that real typos differ by:
// a neighbouring key, a vowel for a vowel, a transposition, a doubled or undoubled letter. The channel's
// table (data/channelTable.ts) is estimated by counting these over real misspellings, each class against
// its opportunities in the meant words (scripts/build-channel.mjs).
import { keyboardAdjacent } from './keyboard';

export const OP_CLASSES = ['sub-adjacent', 'sub-vowel', 'sub-other', 'transpose', 'insert-double', 'insert-other',
  'delete-double', 'delete-other'] as const;
export type OpClass = typeof OP_CLASSES[number];

const VOWEL = /[aeiouy]/;
const LETTERS = 26;

function subClass(meant: string, typed: string): OpClass {
  if (keyboardAdjacent(meant, typed)) return 'sub-adjacent';
  return VOWEL.test(meant) && VOWEL.test(typed) ? 'sub-vowel' : 'sub-other';
}

/**
 * The operations of one cheapest (unit-cost OSA) alignment of meant → typed, or undefined beyond maxOps.
 * Among equally short alignments the one made of the more typo-like classes wins (doubling over inserting).
 */
export function editOps(meant: string, typed: string, maxOps = 3): OpClass[] | undefined {
  const n = meant.length, m = typed.length;
  if (Math.abs(n - m) > maxOps) return undefined;
  const w = m + 1;
  const d = new Float64Array((n + 1) * w);
  const back = new Uint8Array((n + 1) * w);   // 1 match/sub, 2 delete, 3 insert, 4 transpose
  // Unit cost per op, less a little for the typo-like ones, so ties go their way.
  const eps = (c: OpClass) => (c === 'sub-other' || c === 'insert-other' || c === 'delete-other' ? 0 : -0.01);
  for (let i = 1; i <= n; i++) { d[i * w] = i; back[i * w] = 2; }
  for (let j = 1; j <= m; j++) { d[j] = j; back[j] = 3; }
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const a = meant[i - 1], b = typed[j - 1];
      let best = d[(i - 1) * w + j - 1] + (a === b ? 0 : 1 + eps(subClass(a, b))), how = 1;
      const del = d[(i - 1) * w + j] + 1 + eps(i >= 2 && meant[i - 2] === a ? 'delete-double' : 'delete-other');
      if (del < best) { best = del; how = 2; }
      const ins = d[i * w + j - 1] + 1 + eps(j >= 2 && typed[j - 2] === b ? 'insert-double' : 'insert-other');
      if (ins < best) { best = ins; how = 3; }
      if (i > 1 && j > 1 && a === typed[j - 2] && meant[i - 2] === b && a !== b) {
        const tr = d[(i - 2) * w + j - 2] + 0.99;
        if (tr < best) { best = tr; how = 4; }
      }
      d[i * w + j] = best; back[i * w + j] = how;
    }
  }
  const ops: OpClass[] = [];
  let i = n, j = m;
  while (i > 0 || j > 0) {
    const how = back[i * w + j];
    if (how === 1) { if (meant[i - 1] !== typed[j - 1]) ops.push(subClass(meant[i - 1], typed[j - 1])); i--; j--; }
    else if (how === 2) { ops.push(i >= 2 && meant[i - 2] === meant[i - 1] ? 'delete-double' : 'delete-other'); i--; }
    else if (how === 3) { ops.push(j >= 2 && typed[j - 2] === typed[j - 1] ? 'insert-double' : 'insert-other'); j--; }
    else { ops.push('transpose'); i -= 2; j -= 2; }
    if (ops.length > maxOps) return undefined;
  }
  return ops.reverse();
}

/** How many chances a meant word gives each class (the denominators of the per-class rates). */
export function opportunities(meant: string): Record<OpClass, number> {
  const n = meant.length;
  let adjacent = 0, vowelSubs = 0, doubles = 0;
  for (let i = 0; i < n; i++) {
    const c = meant[i];
    let adj = 0;
    for (let k = 0; k < LETTERS; k++) { const x = String.fromCharCode(97 + k); if (keyboardAdjacent(c, x)) adj++; }
    adjacent += adj;
    if (VOWEL.test(c)) vowelSubs += 5;
    if (i > 0 && meant[i - 1] === c) doubles++;
  }
  return {
    'sub-adjacent': adjacent, 'sub-vowel': vowelSubs, 'sub-other': Math.max(1, n * (LETTERS - 1) - adjacent - vowelSubs),
    transpose: Math.max(1, n - 1), 'insert-double': n, 'insert-other': (n + 1) * LETTERS,
    'delete-double': Math.max(doubles, 0), 'delete-other': n,
  };
}
