#!/usr/bin/env node
// npm run bench:quality — ours (electric-check --jsonl) beside harper, cspell and nspell on jfleg-dev,
// the technical dev set and real-dev, all scored by bench/scorer.mjs, every set whole. Writes
// bench/results/quality.{md,json}, pr.svg (ours across the sensitivity setting, the peers as points) and
// calibration.svg (how well our probabilities mean what they say, at the headline sensitivity).
// The technical set ships in bench/data; jfleg-dev and real-dev (their licences keep them out of the
// repository: bench/README.md) are read from ../shared/eval/ when there, and left out (with a note) by
// default when not.
//
//   node bench/quality.mjs [--sets jfleg,tech,real] [--peers harper,cspell,nspell] [--sensitivity 0.5]
//                          [--curve 0,0.2,0.4,0.5,0.7,1] [--cli-arg ARG]... [--limit N] [--no-electric]
//                          [--model DIR (default: models/)] [--out-dir DIR] [--rescore]
//   node bench/quality.mjs --sweep [--curve ...] [--grid pNoiseGate=0.02,0.03,0.05 --grid tau=-1,0,1 ...]
//
// --sweep is the calibration mode: ours only, across the sensitivities of --curve (default every 0.1)
// and, with --grid, across raw flag-rule thresholds (CheckOptions.thresholds: pNoiseGate, tau,
// as src/engine/types.ts names them), through the engine directly (bench/engine-jsonl.mjs;
// one warm client, so later settings reuse cached energies); printed as a table and written to
// bench/work/sweep.json; the committed results are left alone.
// Every set is run whole by default. --limit N checks only the first N items of each set (a smoke test, or
// a model too slow for the whole set; the report says so); results then go to bench/work/results unless
// --out-dir says otherwise, so a subset never replaces the committed full-set figures by accident.
// --rescore runs no checker: it scores the outputs an earlier run with the same options saved in
// bench/work (ours in bench/work/quality, the peers in bench/work/cache) and writes the report again, e.g.
// after a change to the scorer or the report; an output that is not there is an error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { calibrationPlot } from './calibration-plot.mjs';
import { BENCH, CLI, EXTERNAL_EVAL, RESULTS, WORK, cachedPeer, ensureCli, ensurePeers, revision, run, runPeer, writeInput } from './common.mjs';
import { documentsOf } from './documents.mjs';
import { checkJsonl, engineClient } from './engine-jsonl.mjs';
import { prPlot } from './pr-plot.mjs';
import { qualityMarkdown } from './quality-report.mjs';
import { score } from './score.mjs';

// real-dev's own error types, in the order of ../shared/eval/README.md, each shown as its own recall column.
const REAL_TYPES = [['typo', 'no dictionary word'], ['grammar', 'agreement, inflection, a/an'], ['missing', 'a word left out'],
  ['realword', 'a real word for another'], ['dup', 'a doubled word'], ['other', 'an extra word, swapped words']];

const SETS = {
  jfleg: { title: 'jfleg-dev (learner English, 754 sentences)', gold: () => path.join(EXTERNAL_EVAL, 'jfleg-dev.jsonl'), external: true,
    description: 'JFLEG dev (Napoles et al. 2017, CC BY-NC-SA 4.0, evaluation only): a token is an error where at least two of four annotators edited it.' },
  tech: { title: 'Technical dev set (held-out Debian documentation)', gold: () => path.join(BENCH, 'data', 'tech-dev.jsonl'),
    description: 'bench/data/tech-dev.jsonl (bench/build-devset.py): real sentences from documentation the model never trained on, one planted error each (codespell misspellings, real-word confusions, agreement, doubled words) plus each sentence\'s correct twin. Ours reads it with its planted misspellings left out of the known-misspellings list (which names 986 of the 1,000), so its spelling recall is that of slips no list names.',
    // As the description says (src/engine/misspellings.ts, --leave-out-misspellings); real-dev and jfleg-dev
    // are checked as shipped.
    leaveOutMisspellings: true },
  real: { title: 'real-dev (real slips in documentation)', gold: () => path.join(EXTERNAL_EVAL, 'real-dev.jsonl'), external: true,
    description: 'real-dev (../shared/eval/real-dev.jsonl): sentences as they stood before a "fix typo"-style commit, with the slips that commit fixed, and each sentence after the fix as its clean twin; mined from electron/electron, eslint/eslint, jestjs/jest, nuxt/nuxt, vitejs/vite, sveltejs/svelte, prettier/prettier, nodejs/nodejs.org, vuejs/router (MIT), kubernetes/community, prometheus/docs (Apache 2.0) and expressjs/expressjs.com (CC BY 4.0).',
    types: REAL_TYPES },
  realdoc: { title: 'real-dev as documents (its sentences put together, a document per repository)', gold: () => path.join(EXTERNAL_EVAL, 'real-dev.jsonl'), external: true,
    description: 'real-dev\'s items as a writer\'s documents hold them: for each repository, its sentences with their slips in the set\'s order, one a paragraph, as one document, and their clean twins as another (bench/documents.mjs, documentsOf; 12 repositories, 24 documents). A checker that reads a document whole (a word it uses again, what the sentences around say) is measured on the same slips as in real-dev.',
    documents: true, types: REAL_TYPES },
};

function parseArgs(argv) {
  const o = { sets: null, peers: ['harper', 'cspell', 'nspell'], sensitivity: 0.5, curve: null,
    cliArgs: [], grid: [], limit: 0, electric: true, sweep: false, rescore: false, model: path.join(BENCH, '..', 'models') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => { if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i]; };
    if (a === '--sets') o.sets = next().split(',');
    else if (a === '--peers') o.peers = next().split(',').filter(Boolean);
    else if (a === '--sensitivity') o.sensitivity = Number(next());
    else if (a === '--curve') o.curve = next().split(',').map(Number);
    else if (a === '--cli-arg') o.cliArgs.push(next());
    else if (a === '--grid') { const [k, v] = next().split('='); o.grid.push([k, v.split(',').map(Number)]); }
    else if (a === '--limit') {
      o.limit = Number(next());
      if (!Number.isInteger(o.limit) || o.limit < 1) throw new Error('--limit needs a whole number of items above 0 (without it, every set is run whole)');
    }
    else if (a === '--model') o.model = path.resolve(next());
    else if (a === '--out-dir') o.outDir = path.resolve(next());
    else if (a === '--no-electric') o.electric = false;
    else if (a === '--sweep') o.sweep = true;
    else if (a === '--rescore') o.rescore = true;
    else throw new Error(`unknown argument ${a} (see the comment at the top of bench/quality.mjs)`);
  }
  if (!o.sets) {
    // Default: every set that is here. A clone alone has the technical set; jfleg-dev lives outside it.
    o.sets = Object.keys(SETS).filter((s) => !SETS[s].external || fs.existsSync(SETS[s].gold()));
    for (const s of Object.keys(SETS).filter((k) => !o.sets.includes(k))) {
      console.error(`bench: ${s} left out: ${SETS[s].gold()} is not here (its licence keeps it out of the repository; see bench/README.md)`);
    }
  }
  for (const s of o.sets) if (!SETS[s]) throw new Error(`unknown set ${s}; known: ${Object.keys(SETS)}`);
  o.curve ??= o.sweep ? [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] : [0, 0.2, 0.4, 0.5, 0.7, 1];
  return o;
}

/** The gold file to score against (the first N items with --limit) and the answer-free input. */
function prepare(name, limit) {
  let gold = SETS[name].gold();
  if (!fs.existsSync(gold)) {
    throw new Error(`${gold} missing (${SETS[name].external ? 'it is not part of the repository: see bench/README.md' : 'npm run bench:data rebuilds it'})`);
  }
  if (SETS[name].documents) {
    const items = fs.readFileSync(gold, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    gold = path.join(WORK, 'quality', `${name}.gold.jsonl`);
    fs.mkdirSync(path.dirname(gold), { recursive: true });
    fs.writeFileSync(gold, documentsOf(items).map((d) => JSON.stringify(d)).join('\n') + '\n');
  }
  if (limit) {
    const lines = fs.readFileSync(gold, 'utf8').split('\n').filter((l) => l.trim()).slice(0, limit);
    gold = path.join(WORK, 'quality', `${name}-first${limit}.gold.jsonl`);
    fs.mkdirSync(path.dirname(gold), { recursive: true });
    fs.writeFileSync(gold, lines.join('\n') + '\n');
  }
  const input = writeInput(gold, path.join(WORK, 'quality', `${name}${limit ? `-first${limit}` : ''}.in.jsonl`));
  return { gold, input: input.file, items: input.items, leaveOut: SETS[name].leaveOutMisspellings ? plantedMisspellings(gold) : undefined };
}

/** The set's planted misspellings (lower case, one a line), written beside its input. */
function plantedMisspellings(gold) {
  const words = new Set();
  for (const line of fs.readFileSync(gold, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    for (const e of JSON.parse(line).errors ?? []) if (e.type === 'spelling' && /^[a-z]+$/i.test(e.wrong)) words.add(e.wrong.toLowerCase());
  }
  const file = gold.replace(/(\.gold)?\.jsonl$/, '.planted-misspellings.txt').replace(path.join(BENCH, 'data'), path.join(WORK, 'quality'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, [...words].sort().join('\n') + '\n');
  return { file, words: [...words] };
}

/** Where ours' output on a set (its first `limit` items, with limit) at one setting is kept, and beside it how it was run. */
function electricOutput(set, limit, sensitivity, extra) {
  const file = path.join(WORK, 'quality', `${set}${limit ? `-first${limit}` : ''}-electric-s${sensitivity}${extra.length ? '-' + extra.join('').replace(/[^\w.=-]/g, '') : ''}.jsonl`);
  return { file, meta: `${file}.json` };
}

async function runElectric(input, out, sensitivity, extra, model, provenance) {
  const args = [CLI, '--jsonl', input, '--language', 'markdown', '--provider', 'cpu', '--sensitivity', String(sensitivity), '--model', model, '--output', out.file, ...extra];
  const r = await run(process.execPath, args);
  const seconds = r.ms / 1000;
  fs.writeFileSync(out.meta, JSON.stringify({ seconds, ...provenance }));
  return { file: out.file, seconds };
}

/** Ours' saved output (--rescore), with its seconds and run where the run that wrote it recorded them. */
function savedElectric(out) {
  if (!fs.existsSync(out.file)) throw new Error(`${out.file} missing: --rescore scores saved outputs; run without it first`);
  const meta = fs.existsSync(out.meta) ? JSON.parse(fs.readFileSync(out.meta, 'utf8')) : {};
  return { file: out.file, seconds: meta.seconds ?? null, run: meta.date ? { date: meta.date, model: meta.model, env: meta.env } : null };
}

function modelName(dir) {
  const meta = path.join(dir, 'meta.json');
  if (!fs.existsSync(meta)) throw new Error(`${meta} missing: no model to benchmark (--model DIR, or --no-electric)`);
  return JSON.parse(fs.readFileSync(meta, 'utf8')).name;
}

async function sweep(o) {
  modelName(o.model);
  let combos = [{}];
  for (const [k, vals] of o.grid) combos = combos.flatMap((c) => vals.map((v) => ({ ...c, [k]: v })));
  const rows = [];
  for (const set of o.sets) {
    const { gold, input, leaveOut } = prepare(set, o.limit);
    const client = engineClient(o.model, leaveOut?.words);
    try {
      for (const s of o.curve) {
        for (const thresholds of combos) {
          const tag = Object.entries(thresholds).map(([k, v]) => `${k}=${v}`).join(',');
          const out = path.join(WORK, 'quality', `sweep-${set}-s${s}${tag ? '-' + tag : ''}.jsonl`);
          const r = await checkJsonl(client, input, out, { sensitivity: s, thresholds });
          const sc = await score(gold, r.file, 'electric');
          rows.push({ set, sensitivity: s, thresholds, ...sc, seconds: r.seconds });
          console.log(`${set}\ts=${s}\t${tag || '-'}\tP ${sc.precision}\tR ${sc.recall}\tF0.5 ${sc.f05}\tFF/1k ${sc.falsePer1k}\t` +
            Object.entries(sc.byType).map(([t, v]) => `${t} ${v.caught}/${v.total}`).join(' ') + `\tfix1/caught ${sc.fixTop1OfCaught.toFixed(2)}\t${r.seconds.toFixed(0)} s`);
        }
      }
    } finally {
      client.dispose();
    }
  }
  fs.mkdirSync(WORK, { recursive: true });
  fs.writeFileSync(path.join(WORK, 'sweep.json'), JSON.stringify(rows, null, 1));
  console.error(`bench: ${rows.length} settings written to ${path.join(WORK, 'sweep.json')}`);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.sweep) return sweep(o);
  if (!o.rescore && o.peers.length) ensurePeers();
  if (o.electric && !o.rescore) ensureCli();
  const report = { date: new Date().toISOString().slice(0, 10), sensitivity: o.sensitivity, model: o.electric ? modelName(o.model) : null,
    env: `commit ${revision()}, node ${process.version}, ${os.cpus().length}x ${os.cpus()[0]?.model}`, limit: o.limit || null, sets: [] };
  const thisRun = { date: report.date, model: report.model, env: report.env };
  const savedRuns = [];
  for (const name of o.sets) {
    const { gold, input, items, leaveOut } = prepare(name, o.limit);
    const cliArgs = leaveOut ? [...o.cliArgs, '--leave-out-misspellings', leaveOut.file] : o.cliArgs;
    const set = { name, title: SETS[name].title, description: SETS[name].description, items, errors: null, rows: [], curve: [],
      ...(SETS[name].types ? { types: SETS[name].types.map(([type, what]) => ({ type, what })) } : {}) };
    for (const peer of o.peers) {
      console.error(`bench: ${name}: ${peer} ...`);
      const r = o.rescore ? cachedPeer(peer, input, 'markdown') : await runPeer(peer, input, 'markdown');
      set.rows.push({ label: peer, peer, seconds: r.seconds, score: await score(gold, r.file, peer) });
    }
    if (o.electric) {
      const sens = [...new Set([...o.curve, o.sensitivity])].sort((a, b) => a - b);
      for (const s of sens) {
        console.error(`bench: ${name}: electric at sensitivity ${s} ...`);
        const out = electricOutput(name, o.limit, s, o.cliArgs);
        const r = o.rescore ? savedElectric(out) : await runElectric(input, out, s, cliArgs, o.model, thisRun);
        if (o.rescore) savedRuns.push(r.run);
        const sc = await score(gold, r.file, 'electric');
        // Calibration at the headline sensitivity only (what the editor shows by default); the setting moves the
        // thresholds that choose which words are flagged, not the posteriors a flag's probabilities come from.
        const { calibration, ...curveScore } = sc;
        if (o.curve.includes(s)) set.curve.push({ sensitivity: s, ...curveScore, seconds: r.seconds });
        if (s === o.sensitivity) set.rows.unshift({ label: `**electric** (s=${s})`, peer: 'electric', seconds: r.seconds, score: sc });
      }
    }
    set.errors = set.rows[0]?.score.errors ?? null;
    report.sets.push(set);
    for (const r of set.rows) console.error(`  ${r.peer}\tP ${r.score.precision}\tR ${r.score.recall}\tF0.5 ${r.score.f05}\tFF/1k ${r.score.falsePer1k}`);
  }
  if (o.rescore) {
    // The report names the run whose outputs it scores, as far as that run recorded itself.
    const runs = [...new Set(savedRuns.map((r) => (r ? `${r.date}; ${r.env}` : 'not recorded')))];
    const models = [...new Set(savedRuns.map((r) => r?.model ?? 'not recorded'))];
    report.rescored = { from: runs.join(' / ') || null };
    if (o.electric) report.model = models.join(' / ');
  }
  const dir = o.outDir ?? (o.limit ? path.join(WORK, 'results') : RESULTS);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'quality.json'), JSON.stringify(report, null, 1) + '\n');
  fs.writeFileSync(path.join(dir, 'quality.md'), qualityMarkdown(report));
  fs.writeFileSync(path.join(dir, 'pr.svg'), prPlot(report.sets.map((s) => ({ title: s.title, curve: s.curve,
    peers: Object.fromEntries(s.rows.filter((r) => r.peer !== 'electric').map((r) => [r.peer, r.score])) }))));
  const calibrated = report.sets.map((s) => ({ title: s.title, calibration: s.rows.find((r) => r.peer === 'electric')?.score.calibration }))
    .filter((s) => s.calibration);
  // A plot from an earlier run must not stay beside a report that has no calibration.
  if (calibrated.length) fs.writeFileSync(path.join(dir, 'calibration.svg'), calibrationPlot(calibrated));
  else fs.rmSync(path.join(dir, 'calibration.svg'), { force: true });
  console.error(`bench: wrote ${path.relative(process.cwd(), dir)}/quality.md, quality.json, pr.svg${calibrated.length ? ', calibration.svg' : ''}`);
}

main().catch((e) => { console.error(`bench: ${e.message}`); process.exit(1); });
