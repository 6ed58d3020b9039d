// Shared engine types: the models/ contract (meta.json), the runner the worker exposes, and the
// check API of docs/contract.md section 3. Pure declarations; no runtime code.
import type { Dialect } from './dialects';

export interface ModelMeta { format: number; name: string; cased: boolean; maxLength: number; vocab: string;
  special: { pad: number; unk: number; cls: number; sep: number; mask: number };
  electric: { file: string; inputs: string[]; output: string };
  /**
   * switch: the CPU graph's boolean input that runs its top-K (true) or leaves it out (false: its two top-K outputs
   * come back empty, for rows whose tokens' log q is all that is read); absent in an older graph, never in the GPU ones.
   * positions: the CPU graph's int64 input [batch, scored] naming the positions its head scores (its outputs then
   * [batch, scored] and [batch, scored, K]); absent in an older graph, never in the GPU ones, which score every one
   */
  cloze: { file: string; inputs: string[]; outputs: string[]; k: number; switch?: string; positions?: string };
  /** graphs for WebGPU/CUDA (same inputs/outputs as electric/cloze); golden: golden.json's key for their energies */
  gpu?: { electric: string; cloze: string; quantization?: string; golden: string };
  noise: { replaceRate: number; logPriorRatio: number }; sha256: Record<string, string>;
  config: Record<string, number>; training: Record<string, unknown> }
export interface LoadedModel { dir: string; meta: ModelMeta; vocabText: string }
export interface ClozeRow { topkIds: Int32Array; topkLogq: Float32Array; tokenLogq: Float32Array } // topk flat [len*K]
/** Positions [from, to) of a row of ids. */
export type Span = readonly [number, number];
/**
 * What a cloze run is for: 'proposals' (the default), each position's top K with the tokens' log q; 'tokens', the
 * tokens' log q alone, where the graph can leave its top-K out (meta.cloze.switch) and a row's topkIds and topkLogq
 * may come back empty; { tokensAt }, the tokens' log q at one span of each row alone (REPLACE rows, read near their
 * replacement: ranking.ts, scoredSpan), each row's tokenLogq then that span's, to − from long, where the graph can
 * leave the other positions out (meta.cloze.positions).
 */
export type ClozeWant = 'proposals' | 'tokens' | { readonly tokensAt: readonly Span[] };
export interface ModelRunner { readonly meta: ModelMeta;
  readonly provider: string;                              // the execution provider running: 'cpu', 'cuda', ...
  /** rows one energies()/cloze() call should carry to use the execution provider well (32 CPU, 64 GPU) */
  readonly preferredBatchRows?: number;
  energies(batch: number[][]): Promise<Float32Array[]>;  // rows: full id sequences incl. [CLS]..[SEP]
  cloze(batch: number[][], want?: ClozeWant): Promise<ClozeRow[]> }

/**
 * One checked word with the model's view of it. Offsets are UTF-16 into the checked text. surprisal is the
 * word's -log q (sum over its pieces) under the cloze model; pNoise the calibrated probability that the
 * word is an error, from its energy, its surprisal and whether it is a known word (calibration.ts): the
 * cheap screen that picks the suspects. posterior: for a word REPLACE scored (a suspect, flagged or not),
 * the noisy channel's probability that it is wrong, 1 − p(original) — a finding's score is its word's
 * posterior; absent for a word never scored. It is the one number the editor shows (squiggle, hover, heat map).
 */
export interface WordScore { start: number; end: number; word: string; energy: number; pNoise: number; surprisal: number; posterior?: number }

/** A replacement; p is its REPLACE probability over the candidate set (original included). '' = delete. */
export interface Suggestion { text: string; p: number }

export type FindingKind = 'spelling' | 'word-choice' | 'grammar' | 'repeated';

export interface Finding {
  start: number; end: number; word: string;
  energy: number; pNoise: number; surprisal: number;
  score: number;                                    // score in [0,1]: how sure we are it is wrong
  kind: FindingKind;
  suggestions: Suggestion[];                        // best first, case preserved, '' = delete
}

export interface CheckResult {
  findings: Finding[]; words: WordScore[]; provider: string; ms: number;
  /**
   * Real words past the gate the check left unscored: its rounds stop after one that flags none (pipeline.ts,
   * MIN_ROUND_YIELD), and a thorough check (CheckOptions.thorough) scores them. 0 when none is left.
   */
  unscored: number;
}

/** rank's answer: check's REPLACE verdict on one word (same candidates, totals and p), flagged or not. */
export interface RankedWord extends Finding { flagged: boolean }

/** Raw flag-rule thresholds (calibration.ts maps sensitivity onto them; the benchmark sweeps them). */
export interface Thresholds {
  /** a word is a suspect (candidates, REPLACE) when its pNoise (energy + q's surprisal + known word, calibrated) is ≥ this */
  pNoiseGate: number;
  /**
   * flag a suspect when its best candidate's log posterior odds over the original (context and channel,
   * in nats: findings.ts, verdict) exceed this
   */
  tau: number;
}

export interface CheckOptions {
  /** 0..1; default SETTING_DEFAULTS.sensitivity (defaults.ts) */
  sensitivity?: number;
  /** words never flagged, case-insensitive: applied here, once, for the extension and the CLI alike */
  ignoredWords?: string[];
  /** default MAX_SUGGESTIONS (defaults.ts) */
  maxSuggestions?: number;
  /** the English the text is written in, whose spellings are words (dialects.ts); default SETTING_DEFAULTS.dialect */
  dialect?: Dialect;
  /** overrides the thresholds derived from sensitivity (benchmark sweeps) */
  thresholds?: Partial<Thresholds>;
  /**
   * Score every real word the gate passes (pipeline.ts: all of findings.ts suspectRounds' rounds), not only the rounds
   * that follow a round that flagged one: a long document's rare late slip is caught as in its paragraph alone,
   * at the rows of every round (the command line's --thorough). Off by default: the editor's checks stay short,
   * and it checks a document so once it is left alone, where CheckResult.unscored says real words were left
   * (features/diagnostics.ts, core/restOfDocument.ts).
   */
  thorough?: boolean;
}
