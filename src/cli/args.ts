// Command-line options of electric-check, parsed with node:util (no dependency).
import { parseArgs } from 'node:util';
import { defaultThreads, MAX_SUGGESTIONS, SETTING_DEFAULTS } from '../engine/defaults';
import { DIALECTS, dialectList, isDialect, type Dialect } from '../engine/dialects';
import type { ProviderChoice } from '../engine/protocol';
import { SUPPORTED_LANGUAGES } from '../text/languages';

export type Format = 'text' | 'json' | 'sarif';

export interface CliOptions {
  inputs: string[];             // files, globs, or '-' for stdin
  format: Format;
  jsonl?: string;               // evaluation mode: input JSONL file, '-' = stdin
  output?: string;              // write results here instead of stdout
  language?: string;
  sensitivity: number;
  dialect: Dialect;
  provider: ProviderChoice;
  threads?: number;
  maxFileSize: number;           // characters; longer inputs are not checked (the extension's maxFileSize)
  model?: string;
  progress: boolean;
  words: boolean;                // JSON output includes every checked word's energy
  maxSuggestions: number;
  thorough: boolean;             // score every real word the gate passes (CheckOptions.thorough)
  leaveOutMisspellings?: string;  // evaluation: a file of misspellings (one a line) the known-misspellings list is read without
  graphCache?: string;           // where the CPU graphs are kept optimized ('none': nowhere); default: the user's cache directory
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: electric-check [options] <file|glob|->...
       electric-check --jsonl <input.jsonl|-> [options]

Flags words that do not fit their context, with replacements ranked by an Electric model (offline).

Options:
  --format text|json|sarif   output format (default text: file:line:col: word — suggestion (p=…))
  --jsonl FILE               evaluation mode: read {"id","text"} lines, write {"id","peer":"electric","flags":[…]} lines;
                             a flag: start, end, p (probability it is wrong), suggestions, suggestionP (each one's
                             probability), text, message
  -o, --output FILE          write results to FILE instead of stdout (never an input)
  -l, --language ID          language for every input (markdown, plaintext, latex, git-commit, typescript,
                             javascript, python, go, rust, java, c, cpp, shellscript); default: from the extension
  -s, --sensitivity N        0..1, higher flags more (default ${SETTING_DEFAULTS.sensitivity})
  --dialect ${DIALECTS.join('|')}
                             the English written, whose spellings are words (default ${SETTING_DEFAULTS.dialect}; the
                             others accept the American spellings too)
  --provider auto|cpu|gpu    execution provider (default ${SETTING_DEFAULTS.executionProvider}: the platform's GPU provider, else CPU)
  --threads N                inference threads (default: the cores, at most 4; at most the cores)
  --max-file-size N          skip inputs longer than N characters, as an error (default ${SETTING_DEFAULTS.maxFileSize}, as the extension)
  --model DIR                model folder (default: the package's models/)
  --max-suggestions N        suggestions per finding (default ${MAX_SUGGESTIONS})
  --thorough                 score every word that reads odd, not only while the oddest ones hold slips: a long
                             document's rarer slips are caught too, in up to three times the time
  --words                    with --format json: every checked word with its energy and noise probability
  --progress                 show a progress bar on stderr even when it is not a terminal
  --leave-out-misspellings FILE
                             evaluation: misspellings (one a line) the list of known misspellings is read
                             without (for test errors planted from such a list: bench/quality.mjs, tech-dev)
  --graph-cache DIR|none     where the model's CPU graphs are kept as onnxruntime optimizes them, so that a run
                             after the first opens them faster (default: $XDG_CACHE_HOME/electric-proofreader,
                             else ~/.cache/electric-proofreader; none: optimize them at every run)
  -h, --help                 this text
  -v, --version              print the version

Exit status: 0 nothing flagged, 1 something flagged, 2 an error (bad option or glob, an input not read or
checked, missing model, output not written). -o FILE is replaced only when the status is 0 or 1.
In --jsonl mode the status is 0 unless there was an error.`;

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' }, jsonl: { type: 'string' }, output: { type: 'string', short: 'o' },
        language: { type: 'string', short: 'l' }, sensitivity: { type: 'string', short: 's' }, dialect: { type: 'string' },
        provider: { type: 'string' }, threads: { type: 'string' }, model: { type: 'string' }, 'max-file-size': { type: 'string' },
        'max-suggestions': { type: 'string' }, progress: { type: 'boolean' }, words: { type: 'boolean' }, thorough: { type: 'boolean' },
        'leave-out-misspellings': { type: 'string' }, 'graph-cache': { type: 'string' },
        help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  const format = (v.format ?? 'text') as Format;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got '${format}')`);
  const provider = (v.provider ?? SETTING_DEFAULTS.executionProvider) as ProviderChoice;
  if (!['auto', 'cpu', 'gpu'].includes(provider)) throw new UsageError(`--provider must be auto, cpu or gpu (got '${provider}')`);
  const sensitivity = v.sensitivity === undefined ? SETTING_DEFAULTS.sensitivity : number(v.sensitivity, '--sensitivity');
  if (sensitivity < 0 || sensitivity > 1) throw new UsageError(`--sensitivity must be between 0 and 1 (got ${sensitivity})`);
  const dialect = v.dialect ?? SETTING_DEFAULTS.dialect;
  if (!isDialect(dialect)) throw new UsageError(`--dialect must be ${dialectList()} (got '${dialect}')`);
  const threads = v.threads === undefined ? undefined : integer(v.threads, '--threads', 1);
  const maxSuggestions = v['max-suggestions'] === undefined ? MAX_SUGGESTIONS : integer(v['max-suggestions'], '--max-suggestions', 0);
  const maxFileSize = v['max-file-size'] === undefined ? SETTING_DEFAULTS.maxFileSize : integer(v['max-file-size'], '--max-file-size', 0);
  if (v.language !== undefined && !SUPPORTED_LANGUAGES.includes(v.language)) {
    throw new UsageError(`--language: unknown language '${v.language}'; known: ${SUPPORTED_LANGUAGES.join(', ')}`);
  }
  const opts: CliOptions = {
    inputs: parsed.positionals, format, jsonl: v.jsonl, output: v.output, language: v.language, sensitivity, dialect,
    provider, threads, maxFileSize, model: v.model, progress: v.progress ?? false, words: v.words ?? false, maxSuggestions,
    thorough: v.thorough ?? false,
    leaveOutMisspellings: v['leave-out-misspellings'], graphCache: v['graph-cache'], help: v.help ?? false, version: v.version ?? false,
  };
  if (!opts.help && !opts.version) {
    if (opts.jsonl !== undefined && opts.inputs.length > 0) throw new UsageError('--jsonl reads its own input; give no other files');
    if (opts.jsonl === undefined && opts.inputs.length === 0) throw new UsageError('no input: give files, globs, or - for stdin');
    if (opts.words && opts.format !== 'json') throw new UsageError('--words needs --format json');
  }
  return opts;
}

function number(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} must be a number (got '${text}')`);
  return n;
}

function integer(text: string, flag: string, min: number): number {
  const n = number(text, flag);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be an integer ≥ ${min} (got '${text}')`);
  return n;
}

/**
 * The inference threads of a run: those asked for, at most the cores (more only adds contention, and onnxruntime
 * allocates per thread: --threads 100000 took 3 GB and never answered; `note` says so), else all the cores up to 4
 * (defaults.ts: the command line has no editor to leave a core to).
 */
export function inferenceThreads(asked: number | undefined, cores: number, note: (msg: string) => void): number {
  if (asked === undefined) return defaultThreads(cores, false);
  if (asked <= cores) return asked;
  note(`--threads ${asked} is more than the ${cores} cores here; using ${cores}`);
  return cores;
}
