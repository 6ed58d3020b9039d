// The CPU graphs kept as onnxruntime optimizes them (graphCache.ts), on the shipped model: written by the first
// open, read by the next, the same outputs as a graph optimized at open; a damaged or unwritable cache is a miss
// the log names, never a graph opened unchecked; and the model's own file is checked at every open.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { cachedGraphPath, openCachedGraph } from '../../../src/engine/graphCache';
import { loadModel, ModelLoadError, readVerified, verifyFile } from '../../../src/engine/model';
import { createRunner, loadOrt, openVerified, sessionOptions } from '../../../src/engine/session';
import type { LoadedModel } from '../../../src/engine/types';
import { modelCopy, modelDir } from './runtimeFixtures';

let model: LoadedModel;
let dir: string;

before(async () => {
  model = await loadModel(modelDir);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-cache-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const ort = loadOrt();
const file = () => model.meta.electric.file;
const where = (d: string) => cachedGraphPath(d, file(), model.meta.sha256[file()], ort.env.versions.common);

/** The Electric graph's file as openVerified hands it over (session.ts), counting what was asked of it. */
function source(asked: string[] = []) {
  return { verify: () => { asked.push('verify'); verifyFile(model, file()); }, bytes: () => { asked.push('bytes'); return readVerified(model, file()); } };
}

/** Opens the Electric graph through the cache in d; written: whether it optimized the graph and wrote it to d. */
async function open(d: string, logs: string[] = []) {
  const { graph } = where(d);
  const before = fs.existsSync(graph) ? fs.statSync(graph).mtimeMs : -1;
  const session = await openCachedGraph(ort, d, file(), model.meta.sha256[file()], source(),
    sessionOptions('cpu', 1), (level, msg) => logs.push(`${level}: ${msg}`));
  const written = fs.existsSync(graph) && fs.statSync(graph).mtimeMs !== before;
  return { session, written, logs };
}

/** The golden sentences' energies from a session, in one padded batch. */
async function energies(session: Awaited<ReturnType<typeof open>>['session']): Promise<number[]> {
  const golden = JSON.parse(fs.readFileSync(path.join(model.dir, 'golden.json'), 'utf8')) as { sentences: { ids: number[] }[] };
  const rows = golden.sentences.map((s) => [model.meta.special.cls, ...s.ids, model.meta.special.sep]);
  const width = Math.max(...rows.map((r) => r.length));
  const flat = (f: (r: number[], i: number) => number) => BigInt64Array.from(rows.flatMap((r) => Array.from({ length: width }, (_, i) => BigInt(f(r, i)))));
  const out = await session.run({
    input_ids: new ort.Tensor('int64', flat((r, i) => r[i] ?? 0), [rows.length, width]),
    attention_mask: new ort.Tensor('int64', flat((r, i) => (i < r.length ? 1 : 0)), [rows.length, width]),
  });
  return Array.from(out.energy.data as Float32Array);
}

test('the first open writes the optimized graph and its sha256; the next reads it and gives the same energies', async () => {
  const first = await open(dir);
  assert.ok(first.written);
  const { graph, sum } = where(dir);
  assert.ok(fs.existsSync(graph) && fs.existsSync(sum), 'both files written');
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
  const second = await open(dir);
  assert.equal(second.written, false, 'read, not made again');
  assert.deepEqual(second.logs, []);
  const plain = await ort.InferenceSession.create(readVerified(model, file()), sessionOptions('cpu', 1));
  const expected = await energies(plain);
  assert.deepEqual(await energies(second.session), expected, 'bit for bit the energies of the graph optimized at open');
  assert.deepEqual(await energies(first.session), expected);
  await Promise.all([first.session.release(), second.session.release(), plain.release()]);
});

test('a damaged cached graph is optimized again from the model, and the log says so', async () => {
  await (await open(dir)).session.release();
  const { graph } = where(dir);
  const bytes = fs.readFileSync(graph);
  bytes[bytes.length >> 1] ^= 0xff;
  fs.writeFileSync(graph, bytes);
  const again = await open(dir);
  assert.ok(again.written);
  assert.ok(again.logs.some((l) => /warn: .*is damaged.*optimizing .* again/.test(l)), again.logs.join('\n'));
  await again.session.release();
  const healed = await open(dir);
  assert.equal(healed.written, false, 'rewritten whole');
  assert.deepEqual(healed.logs, []);
  await healed.session.release();
});

test('a cache that cannot be written costs only the saving: the graph opens, the log says why', async () => {
  const blocked = path.join(dir, 'a-file');
  fs.writeFileSync(blocked, '');
  const r = await open(path.join(blocked, 'graphs'));
  assert.equal(r.written, false);
  assert.ok(r.logs.some((l) => /warn: optimized graph not kept in .*optimized at every start/.test(l)), r.logs.join('\n'));
  assert.ok((await energies(r.session)).length > 0);
  await r.session.release();
});

test('where the cached graph opens, the model file is checked by its sum and not read for its bytes; a miss reads them', async () => {
  const own = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-cache-asked-'));
  try {
    const asked: string[] = [];
    const open = () => openCachedGraph(ort, own, file(), model.meta.sha256[file()], source(asked), sessionOptions('cpu', 1), () => undefined);
    await (await open()).release();
    assert.deepEqual(asked, ['bytes'], 'the first open optimizes the model read whole (and checked)');
    await (await open()).release();
    assert.deepEqual(asked, ['bytes', 'verify'], 'the next checks its sum alone');
  } finally {
    fs.rmSync(own, { recursive: true, force: true });
  }
});

test('a broken model file is the error it always was, with its optimized graph in the cache', async () => {
  await (await open(dir)).session.release();
  const broken = { ...model, meta: { ...model.meta, sha256: { ...model.meta.sha256, [file()]: '0'.repeat(64) } } };
  await assert.rejects(openVerified(broken, 1, dir)(file(), 'cpu'), /checksum mismatch for .*electric\.onnx/);
  // And a damaged file under the name and sum meta.json gives, its optimized graph a hit in the cache.
  const copy = await modelCopy([file()]);
  try {
    const bytes = readVerified(model, file());
    bytes[bytes.length >> 1] ^= 0xff;
    fs.writeFileSync(path.join(copy, file()), bytes);
    const damaged = await loadModel(copy);
    await assert.rejects(openVerified(damaged, 1, dir)(file(), 'cpu'), (err: Error) =>
      err instanceof ModelLoadError && new RegExp(`checksum mismatch for .*${file().replace('.', '\\.')}`).test(err.message));
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});

test('a graph onnxruntime refuses fails with its own error, not a word about the cache', async () => {
  const logs: string[] = [];
  const truncated = readVerified(model, file()).subarray(0, 4096);
  const refused = { verify: () => assert.fail('no cached graph: nothing to verify alone'), bytes: () => truncated };
  await assert.rejects(openCachedGraph(ort, path.join(dir, 'refused'), file(), '1'.repeat(64), refused, sessionOptions('cpu', 1),
    (level, msg) => logs.push(`${level}: ${msg}`)), /protobuf parsing failed/i);
  assert.deepEqual(logs, []);
  assert.deepEqual(fs.readdirSync(path.join(dir, 'refused')), [], 'nothing left behind');
});

test('a runner with a graph cache keeps both CPU graphs there and runs as one without', async () => {
  const own = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-cache-runner-'));
  try {
    const cached = await createRunner(model, { provider: 'cpu', threads: 1, graphCache: own });
    const names = fs.readdirSync(own).sort();
    assert.equal(names.filter((n) => n.endsWith('.onnx')).length, 2, names.join(', '));
    const plain = await createRunner(model, { provider: 'cpu', threads: 1 });
    const row = [model.meta.special.cls, 600, 3731, 3959, 365, model.meta.special.sep];
    assert.deepEqual(await cached.energies([row]), await plain.energies([row]));
    assert.deepEqual((await cached.cloze([row]))[0].tokenLogq, (await plain.cloze([row]))[0].tokenLogq);
    await Promise.all([cached.dispose(), plain.dispose()]);
  } finally {
    fs.rmSync(own, { recursive: true, force: true });
  }
});
