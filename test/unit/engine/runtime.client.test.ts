import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { EngineClient, WorkerExitError } from '../../../src/engine/client';
import type { EngineInfo } from '../../../src/engine/protocol';
import type { CheckResult } from '../../../src/engine/types';
import { loadModel } from '../../../src/engine/model';
import { modelCopy, modelDir, removeDir } from './runtimeFixtures';
import { proseText } from './runtimeText';

const clients: EngineClient[] = [];
after(() => { for (const c of clients) c.dispose(); });

function client(extra: Partial<ConstructorParameters<typeof EngineClient>[0]> = {}, logs: string[] = []): EngineClient {
  const c = new EngineClient({ modelDir, provider: 'cpu', threads: 1, log: (l, m) => logs.push(`${l}: ${m}`), ...extra });
  clients.push(c);
  return c;
}

const next = <T>(event: (l: (e: T) => void) => { dispose(): void }): Promise<T> =>
  new Promise((resolve) => { const d = event((e) => { d.dispose(); resolve(e); }); });

test('lazy start; info() names the model, provider and threads; check() answers', async () => {
  const logs: string[] = [];
  const c = client({}, logs);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(logs.length, 0, 'nothing starts before the first request');
  const info = await c.info();
  const model = await loadModel(modelDir);
  assert.deepEqual(info, { model: model.meta.name, provider: 'cpu', providerDetail: 'executionProvider is "cpu"', threads: 1 });
  const text = 'The cat sat on the mat. It was happy there.';
  const result = await c.check(text, 'plaintext', { sensitivity: 0.5 });
  assert.equal(result.provider, 'cpu');
  assert.ok(result.words.length >= 8, `words: ${result.words.length}`);
  for (const w of result.words) assert.equal(text.slice(w.start, w.end), w.word);
  assert.ok(result.ms > 0);
});

test('rank() goes through the worker: check\'s verdict on one word, suggestions best first', async () => {
  const c = client();
  const text = 'I lost my keys over their.';
  const start = text.indexOf('their');
  const ranked = await c.rank(text, 'plaintext', start, start + 5, { sensitivity: 0.5 });
  assert.ok(ranked && ranked.suggestions.length > 0 && typeof ranked.flagged === 'boolean', JSON.stringify(ranked));
  for (let i = 1; i < ranked.suggestions.length; i++) assert.ok(ranked.suggestions[i].p <= ranked.suggestions[i - 1].p);
  assert.ok(ranked.suggestions.every((s) => s.p > 0 && s.p < 1));
  await assert.rejects(c.rank(text, 'plaintext', 5, 500, { sensitivity: 0.5 }), /outside the text/);
});

test('cacheBudgets reach the worker\'s caches, memory() says what each holds, and a bad budget is an init error', async () => {
  const budgets = { clozeBytes: 20_000, replaceBytes: 20_000, sentenceUnits: 40, blockUnits: 90, planUnits: 3_000 };
  const small = client({ cacheBudgets: budgets }), usual = client();
  const texts = Array.from({ length: 6 }, (_, i) => `Paragraph ${i}: we recieved the report and they was late, then the build ${i} passed.`);
  for (const text of texts) {
    const [a, b] = [await small.check(text, 'markdown', { sensitivity: 0.5 }), await usual.check(text, 'markdown', { sensitivity: 0.5 })];
    // The int8 graphs scale activations per batch (models/README.md), so a row recomputed beside other rows
    // after its cache entry was dropped moves (energies by up to ~0.3): the same words flagged with the same
    // fixes in the same order, their probabilities within that noise.
    // The int8 graphs' scores move a little with the rows batched beside them (a row scored again after its cache
    // entry was dropped): the same words flagged with the same first fix, every probability within that noise
    // (the order of two near-equal fixes far below the first may swap). Measured here: "they was" → "were" at
    // p 0.73-0.83 across these six paragraphs, up to 0.083 apart between the two clients (up to 0.044 when
    // REPLACE scored sixteen candidates a word rather than six: the rows batched beside each other changed).
    const NOISE = 0.1;
    a.findings.forEach((f, i) => {
      assert.ok(Math.abs(f.score - b.findings[i].score) < NOISE, `${f.word}: ${f.score} vs ${b.findings[i].score}`);
      for (const s of f.suggestions) {
        const other = b.findings[i].suggestions.find((x) => x.text === s.text);
        if (other) assert.ok(Math.abs(s.p - other.p) < NOISE, `${f.word} → ${s.text}: ${s.p} vs ${other.p}`);
        else assert.ok(s.p < NOISE, `${f.word} → ${s.text} (${s.p}) offered with one budget only`);
      }
    });
  }
  const [tight, loose] = [await small.memory(), await usual.memory()];
  for (const [k, budget] of Object.entries(budgets) as [keyof typeof budgets, number][]) {
    assert.ok(loose.caches[k] > budget, `${k}: the usual client holds ${loose.caches[k]}, so ${budget} must evict`);
    assert.ok(tight.caches[k] > 0 && tight.caches[k] <= budget, `${k}: ${tight.caches[k]} of ${budget}`);
  }
  assert.equal(tight.caches.energyBytes, loose.caches.energyBytes, 'a budget not given keeps its default');
  assert.ok(tight.heapUsed > 0 && tight.external > 0);
  // Emptied on request (the speed bench's warm pass), every one of them, and the worker checks on as before.
  const cleared = await usual.memory({ clear: true });
  for (const [k, held] of Object.entries(cleared.caches)) assert.equal(held, 0, `${k} still holds ${held}`);
  const again = await usual.check(texts[0], 'markdown', { sensitivity: 0.5 });
  assert.deepEqual(again.findings.map((f) => [f.word, f.suggestions[0]?.text]), [['recieved', 'received'], ['was', 'were']]);
  assert.ok((await usual.memory()).caches.energyBytes > 0, 'the check after it fills them again');
  await assert.rejects(client({ cacheBudgets: { planUnits: -1 } }).info(), /cache budget planUnits must be a positive number/);
});

test('checkMany goes through the worker: one result per item, in order, as checking each alone finds', async () => {
  const c = client();
  const items = ['We recieved the report yesterday.', '', 'The build finished and the tests passed.', 'Run the the script again.']
    .map((text) => ({ text, languageId: 'plaintext' }));
  let progress = 0;
  const many = await c.checkMany(items, { sensitivity: 0.5 }, undefined, () => progress++);
  // Another worker, so nothing comes from the row cache the batch filled.
  const fresh = client();
  const alone: CheckResult[] = [];
  for (const it of items) alone.push(await fresh.check(it.text, it.languageId, { sensitivity: 0.5 }));
  assert.equal(many.length, items.length);
  // Same words and the same flagged spans; the int8 graphs' scores move a little with the rows batched beside
  // them (models/README.md), so energies are compared within that noise.
  many.forEach((r, k) => {
    assert.deepEqual(r.words.map((w) => [w.start, w.word]), alone[k].words.map((w) => [w.start, w.word]));
    r.words.forEach((w, i) => assert.ok(Math.abs(w.energy - alone[k].words[i].energy) < 0.5, `${w.word}: ${w.energy} vs ${alone[k].words[i].energy}`));
    assert.deepEqual(r.findings.map((f) => [f.start, f.end, f.suggestions[0]?.text]), alone[k].findings.map((f) => [f.start, f.end, f.suggestions[0]?.text]));
  });
  assert.ok(many[0].findings.some((f) => f.word === 'recieved' && f.suggestions[0].text === 'received'), JSON.stringify(many[0].findings));
  assert.ok(many[3].findings.some((f) => f.kind === 'repeated'), JSON.stringify(many[3].findings));
  assert.ok(progress > 0, 'progress reported');
});

test('a worker killed mid-request rejects the request clearly, restarts, and the next request works', async () => {
  const c = client();
  await c.info();
  const errors: Error[] = [];
  c.onError((e) => errors.push(e));
  const restarted = next<EngineInfo>(c.onRestart);
  const pending = c.check(proseText(4000, 1), 'plaintext', { sensitivity: 0.5 });
  await new Promise((r) => setTimeout(r, 30));
  await c.terminateWorker();
  await assert.rejects(pending, /Electric engine worker exited with code 1; the request was not completed/);
  // The type the editor blames a document by (src/core/checkScheduler.ts): the worker died running its request.
  await assert.rejects(pending, WorkerExitError);
  assert.equal(errors.length, 1);
  assert.ok(errors[0] instanceof WorkerExitError);
  assert.equal((await restarted).provider, 'cpu');
  const result = await c.check('A short sentence after the restart.', 'plaintext', { sensitivity: 0.5 });
  assert.ok(result.words.length > 0);
});

test('two threads: the worker runs its Electric graph on a thread of its own and finds what one thread finds', async () => {
  const text = 'We recieved the report yesterday, and there results is good.';
  const two = client({ threads: 2 });
  assert.equal((await two.info()).threads, 2);
  const [a, b] = await Promise.all([two.check(text, 'plaintext', { sensitivity: 0.5 }), client().check(text, 'plaintext', { sensitivity: 0.5 })]);
  assert.ok(a.findings.some((f) => f.word === 'recieved'), JSON.stringify(a.findings));
  assert.deepEqual(a.findings, b.findings);
  assert.deepEqual(a.words, b.words);
  // Killed with its graph thread mid-check, it restarts with both.
  const restarted = next<EngineInfo>(two.onRestart);
  const pending = two.check(proseText(2000, 5), 'plaintext', { sensitivity: 0.5 });
  await new Promise((r) => setTimeout(r, 30));
  await two.terminateWorker();
  await assert.rejects(pending, WorkerExitError);
  assert.equal((await restarted).threads, 2);
  assert.deepEqual((await two.check(text, 'plaintext', { sensitivity: 0.5 })).findings, b.findings);
});

test('a graph thread that ends unasked fails the request running on it and restarts the engine with a new one', async () => {
  // A stand-in for the graph thread: opens "fine", then dies on its first batch (as a native crash would end it).
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'graph-thread-'));
  const script = path.join(dir, 'graphWorker.js');
  await fs.writeFile(script, `const { port } = require('node:worker_threads').workerData;
port.on('message', (m) => {
  if (m.type === 'open') port.postMessage({ type: 'ready', info: { inputNames: ['input_ids', 'attention_mask'], outputNames: ['energy'],
    outputMetadata: [{ name: 'energy', isTensor: true, type: 'float32', shape: ['batch', 'seq'] }] } });
  if (m.type === 'energies') process.exit(7);
});`);
  const logs: string[] = [];
  try {
    const c = client({ threads: 2, graphWorkerPath: script, maxCrashes: 2 }, logs);
    // The probe at load is a batch: the stand-in dies on it, and the engine fails to start, saying why.
    await assert.rejects(c.info(), /the Electric graph's thread stopped \(exit code 7\)/);
    assert.ok(logs.some((l) => /^error: the Electric graph's thread stopped \(exit code 7\)/.test(l)), logs.join('\n'));
    c.dispose();
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('a graph thread that cannot start fails the engine\'s start with why, whenever it fails', async () => {
  const c = client({ threads: 2, graphWorkerPath: path.join(os.tmpdir(), 'no-such-dir', 'graphWorker.js'), maxCrashes: 1 });
  await assert.rejects(c.info(), /the Electric graph's thread failed: Cannot find module .*no-such-dir/);
  c.dispose();
});

test('cancellation: an aborted request rejects, a queued one is dropped, later requests still work', async () => {
  const c = client();
  await c.info();
  const before = new AbortController();
  before.abort();
  await assert.rejects(c.check('Never sent.', 'plaintext', { sensitivity: 0.5 }, before.signal), { name: 'CancelledError' });

  const running = new AbortController(), queued = new AbortController();
  const a = c.check(proseText(3000, 2), 'plaintext', { sensitivity: 0.5 }, running.signal);
  const b = c.check(proseText(3000, 3), 'plaintext', { sensitivity: 0.5 }, queued.signal);
  const started = Date.now();
  queued.abort();
  running.abort();
  await assert.rejects(a, { name: 'CancelledError' });
  await assert.rejects(b, { name: 'CancelledError' });
  const result = await c.check('Still here.', 'plaintext', { sensitivity: 0.5 });
  assert.ok(result.words.length > 0);
  // Both big requests were dropped: the small one did not wait for two full passes (a 3,000-word salad is
  // minutes of REPLACE, nearly every word a suspect; the pass timed here is a hundred words of it).
  const fullPass = Date.now();
  await c.check(proseText(100, 4), 'plaintext', { sensitivity: 0.5 });
  const fullMs = Date.now() - fullPass;
  assert.ok(Date.now() - started < 3 * fullMs + 1000, 'cancelled work was dropped, not finished');
});

test('a long check lets a short one queued behind it run between its REPLACE chunks', async () => {
  const c = client();
  await c.info();
  const long = new AbortController();
  const order: string[] = [];
  let inReplace!: () => void;
  const replacing = new Promise<void>((resolve) => { inReplace = resolve; });
  // Word salad: nearly every word is a suspect, so this is tens of REPLACE chunks (half a minute or more here).
  const first = c.check(proseText(4000, 6), 'plaintext', { sensitivity: 0.5 }, long.signal, () => inReplace())
    .then(() => order.push('long'), (e: Error) => order.push(e.name));
  await replacing;   // its first chunk is scored
  const t0 = Date.now();
  const short = await c.check('We recieved the report.', 'plaintext', { sensitivity: 0.5 });
  const waited = Date.now() - t0;
  order.push('short');
  long.abort();
  await first;
  assert.deepEqual(order, ['short', 'CancelledError'], 'the short check answered while the long one was still running');
  assert.ok(short.findings.some((f) => f.word === 'recieved'), JSON.stringify(short.findings));
  assert.ok(waited < 20_000, `the short check took ${waited} ms`);
});

test('a corrupt model fails every request with the checksum error and is not restarted in a loop', async () => {
  const dir = await modelCopy(['vocab.txt']);
  try {
    await fs.writeFile(path.join(dir, 'vocab.txt'), (await fs.readFile(path.join(modelDir, 'vocab.txt'), 'utf8')) + 'extra\n');
    const c = client({ modelDir: dir });
    const errors: Error[] = [];
    c.onError((e) => errors.push(e));
    await assert.rejects(c.check('Text.', 'plaintext', { sensitivity: 0.5 }), /checksum mismatch for .*vocab\.txt: expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}/);
    await assert.rejects(c.info(), /checksum mismatch/);
    assert.equal(errors.length, 1, 'one failure, not a restart loop');
  } finally {
    await removeDir(dir);
  }
});

test('a worker that dies with nothing running is not blamed on a request', async () => {
  const c = client();
  await c.info();
  const error = next<Error>(c.onError);
  await c.terminateWorker();
  const e = await error;
  assert.match(e.message, /exited with code 1/);
  assert.equal(e instanceof WorkerExitError, false);
});

test('gives up after maxCrashes crashes within the window, with a clear error', async () => {
  const c = client({ maxCrashes: 2 });
  await c.info();
  let restarted = next<EngineInfo>(c.onRestart);
  await c.terminateWorker();
  await restarted;
  const gaveUp = next<Error>(c.onError);
  restarted = next<EngineInfo>(c.onRestart);
  await c.terminateWorker();
  assert.match((await gaveUp).message, /exited with code 1.*crashed 2 times in 60 s; not restarting it/);
  await assert.rejects(c.check('Text.', 'plaintext', { sensitivity: 0.5 }), /crashed 2 times in 60 s; not restarting it/);
});

test('a worker over its heap limit is stopped with a clear error; the host lives on', async () => {
  // With 2 threads the Electric graph's thread is the host's, so it outlives the worker and is stopped after it.
  for (const threads of [1, 2]) {
    const c = client({ threads, resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 } });
    await c.info();
    const huge = c.check('Word after word goes here. '.repeat(200_000), 'plaintext', { sensitivity: 0.5 });
    await assert.rejects(huge, /Electric engine worker failed: .*memory limit.*; the request was not completed/);
    await assert.rejects(huge, WorkerExitError);
    c.dispose();
  }
});

test('dispose rejects pending work and later requests', async () => {
  const c = client();
  const pending = c.check(proseText(2000, 5), 'plaintext', { sensitivity: 0.5 });
  c.dispose();
  await assert.rejects(pending, /shut down/);
  await assert.rejects(c.info(), /shut down/);
});
