// The Electric graph on a thread of its own (graphThread.ts, graphWorker.ts): what createRunner opens with two
// threads or more on the CPU, and how it fails.
import assert from 'node:assert/strict';
import { promises as fs, mkdtempSync } from 'node:fs';
import { MessageChannel, Worker } from 'node:worker_threads';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { CPU_BATCHING } from '../../../src/engine/graphSession';
import { graphWorkerPath, openElectricThread, type GraphWorkerData } from '../../../src/engine/graphThread';
import { loadModel } from '../../../src/engine/model';
import { createRunner, type OrtRunner } from '../../../src/engine/session';
import type { LoadedModel } from '../../../src/engine/types';
import { modelDir, removeDir } from './runtimeFixtures';

let model: LoadedModel;
let one: OrtRunner;
let two: OrtRunner;
const logs: string[] = [];

before(async () => {
  model = await loadModel(modelDir);
  one = await createRunner(model, { provider: 'cpu', threads: 1 });
  two = await createRunner(model, { provider: 'cpu', threads: 2, log: (level, msg) => logs.push(`${level}: ${msg}`) });
});
after(async () => { await one.dispose(); await two.dispose(); });

/** Rows of ordinary ids: [CLS] … [SEP]. */
function rows(lengths: number[]): number[][] {
  const { cls, sep } = model.meta.special;
  let seed = 11;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return 5 + (seed % 16000); };
  return lengths.map((n) => [cls, ...Array.from({ length: n - 2 }, next), sep]);
}

test('two threads: the same energies and log q as one thread, bit for bit, and both heads at once', async () => {
  assert.equal(two.threads, 2);
  // More rows than one run takes, so the graph thread chunks the batch as the engine's thread would.
  const batch = rows([...Array.from({ length: 40 }, (_, i) => 5 + (i * 7) % 120), 128]);
  const [e2, c2] = await Promise.all([two.energies(batch), two.cloze(batch)]);
  const e1 = await one.energies(batch), c1 = await one.cloze(batch);
  assert.deepEqual(e2, e1);
  assert.deepEqual(c2.map((r) => r.tokenLogq), c1.map((r) => r.tokenLogq));
  assert.deepEqual(c2.map((r) => r.topkIds), c1.map((r) => r.topkIds));
});

test('a checkpoint that throws between runs stops the batch with its error; the thread serves the next one', async () => {
  const batch = rows(Array.from({ length: 3 * CPU_BATCHING.maxRows }, () => 20));
  let asked = 0;
  const superseded = new Error('superseded');
  await assert.rejects(two.energies(batch, (done) => { asked++; if (done > 0) throw superseded; }), (err) => err === superseded);
  assert.ok(asked >= 2, `asked ${asked} times`);
  const [alone] = await two.energies(rows([9]));
  assert.deepEqual(alone, (await one.energies(rows([9])))[0]);
});

test('a released graph thread refuses work; a runner disposed leaves nothing running', async () => {
  const runner = await createRunner(model, { provider: 'cpu', threads: 2 });
  await runner.energies(rows([6]));
  await runner.dispose();
  await assert.rejects(runner.energies(rows([6])), /the Electric graph was released/);
});

test('a graph thread that stops unasked fails what waits on it and everything after, and says so once', async () => {
  // A stand-in for the graph thread: opens "fine", then dies on its first batch (as a native crash would end it).
  const dir = mkdtempSync(path.join(os.tmpdir(), 'graph-thread-'));
  const script = path.join(dir, 'dies.js');
  await fs.writeFile(script, `const { port } = require('node:worker_threads').workerData;
port.on('message', (m) => {
  if (m.type === 'open') port.postMessage({ type: 'ready', info: { inputNames: [], outputNames: [], outputMetadata: [] } });
  if (m.type === 'energies') process.exit(7);
});`);
  try {
    const lost: Error[] = [];
    const graph = await openElectricThread({ dir: modelDir, meta: model.meta, file: 'electric.onnx', threads: 1, batching: CPU_BATCHING },
      () => undefined, (err) => lost.push(err), undefined, script);
    await assert.rejects(graph.energies(rows([5])), /the Electric graph's thread stopped \(exit code 7\)/);
    await assert.rejects(graph.energies(rows([5])), /the Electric graph's thread stopped \(exit code 7\)/);
    assert.equal(lost.length, 1);
    await graph.release();   // nothing left to release: resolves
  } finally {
    await removeDir(dir);
  }
});

test('a graph thread that cannot open rejects the open with its error and is not reported lost', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'graph-thread-'));
  const script = path.join(dir, 'refuses.js');
  await fs.writeFile(script, `const { parentPort, workerData: { port } } = require('node:worker_threads');
port.on('message', (m) => { if (m.type === 'open') port.postMessage({ type: 'openError', error: { name: 'ModelLoadError', message: 'no such graph' } }); });
parentPort.on('message', (m) => { if (m.type === 'stop') process.exit(0); });`);
  try {
    const lost: Error[] = [];
    await assert.rejects(openElectricThread({ dir: modelDir, meta: model.meta, file: 'electric.onnx', threads: 1, batching: CPU_BATCHING },
      () => undefined, (err) => lost.push(err), undefined, script), (err: Error) => err.name === 'ModelLoadError' && err.message === 'no such graph');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(lost.length, 0);
  } finally {
    await removeDir(dir);
  }
});

test('a graph thread the host started opens its graph early and gives it to the engine, or opens the one asked for', async () => {
  const batch = rows([7, 30, 64]);
  const expected = await one.energies(batch);
  // early as the engine asks (1 thread), and early otherwise (2 threads, a graph cache): the engine's init decides
  const cache = mkdtempSync(path.join(os.tmpdir(), 'graph-cache-'));
  for (const early of [{ dir: modelDir, threads: 1 }, { dir: modelDir, threads: 2, graphCache: cache }]) {
    const { port1, port2 } = new MessageChannel();
    const thread = new Worker(graphWorkerPath(), { workerData: { port: port2, early } satisfies GraphWorkerData, transferList: [port2] });
    try {
      const graph = await openElectricThread({ dir: modelDir, meta: model.meta, file: model.meta.electric.file, threads: 1, batching: CPU_BATCHING },
        () => undefined, () => undefined, { port: port1 });
      assert.deepEqual(await graph.energies(batch), expected);
      await graph.release();
    } finally {
      await new Promise((resolve) => { if (thread.threadId < 0) resolve(undefined); else thread.once('exit', resolve); });
    }
  }
  await removeDir(cache);
});
