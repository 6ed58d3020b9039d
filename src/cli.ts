// electric-check: the engine from the command line (files, globs, stdin, or --jsonl evaluation).
// Runs the same EngineClient as the extension, so the model runs in a worker thread here too.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import * as path from 'node:path';
import { CliOptions, inferenceThreads, parseCliArgs, USAGE, UsageError } from './cli/args';
import { expandInputs, GlobError } from './cli/globs';
import { checkOutputTarget, fileSink, OutputError, Sink, streamSink } from './cli/output';
import { Progress } from './cli/progress';
import { Check, CheckMany, EngineStartError, RunContext, runFiles, runJsonl } from './cli/run';
import { EngineClient } from './engine/client';
import type { CheckOptions } from './engine/types';

export interface CliIo { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream }

/**
 * Exit status: 0 nothing flagged, 1 something flagged, 2 an error (a bad option, input or model, an output
 * that could not be written). Everything is checked that can be checked before any file is opened for writing.
 */
export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  // A closed stderr or a reader gone before --help is printed must not turn into a crash; output errors
  // during a run are the sink's (streamSink), which ends the run.
  io.stderr.on('error', () => undefined);
  io.stdout.on('error', () => undefined);
  const note = (msg: string): void => { io.stderr.write(`electric-check: ${msg}\n`); };
  let opts: CliOptions;
  let files: string[] = [], unmatched: string[] = [];
  try {
    opts = parseCliArgs(argv);
    if (opts.help) { io.stdout.write(USAGE + '\n'); return 0; }
    if (opts.version) { io.stdout.write(packageVersion() + '\n'); return 0; }
    if (opts.jsonl === undefined) ({ files, unmatched } = expandInputs(opts.inputs));
    if (opts.output) await checkOutputTarget(opts.output, opts.jsonl !== undefined ? [opts.jsonl] : files);
  } catch (err) {
    if (err instanceof UsageError) { note(`${err.message}\n(electric-check --help for usage)`); return 2; }
    if (err instanceof GlobError || err instanceof OutputError) { note(err.message); return 2; }
    throw err;
  }
  opts.threads = inferenceThreads(opts.threads, availableParallelism(), note);

  const modelDir = opts.model ? path.resolve(opts.model) : defaultModelDir();
  if (!modelDir) { note('no package.json above electric-check, so no default models/; pass --model DIR'); return 2; }
  let out: Sink;
  try {
    out = opts.output ? await fileSink(opts.output) : streamSink(io.stdout);
  } catch (err) {
    if (!(err instanceof OutputError)) throw err;
    note(err.message);
    return 2;
  }
  let leaveOutMisspellings: string[] | undefined;
  if (opts.leaveOutMisspellings !== undefined) {
    try {
      leaveOutMisspellings = readFileSync(opts.leaveOutMisspellings, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
    } catch (err) {
      note(`--leave-out-misspellings: cannot read ${opts.leaveOutMisspellings}: ${(err as Error).message}`);
      return 2;
    }
    const bad = leaveOutMisspellings.find((l) => !/^[\p{L}'’-]+$/u.test(l));
    if (bad !== undefined) { note(`--leave-out-misspellings: not one word: ${JSON.stringify(bad)}`); return 2; }
  }
  const client = new EngineClient({
    modelDir, provider: opts.provider, threads: opts.threads, leaveOutMisspellings, graphCache: graphCacheDir(opts.graphCache),
    // Outside the editor a big file may take more heap than the extension allows its worker.
    resourceLimits: { maxOldGenerationSizeMb: 4096, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
    // Errors reach the user through the rejected request; logging them too would print them twice.
    log: (level, msg) => { if (level === 'warn') note(msg); },
  });
  const checkOptions: CheckOptions = { sensitivity: opts.sensitivity, dialect: opts.dialect, maxSuggestions: opts.maxSuggestions, thorough: opts.thorough };
  // Started on the first text to check, so a run over empty or missing files never loads the model.
  let started: Promise<unknown> | undefined;
  const start = (): Promise<unknown> => (started ??= client.info().catch((err: Error) => { throw new EngineStartError(err.message); }));
  const check: Check = async (text, language, progress) => {
    await start();
    return client.check(text, language, checkOptions, undefined, progress);
  };
  const checkMany: CheckMany = async (items, progress) => {
    await start();
    return client.checkMany(items.map((it) => ({ text: it.text, languageId: it.language })), checkOptions, undefined, progress);
  };
  const showProgress = opts.progress || io.stderr.isTTY === true;
  const ctx: RunContext = {
    opts, check, out, note, version: packageVersion(), verbose: showProgress,
    progress: (total, unit) => new Progress(total, unit, io.stderr, showProgress),
  };
  let code: number;
  try {
    code = opts.jsonl !== undefined ? await runJsonl({ ...ctx, checkMany }) : await runFiles(ctx, files, unmatched);
  } catch (err) {
    if (!(err instanceof EngineStartError)) { await out.close(false); throw err; }
    note(err.message);
    code = 2;
  } finally {
    client.dispose();
  }
  // A run that ends in an error (exit 2) must not replace the last good report: what went wrong is on
  // stderr (and in the JSON/SARIF on stdout, without -o).
  const failure = await out.close(code !== 2);
  if (!failure) return code;
  // The reader went away (`| head`): stop quietly, as Unix tools do; the output is incomplete, so not 0.
  if (failure.code !== 'EPIPE') note(failure.message.startsWith('cannot write') ? failure.message : `cannot write the output: ${failure.message}`);
  return 2;
}

/**
 * Where the worker keeps the CPU graphs optimized (engine/graphCache.ts): --graph-cache, else the user's cache
 * directory (XDG_CACHE_HOME, else ~/.cache); undefined for 'none' or where there is no home to put it in.
 */
function graphCacheDir(option: string | undefined): string | undefined {
  if (option === 'none') return undefined;
  if (option !== undefined) return path.resolve(option);
  const base = process.env.XDG_CACHE_HOME || (homedir() ? path.join(homedir(), '.cache') : undefined);
  return base && path.join(base, 'electric-proofreader');
}

/** The package's models/, next to the package.json above this file (out/src/ when compiled, dist/ bundled). */
function defaultModelDir(): string | undefined {
  const root = packageRoot();
  return root && path.join(root, 'models');
}

function packageRoot(): string | undefined {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return undefined;
}

function packageVersion(): string {
  const root = packageRoot();
  return root ? (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version : 'unknown';
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err: Error) => {
    process.stderr.write(`electric-check: internal error: ${err.stack ?? err.message}\n`);
    process.exitCode = 2;
  });
}
