// node --test bench/bench.test.mjs — the scorer, its wrapper and the report writers on tiny hand-made sets.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { prPlot } from './pr-plot.mjs';
import { qualityMarkdown } from './quality-report.mjs';
import { score } from './score.mjs';
import { formatLikeScorePy, pyRound, scoreFiles } from './scorer.mjs';
import { speedMarkdown } from './speed-report.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-test-'));
const write = (name, rows) => { const f = path.join(dir, name); fs.writeFileSync(f, rows.map((r) => JSON.stringify(r)).join('\n') + '\n'); return f; };

const gold = write('gold.jsonl', [
  { id: 'a-e', text: 'I recieve mail.', errors: [{ start: 2, end: 9, wrong: 'recieve', right: 'receive', type: 'spelling' }] },
  { id: 'a-c', text: 'I receive mail.', errors: [] },
  { id: 'b-e', text: 'It is there car.', errors: [{ start: 6, end: 11, wrong: 'there', right: 'their', type: 'real-word' }] },
  { id: 'b-c', text: 'It is their car.', errors: [] },
]);

test('score() scores and adds fix rates over the errors caught', async () => {
  const flags = write('flags.jsonl', [
    { id: 'a-e', peer: 'x', flags: [{ start: 2, end: 9, suggestions: ['receive'] }] },
    { id: 'a-c', peer: 'x', flags: [{ start: 10, end: 14, suggestions: [] }] },
    { id: 'b-e', peer: 'x', flags: [] },
    { id: 'b-c', peer: 'x', flags: [] },
  ]);
  const s = await score(gold, flags, 'x');
  assert.equal(s.precision, 0.5);
  assert.equal(s.recall, 0.5);
  assert.equal(s.caught, 1);
  assert.equal(s.fixTop1OfCaught, 1);
  assert.deepEqual(s.byType['real-word'], { caught: 0, total: 1, recall: 0 });
  assert.equal(s.falsePer1k, 142.9); // one false flag in 7 clean words
});

test('score() refuses output that leaves items out', async () => {
  const flags = write('short.jsonl', [{ id: 'a-e', peer: 'x', flags: [] }]);
  await assert.rejects(score(gold, flags, 'x'), /3 items .* have no output line/);
});

test('reports and plot carry every checker', () => {
  const sc = { precision: 0.5, recall: 0.25, f05: 0.417, byType: { spelling: { caught: 1, total: 2, recall: 0.5 } }, falsePer1k: 3,
    errors: 4, caught: 1, fixTop1: 1, fixTop3: 1, fixTop1OfCaught: 1, fixTop3OfCaught: 1 };
  const set = { title: 'T', description: 'D', items: 8, errors: 4, rows: [{ label: 'electric', peer: 'electric', seconds: 1, score: sc }, { label: 'harper', peer: 'harper', seconds: 2, score: sc }],
    curve: [{ sensitivity: 0, ...sc }, { sensitivity: 1, ...sc, recall: 0.5 }] };
  const md = qualityMarkdown({ date: 'd', env: 'e', sensitivity: 0.5, model: 'm', sets: [set] });
  assert.match(md, /\| electric \| 0\.500 \| 0\.250 \| \*\*0\.417\*\* \| 50\.0% \(1\/2\) \| 3\.0 \| 25\.0% \| 25\.0% \| 100\.0% \| 1 \|/);
  assert.match(md, /\| harper \|/);
  const svg = prPlot([{ title: 'T', curve: set.curve, peers: { harper: sc } }]);
  assert.match(svg, /<polyline points="[^"]+" fill="none" stroke="#7048e8"/);
  assert.match(svg, />harper</);
  const speed = speedMarkdown({ env: { date: 'd', doc: 'x.md', words: 1000, chars: 5000, node: 'v20', cpus: 2, cpu: 'c', loadAverage: 1 }, model: 'm',
    rows: [{ name: 'electric (1 thread)', startToFirstResultMs: 500, coldDocMs: 900, passMs: 400, wordsPerSec: 2500, editP50Ms: 20, editP95Ms: 30, rankP50Ms: 10, rankP95Ms: 12, peakRssMB: 200, flags: 3 },
      { name: 'harper', startToFirstResultMs: 1000, coldDocMs: 900, passMs: 800, wordsPerSec: 1250, cachedPassMs: 50, peakRssMB: 400, flags: 9, processDocMs: 2100 }],
    cli: { oneLineMs: 450, oneLineRssMB: 150, docMs: 1500, docRssMB: 280, docFlags: 3 }, oneLine: 'We recieved it.' });
  assert.match(speed, /\| electric \(1 thread\) \| harper \| 2\.00× \| 0\.50× \| 0\.50× \| 0\.50× \|/);
  assert.match(speed, /\| electric-check \| 450 \| 1500 \| 280 \(one line: 150\) \| 3 \|/);
  assert.match(speed, /\| harper \| 1000 \| 2100 \| 400 \| 9 \|/);
});

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const fixture = (name) => path.join(FIXTURES, name);

test('the scorer gives the numbers the evaluation kit\'s score.py gave on the fixture (edge cases included)', () => {
  // scorer.expected.json is score.py's --json output on these files, kept so this test needs nothing outside the repository.
  const expected = fs.readFileSync(fixture('scorer.expected.json'), 'utf8').trim();
  const res = scoreFiles(fixture('scorer.gold.jsonl'), fixture('scorer.flags.jsonl'), 'x');
  assert.equal(formatLikeScorePy(res, true), expected);
  assert.deepEqual(res, JSON.parse(expected));
});

test('the scorer agrees with ../shared/eval/score.py byte for byte, where that file is present', (t) => {
  const scorePy = path.resolve(FIXTURES, '..', '..', '..', 'shared', 'eval', 'score.py');
  const cases = [[fixture('scorer.gold.jsonl'), fixture('scorer.flags.jsonl')]];
  if (!fs.existsSync(scorePy)) {
    t.diagnostic(`${scorePy} is not here: compared with the stored output only (previous test)`);
    return;
  }
  // Also a larger run: the technical set with flags derived from its errors (offsets, cases, spaces varied).
  const goldRows = fs.readFileSync(path.join(FIXTURES, '..', 'data', 'tech-dev.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, 400).map((l) => JSON.parse(l));
  const techGold = write('tech.gold.jsonl', goldRows);
  const techFlags = write('tech.flags.jsonl', goldRows.map((r, i) => ({ id: r.id, peer: i % 17 ? 'x' : 'y',
    flags: [...r.errors.filter((_, j) => (i + j) % 3).map((e) => ({ start: e.start + (i % 5 === 0 ? 1 : 0), end: e.end,
      suggestions: i % 4 ? [i % 2 ? e.right : 'zz', ` ${e.right.toUpperCase()} `] : [] })),
    ...(i % 7 === 0 ? [{ start: 0, end: 3, suggestions: ['q'] }] : [])] })));
  cases.push([techGold, techFlags]);
  for (const [g, f] of cases) {
    for (const peer of ['x', undefined]) {
      for (const json of [true, false]) {
        const args = [scorePy, g, f, ...(peer ? ['--peer', peer] : []), ...(json ? ['--json'] : [])];
        const py = spawnSync('python3', args, { encoding: 'utf8' });
        assert.equal(py.status, 0, py.stderr);
        assert.equal(formatLikeScorePy(scoreFiles(g, f, peer), json), py.stdout.trimEnd(), `${path.basename(g)} peer=${peer} json=${json}`);
      }
    }
  }
});

test('pyRound rounds the exact binary value, exact halves to even, as Python\'s round()', () => {
  assert.equal(pyRound(0.0625, 3), 0.062);
  assert.equal(pyRound(0.0635, 3), 0.064); // 0.0635 is stored a hair above the half
  assert.equal(pyRound(0.1235, 3), 0.123); // and this one a hair below
  assert.equal(pyRound(2 / 3, 3), 0.667);
  assert.equal(pyRound(1000 / 7, 1), 142.9);
});
