// A check result crosses from the worker to the host with its word scores as columns of numbers: a
// 10k-word document's WordScore objects cost tens of ms to structured-clone and rebuild on every re-check
// (more than the re-check itself), typed arrays cost a copy-free transfer. Each word's text is the host's
// own text at its offsets. Posteriors are sparse (only the words REPLACE scored have one, a few per hundred),
// so they travel as the scored words' indices and their values.
import type { TransferListItem } from 'node:worker_threads';
import type { CheckResult, WordScore } from './types';

export interface PackedWords {
  start: Int32Array; end: Int32Array; energy: Float64Array; pNoise: Float64Array; surprisal: Float64Array;
  /** indices of the words with a posterior, ascending, and their posteriors */
  scored: Int32Array; posterior: Float64Array;
}

/** A CheckResult as the worker posts it. */
export type WireCheckResult = Omit<CheckResult, 'words'> & { packedWords: PackedWords };

export function packResult(r: CheckResult): { result: WireCheckResult; transfer: TransferListItem[] } {
  const n = r.words.length;
  let m = 0;
  for (const w of r.words) if (w.posterior !== undefined) m++;
  // Own buffers (not views of a shared one), so that each can be transferred.
  const ints = (k: number) => new Int32Array(new ArrayBuffer(4 * k)), floats = (k: number) => new Float64Array(new ArrayBuffer(8 * k));
  const p: PackedWords = { start: ints(n), end: ints(n), energy: floats(n), pNoise: floats(n), surprisal: floats(n), scored: ints(m), posterior: floats(m) };
  let j = 0;
  r.words.forEach((w, i) => {
    p.start[i] = w.start; p.end[i] = w.end; p.energy[i] = w.energy; p.pNoise[i] = w.pNoise; p.surprisal[i] = w.surprisal;
    if (w.posterior !== undefined) { p.scored[j] = i; p.posterior[j++] = w.posterior; }
  });
  const { words: _, ...rest } = r;
  return { result: { ...rest, packedWords: p }, transfer: Object.values(p).map((a) => a.buffer) };
}

/**
 * The CheckResult again, on the host that sent `text`: exactly what the worker's check returned, its words made into
 * objects when first read. The host reads them for the heat map and a hover off a finding; rebuilding a 10k-word
 * document's 10k objects on every re-check took ~2.5-6.5 ms of the extension host's time whether or not anything read them.
 */
export function unpackResult(text: string, r: WireCheckResult): CheckResult {
  const { packedWords: p, ...rest } = r;
  let words: WordScore[] | undefined;
  const result = { ...rest } as CheckResult;
  Object.defineProperty(result, 'words', { enumerable: true, get: () => (words ??= unpackWords(text, p)) });
  return result;
}

function unpackWords(text: string, p: PackedWords): WordScore[] {
  const words: WordScore[] = new Array(p.start.length);
  for (let i = 0; i < words.length; i++) {
    words[i] = { start: p.start[i], end: p.end[i], word: text.slice(p.start[i], p.end[i]), energy: p.energy[i], pNoise: p.pNoise[i], surprisal: p.surprisal[i] };
  }
  p.scored.forEach((i, j) => { words[i].posterior = p.posterior[j]; });
  return words;
}
