// QWERTY adjacency: a slip onto a neighbouring key is the commonest typo, so such substitutions cost less
// in the spelling distance (candidates.ts) and rank earlier among spelling neighbours.

const ROWS = ['1234567890-=', 'qwertyuiop[]', "asdfghjkl;'", 'zxcvbnm,./'];
// Physical stagger: each row starts this many key widths right of the row above.
const SHIFT = [0, 0.5, 0.75, 1.25];

const POS = new Map<string, [number, number]>();
ROWS.forEach((row, r) => [...row].forEach((ch, c) => POS.set(ch, [r, c + SHIFT[r]])));

/** True when a and b (case-insensitive) are distinct keys that touch on a QWERTY keyboard. */
export function keyboardAdjacent(a: string, b: string): boolean {
  const pa = POS.get(a.toLowerCase());
  const pb = POS.get(b.toLowerCase());
  if (!pa || !pb || a.toLowerCase() === b.toLowerCase()) return false;
  return Math.abs(pa[0] - pb[0]) <= 1 && Math.abs(pa[1] - pb[1]) <= 1;
}

const LETTER_NEIGHBOURS = new Map<string, readonly string[]>();

/** The letters a–z whose keys touch c's (case-insensitive): the slips onto a neighbouring key. */
export function keyboardNeighbours(c: string): readonly string[] {
  const key = c.toLowerCase();
  let got = LETTER_NEIGHBOURS.get(key);
  if (!got) {
    got = [...'abcdefghijklmnopqrstuvwxyz'].filter((x) => keyboardAdjacent(key, x));
    LETTER_NEIGHBOURS.set(key, got);
  }
  return got;
}
