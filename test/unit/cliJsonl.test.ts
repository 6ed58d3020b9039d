// --jsonl sends its items to the engine in batches (checkMany): output in input order, one line per item,
// progress per item, and a batch that fails is checked again item by item so only the failing item is lost,
// named by its line. The engine is a stub here; cli.test.ts runs the real one.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parseCliArgs } from '../../src/cli/args';
import { Sink } from '../../src/cli/output';
import { Progress } from '../../src/cli/progress';
import { JSONL_BATCH_ITEMS, runJsonl, type CheckMany } from '../../src/cli/run';
import type { CheckResult, Finding } from '../../src/engine/types';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'electric-cli-jsonl-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function sink(): Sink & { text: string } {
  return { text: '', failure: undefined, write(t) { this.text += t; }, close: async () => undefined };
}
// Flags the word "bad" wherever it is; a text containing "crash" fails the whole request it is in.
function resultFor(text: string): CheckResult {
  const start = text.indexOf('bad');
  const findings = start < 0 ? [] : [{ start, end: start + 3, word: 'bad', kind: 'spelling', score: 0.9, energy: 3, pNoise: 0.9,
    surprisal: 1, suggestions: [{ text: 'good', p: 0.9 }] } as Finding];
  return { findings, words: [], provider: 'stub', ms: 1, unscored: 0 };
}
const fail = (text: string): void => { if (text.includes('crash')) throw new Error('the Electric engine worker exited with code 1'); };

test('--jsonl: batches of items, output in input order, a failed batch retried item by item', async () => {
  const n = JSONL_BATCH_ITEMS * 3 + 5;
  const texts = Array.from({ length: n }, (_, i) => (i === 40 ? 'this one will crash' : i % 3 === 0 ? `item ${i} is bad` : i === 7 ? '' : `item ${i} is fine`));
  const file = path.join(tmp, 'items.jsonl');
  writeFileSync(file, texts.map((text, i) => JSON.stringify({ id: i, text })).join('\n') + '\n\nnot json\n');
  const batches: number[] = [];
  const singles: string[] = [];
  const checkMany: CheckMany = async (items, progress) => {
    batches.push(items.length);
    progress?.(1, 2);
    items.forEach((it) => fail(it.text));
    return items.map((it) => resultFor(it.text));
  };
  const check = async (text: string): Promise<CheckResult> => { singles.push(text); fail(text); return resultFor(text); };
  const out = sink(), notes: string[] = [];
  let ticks = 0;
  const halfway: number[] = [];
  const progress = (total: number): Progress => {
    const p = new Progress(total, 'items', process.stderr, false);
    p.tick = () => { ticks++; };
    p.upTo = (done) => { halfway.push(done); };
    return p;
  };
  const code = await runJsonl({ opts: parseCliArgs(['--jsonl', file]), check, checkMany, out, note: (m) => notes.push(m), version: '0', progress, verbose: false });
  assert.equal(code, 2, 'a failed item and a bad line make the status 2');
  const lines = out.text.trim().split('\n').map((l) => JSON.parse(l) as { id: number; flags: { start: number; suggestions: string[] }[] });
  assert.deepEqual(lines.map((l) => l.id), texts.map((_, i) => i).filter((i) => i !== 40), 'every item but the failed one, in order');
  for (const l of lines) assert.equal(l.flags.length, texts[l.id].includes('bad') ? 1 : 0, `item ${l.id}`);
  assert.equal(ticks, n);
  // Inside a batch the bar moves by the engine's progress: half of batch k is k + half its items.
  assert.deepEqual(halfway, [0, 1, 2, 3].map((k) => JSONL_BATCH_ITEMS * k + Math.min(JSONL_BATCH_ITEMS, n - JSONL_BATCH_ITEMS * k) / 2));
  // 4 batches of items with text (the empty item is never sent); the one with item 40 was retried one by one.
  assert.equal(batches.length, 4);
  assert.ok(batches.every((b) => b <= JSONL_BATCH_ITEMS));
  assert.equal(singles.length, JSONL_BATCH_ITEMS);
  assert.ok(singles.includes('this one will crash'));
  assert.deepEqual(notes.filter((m) => /item not checked/.test(m)), [`${file}:41: the Electric engine worker exited with code 1; item not checked`]);
  assert.ok(notes.some((m) => m.startsWith(`${file}:${n + 2}: not JSON`)), notes.join('\n'));
});
