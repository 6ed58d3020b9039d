// The two ways electric-check runs: files (text, JSON or SARIF out) and --jsonl evaluation. A file that
// cannot be read or checked is an error naming it, and the run goes on with the next one; only an engine
// that cannot start at all ends the run early (every file would fail the same way).
import type { CliOptions } from './args';
import { FileResult, formatJson, formatJsonlLine, formatSarif, formatText, Problem } from './formats';
import { decode, languageOf } from './inputs';
import type { Sink } from './output';
import { Progress } from './progress';
import { byteBudget, readBounded, TooLargeError } from './read';
import type { CheckResult } from '../engine/types';

/** The engine could not start (model missing or corrupt): nothing can be checked. */
export class EngineStartError extends Error {
  override name = 'EngineStartError';
}

export type Check = (text: string, language: string, progress?: (done: number, total: number) => void) => Promise<CheckResult>;
export type Note = (msg: string) => void;
export interface RunContext {
  opts: CliOptions; check: Check; out: Sink; note: Note; progress: (total: number, unit: string) => Progress; version: string;
  /** a person reads stderr (a terminal, or --progress): a run's details go there too, not only its problems */
  verbose: boolean;
}

export async function runFiles({ opts, check, out, note, progress: bar, version, verbose }: RunContext, files: string[], unmatched: string[]): Promise<number> {
  const errors: Problem[] = unmatched.map((g) => ({ file: g, message: `${g}: no files match this pattern` }));
  const skipped: Problem[] = [];
  const results: FileResult[] = [];
  // Real words the checks left unscored (CheckResult.unscored), and the files they are in.
  let unscored = 0, partial = 0;
  const progress = bar(files.length, 'files');
  for (const file of files) {
    if (out.failure) break;
    const name = file === '-' ? '<stdin>' : file;
    const language = opts.language ?? (file === '-' ? 'plaintext' : languageOf(file));
    const decoded = await readDecoded(file, opts.maxFileSize);
    if (decoded.kind === 'error' || decoded.kind === 'invalid') {
      errors.push({ file: name, message: `${name}: ${decoded.message}; not checked` });
    } else if (decoded.kind === 'binary') {
      skipped.push({ file: name, message: `${name}: skipped, binary file (${decoded.reason})` });
    } else if (decoded.kind === 'empty') {
      skipped.push({ file: name, message: `${name}: empty file, nothing to check` });
    } else {
      try {
        const result = await check(decoded.text, language, (done, total) => progress.partial(done / total, name));
        if (result.unscored > 0) { unscored += result.unscored; partial++; }
        const fr: FileResult = { file: name, language, text: decoded.text, findings: result.findings, ...(opts.words ? { words: result.words } : {}) };
        results.push(fr);
        if (opts.format === 'text') out.write(formatText([fr]));
      } catch (err) {
        if (err instanceof EngineStartError) {
          errors.push({ file: '', message: `the engine did not start, so nothing was checked: ${err.message}` });
          break;
        }
        errors.push({ file: name, message: `${name}: ${(err as Error).message}; not checked` });
      }
    }
    progress.tick(name);
  }
  progress.finish();
  for (const p of [...skipped, ...errors]) note(p.message);
  // A detail, not a problem: a terminal's reader is told (most READMEs leave real words to later rounds), a CI log not.
  if (partial > 0 && verbose) {
    note(`${unscored} real words in ${partial} ${partial === 1 ? 'file' : 'files'} left unscored: a long text's real words are scored a round ` +
      'at a time while the rounds find slips; --thorough scores every one');
  }
  if (opts.format === 'json') out.write(formatJson(results, skipped, errors));
  if (opts.format === 'sarif') out.write(formatSarif(results, errors, version));
  if (errors.length > 0) return 2;
  return results.some((r) => r.findings.length > 0) ? 1 : 0;
}

type Read = ReturnType<typeof decode> | { kind: 'error'; message: string };

/** Reads and decodes one input, every failure as a message (size limit, missing, folder, permissions). */
export async function readDecoded(file: string, maxChars: number, maxBytes = byteBudget(maxChars)): Promise<Read> {
  let decoded: ReturnType<typeof decode>;
  try {
    decoded = decode(await readBounded(file, maxBytes));
  } catch (err) {
    if (err instanceof TooLargeError) return { kind: 'error', message: `over --max-file-size (${maxChars} characters)` };
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return { kind: 'error', message: 'no such file' };
    if (e.code === 'EISDIR') return { kind: 'error', message: 'is a directory (give a glob such as dir/**/*.md)' };
    if (e.code === 'EACCES' || e.code === 'EPERM') return { kind: 'error', message: 'permission denied' };
    return { kind: 'error', message: e.message };
  }
  if (decoded.kind === 'text' && decoded.text.length > maxChars) {
    return { kind: 'error', message: `${decoded.text.length} characters, over --max-file-size (${maxChars})` };
  }
  return decoded;
}

/** An evaluation set is read whole; this bound (far above any set we use) keeps /dev/zero from eating memory. */
const JSONL_MAX_BYTES = 512 * 1024 * 1024;
/**
 * Items per engine request: their windows and suspects share batched model passes (checkMany), so the
 * model runs full batches instead of one short sentence's; few enough that results and progress come often.
 */
export const JSONL_BATCH_ITEMS = 32;
const JSONL_BATCH_CHARS = 32_000;
/** Batches in flight: the next one waits in the worker while the last one's results travel back. */
const JSONL_IN_FLIGHT = 2;

export type CheckMany = (items: { text: string; language: string }[], progress?: (done: number, total: number) => void) => Promise<CheckResult[]>;
export type JsonlContext = RunContext & { checkMany: CheckMany };

interface Item { id: unknown; text: string; n: number }

export async function runJsonl({ opts, check, checkMany, out, note, progress: bar }: JsonlContext): Promise<number> {
  const name = opts.jsonl === '-' ? '<stdin>' : opts.jsonl!;
  const decoded = await readDecoded(opts.jsonl!, JSONL_MAX_BYTES, JSONL_MAX_BYTES);
  if (decoded.kind === 'error' || decoded.kind === 'invalid' || decoded.kind === 'binary') {
    note(`${name}: ${decoded.kind === 'binary' ? `binary file (${decoded.reason})` : decoded.message}`);
    return 2;
  }
  const lines = decoded.kind === 'empty' ? [] : decoded.text.split('\n');
  const language = opts.language ?? 'plaintext';
  let bad = 0;
  const items: Item[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const item = parseItem(line);
    if (typeof item === 'string' || item.text.length > opts.maxFileSize) {
      bad++;
      note(`${name}:${i + 1}: ${typeof item === 'string' ? item : `text of ${item.text.length} characters, over --max-file-size (${opts.maxFileSize})`}; line skipped`);
    } else {
      items.push({ ...item, n: i + 1 });
    }
  });
  const progress = bar(items.length, 'items');
  const failed = (it: Item, err: Error): string => {
    if (err instanceof EngineStartError) throw err;
    bad++;
    note(`${name}:${it.n}: ${err.message}; item not checked`);
    return '';
  };
  // A batch that fails is checked again item by item, so only the item that fails (one that crashes the
  // worker, say) is lost, and by its line number.
  const run = async (batch: Item[], first: number): Promise<string[]> => {
    const texts = batch.filter((it) => it.text !== '');
    let results: CheckResult[] | undefined;
    try {
      results = texts.length
        ? await checkMany(texts.map((it) => ({ text: it.text, language })), (done, total) => progress.upTo(first + (batch.length * done) / total))
        : [];
    } catch (err) {
      if (err instanceof EngineStartError) throw err;
    }
    const byItem = new Map(texts.map((it, k) => [it, results?.[k]]));
    const lines: string[] = [];
    for (const it of batch) {
      if (it.text === '') { lines.push(formatJsonlLine(it.id, it.text, [])); continue; }
      const r = byItem.get(it);
      lines.push(r ? formatJsonlLine(it.id, it.text, r.findings)
        : await check(it.text, language).then((one) => formatJsonlLine(it.id, it.text, one.findings), (err: Error) => failed(it, err)));
    }
    return lines;
  };
  const inFlight: Promise<string[]>[] = [];
  const flush = async (limit: number): Promise<void> => {
    while (inFlight.length > limit) {
      for (const line of await inFlight.shift()!) {
        out.write(line);
        progress.tick();
      }
    }
  };
  for (let i = 0; i < items.length && !out.failure;) {
    let j = i + 1, chars = items[i].text.length;
    while (j < items.length && j - i < JSONL_BATCH_ITEMS && chars + items[j].text.length <= JSONL_BATCH_CHARS) chars += items[j++].text.length;
    const batch = run(items.slice(i, j), i);
    batch.catch(() => undefined); // awaited in order by flush
    inFlight.push(batch);
    await flush(JSONL_IN_FLIGHT - 1);
    i = j;
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
