import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CrashBudget } from '../../../src/core/crashBudget';

test('blame is shared among the documents in flight, and one whole crash holds a document back', () => {
  const b = new CrashBudget();
  assert.deepEqual(b.record(['a', 'b', 'c']), []);
  assert.deepEqual(b.record(['a', 'b', 'c']), []);
  assert.deepEqual(b.record(['a', 'b', 'c']), ['a', 'b', 'c']); // 3 x 1/3
  assert.deepEqual(b.record(['a']), []); // already held: said once
  assert.equal(b.isHeld('a'), true);
});

test('crashes older than the window are forgiven', () => {
  let now = 0;
  const b = new CrashBudget({ windowMs: 1000, now: () => now });
  b.record(['a', 'b']);
  now = 1500;
  assert.deepEqual(b.record(['a', 'c']), []);
  now = 1600;
  assert.deepEqual(b.record(['a', 'd']), ['a']);
});

test('release() starts a fresh budget', () => {
  const b = new CrashBudget({ limit: 2 });
  b.record(['a']);
  assert.deepEqual(b.record(['a']), ['a']);
  b.release('a');
  assert.equal(b.isHeld('a'), false);
  assert.deepEqual(b.record(['a']), []);
});
