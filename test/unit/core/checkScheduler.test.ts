// The diagnostics scheduler in memory: fake documents, a fake engine whose checks the test settles by hand.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CheckScheduler, type SchedulerDeps } from '../../../src/core/checkScheduler';
import { CrashBudget } from '../../../src/core/crashBudget';
import { EngineCrashedError, WorkerExitError } from '../../../src/engine/client';

class Doc {
  isClosed = false;
  constructor(readonly uri: string, public version = 1) {}
}

interface Call { doc: Doc; version: number; signal: AbortSignal; rest: boolean; resolve(r: string): void; reject(e: unknown): void }

const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

function harness(options: { wanted?: (d: Doc) => boolean; budget?: CrashBudget; restAfter?: (d: Doc, r: string) => number | undefined } = {}) {
  const calls: Call[] = [];
  const published: { uri: string; version: number; result: string }[] = [];
  const failures: { uri: string; err: unknown }[] = [];
  const held: string[][] = [];
  const deps: SchedulerDeps<Doc, string> = {
    key: (d) => d.uri,
    start: (doc, signal, rest) => {
      if (options.wanted && !options.wanted(doc)) return undefined;
      return new Promise<string>((resolve, reject) => calls.push({ doc, version: doc.version, signal, rest, resolve, reject }));
    },
    publish: (doc, version, result, rest) => published.push({ uri: doc.uri, version, result: rest ? `rest:${result}` : result }),
    restAfter: options.restAfter,
    fail: (doc, err) => failures.push({ uri: doc.uri, err }),
    isCrash: (err) => err instanceof WorkerExitError,
    held: (docs) => held.push(docs.map((d) => d.uri)),
  };
  return { scheduler: new CheckScheduler(deps, options.budget), calls, published, failures, held };
}

test('typing: schedules within the debounce collapse into one check', async () => {
  const h = harness();
  const doc = new Doc('a.md');
  for (let i = 0; i < 5; i++) h.scheduler.schedule(doc, 20);
  await tick(60);
  assert.equal(h.calls.length, 1);
  h.calls[0].resolve('r1');
  await tick();
  assert.deepEqual(h.published, [{ uri: 'a.md', version: 1, result: 'r1' }]);
});

test('a newer check aborts the one in flight, whose late result is dropped', async () => {
  const h = harness();
  const doc = new Doc('a.md');
  const first = h.scheduler.check(doc);
  doc.version = 2;
  const second = h.scheduler.check(doc);
  assert.equal(h.calls[0].signal.aborted, true);
  assert.equal(h.calls[1].signal.aborted, false);
  h.calls[0].resolve('old');
  h.calls[1].resolve('new');
  assert.equal(await first, 'superseded');
  assert.equal(await second, 'published');
  assert.deepEqual(h.published, [{ uri: 'a.md', version: 2, result: 'new' }]);
});

test('a result for a version edited (or closed) while the model ran is dropped', async () => {
  const h = harness();
  const edited = new Doc('a.md');
  const closed = new Doc('b.md');
  const p1 = h.scheduler.check(edited);
  const p2 = h.scheduler.check(closed);
  edited.version = 2;
  closed.isClosed = true;
  h.calls.forEach((c) => c.resolve('r'));
  assert.deepEqual([await p1, await p2], ['stale', 'stale']);
  assert.deepEqual(h.published, []);
});

test('documents are independent: checking one does not abort another', async () => {
  const h = harness();
  const a = h.scheduler.check(new Doc('a.md'));
  const b = h.scheduler.check(new Doc('b.md'));
  assert.deepEqual(h.scheduler.inFlight().sort(), ['a.md', 'b.md']);
  h.calls.forEach((c, i) => c.resolve(`r${i}`));
  assert.deepEqual([await a, await b], ['published', 'published']);
  assert.deepEqual(h.scheduler.inFlight(), []);
});

test('forget() cancels the timer and the request of a closed document', async () => {
  const h = harness();
  const doc = new Doc('a.md');
  h.scheduler.schedule(doc, 10);
  h.scheduler.forget('a.md');
  await tick(30);
  assert.equal(h.calls.length, 0);
  const p = h.scheduler.check(doc);
  h.scheduler.forget('a.md');
  assert.equal(h.calls[0].signal.aborted, true);
  h.calls[0].reject(new Error('cancelled'));
  assert.equal(await p, 'superseded');
  assert.deepEqual(h.failures, []);
});

test('a document not to be checked (disabled, too large) starts nothing', async () => {
  const h = harness({ wanted: () => false });
  assert.equal(await h.scheduler.check(new Doc('a.md')), 'not-wanted');
  assert.equal(h.calls.length, 0);
});

test('an engine error that is not a crash is reported and the document is checked again later', async () => {
  const h = harness();
  const doc = new Doc('a.md');
  const p = h.scheduler.check(doc);
  h.calls[0].reject(new Error('model failed to load'));
  assert.equal(await p, 'failed');
  await tick(5);
  assert.equal(h.failures.length, 1);
  h.scheduler.schedule(doc, 0);
  await tick(5);
  assert.equal(h.calls.length, 2);
});

test('crash loop: a document that crashed the worker alone is not re-checked until retry()', async () => {
  const h = harness();
  const big = new Doc('big.md');
  const p = h.scheduler.check(big);
  h.calls[0].reject(new WorkerExitError('the Electric engine worker exited with code 1'));
  assert.equal(await p, 'crashed');
  await tick(5);
  assert.deepEqual(h.held, [['big.md']]);
  // The restart re-checks every visible document; this one stays out.
  h.scheduler.schedule(big, 0);
  assert.equal(await h.scheduler.check(big), 'held');
  await tick(5);
  assert.equal(h.calls.length, 1);
  // The user asks: it is checked again, and held again if it crashes again.
  const again = h.scheduler.retry(big);
  assert.equal(h.calls.length, 2);
  h.calls[1].reject(new WorkerExitError('again'));
  assert.equal(await again, 'crashed');
  await tick(5);
  assert.equal(h.scheduler.isHeld(big), true);
  assert.deepEqual(h.held, [['big.md'], ['big.md']]);
});

test('a crash shared by two documents in flight holds neither at once; the one in both of two crashes is held', async () => {
  const h = harness();
  const big = new Doc('big.md');
  const small = new Doc('small.md');
  const other = new Doc('other.md');
  const crash1 = new WorkerExitError('crash 1');
  const p1 = [h.scheduler.check(big), h.scheduler.check(small)];
  h.calls.forEach((c) => c.reject(crash1)); // one crash rejects every pending request with the same error
  assert.deepEqual(await Promise.all(p1), ['crashed', 'crashed']);
  await tick(5);
  assert.deepEqual(h.held, []);
  assert.equal(h.scheduler.isHeld(big), false);
  const crash2 = new WorkerExitError('crash 2');
  const p2 = [h.scheduler.check(big), h.scheduler.check(other)];
  h.calls.slice(2).forEach((c) => c.reject(crash2));
  await Promise.all(p2);
  await tick(5);
  assert.deepEqual(h.held, [['big.md']]);
  assert.equal(h.scheduler.isHeld(small), false);
  assert.equal(h.scheduler.isHeld(other), false);
});

test('the engine giving up (not a crash of this request) holds nothing back', async () => {
  const h = harness();
  const doc = new Doc('a.md');
  const p = h.scheduler.check(doc);
  h.calls[0].reject(new EngineCrashedError('the Electric engine crashed 5 times in 60 s; not restarting it'));
  assert.equal(await p, 'failed');
  await tick(5);
  assert.equal(h.scheduler.isHeld(doc), false);
});

test('closing a held document forgets its crashes', async () => {
  const h = harness();
  const doc = new Doc('big.md');
  const p = h.scheduler.check(doc);
  h.calls[0].reject(new WorkerExitError('crash'));
  await p;
  await tick(5);
  assert.equal(h.scheduler.isHeld(doc), true);
  h.scheduler.forget('big.md');
  assert.equal(h.scheduler.isHeld(doc), false);
});

test('the rest of a document: checked once it has stayed unchanged, published as a rest check; not after a rest check', async () => {
  const h = harness({ restAfter: (_d, r) => (r.startsWith('partial') ? 30 : undefined) });
  const doc = new Doc('a.md');
  const first = h.scheduler.check(doc);
  h.calls[0].resolve('partial');
  assert.equal(await first, 'published');
  assert.equal(h.calls.length, 1, 'not at once');
  await tick(60);
  assert.equal(h.calls.length, 2);
  assert.deepEqual([h.calls[1].rest, h.calls[1].version], [true, 1]);
  h.calls[1].resolve('partial again');
  await tick(60);
  assert.deepEqual(h.published.map((p) => p.result), ['partial', 'rest:partial again']);
  assert.equal(h.calls.length, 2, 'a rest check asks for no rest check of its own');
});

test('the rest check waits for a pause: an edit calls it off before it starts, and aborts it once started', async () => {
  const h = harness({ restAfter: () => 30 });
  const doc = new Doc('a.md');
  void h.scheduler.check(doc);
  h.calls[0].resolve('r1');
  await tick();
  doc.version = 2;
  h.scheduler.schedule(doc, 10);   // typing replaces the rest check's timer
  await tick(50);
  assert.deepEqual(h.calls.map((c) => [c.version, c.rest]), [[1, false], [2, false]]);
  h.calls[1].resolve('r2');
  await tick(50);
  assert.deepEqual(h.calls.map((c) => [c.version, c.rest]), [[1, false], [2, false], [2, true]]);
  doc.version = 3;
  h.scheduler.schedule(doc, 0);
  await tick(10);
  assert.equal(h.calls[2].signal.aborted, true, 'the edit\'s check aborts the rest check in flight');
  h.calls[2].resolve('late');
  await tick();
  assert.ok(!h.published.some((p) => p.result === 'rest:late'));
});

test('a rest check is not started for a version an edit left behind, nor for a closed document', async () => {
  const h = harness({ restAfter: () => 20 });
  const doc = new Doc('a.md');
  void h.scheduler.check(doc);
  h.calls[0].resolve('r1');
  await tick();
  doc.version = 2;   // edited, and its schedule() not come yet
  await tick(40);
  assert.equal(h.calls.length, 1);
  const other = new Doc('b.md');
  void h.scheduler.check(other);
  h.calls[1].resolve('r');
  await tick();
  other.isClosed = true;
  await tick(40);
  assert.equal(h.calls.length, 2);
});
