// The CPU graphs as onnxruntime optimizes them, kept in a cache directory so that a start after the first opens
// them without optimizing again. A session over a graph at the 'all' level took 73-89 ms to create (2 cores,
// one thread), most of it the graph transformers fusing attention, GELU, layer norms and the int8 MatMuls into
// onnxruntime's contrib kernels; the graph they leave, saved once and opened with optimization off, 23-46 ms, with
// bit for bit the same outputs at the same speed. It is saved at the extended level: everything 'all' does to
// these graphs and none of the hardware-specific layouts 'all' may add (onnxruntime warns that a graph saved at
// 'all' may hold some), so a cached graph is right on any machine that runs this onnxruntime.
// A cached graph is named by the sha256 of the model file it came from and onnxruntime's version, and carries
// the sha256 of its own bytes beside it: a changed model, another onnxruntime or a damaged file is a miss, which
// optimizes the model's own graph again (and says why in the log) rather than opening anything unchecked.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { firstLine } from './graphSession';
import { recordedSha256, sha256FileSync } from './model';
import type { LogLevel } from './protocol';

type Log = (level: LogLevel, message: string) => void;

/** The level a cached graph is optimized at (see above), and the one it is then opened with. */
const CACHED_LEVEL = 'extended';

/** Where the optimized form of a model file lives in dir: its bytes, and the sha256 of those bytes beside them. */
export function cachedGraphPath(dir: string, file: string, modelSha256: string, ortVersion: string): { graph: string; sum: string } {
  const graph = path.join(dir, `${path.basename(file, '.onnx')}-${modelSha256.slice(0, 16)}-ort${ortVersion}.onnx`);
  return { graph, sum: `${graph}.sha256` };
}

/** The model file a cached graph stands for: checked alone where its optimized form opens, read where it is optimized. */
export interface ModelSource {
  /** throws (ModelLoadError) where the file is not meta.json's (model.ts, verifyFile) */
  verify(): void;
  /** the file's bytes, checked against meta.json's sha256 (model.ts, readVerified) */
  bytes(): Buffer;
}

/**
 * A session over the optimized form of a model file: opened from dir when it is there and whole, otherwise made
 * from the model's bytes, saved to dir for the next start and returned. The model file is checked against meta.json
 * either way (`model`: a broken model file is the error it always was, cache or not); where the cached graph opens,
 * its sum alone is read (model.ts, verifyFile), not its bytes. The cached graph is checked against the sha256 beside
 * it by one read through a small buffer and then opened by its path, onnxruntime reading it itself: on a 2-core EPYC
 * VM (warm page cache) the Electric graph's check and open took 65-73 ms so, 88-92 ms read whole into a buffer,
 * checked and handed over as bytes (most of the difference the first touch of the buffer's 9 MB). The check is for a
 * damaged file (a full disk, a crash mid-write); the directory is the extension's own, and nothing else writes there.
 * Both sums are recorded in the directory with each file's stat (model.ts, recordedSha256), so a start after one
 * that hashed them reads them back while neither file has changed.
 * `options` are the session's other options (threads, arena, provider); the optimization level is this module's.
 * A cache that cannot be written (a read-only or full disk) costs the saving only: the session opens from the
 * model's bytes and the log says why.
 */
export async function openCachedGraph(ort: typeof Ort, dir: string, file: string, modelSha256: string, model: ModelSource,
  options: Ort.InferenceSession.SessionOptions, log: Log): Promise<Ort.InferenceSession> {
  const { graph, sum } = cachedGraphPath(dir, file, modelSha256, ortVersion(ort));
  const cached = checkWhole(graph, sum, dir);
  if (cached.ok) {
    model.verify();
    try {
      return await ort.InferenceSession.create(graph, { ...options, graphOptimizationLevel: 'disabled' });
    } catch (err) {
      log('warn', `optimized graph ${graph} did not open (${firstLine(err)}): optimizing ${file} again`);
    }
  } else if (cached.why) {
    log('warn', `optimized graph ${graph} ${cached.why}: optimizing ${file} again`);
  }
  const bytes = model.bytes();
  const tmp = `${graph}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const clean = () => {
    for (const f of [tmp, `${tmp}.sha256`]) {
      try { fs.rmSync(f, { force: true }); } catch { /* a directory that is not one: nothing was written there */ }
    }
  };
  const notKept = (err: unknown) => {
    clean();
    log('warn', `optimized graph not kept in ${dir} (${firstLine(err)}): ${file} is optimized at every start`);
  };
  let session: Ort.InferenceSession;
  try {
    fs.mkdirSync(dir, { recursive: true });
    session = await ort.InferenceSession.create(bytes, { ...options, graphOptimizationLevel: CACHED_LEVEL, optimizedModelFilePath: tmp });
  } catch (err) {
    clean();
    // The directory, or the graph itself (its bytes are meta.json's, but onnxruntime may still refuse them): opened as
    // an uncached start opens it, a graph that fails there fails with its own error, and only one that opens was
    // refused a place in the cache.
    const plain = await ort.InferenceSession.create(bytes, { ...options, graphOptimizationLevel: 'all' });
    notKept(err);
    return plain;
  }
  try {
    // The sum first, then the graph: a reader that finds the graph finds its sum (both renames are atomic).
    fs.writeFileSync(`${tmp}.sha256`, sha256FileSync(tmp));
    fs.renameSync(`${tmp}.sha256`, sum);
    fs.renameSync(tmp, graph);
  } catch (err) {
    notKept(err);
  }
  return session;
}

/**
 * ok when both files are there and the graph's sha256 is the one beside it (recorded in dir while the graph is
 * unchanged: model.ts, recordedSha256); why it is not, where that is a fault.
 */
function checkWhole(graph: string, sum: string, dir: string): { ok?: true; why?: string } {
  let actual: string, expected: string;
  try {
    expected = fs.readFileSync(sum, 'utf8').trim();
    actual = recordedSha256(graph, dir);
  } catch (err) {
    // Not there (or its directory is not one): a miss to fill, not a fault to report.
    return ['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '') ? {} : { why: `was not read (${(err as Error).message})` };
  }
  return actual === expected ? { ok: true } : { why: 'is damaged (its sha256 is not the one beside it)' };
}

/** onnxruntime's version: a cached graph holds its contrib operators as that version writes them. */
function ortVersion(ort: typeof Ort): string {
  const v = (ort.env as { versions?: { common?: string } }).versions?.common;
  if (!v) throw new Error('onnxruntime-node does not say its version (env.versions.common): cannot name a cached graph');
  return v;
}
