#!/usr/bin/env node
// npm run bench:speed — ours (EngineClient, CPU provider, 1 and 2 threads) beside Harper and cspell on the
// same ~10,000-word Markdown document (bench/data/speed-10k.md), in the same run, one process at a time.
// Writes bench/results/speed.md and speed.json.
//
//   node bench/speed.mjs [--doc FILE.md] [--threads 1,2] [--cold-runs 3] [--passes 5] [--edits 20]
//                        [--ranks 10] [--peers harper,cspell] [--no-electric] [--out-dir DIR] [--model DIR]
// Five warm passes, the median reported, as the peers' warm runs take five (bench/peers/bench-peers.mjs, --runs): this
// shared machine has slow spells of a few seconds, and three passes let one spell set the median.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { BENCH, CLI, PEERS, REPO, RESULTS, WORK, ensureCli, ensurePeers, revision, run } from './common.mjs';
import { speedMarkdown } from './speed-report.mjs';

function parseArgs(argv) {
  const o = { doc: path.join(BENCH, 'data', 'speed-10k.md'), threads: [1, 2], coldRuns: 3, passes: 5, edits: 20,
    ranks: 10, peers: ['harper', 'cspell'], electric: true, outDir: RESULTS, model: path.join(REPO, 'models') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => { if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i]; };
    if (a === '--doc') o.doc = path.resolve(next());
    else if (a === '--threads') o.threads = next().split(',').map(Number);
    else if (a === '--cold-runs') o.coldRuns = Number(next());
    else if (a === '--passes') o.passes = Number(next());
    else if (a === '--edits') o.edits = Number(next());
    else if (a === '--ranks') o.ranks = Number(next());
    else if (a === '--peers') o.peers = next().split(',').filter(Boolean);
    else if (a === '--no-electric') o.electric = false;
    else if (a === '--out-dir') o.outDir = path.resolve(next());
    else if (a === '--model') o.model = path.resolve(next());
    else throw new Error(`unknown argument ${a} (see the comment at the top of bench/speed.mjs)`);
  }
  return o;
}

/**
 * The optimized CPU graphs' cache (src/engine/graphCache.ts) every run of ours reads, as the editor's and the
 * CLI's starts after their first do: emptied at the start, filled by the CLI's first run (timed apart).
 */
const GRAPHS = path.join(WORK, 'graph-cache');

/** The one-line file of the whole-process run: one misspelling, as the peers' short sentence has. */
const ONE_LINE = 'We recieved the report yesterday.';
const median = (a) => { const s = [...a].sort((x, y) => x - y); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };

async function electric(o, words) {
  if (!fs.existsSync(path.join(REPO, 'out', 'src', 'engine', 'client.js'))) throw new Error('the engine is not built: run `npm run build` first (or pass --no-electric)');
  if (!fs.existsSync(path.join(o.model, 'meta.json'))) throw new Error(`${o.model}/meta.json missing: no model to benchmark (--model DIR, or --no-electric)`);
  const child = async (...args) => {
    const r = await run(process.execPath, [path.join(BENCH, 'speed-electric.mjs'), ...args.map(String), '--model', o.model, '--graph-cache', GRAPHS]);
    const res = JSON.parse(r.stdout.trim().split('\n').pop());
    console.error(`  ${JSON.stringify(res)}`);
    return res;
  };
  const rows = [];
  for (const threads of o.threads) {
    console.error(`bench: electric, ${threads} thread(s) ...`);
    const cold = [];
    for (let i = 0; i < o.coldRuns; i++) cold.push(await child('cold', o.doc, threads));
    const warm = await child('warm', o.doc, threads, o.passes, o.edits, o.ranks);
    const pass = median(warm.passesMs);
    rows.push({
      name: `electric (${threads} thread${threads > 1 ? 's' : ''})`, threads, provider: warm.provider,
      startToFirstResultMs: median(cold.map((c) => c.startToFirstResultMs)), loadMs: median(cold.map((c) => c.loadMs)),
      coldDocMs: median(cold.map((c) => c.firstDocMs)), passMs: pass, passesMs: warm.passesMs, wordsPerSec: Math.round(words / (pass / 1000)),
      editP50Ms: warm.editP50Ms, editP95Ms: warm.editP95Ms, rankP50Ms: warm.rankP50Ms, rankP95Ms: warm.rankP95Ms,
      peakRssMB: Math.max(warm.peakRssMB, ...cold.map((c) => c.peakRssMB)), flags: warm.flags, raw: { cold, warm },
    });
  }
  return rows;
}

/** The one-line file (ONE_LINE), written to WORK. */
function oneLineFile() {
  fs.mkdirSync(WORK, { recursive: true });
  const file = path.join(WORK, 'one-line.md');
  fs.writeFileSync(file, `${ONE_LINE}\n`);
  return file;
}

/** The threads `electric-check` runs with here when none is asked for (src/engine/defaults.ts, as src/cli/args.ts reads it). */
function defaultCliThreads() {
  return createRequire(import.meta.url)(path.join(REPO, 'out', 'src', 'engine', 'defaults.js')).defaultThreads(os.availableParallelism(), false);
}

/** One whole `electric-check` process on file, with the graph cache GRAPHS: its wall time, peak RSS and flags. */
async function cliOnce(o, file, extra = []) {
  ensureCli();
  const r = await run(process.execPath, ['--require', path.join(BENCH, 'exit-rss.cjs'), CLI, '--model', o.model, '--graph-cache', GRAPHS, ...extra, file], { allowFail: true });
  if (r.code !== 0 && r.code !== 1) throw new Error(`electric-check ${file} exited ${r.code}:\n${r.stderr.slice(-2000)}`);
  const rss = /bench-peak-rss-kb (\d+)/.exec(r.stderr);
  const flags = r.stdout.split('\n').filter(Boolean).length;
  return { ms: Math.round(r.ms), peakRssMB: rss ? Math.round(Number(rss[1]) / 1024) : null, flags };
}

/**
 * The CLI as a user runs it, whole processes: `electric-check` on a one-line file with a misspelling
 * (median of --cold-runs) and on the document (default threads, and once with one thread: issue 10 asks for its
 * peak RSS at both settings), each with its wall time and peak RSS.
 */
async function cli(o) {
  console.error('bench: electric-check, whole process ...');
  const oneLine = oneLineFile();
  const once = (file) => cliOnce(o, file);
  const lines = [];
  for (let i = 0; i < o.coldRuns; i++) lines.push(await once(oneLine));
  const docs = [];
  for (let i = 0; i < Math.max(1, Math.min(2, o.coldRuns)); i++) docs.push(await once(o.doc));
  const oneThread = await cliOnce(o, o.doc, ['--threads', '1']);
  return {
    threads: defaultCliThreads(), oneThreadDocMs: oneThread.ms, oneThreadDocRssMB: oneThread.peakRssMB,
    firstEverMs: o.firstEver?.ms, oneLineMs: median(lines.map((x) => x.ms)), oneLineRssMB: Math.max(...lines.map((x) => x.peakRssMB)), oneLineFlags: lines[0].flags,
    docMs: median(docs.map((x) => x.ms)), docRssMB: Math.max(...docs.map((x) => x.peakRssMB)), docFlags: docs[0].flags, raw: { lines, docs },
  };
}

async function peers(o, words) {
  if (!o.peers.length) return [];
  ensurePeers();
  console.error(`bench: peers ${o.peers.join(', ')} (bench/peers/bench-peers.mjs) ...`);
  const json = path.join(WORK, 'speed-peers.json');
  fs.mkdirSync(WORK, { recursive: true });
  await run(process.execPath, [path.join(PEERS, 'bench-peers.mjs'), o.doc, '--variants', o.peers.join(','), '--cold-runs', String(o.coldRuns), '--json', json]);
  const { results } = JSON.parse(fs.readFileSync(json, 'utf8'));
  return results.map((r) => ({
    name: r.variant, startToFirstResultMs: Math.round((r.bootMs + r.loadMs + r.firstShortMs) * 10) / 10, loadMs: r.loadMs,
    // a peer's whole-process figures: node's start, load, and the check (bench-peers.mjs's cold child)
    processDocMs: Math.round(r.bootMs + r.loadMs + r.firstDocMs),
    coldDocMs: r.firstDocMs, passMs: r.passMedianMs, passesMs: r.raw.warm.passesMs, wordsPerSec: Math.round(words / (r.passMedianMs / 1000)),
    cachedPassMs: r.cachedPassMedianMs, peakRssMB: r.rssMB, flags: r.flags, raw: r.raw,
  }));
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const doc = fs.readFileSync(o.doc, 'utf8');
  const words = (doc.match(/\S+/g) || []).length;
  const env = { date: new Date().toISOString().slice(0, 10), commit: revision(), node: process.version, cpu: os.cpus()[0]?.model, cpus: os.cpus().length,
    loadAverage: os.loadavg()[0], doc: path.relative(REPO, o.doc), words, chars: doc.length };
  // The first run ever optimizes our CPU graphs and keeps them (GRAPHS): timed apart; every run of ours after it is
  // a start as a user's after their first.
  if (o.electric) {
    fs.rmSync(GRAPHS, { recursive: true, force: true });
    o.firstEver = await cliOnce(o, oneLineFile());
  }
  const rows = [...(o.electric ? await electric(o, words) : []), ...(await peers(o, words))];
  const process_ = o.electric ? await cli(o) : null;
  const model = o.electric ? JSON.parse(fs.readFileSync(path.join(o.model, 'meta.json'), 'utf8')).name : null;
  const report = { env, model, rows, cli: process_, oneLine: ONE_LINE };
  fs.mkdirSync(o.outDir, { recursive: true });
  fs.writeFileSync(path.join(o.outDir, 'speed.json'), JSON.stringify(report, null, 1) + '\n');
  fs.writeFileSync(path.join(o.outDir, 'speed.md'), speedMarkdown(report));
  process.stdout.write(speedMarkdown(report));
}

main().catch((e) => { console.error(`bench: ${e.message}`); process.exit(1); });
