// Varied English prose for load tests: sentences differ, so no cache makes the work vanish.
const WORDS = ('the a model word sentence reads every token and gives each one an energy that says how well it ' +
  'fits its context while the editor stays responsive because inference runs in a worker thread with its own ' +
  'queue of requests from documents people write in markdown plain text and code comments').split(' ');

/** About `words` words in sentences of 8-20 words, deterministic for a seed. */
export function proseText(words: number, seed: number): string {
  let s = seed * 7919 + 1;
  const rand = (n: number): number => { s = (s * 1103515245 + 12345) % 2147483648; return s % n; };
  const sentences: string[] = [];
  for (let n = 0; n < words;) {
    const len = 8 + rand(13);
    const ws = Array.from({ length: len }, () => WORDS[rand(WORDS.length)]);
    ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
    sentences.push(ws.join(' ') + '.');
    n += len;
  }
  return sentences.join(' ');
}
