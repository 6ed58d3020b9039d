// electric-check: the engine from the command line (files, globs, stdin, or --jsonl evaluation).
// Runs the same EngineClient as the extension, so the model runs in a worker thread here too.
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CliOptions, parseCliArgs, USAGE, UsageError } from './cli/args';
import { FileResult, formatJson, formatJsonlLine, formatSarif, formatText, Problem } from './cli/formats';
import { decode, expandInputs, languageOf, readInput } from './cli/inputs';
import { Progress } from './cli/progress';
import { EngineClient } from './engine/client';
import type { CheckOptions } from './engine/types';

class EngineFailure extends Error {}

export interface CliIo { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream }

export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const note = (msg: string): void => { io.stderr.write(`electric-check: ${msg}\n`); };
  let opts: CliOptions;
  try {
    opts = parseCliArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    note(`${err.message}\n(electric-check --help for usage)`);
    return 2;
  }
  if (opts.help) { io.stdout.write(USAGE + '\n'); return 0; }
  if (opts.version) { io.stdout.write(packageVersion() + '\n'); return 0; }

  const modelDir = opts.model ? path.resolve(opts.model) : defaultModelDir();
  if (!modelDir) { note('no package.json above electric-check, so no default models/; pass --model DIR'); return 2; }
  const client = new EngineClient({
    modelDir, provider: opts.provider, threads: opts.threads,
    // Outside the editor a big file may take more heap than the extension allows its worker.
    resourceLimits: { maxOldGenerationSizeMb: 4096, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
    // Errors reach the user through the rejected request; logging them too would print them twice.
    log: (level, msg) => { if (level === 'warn') note(msg); },
  });
  const checkOptions: CheckOptions = { sensitivity: opts.sensitivity, maxSuggestions: opts.maxSuggestions };
  const check = async (text: string, language: string, progress?: (done: number, total: number) => void) => {
    try {
      return await client.check(text, language, checkOptions, undefined, progress);
    } catch (err) {
      throw new EngineFailure((err as Error).message);
    }
  };
  const out = opts.output ? await openOutput(opts.output) : io.stdout;
  const showProgress = opts.progress || io.stderr.isTTY === true;
  try {
    return opts.jsonl !== undefined
      ? await runJsonl(opts, check, out, note, showProgress, io.stderr)
      : await runFiles(opts, check, out, note, showProgress, io.stderr);
  } catch (err) {
    if (!(err instanceof EngineFailure)) throw err;
    note(err.message);
    return 2;
  } finally {
    client.dispose();
    if (out !== io.stdout) await new Promise<void>((resolve) => out.end(() => resolve()));
  }
}

type Check = (text: string, language: string, progress?: (done: number, total: number) => void) => ReturnType<EngineClient['check']>;
type Note = (msg: string) => void;

async function runFiles(opts: CliOptions, check: Check, out: NodeJS.WritableStream, note: Note,
  showProgress: boolean, stderr: NodeJS.WriteStream): Promise<number> {
  const { files, unmatched } = expandInputs(opts.inputs);
  const errors: Problem[] = unmatched.map((g) => ({ file: g, message: `${g}: no files match this pattern` }));
  const skipped: Problem[] = [];
  const results: FileResult[] = [];
  const progress = new Progress(files.length, 'files', stderr, showProgress);
  for (const file of files) {
    const name = file === '-' ? '<stdin>' : file;
    const language = opts.language ?? (file === '-' ? 'plaintext' : languageOf(file));
    const decoded = await readDecoded(file);
    if (decoded.kind === 'error' || decoded.kind === 'invalid') {
      errors.push({ file: name, message: `${name}: ${decoded.message}; not checked` });
    } else if (decoded.kind === 'binary') {
      skipped.push({ file: name, message: `${name}: skipped, binary file (${decoded.reason})` });
    } else if (decoded.kind === 'empty') {
      skipped.push({ file: name, message: `${name}: empty file, nothing to check` });
    } else {
      const result = await check(decoded.text, language, (done, total) => progress.partial(done / total, name));
      const fr: FileResult = { file: name, language, text: decoded.text, findings: result.findings, ...(opts.words ? { words: result.words } : {}) };
      results.push(fr);
      if (opts.format === 'text') out.write(formatText([fr]));
    }
    progress.tick(name);
  }
  progress.finish();
  for (const p of [...skipped, ...errors]) note(p.message);
  if (opts.format === 'json') out.write(formatJson(results, skipped, errors));
  if (opts.format === 'sarif') out.write(formatSarif(results, errors, packageVersion()));
  if (errors.length > 0) return 2;
  return results.some((r) => r.findings.length > 0) ? 1 : 0;
}

async function readDecoded(file: string): Promise<ReturnType<typeof decode> | { kind: 'error'; message: string }> {
  try {
    return decode(await readInput(file));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return { kind: 'error', message: 'no such file' };
    if (e.code === 'EISDIR') return { kind: 'error', message: 'is a directory (give a glob such as dir/**/*.md)' };
    return { kind: 'error', message: e.message };
  }
}

async function runJsonl(opts: CliOptions, check: Check, out: NodeJS.WritableStream, note: Note,
  showProgress: boolean, stderr: NodeJS.WriteStream): Promise<number> {
  const name = opts.jsonl === '-' ? '<stdin>' : opts.jsonl!;
  const decoded = await readDecoded(opts.jsonl!);
  if (decoded.kind === 'error' || decoded.kind === 'invalid' || decoded.kind === 'binary') {
    note(`${name}: ${decoded.kind === 'binary' ? `binary file (${decoded.reason})` : decoded.message}`);
    return 2;
  }
  const lines = decoded.kind === 'empty' ? [] : decoded.text.split('\n');
  const items = lines.map((line, i) => ({ line, n: i + 1 })).filter(({ line }) => line.trim() !== '');
  const language = opts.language ?? 'plaintext';
  const progress = new Progress(items.length, 'items', stderr, showProgress);
  let bad = 0;
  // A few requests in flight keep the worker busy while results travel back; output stays in input order.
  const inFlight: Promise<string>[] = [];
  const flush = async (limit: number): Promise<void> => {
    while (inFlight.length > limit) {
      out.write(await inFlight.shift()!);
      progress.tick();
    }
  };
  for (const { line, n } of items) {
    const item = parseItem(line);
    if (typeof item === 'string') {
      bad++;
      note(`${name}:${n}: ${item}; line skipped`);
      continue;
    }
    const { id, text } = item;
    inFlight.push(text === '' ? Promise.resolve(formatJsonlLine(id, text, []))
      : check(text, language).then((r) => formatJsonlLine(id, text, r.findings)));
    inFlight[inFlight.length - 1].catch(() => undefined); // awaited in order by flush
    await flush(8);
  }
  await flush(0);
  progress.finish();
  return bad > 0 ? 2 : 0;
}

function parseItem(line: string): { id: unknown; text: string } | string {
  let item: { id?: unknown; text?: unknown };
  try {
    item = JSON.parse(line);
  } catch (err) {
    return `not JSON (${(err as Error).message})`;
  }
  if (typeof item !== 'object' || item === null || item.id === undefined || typeof item.text !== 'string') {
    return 'expected {"id": …, "text": "…"}';
  }
  return { id: item.id, text: item.text };
}

async function openOutput(file: string): Promise<NodeJS.WritableStream> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  return (await import('node:fs')).createWriteStream(file);
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
