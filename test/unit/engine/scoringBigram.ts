// A real, tiny, deterministic language model behind the ModelRunner interface, for testing the engine's
// plumbing and maths without ONNX: counts bigrams over a training text, and a token's energy is
// -log P(x_t | x_t-1) - log P(x_t+1 | x_t) (add-α smoothing), so a word that fits neither neighbour has
// high energy. Its cloze q(v | x\t) ∝ P(v | x_t-1) P(x_t+1 | v) over the whole vocabulary, like the
// two-tower model's. Nothing in it knows the tests' answers: it only knows the text it was trained on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WordPiece } from '../../../src/text/wordpiece';
import type { ClozeRow, ClozeWant, ModelMeta, ModelRunner } from '../../../src/engine/types';

/** The shipped model's tokenizer (models/vocab.txt), which the engine tests run the bigram model under. */
export function shippedWordPiece(): WordPiece {
  return WordPiece.fromVocab(fs.readFileSync(path.resolve(__dirname, '../../../../models/vocab.txt'), 'utf8'), true);
}

/** What the engine tests' bigram model is trained on: enough to tell "over there" from "over their". */
export const BIGRAM_TRAINING = [
  'I left my bag over there.', 'The book is over there.', 'Put it over there.', 'They put their keys on the table.',
  'Their house is over there.', 'I lost my keys yesterday.', 'She lost her keys over there.', 'I saw the cat.',
  'The cat sat on the mat.', 'We saw the dog.',
].join('\n');

/** Loose thresholds: the bigram model's energies are on its own scale, so every word is a suspect. */
export const LOOSE = { sensitivity: 0.5, thresholds: { pNoiseGate: 0, tau: 0 } };

export function testMeta(maxLength = 128, k = 8): ModelMeta {
  return {
    format: 1, name: 'bigram-test', cased: true, maxLength, vocab: 'vocab.txt',
    special: { pad: 0, unk: 1, cls: 2, sep: 3, mask: 4 },
    electric: { file: 'electric.onnx', inputs: ['input_ids', 'attention_mask'], output: 'energy' },
    cloze: { file: 'cloze.onnx', inputs: ['input_ids', 'attention_mask'], outputs: ['topk_ids', 'topk_logq', 'token_logq'], k },
    noise: { replaceRate: 0.15, logPriorRatio: Math.log(0.15 / 0.85) }, sha256: {}, config: {}, training: {},
  };
}

export class BigramRunner implements ModelRunner {
  readonly provider = 'bigram';
  readonly calls = { energies: 0, rows: 0, cloze: 0, clozeRows: 0 };
  private readonly pair = new Map<number, Map<number, number>>();
  private readonly unigram = new Map<number, number>();
  private readonly V: number;

  constructor(readonly meta: ModelMeta, private readonly wp: WordPiece, trainingText: string, private readonly alpha = 0.001) {
    this.V = wp.vocab.length;
    for (const line of trainingText.split('\n')) {
      const ids = [meta.special.cls, ...wp.encode(line).ids, meta.special.sep];
      for (let i = 0; i + 1 < ids.length; i++) {
        const row = this.pair.get(ids[i]) ?? new Map<number, number>();
        row.set(ids[i + 1], (row.get(ids[i + 1]) ?? 0) + 1);
        this.pair.set(ids[i], row);
        this.unigram.set(ids[i], (this.unigram.get(ids[i]) ?? 0) + 1);
      }
    }
  }

  /** log P(b | a), add-α smoothed over the vocabulary. */
  logP(a: number, b: number): number {
    const c = this.pair.get(a)?.get(b) ?? 0;
    return Math.log((c + this.alpha) / ((this.unigram.get(a) ?? 0) + this.alpha * this.V));
  }

  async energies(batch: number[][]): Promise<Float32Array[]> {
    this.calls.energies++;
    this.calls.rows += batch.length;
    return batch.map((ids) => {
      const e = new Float32Array(ids.length);
      for (let t = 1; t < ids.length - 1; t++) e[t] = -this.logP(ids[t - 1], ids[t]) - this.logP(ids[t], ids[t + 1]);
      return e;
    });
  }

  async cloze(batch: number[][], want?: ClozeWant): Promise<ClozeRow[]> {
    this.calls.cloze++;
    this.calls.clozeRows += batch.length;
    const K = this.meta.cloze.k;
    // A REPLACE row's span alone, as the shipped graph scores it (graphSession.ts).
    const at = typeof want === 'object' ? want.tokensAt : undefined;
    return batch.map((ids, r) => {
      const n = ids.length;
      const topkIds = new Int32Array(n * K), topkLogq = new Float32Array(n * K), tokenLogq = new Float32Array(n);
      for (let t = 1; t < n - 1; t++) {
        const scores = new Float64Array(this.V);
        let max = -Infinity;
        for (let v = 5; v < this.V; v++) { scores[v] = this.logP(ids[t - 1], v) + this.logP(v, ids[t + 1]); max = Math.max(max, scores[v]); }
        let z = 0;
        for (let v = 5; v < this.V; v++) z += Math.exp(scores[v] - max);
        const logZ = max + Math.log(z);
        const order = Array.from({ length: this.V - 5 }, (_, i) => i + 5).sort((a, b) => scores[b] - scores[a]).slice(0, K);
        order.forEach((v, j) => { topkIds[t * K + j] = v; topkLogq[t * K + j] = scores[v] - logZ; });
        tokenLogq[t] = scores[ids[t]] - logZ;
      }
      if (at) return { topkIds: new Int32Array(0), topkLogq: new Float32Array(0), tokenLogq: tokenLogq.slice(...at[r]) };
      return { topkIds, topkLogq, tokenLogq };
    });
  }
}
