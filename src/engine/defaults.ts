// The settings' defaults, in one place: src/config.ts (the extension), the CLI's flags and the engine's
// CheckOptions read them, and a unit test holds package.json's contributes.configuration to them (VS Code
// shows that file's defaults in its settings editor, so they cannot be computed there).
import * as os from 'node:os';
import type { Dialect } from './dialects';
import type { ProviderChoice } from './protocol';

/** Keyed by the setting's name after `electricProofreader.`. */
export const SETTING_DEFAULTS = {
  enable: true,
  sensitivity: 0.5,
  executionProvider: 'auto' as ProviderChoice,
  maxFileSize: 500_000,
  ignoredWords: [] as readonly string[],
  modelPath: '',
  dialect: 'en-US' as Dialect,
} as const;

/** Suggestions per finding: the engine's CheckOptions.maxSuggestions and the CLI's --max-suggestions. */
export const MAX_SUGGESTIONS = 5;

/**
 * Inference threads when none is asked for, on a machine of `cores`: one fewer than the cores where the engine
 * shares the machine with an editor (the worker's default: leave it a core), all of them for the command line,
 * which has the machine to itself; at most 4 either way (onnxruntime scales poorly past a few threads on these
 * small encoders). On 2 cores the command line's check of bench/data/speed-10k.md took 4.3-4.4 s with one thread
 * and 2.9-3.2 s with two.
 */
export function defaultThreads(cores: number, leaveACore = true): number {
  return Math.max(1, Math.min(4, leaveACore ? cores - 1 : cores));
}

/**
 * The engine's inference threads: those asked for (a positive count, rounded down), else this machine's cores less
 * one left to the editor (defaultThreads). The host reads it to know whether to start the Electric graph's thread
 * (client.ts), the engine to share them between its graphs (session.ts): one reading for both.
 */
export function engineThreads(asked?: number): number {
  if (asked && asked > 0) return Math.floor(asked);
  return defaultThreads(os.availableParallelism?.() ?? os.cpus().length);
}
