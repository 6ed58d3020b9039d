// Loads models/ (docs/contract.md section 1): meta.json, checksums, vocabulary. Every file's bytes are
// checked against meta.json's sha256 before onnxruntime or JSON.parse sees them, so a truncated or swapped
// model gives a message naming the file instead of onnxruntime's bare "Protobuf parsing failed".
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, promises as fs, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LoadedModel, ModelMeta } from './types';

export const MODEL_FORMAT = 1;

export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

/** One buffer sha256FileSync reads through, allocated at its first use. */
let hashBuffer: Buffer | undefined;

/**
 * A file's sha256, read through one reused 1 MB buffer: where only the sum is wanted, this keeps the file's bytes
 * out of fresh memory. Measured on the shipped Electric graph (8.9 MB, 2-core EPYC VM, warm page cache): 10-11 ms,
 * against 45-55 ms for readFileSync and a hash of its buffer, most of which is the first touch of 9 MB of new pages.
 */
export function sha256FileSync(file: string): string {
  const buf = (hashBuffer ??= Buffer.allocUnsafe(1 << 20));
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * How old a file's last change must be (its mtime and ctime) before its sum is recorded by its stat (recordedSha256).
 * A file system stamps a change with a coarse clock (a tick, 1-10 ms, on Linux), so a file changed again within the
 * tick its sum was taken in would keep the stat recorded: a sum is recorded only for a file older than this, so any
 * later change, which stamps the time of that change, leaves another stat (git's "racily clean" rule).
 */
const SETTLED_MS = 2000;

/**
 * What identifies one state of a file (a write or a rename onto it changes one of them, ctime even under utimes), and
 * when it last changed, in ms since the epoch.
 */
function fileState(file: string): { state: string; changedMs: number } {
  const st = statSync(file, { bigint: true });
  const changedNs = st.mtimeNs > st.ctimeNs ? st.mtimeNs : st.ctimeNs;
  return { state: [st.dev, st.ino, st.size, st.mtimeNs, st.ctimeNs].join(':'), changedMs: Number(changedNs) / 1e6 };
}

/**
 * A file's sha256 (sha256FileSync), recorded in `dir` with the file's stat (device, inode, size, mtime, ctime) and
 * read from there while the file's stat is the one recorded, so a start does not hash the files an earlier start
 * hashed and nothing has changed since. Measured on the shipped CPU graphs and their optimized forms (graphCache.ts,
 * 28 MB hashed at every start; 2-core EPYC VM, the engine's two graph threads): start to first result 801 -> 772 ms
 * (mean of 6 each, interleaved), the command line on one line 612 -> 602 ms. A file changed within SETTLED_MS of its
 * hash is hashed at every start until it is older (`settledMs`: tests ask for -Infinity, a record even for a file
 * changed this very millisecond, whose mtime's fraction may lie past Date.now()'s). Writing the record is best effort:
 * one that cannot be written costs the next start a hash, never a check.
 */
export function recordedSha256(file: string, dir: string, settledMs = SETTLED_MS): string {
  const full = path.resolve(file);
  const record = path.join(dir, 'sums', `${createHash('sha256').update(full).digest('hex').slice(0, 32)}.json`);
  const before = fileState(full);
  try {
    const r = JSON.parse(readFileSync(record, 'utf8')) as { file?: unknown; state?: unknown; sha256?: unknown };
    if (r.file === full && r.state === before.state && typeof r.sha256 === 'string') return r.sha256;
  } catch {
    // No record, or one not readable as one: the file is hashed below and the record written again.
  }
  const sha256 = sha256FileSync(full);
  if (Date.now() - before.changedMs >= settledMs && fileState(full).state === before.state) {
    const tmp = `${record}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(path.dirname(record), { recursive: true });
      writeFileSync(tmp, JSON.stringify({ file: full, state: before.state, sha256 }));
      renameSync(tmp, record);
    } catch {
      // A directory that cannot be written: the graph cache beside it says so (graphCache.ts); here it costs a hash.
      try { rmSync(tmp, { force: true }); } catch { /* nothing was written there */ }
    }
  }
  return sha256;
}

/**
 * Reads meta.json and the vocabulary (checksum verified) and checks that every file meta.json vouches for
 * is there. The graphs are verified as they are opened (readVerified: session.ts reads each one once, checks
 * it and hands onnxruntime those very bytes), so a CPU start neither reads nor hashes the GPU graphs it
 * never opens (14 MB) and reads nothing twice.
 */
export async function loadModel(dir: string): Promise<LoadedModel> {
  const abs = path.resolve(dir);
  const metaPath = path.join(abs, 'meta.json');
  const meta = await readMeta(abs);
  const listed = new Set([meta.vocab, meta.electric.file, meta.cloze.file, ...(meta.gpu ? [meta.gpu.electric, meta.gpu.cloze, 'golden.json'] : [])]);
  for (const file of listed) {
    if (!(file in meta.sha256)) throw new ModelLoadError(`${metaPath}: sha256 has no checksum for ${file}`);
  }
  // A missing file fails here, at load, even one that is opened later or only on another machine.
  for (const file of Object.keys(meta.sha256)) await assertExists(path.join(abs, file));
  const vocabText = readVerified({ dir: abs, meta }, meta.vocab).toString('utf8');
  checkVocab(meta, vocabText, metaPath);
  return { dir: abs, meta, vocabText };
}

/** meta.json of a model folder, read and checked as loadModel reads it (the other files are not looked at). */
export async function readMeta(dir: string): Promise<ModelMeta> {
  const metaPath = path.join(path.resolve(dir), 'meta.json');
  return validateMeta(parseJson(await readText(metaPath), metaPath), metaPath);
}

/** A model file's bytes after checking them against meta.json's sha256 (one read: what is checked is what is used). */
export function readVerified(model: Pick<LoadedModel, 'dir' | 'meta'>, file: string): Buffer {
  let bytes: Buffer | undefined;
  checkSum(model, file, (full) => createHash('sha256').update((bytes = readFileSync(full))).digest('hex'));
  return bytes!;
}

/**
 * Checks a model file against meta.json's sha256 without keeping its bytes (sha256FileSync): for a graph whose
 * optimized form a start opens instead (graphCache.ts), so a broken model file is the error it always was. With
 * `sums`, a directory of the graph cache, the sum recorded there while the file is unchanged (recordedSha256).
 */
export function verifyFile(model: Pick<LoadedModel, 'dir' | 'meta'>, file: string, sums?: string): void {
  checkSum(model, file, sums ? (full) => recordedSha256(full, sums) : sha256FileSync);
}

function checkSum(model: Pick<LoadedModel, 'dir' | 'meta'>, file: string, sum: (full: string) => string): void {
  const full = path.join(model.dir, file);
  const expected = model.meta.sha256[file];
  if (expected === undefined) throw new ModelLoadError(`${path.join(model.dir, 'meta.json')}: sha256 has no checksum for ${file}`);
  let actual: string;
  try {
    actual = sum(full);
  } catch (err) {
    throw new ModelLoadError(`model file missing: ${full} (${(err as Error).message})`);
  }
  if (actual !== expected.toLowerCase()) {
    throw new ModelLoadError(`checksum mismatch for ${full}: expected sha256 ${expected}, got ${actual}`);
  }
}

/** Special ids inside the vocabulary and its size as meta.json says: otherwise a Gather fails deep in onnxruntime. */
function checkVocab(meta: ModelMeta, vocabText: string, metaPath: string): void {
  const size = vocabText.split('\n').filter((l) => l !== '').length;
  const declared = meta.config?.vocabSize;
  if (declared !== undefined && declared !== size) {
    throw new ModelLoadError(`${metaPath}: "config.vocabSize" is ${declared}, but ${meta.vocab} has ${size} pieces`);
  }
  for (const [key, id] of Object.entries(meta.special)) {
    if (id < 0 || id >= size) throw new ModelLoadError(`${metaPath}: "special.${key}" is ${id}, outside ${meta.vocab}'s ${size} pieces`);
  }
}

async function assertExists(file: string): Promise<void> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) throw new ModelLoadError(`model file is not a regular file: ${file}`);
  } catch (err) {
    if (err instanceof ModelLoadError) throw err;
    throw new ModelLoadError(`model file missing: ${file} (${(err as Error).message})`);
  }
}

async function readText(file: string): Promise<string> {
  await assertExists(file);
  return fs.readFile(file, 'utf8');
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ModelLoadError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}

function validateMeta(raw: unknown, file: string): ModelMeta {
  const fail = (what: string): never => { throw new ModelLoadError(`${file}: ${what}`); };
  if (!isObject(raw)) return fail('expected a JSON object');
  if (raw.format !== MODEL_FORMAT) fail(`unsupported format ${JSON.stringify(raw.format)} (this engine reads format ${MODEL_FORMAT})`);
  if (typeof raw.name !== 'string') fail('"name" must be a string');
  if (!Number.isInteger(raw.maxLength) || (raw.maxLength as number) < 3) fail('"maxLength" must be an integer ≥ 3');
  if (typeof raw.vocab !== 'string') fail('"vocab" must be a file name');
  const special = raw.special;
  if (!isObject(special)) return fail('"special" must be an object');
  for (const key of ['pad', 'unk', 'cls', 'sep', 'mask']) {
    if (!Number.isInteger(special[key])) fail(`"special.${key}" must be an integer id`);
  }
  const electric = raw.electric;
  if (!isObject(electric) || typeof electric.file !== 'string' || typeof electric.output !== 'string' || !isStrings(electric.inputs, 2)) {
    fail('"electric" must have "file", "inputs" [ids, mask] and "output"');
  }
  const cloze = raw.cloze;
  if (!isObject(cloze) || typeof cloze.file !== 'string' || !isStrings(cloze.inputs, 2) || !isStrings(cloze.outputs, 3) ||
      !Number.isInteger(cloze.k) || (cloze.k as number) < 1) {
    fail('"cloze" must have "file", "inputs" [ids, mask], "outputs" [topk ids, topk logq, token logq] and "k"');
  }
  if (isObject(cloze) && cloze.switch !== undefined && typeof cloze.switch !== 'string') fail('"cloze.switch" must be the name of the cloze graph\'s boolean input');
  const gpu = raw.gpu;
  if (gpu !== undefined && (!isObject(gpu) || typeof gpu.electric !== 'string' || typeof gpu.cloze !== 'string' || typeof gpu.golden !== 'string')) {
    fail('"gpu" must have "electric" and "cloze" (file names) and "golden" (golden.json\'s key for their energies)');
  }
  const noise = raw.noise;
  if (!isObject(noise) || typeof noise.logPriorRatio !== 'number') fail('"noise.logPriorRatio" must be a number');
  const sha = raw.sha256;
  if (!isObject(sha) || !Object.values(sha).every((v) => typeof v === 'string' && /^[0-9a-fA-F]{64}$/.test(v))) {
    fail('"sha256" must map file names to 64-hex-digit checksums');
  }
  for (const name of Object.keys(sha as object)) {
    // The checksums name files inside the model folder; nothing else may be reached through them.
    if (path.isAbsolute(name) || name.split(/[\\/]/).includes('..')) fail(`"sha256" names a file outside the model folder: ${name}`);
  }
  return raw as unknown as ModelMeta;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStrings(v: unknown, n: number): boolean {
  return Array.isArray(v) && v.length === n && v.every((s) => typeof s === 'string');
}
