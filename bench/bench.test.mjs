// node --test bench/bench.test.mjs — the scorer, its wrapper and the report writers on tiny hand-made sets.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { calibrationPlot } from './calibration-plot.mjs';
import { buildDocument } from './long-doc.mjs';
import { documentsOf } from './documents.mjs';
import { prPlot } from './pr-plot.mjs';
import { qualityMarkdown } from './quality-report.mjs';
import { checkGoldSpans, score } from './score.mjs';
import { calibrationRows, formatLikeScorePy, givesCorrectedText, pyRound, reliability, scoreFiles, scoreRows } from './scorer.mjs';
import { speedMarkdown } from './speed-report.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-test-'));
const write = (name, rows) => { const f = path.join(dir, name); fs.writeFileSync(f, rows.map((r) => JSON.stringify(r)).join('\n') + '\n'); return f; };
const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const fixture = (name) => path.join(FIXTURES, name);

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

const close = (a, b, msg) => assert.ok(Math.abs(a - b) < 1e-12, `${msg}: ${a} is not ${b}`);
const pairs = (p, n, hits) => Array.from({ length: n }, (_, i) => [p, i < hits]);

test('reliability: a calibrated fixture has ECE 0; its bins and Brier score are the hand-computed ones', () => {
  // 8 of 10 right at 0.8, 1 of 4 at 0.25: every bin's rate is its mean p.
  const r = reliability([...pairs(0.8, 10, 8), ...pairs(0.25, 4, 1)]);
  assert.equal(r.n, 14);
  close(r.ece, 0, 'ECE');
  close(r.brier, (8 * 0.2 ** 2 + 2 * 0.8 ** 2 + 0.75 ** 2 + 3 * 0.25 ** 2) / 14, 'Brier');
  assert.equal(r.bins.length, 10);
  assert.deepEqual(r.bins.map((b) => b.n), [0, 0, 4, 0, 0, 0, 0, 0, 10, 0]);
  [[r.bins[8].meanP, 0.8], [r.bins[8].rate, 0.8], [r.bins[2].meanP, 0.25], [r.bins[2].rate, 0.25]].forEach(([a, b]) => close(a, b, 'bin'));
  assert.deepEqual([r.bins[0].meanP, r.bins[0].rate, r.bins[0].lo, r.bins[0].hi], [null, null, 0, 0.1]);
  assert.equal(reliability([]), null);
});

test('reliability: an overconfident fixture has the ECE computed by hand; p = 0 and p = 1 land in the end bins', () => {
  // 6 of 10 right at 0.9 (gap 0.3), 5 of 10 at 0.7 (gap 0.2), each bin half the weight: ECE 0.25.
  const r = reliability([...pairs(0.9, 10, 6), ...pairs(0.7, 10, 5)]);
  close(r.ece, 0.5 * 0.3 + 0.5 * 0.2, 'ECE');
  close(r.brier, (6 * 0.1 ** 2 + 4 * 0.9 ** 2 + 5 * 0.3 ** 2 + 5 * 0.7 ** 2) / 20, 'Brier');
  // Within a bin only its mean counts: 0.88 and 0.82, one right, is one bin at mean 0.85, rate 0.5.
  close(reliability([[0.88, true], [0.82, false]]).ece, 0.35, 'ECE of one bin');
  const ends = reliability([[0, false], [1, true]]);
  assert.deepEqual([ends.bins[0].n, ends.bins[9].n, ends.ece, ends.brier], [1, 1, 0, 0]);
});

test('calibration: flags by p against "overlaps an error", suggestions by p against "is the correction"; none without p', async () => {
  const rows = [
    // A true flag: its first suggestion is the correction, the second is not.
    { id: 'a-e', peer: 'electric', flags: [{ start: 2, end: 9, p: 0.9, suggestions: ['receive', 'relieve'], suggestionP: [0.8, 0.1] }] },
    // A false flag: its suggestion cannot be right.
    { id: 'a-c', peer: 'electric', flags: [{ start: 10, end: 14, p: 0.6, suggestions: ['male'], suggestionP: [0.5] }] },
    // A true flag whose suggestion is wrong.
    { id: 'b-e', peer: 'electric', flags: [{ start: 6, end: 11, p: 0.7, suggestions: ['the'], suggestionP: [0.65] }] },
    { id: 'b-c', peer: 'electric', flags: [] },
  ];
  const cal = calibrationRows(JSON.parse(`[${fs.readFileSync(gold, 'utf8').trim().split('\n').join(',')}]`), rows, 'electric');
  assert.equal(cal.flags.n, 3);
  // Bins: 0.9 (true), 0.7 (true), 0.6 (false).
  close(cal.flags.ece, (0.1 + 0.3 + 0.6) / 3, 'flag ECE');
  close(cal.flags.brier, (0.1 ** 2 + 0.3 ** 2 + 0.6 ** 2) / 3, 'flag Brier');
  assert.equal(cal.fixes.n, 4);
  // Bins: 0.8 (right), 0.1 (wrong), 0.5 (wrong), 0.65 (wrong).
  close(cal.fixes.ece, (0.2 + 0.1 + 0.5 + 0.65) / 4, 'fix ECE');
  // score() carries it; a peer's flags (no p) get none.
  const file = write('calibration.jsonl', rows);
  assert.deepEqual((await score(gold, file, 'electric')).calibration, cal);
  const peer = write('peer.jsonl', rows.map((r) => ({ ...r, peer: 'x', flags: r.flags.map(({ start, end, suggestions }) => ({ start, end, suggestions })) })));
  assert.equal((await score(gold, peer, 'x')).calibration, null);
  // p without suggestionP: flag calibration only.
  const bare = calibrationRows([{ id: 1, text: 'ab', errors: [] }], [{ id: 1, flags: [{ start: 0, end: 2, p: 0.2, suggestions: ['x'] }] }]);
  assert.deepEqual([bare.flags.n, bare.fixes], [1, null]);
});

test('calibration: a fix that leaves the corrected sentence is right, however the gold writes the correction', () => {
  // real-dev writes a doubled word's fix as deleting one copy; ours replaces the pair by one word.
  const text = 'Show an error error. Then the the rest.';
  const gold = [{ id: 1, text, errors: [{ start: 14, end: 19, wrong: 'error', right: '', type: 'dup' }, { start: 30, end: 33, wrong: 'the', right: '', type: 'dup' }] }];
  const flags = [{ id: 1, flags: [
    { start: 8, end: 19, p: 0.9, suggestions: ['error', 'errors'], suggestionP: [0.85, 0.05] },
    { start: 26, end: 33, p: 0.9, suggestions: ['The', 'then'], suggestionP: [0.75, 0.1] },
  ] }];
  assert.ok(givesCorrectedText(text, flags[0].flags[0], 'error', gold[0].errors[0]), 'no space left before the full stop');
  assert.ok(!givesCorrectedText(text, flags[0].flags[0], 'errors', gold[0].errors[0]));
  assert.ok(givesCorrectedText(text, flags[0].flags[1], 'The', gold[0].errors[1]), 'case aside');
  // Bins: 0.85 right, 0.05 wrong, 0.75 right, 0.1 wrong.
  close(calibrationRows(gold, flags).fixes.ece, (0.15 + 0.05 + 0.25 + 0.1) / 4, 'fix ECE');
  // The kit's fix top-k (score.py) is left as it is: it reads the suggestion against the correction's words.
  assert.equal(scoreRows(gold, flags).fix_top1, '0/2');
});

test('quality.md has a calibration row per set where ours gave probabilities, beside calibration.svg; a plot panel per set', () => {
  const sc = { precision: 0.5, recall: 0.25, f05: 0.417, byType: {}, falsePer1k: 3, errors: 4, caught: 1, fixTop1: 1, fixTop3: 1, fixTop1OfCaught: 1, fixTop3OfCaught: 1 };
  const cal = { flags: reliability([...pairs(0.9, 10, 6), ...pairs(0.7, 10, 5)]), fixes: reliability(pairs(0.8, 10, 8)) };
  const set = (title, calibration) => ({ title, description: 'D', items: 8, errors: 4, curve: [],
    rows: [{ label: '**electric** (s=0.5)', peer: 'electric', seconds: 1, score: { ...sc, calibration } }, { label: 'harper', peer: 'harper', seconds: 2, score: { ...sc, calibration: null } }] });
  const md = qualityMarkdown({ date: 'd', env: 'e', sensitivity: 0.5, model: 'm', sets: [set('A', cal), set('B', null)] });
  assert.match(md, /## Calibration: do our probabilities mean what they say\?/);
  assert.match(md, /\| set \| ECE flags \| ECE fixes \| Brier flags \| Brier fixes \| n flags \| n fixes \|/);
  assert.match(md, /\| A \| \*\*0\.250\*\* \| \*\*0\.000\*\* \| 0\.310 \| 0\.160 \| 20 \| 10 \|/);
  assert.match(md, /No calibration for B: its flags carry no probabilities/);
  assert.match(md, /!\[observed rate against predicted probability, per set\]\(calibration\.svg\)/);
  assert.doesNotMatch(md, /\| harper \| \*\*0/, 'no calibration row for a peer');
  // No electric row at all (--no-electric): no section.
  assert.doesNotMatch(qualityMarkdown({ date: 'd', env: 'e', sensitivity: 0.5, model: null, sets: [{ ...set('C', null), rows: [set('C', null).rows[1]] }] }), /## Calibration/);
  const rescored = qualityMarkdown({ date: 'd2', env: 'e2', sensitivity: 0.5, model: 'm', rescored: { from: 'd1; e1' }, sets: [set('A', cal)] });
  assert.match(rescored, /Re-scored by `node bench\/quality\.mjs --rescore` on d2 \(e2\) from the outputs a run saved in bench\/work \(ours: d1; e1\); no checker was run again\./);
  const svg = calibrationPlot([{ title: 'A', calibration: cal }, { title: 'B', calibration: { flags: cal.flags, fixes: null } }]);
  assert.match(svg, /width="920"/, 'two panels');
  assert.match(svg, /stroke-dasharray="4 3"/, 'the diagonal');
  assert.match(svg, /flags: ECE 0\.250, n 20/);
  assert.match(svg, /fixes: ECE 0\.000, n 10/);
  assert.equal(svg.match(/<circle /g).length, 2 + 1 + 2, 'a point per non-empty bin');
  assert.match(svg, /<title>flags: p 0\.9–1\.0, n 10, mean p 0\.900, rate 0\.600<\/title>/);
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
    cli: { threads: 2, oneLineMs: 450, oneLineRssMB: 150, docMs: 1500, docRssMB: 280, docFlags: 3, oneThreadDocMs: 1700, oneThreadDocRssMB: 270 }, oneLine: 'We recieved it.' });
  assert.match(speed, /\| electric \(1 thread\) \| harper \| 2\.00× \| 0\.50× \| 0\.50× \| 0\.50× \|/);
  assert.match(speed, /\| electric-check \| 450 \| 1500 \| 280 \(one line: 150\) \| 3 \|/);
  assert.match(speed, /\| electric-check --threads 1 \| – \| 1700 \| 270 \| 3 \|/);
  assert.match(speed, /its default threads \(2 here\)/);
  assert.match(speed, /\| harper \| 1000 \| 2100 \| 400 \| 9 \|/);
});

test('a set that names its types (real-dev) gets recall by type as its own table, in its order, for every checker', async () => {
  const ours = await score(fixture('realdev.gold.jsonl'), fixture('realdev.flags.jsonl'), 'x');
  // A peer whose gold had no "other" error and one type beyond the named ones (a newer set): '–' and a last column.
  const peer = { ...ours, byType: { ...ours.byType, spacing: { caught: 1, total: 4, recall: 0.25 } } };
  delete peer.byType.other;
  const set = { title: 'real-dev', description: 'D', items: 14, errors: 10, curve: [],
    types: [['typo', 'no dictionary word'], ['grammar', 'agreement'], ['missing', 'a word left out'], ['realword', 'a real word for another'],
      ['dup', 'a doubled word'], ['other', 'extra or swapped']].map(([type, what]) => ({ type, what })),
    rows: [{ label: '**electric** (s=0.5)', peer: 'electric', seconds: 3, score: ours }, { label: 'nspell', peer: 'nspell', seconds: 1, score: peer }] };
  const md = qualityMarkdown({ date: 'd', env: 'e', sensitivity: 0.5, model: 'm', sets: [set] });
  // The main table keeps its columns; the types go to the table below it.
  assert.match(md, /\| checker \| P \| R \| F0\.5 \| false flags \/ 1k clean words \|/);
  assert.match(md, /\| \*\*electric\*\* \(s=0\.5\) \| 0\.727 \| 0\.800 \| \*\*0\.741\*\* \| 44\.1 \| 50\.0% \| 60\.0% \| 62\.5% \| 3 \|/);
  assert.match(md, /Recall by error type \(typo: no dictionary word; grammar: agreement; .*other: extra or swapped\):/);
  assert.match(md, /\| checker \| R typo \| R grammar \| R missing \| R realword \| R dup \| R other \| R spacing \|\n\|---\|---:\|/);
  assert.match(md, /\| \*\*electric\*\* \(s=0\.5\) \| 100\.0% \(1\/1\) \| 100\.0% \(2\/2\) \| 100\.0% \(1\/1\) \| 0\.0% \(0\/1\) \| 100\.0% \(3\/3\) \| 50\.0% \(1\/2\) \| – \|/);
  assert.match(md, /\| nspell \| 100\.0% \(1\/1\) \| .* \| – \| 25\.0% \(1\/4\) \|/);
  assert.match(md, /Every set whole/);
  const subset = qualityMarkdown({ date: 'd', env: 'e', sensitivity: 0.5, model: 'm', limit: 40, sets: [set] });
  assert.match(subset, /Subset run: only the first 40 items of each set/);
  assert.doesNotMatch(subset, /Every set whole/);
});

test('the scorer gives the numbers the evaluation kit\'s score.py gave on the fixture (edge cases included)', () => {
  // scorer.expected.json is score.py's --json output on these files, kept so this test needs nothing outside the repository.
  const expected = fs.readFileSync(fixture('scorer.expected.json'), 'utf8').trim();
  const res = scoreFiles(fixture('scorer.gold.jsonl'), fixture('scorer.flags.jsonl'), 'x');
  assert.equal(formatLikeScorePy(res, true), expected);
  assert.deepEqual(res, JSON.parse(expected));
});

test('the scorer gives score.py\'s numbers on the real-dev fixture (its six types, two errors in an item, emoji)', () => {
  // realdev.expected.json is score.py's --json output (--peer x) on these hand-made rows in real-dev's form.
  const expected = fs.readFileSync(fixture('realdev.expected.json'), 'utf8').trim();
  const res = scoreFiles(fixture('realdev.gold.jsonl'), fixture('realdev.flags.jsonl'), 'x');
  assert.equal(formatLikeScorePy(res, true), expected);
  assert.deepEqual(Object.keys(res.recall_by_type), ['dup', 'grammar', 'missing', 'other', 'realword', 'typo']);
});

const readRows = (file) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

test('gold spans are UTF-16: the real-dev fixture passes, the same rows in code-point offsets are refused', async () => {
  const rows = readRows(fixture('realdev.gold.jsonl'));
  checkGoldSpans(rows, 'realdev.gold.jsonl');
  // What Python's str indices would give: after the emoji each offset is one lower per astral character.
  const cp = (text, i) => [...text.slice(0, i)].length;
  const shifted = rows.map((r) => ({ ...r, errors: r.errors.map((e) => ({ ...e, start: cp(r.text, e.start), end: cp(r.text, e.end) })) }));
  assert.ok(shifted.some((r, i) => r.errors.some((e, j) => e.start !== rows[i].errors[j].start)), 'the fixture has an error after an emoji');
  assert.throws(() => checkGoldSpans(shifted, 'cp.jsonl'), /cp\.jsonl: item acme-docs-3333333-2: span 36-47 reads " details ho", not "details how" \(offsets must be UTF-16/);
  const bad = write('cp.gold.jsonl', shifted);
  await assert.rejects(score(bad, fixture('realdev.flags.jsonl'), 'x'), /offsets must be UTF-16 code units/);
  const s = await score(fixture('realdev.gold.jsonl'), fixture('realdev.flags.jsonl'), 'x');
  assert.deepEqual(s.byType.other, { caught: 1, total: 2, recall: 0.5 });
  assert.deepEqual(s.byType.realword, { caught: 0, total: 1, recall: 0 });
  assert.equal(s.errors, 10);
  assert.equal(s.caught, 8);
});

/** Flags made from a gold set's own errors, with offsets, cases and spaces varied, some missed, some false. */
function derivedFlags(goldRows) {
  return goldRows.map((r, i) => ({ id: r.id, peer: i % 17 ? 'x' : 'y',
    flags: [...r.errors.filter((_, j) => (i + j) % 3).map((e) => ({ start: e.start + (i % 5 === 0 ? 1 : 0), end: e.end,
      suggestions: i % 4 ? [i % 2 ? e.right : 'zz', ` ${e.right.toUpperCase()} `] : [] })),
    ...(i % 7 === 0 ? [{ start: 0, end: 3, suggestions: ['q'] }] : [])] }));
}

test('the scorer agrees with ../shared/eval/score.py byte for byte, where that file is present', (t) => {
  const scorePy = path.resolve(FIXTURES, '..', '..', '..', 'shared', 'eval', 'score.py');
  const cases = [[fixture('scorer.gold.jsonl'), fixture('scorer.flags.jsonl')], [fixture('realdev.gold.jsonl'), fixture('realdev.flags.jsonl')]];
  if (!fs.existsSync(scorePy)) {
    t.diagnostic(`${scorePy} is not here: compared with the stored output only (previous test)`);
    return;
  }
  // Also a larger run: the technical set with flags derived from its errors (offsets, cases, spaces varied).
  const goldRows = readRows(path.join(FIXTURES, '..', 'data', 'tech-dev.jsonl')).slice(0, 400);
  cases.push([write('tech.gold.jsonl', goldRows), write('tech.flags.jsonl', derivedFlags(goldRows))]);
  // And the whole of real-dev, where it is there too: its own types, empty corrections, emoji.
  const realDev = path.join(path.dirname(scorePy), 'real-dev.jsonl');
  if (fs.existsSync(realDev)) cases.push([realDev, write('real.flags.jsonl', derivedFlags(readRows(realDev)))]);
  else t.diagnostic(`${realDev} is not here: real-dev compared on the fixture only`);
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

test('fit-channel fits from saved features, a/an candidates included (set, not fitted), listed fixes half unlisted, half the items read in their package\'s text, and reports recall per type', () => {
  // Two suspects with their planted fix, one to keep, and a forced a/an candidate (once a NaN for the whole fit).
  const row = (energy, pieces = 1) => ({ energy, surprisal: energy, pieces });
  const records = [
    { id: 'e1', label: 'fix', gold: [1], isWord: false, word: 'recieve', sentenceStart: false, rows: [row(12, 2), row(6)], cands: [{ text: 'receive', start: 2, end: 9, edit: { spelling: -2 } }] },
    { id: 'e2', label: 'fix', gold: [1], isWord: true, word: 'their', sentenceStart: true, rows: [row(9), row(5)], cands: [{ text: 'there', start: 0, end: 5, edit: { confusable: 0 } }] },
    { id: 'c1', label: 'keep', gold: [], isWord: true, word: 'there', sentenceStart: true, rows: [row(5), row(9)], cands: [{ text: 'their', start: 0, end: 5, edit: { confusable: 0 } }] },
    { id: 'c2', label: 'keep', gold: [], isWord: true, word: 'an', sentenceStart: true, rows: [row(5), row(6)], cands: [{ text: 'a', start: 0, end: 2, edit: { 'a/an': 0 } }] },
    // A word the training text doubles itself: left out, not kept (ownDoubles).
    { id: 'c1', label: 'keep', gold: [], isWord: true, word: 'it', sentenceStart: false, rows: [row(5), row(6)], cands: [{ text: 'it', start: 6, end: 8, edit: { delete: 0 } }] },
    // Listed fixes: "truely" falls on the listed side of the fit's split and keeps its 'listed' source;
    // "thier" on the unlisted side, where its only candidate was listed: that record is left out.
    { id: 'e3', label: 'fix', gold: [1], isWord: false, word: 'truely', sentenceStart: false, rows: [row(12, 2), row(6)], cands: [{ text: 'truly', start: 3, end: 9, edit: { listed: 0, spelling: -2 } }] },
    { id: 'e4', label: 'fix', gold: [1], isWord: false, word: 'thier', sentenceStart: false, rows: [row(12, 2), row(6)], cands: [{ text: 'their', start: 3, end: 8, edit: { listed: 0 } }] },
  ];
  // Each item with its text and corrections: the fit prices spelling-like candidates again from them
  // (prepare: the substring channel learned without the planted words; codespell's list).
  const items = [{ id: 'e1', text: 'I recieve it.', errors: [{ start: 2, end: 9, type: 'spelling', right: 'receive' }] },
    { id: 'e2', text: 'their is one.', errors: [{ start: 0, end: 5, type: 'real-word', right: 'there' }] },
    { id: 'c1', text: 'there it is.', errors: [] }, { id: 'c2', text: 'an cat.', errors: [] },
    { id: 'e3', text: 'It truely is.', errors: [{ start: 3, end: 9, type: 'spelling', right: 'truly' }] },
    { id: 'e4', text: 'It thier cat.', errors: [{ start: 3, end: 8, type: 'spelling', right: 'their' }] }];
  // Each item's training package: its document is the text around it there (prepare, documents). "It truely
  // is." stands in the package with "truely" again after it; the other items are not in it.
  for (const i of items) i.source = 'pkg';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fit-'));
  const file = path.join(dir, 'features.json');
  fs.writeFileSync(file, JSON.stringify({ items, records }));
  fs.mkdirSync(path.join(dir, 'text', 'train'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'text', 'train', 'pkg.txt'), 'A first line.\nIt truely is.\nAnd truely so.\n');
  const fitOf = (...more) => spawnSync(process.execPath, [path.join(import.meta.dirname, 'fit-channel.mjs'), '--features', file, '--corpus', dir, ...more], { encoding: 'utf8' });
  const r = fitOf(), held = fitOf('--no-energy'), compared = fitOf('--no-energy', '--compare-rules');
  const nonWord = fitOf('--no-energy', '--non-word-context'), nonWordHeld = fitOf('--no-energy', '--non-word-context', '--no-non-word-energy');
  const ownOnly = fitOf('--no-energy', '--own-only'), unattested = fitOf('--no-energy', '--no-attested');
  fs.rmSync(dir, { recursive: true, force: true });
  for (const run of [r, held, compared, nonWord, nonWordHeld, ownOnly, unattested]) assert.equal(run.status, 0, run.stderr);
  // --own-only fits a non-word's own prior alone, every other weight the shipped one (channel.ts, as fit-channel reads
  // it from out/); --no-attested holds the attested feature's weight at 0 and fits the rest.
  const ch = createRequire(import.meta.url)(path.join(import.meta.dirname, '..', 'out', 'src', 'engine', 'channel.js'));
  const r3 = (x) => Math.round(x * 1000) / 1000;
  const oo = JSON.parse(ownOnly.stdout);
  assert.deepEqual(oo.REPLACE_WEIGHTS, Object.fromEntries(Object.entries(ch.REPLACE_WEIGHTS).map(([k, v]) => [k, r3(v)])));
  assert.deepEqual([oo.EDIT_SCALE, oo.AGREEMENT_CUE, oo.COMMON_WORD], [r3(ch.EDIT_SCALE), r3(ch.AGREEMENT_CUE), r3(ch.COMMON_WORD)]);
  assert.equal(oo.KIND_LOG_PRIOR.spelling, r3(ch.KIND_LOG_PRIOR.spelling));
  assert.notEqual(oo.NON_WORD_LOG_PRIOR, r3(ch.NON_WORD_LOG_PRIOR), 'the bare prior is fitted');
  assert.ok(Object.values(oo.OWN_WEIGHTS).every(Number.isFinite));
  assert.equal(JSON.parse(unattested.stdout).OWN_WEIGHTS.attested, 0);
  // --non-word-context: the non-words' rows read with weights of their own, fitted beside the known words' (the
  // energy's too, unless --no-non-word-energy); without it there are none.
  const own = JSON.parse(nonWord.stdout), ownHeld = JSON.parse(nonWordHeld.stdout);
  assert.deepEqual(Object.keys(own.NON_WORD_REPLACE_WEIGHTS), ['energy', 'surprisal', 'perPiece']);
  assert.notEqual(own.NON_WORD_REPLACE_WEIGHTS.energy, 0);
  assert.equal(own.REPLACE_WEIGHTS.energy, 0);
  assert.equal(ownHeld.NON_WORD_REPLACE_WEIGHTS.energy, 0);
  assert.ok(Object.values(own.NON_WORD_REPLACE_WEIGHTS).every(Number.isFinite));
  assert.notDeepEqual(own.NON_WORD_REPLACE_WEIGHTS, own.REPLACE_WEIGHTS);
  assert.ok(!('NON_WORD_REPLACE_WEIGHTS' in JSON.parse(held.stdout)));
  // --compare-rules reports both flag rules over the same weights, and fits and chooses tau as without it.
  for (const rule of ['best', 'total']) assert.match(compared.stderr, new RegExp(`^rule ${rule} technical: best F0\\.5 [0-9.]+ at tau `, 'm'));
  const { date: _d, command: _c, ...plain } = JSON.parse(held.stdout), { date: _d2, command: _c2, ...withRules } = JSON.parse(compared.stdout);
  assert.deepEqual(withRules, plain);
  const out = JSON.parse(r.stdout);
  // The weights in nats per unit, as channel.ts REPLACE_WEIGHTS reads them; --no-energy holds the energy's at 0
  // (the shipped fit) and fits the rest.
  assert.deepEqual(Object.keys(out.REPLACE_WEIGHTS), ['energy', 'surprisal', 'perPiece']);
  assert.notEqual(out.REPLACE_WEIGHTS.energy, 0);
  const noEnergy = JSON.parse(held.stdout).REPLACE_WEIGHTS;
  assert.equal(noEnergy.energy, 0);
  assert.ok(Number.isFinite(noEnergy.surprisal) && noEnergy.surprisal !== out.REPLACE_WEIGHTS.surprisal, JSON.stringify(noEnergy));
  for (const v of [out.loss, out.NON_WORD_LOG_PRIOR, out.EDIT_SCALE, ...Object.values(out.REPLACE_WEIGHTS), ...Object.values(out.KIND_LOG_PRIOR),
    ...Object.values(out.OWN_WEIGHTS), out.bestF05.se]) {
    assert.ok(Number.isFinite(v), `${JSON.stringify(out)}`);
  }
  assert.ok(!('a/an' in out.KIND_LOG_PRIOR), 'a/an is set in channel.ts, not fitted');
  assert.ok(!('comparative' in out.KIND_LOG_PRIOR), 'a comparison made twice is set in channel.ts, not fitted');
  assert.match(r.stderr, /fit: 1 suspects read as unlisted, 1 of them left out/);
  assert.match(r.stderr, /fit: 1 doubled words of the training text itself left out/);
  // By their pair's hash e1, c1 and e3 are read in their document, e2, c2 and e4 alone; e1 and c1 are not in it.
  assert.match(r.stderr, /non-words that recur, in a document: keep 0 of 0, fix 1 of 2; alone: keep 0 of 0, fix 0 of 0; 2 items meant for a document not found/);
  assert.ok(Number.isFinite(out.KIND_LOG_PRIOR.listed), 'the listed prior is fitted');
  // e4 was left out of the records, not of the items: its error counts as missed.
  assert.deepEqual(out.train.s05.byType, { spelling: { caught: 2, of: 3 }, 'real-word': { caught: 1, of: 1 } });
});

test('fit-channel --margins: what leaving out the rows of candidates far below a suspect\'s likeliest would do, under the shipped weights', () => {
  const row = (energy, pieces = 1) => ({ energy, surprisal: energy, pieces });
  // "recieve": its fix one transposition away, and a candidate no channel makes likely.
  const records = [{ id: 'e1', label: 'fix', gold: [1], isWord: false, word: 'recieve', sentenceStart: false, rows: [row(12, 2), row(6), row(7, 3)],
    cands: [{ text: 'receive', start: 2, end: 9, edit: { spelling: 0 } }, { text: 'xylophone', start: 2, end: 9, edit: { spelling: 0 } }] }];
  const items = [{ id: 'e1', text: 'I recieve it.', source: 'pkg', errors: [{ start: 2, end: 9, type: 'spelling', right: 'receive' }] }];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fit-'));
  const file = path.join(dir, 'features.json');
  fs.writeFileSync(file, JSON.stringify({ items, records }));
  fs.mkdirSync(path.join(dir, 'text', 'train'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'text', 'train', 'pkg.txt'), 'A first line.\n');
  const r = spawnSync(process.execPath, [path.join(import.meta.dirname, 'fit-channel.mjs'), '--features', file, '--corpus', dir, '--margins'], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(!('loss' in out), 'no fit');
  const at = (kind, margin) => out.margins.find((m) => m.kind === kind && m.margin === margin);
  assert.deepEqual({ ...at('non-word', 12), kind: undefined, margin: undefined },
    { kind: undefined, margin: undefined, suspects: 1, rows: 2, kept: 0.5, flagsChanged: 0, lostOver01: 0, mostLost: 0, plantedFixesLeftOut: 0 });
  assert.equal(at('real word', 12).suspects, 0);
});

test('long-doc: the document and each paragraph carry every planted error at its own offsets', () => {
  const items = [];
  for (let i = 0; i < 40; i++) {
    const clean = `Sentence ${i} has words in it and the end.`;
    items.push({ id: `t${i}-c`, text: clean, errors: [] });
    const at = clean.indexOf('has');
    items.push({ id: `t${i}-e`, text: clean.replace('has', 'hass'), errors: [{ start: at, end: at + 4, wrong: 'hass', right: 'has', type: 'spelling' }] });
  }
  const { doc, paragraphs, errors, words } = buildDocument(items, { errors: 10, words: 200, sentences: 3, seed: 7 });
  assert.equal(errors.length, 10);
  assert.ok(words >= 200, `${words} words`);
  for (const e of errors) assert.equal(doc.slice(e.start, e.end), 'hass');
  assert.deepEqual(paragraphs.flatMap((p) => p.errors.map((e) => p.text.slice(e.start, e.end))), errors.map(() => 'hass'));
  assert.equal(doc, paragraphs.map((p) => p.text).join('\n\n'));
  // A sentence and its clean twin never both: the twin would be the same text without the error.
  for (let i = 0; i < 40; i++) assert.ok(!(doc.includes(`Sentence ${i} hass`) && doc.includes(`Sentence ${i} has `)), `twin ${i}`);
  assert.deepEqual(buildDocument(items, { errors: 10, words: 200, sentences: 3, seed: 7 }).doc, doc, 'the same seed, the same document');
  assert.throws(() => buildDocument(items, { errors: 50, words: 200, sentences: 3, seed: 7 }), /too few items/);
});

test('documentsOf: a source\'s items as one document with slips and one of clean twins, errors at their offsets in it', () => {
  const items = [
    { id: 'nuxt-nuxt-5b8b680-1', text: 'It recieve one.', errors: [{ start: 3, end: 10, wrong: 'recieve', right: 'receive', type: 'typo' }] },
    { id: 'nuxt-nuxt-5b8b680-1-ok', text: 'It receive one.', errors: [] },
    { id: 'vitejs-vite-1f0c62f-1', text: 'A the the b.', errors: [{ start: 6, end: 9, wrong: 'the', right: '', type: 'dup' }] },
    { id: 'nuxt-nuxt-c62019e-2', text: 'Its opiniated.', errors: [{ start: 4, end: 13, wrong: 'opiniated', right: 'opinionated', type: 'typo' }] },
    { id: 'nuxt-nuxt-c62019e-2-ok', text: 'Its opinionated.', errors: [] },
  ];
  const docs = documentsOf(items);
  assert.deepEqual(docs.map((d) => d.id), ['nuxt-nuxt-doc', 'nuxt-nuxt-doc-ok', 'vitejs-vite-doc']);
  const [nuxt, ok] = docs;
  assert.equal(nuxt.text, 'It recieve one.\n\nIts opiniated.');
  assert.deepEqual(nuxt.errors.map((e) => nuxt.text.slice(e.start, e.end)), ['recieve', 'opiniated']);
  assert.deepEqual(nuxt.errors.map((e) => e.right), ['receive', 'opinionated']);
  assert.deepEqual(ok, { id: 'nuxt-nuxt-doc-ok', text: 'It receive one.\n\nIts opinionated.', errors: [] });
  assert.equal(docs[2].text.slice(docs[2].errors[0].start, docs[2].errors[0].end), 'the');
});

test('real-text: two runs read flag by flag (gone, new, per corpus) and flags count by kind; filesUnder sorts what it finds', async () => {
  const { byKind, compareRuns, filesUnder, flagKey, formatRun } = await import('./real-text.mjs');
  const f = (file, start, word, fix, kind = 'spelling') => ({ file, line: 1, column: start + 1, start, word, fix, kind, p: 0.9 });
  const before = { corpora: { readmes: { flags: [f('a.md', 3, 'teh', 'the'), f('b.md', 9, 'is', 'are', 'grammar')] }, old: { flags: [f('c.md', 0, 'x', 'y')] } } };
  const after = { corpora: { readmes: { flags: [f('a.md', 3, 'teh', 'the'), f('b.md', 9, 'is', 'were', 'grammar'), f('d.md', 1, 'wich', 'which')] },
    added: { flags: [f('e.md', 0, 'x', 'y')] } } };
  const d = compareRuns(before, after);
  // Only the corpora the new run read: 'old' was not read again, so nothing of it is gone.
  assert.deepEqual(Object.keys(d).sort(), ['added', 'readmes']);
  assert.equal(d.readmes.before, 2);
  assert.equal(d.readmes.after, 3);
  // The same word and place with another first fix is a different flag: one gone, one new.
  assert.deepEqual(d.readmes.gone.map(flagKey), ['b.md:9:is>are']);
  assert.deepEqual(d.readmes.new.map(flagKey), ['b.md:9:is>were', 'd.md:1:wich>which']);
  assert.deepEqual({ before: d.added.before, after: d.added.after, gone: d.added.gone.length, new: d.added.new.length }, { before: 0, after: 1, gone: 0, new: 1 });
  assert.deepEqual(byKind(after.corpora.readmes.flags), { grammar: 1, spelling: 2 });
  // Kept a flag a line, and read back whole.
  const kept = { commit: 'abc', date: '2026-12-07', corpora: { readmes: { files: 2, words: 9, seconds: 0.1, ...after.corpora.readmes }, none: { files: 1, words: 3, seconds: 0, flags: [] } } };
  assert.deepEqual(JSON.parse(formatRun(kept)), kept);
  assert.equal(formatRun(kept).split('\n').filter((l) => l.includes('"word"')).length, 3);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'real-text-'));
  for (const p of ['b/z.md', 'a.md', 'b/y.txt', 'c/d/e.md']) { fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true }); fs.writeFileSync(path.join(root, p), 'x'); }
  assert.deepEqual(filesUnder(root, (n) => n.endsWith('.md')).map((p) => path.relative(root, p)), ['a.md', 'b/z.md', 'c/d/e.md']);
  assert.deepEqual(filesUnder(path.join(root, 'missing'), () => true), []);
});
