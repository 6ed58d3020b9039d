// One measurement of our engine in a fresh process (speed.mjs starts it; prints one JSON line).
//   node bench/speed-electric.mjs cold|warm DOC.md THREADS [PASSES EDITS RANKS] --model DIR
// Uses the compiled EngineClient (out/src/engine/client.js, from `npm run build`) on the CPU provider with the
// bundled worker (dist/worker.js), exactly as the extension and the CLI do: the model runs in a worker_thread of
// this process.
//  cold: process start -> client created -> first result for one short sentence -> first full document.
//  warm: a warm-up pass, then PASSES full passes on the same client, each after every cache of its worker
//        was emptied (EngineClient.memory({ clear: true }): windows, rows, plans and memos; the model, the
//        lexicon and the compiled code stay, as in a running editor; not timed), then EDITS one-paragraph
//        edits re-checked on the warm client (unchanged windows come from its cache), then RANKS
//        fixes-for-one-word requests: a typo in a paragraph not seen before, ranked by EngineClient.rank, which
//        is check's own path for that word (its paragraph's windows scored, then its candidates' REPLACE rows),
//        so it times the fixes users see.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bootMs = performance.now();
const REPO = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const SHORT = 'You should recieve an email when teh build finishes.';
const r1 = (x) => Math.round(x * 10) / 10;

const WORKER = path.join(REPO, 'dist', 'worker.js');

function loadClient() {
  const file = path.join(REPO, 'out', 'src', 'engine', 'client.js');
  for (const f of [file, WORKER]) if (!fs.existsSync(f)) throw new Error(`${f} missing: run \`npm run build\` first`);
  return createRequire(import.meta.url)(file).EngineClient;
}

function newClient(EngineClient, threads) {
  // GRAPHS: the optimized CPU graphs' cache, as the extension keeps one in its storage (speed.mjs fills it first).
  // WORKER: the bundled worker the extension and the CLI run (esbuild.mjs), not the compiled modules beside client.js.
  return new EngineClient({ modelDir: MODEL, provider: 'cpu', threads, graphCache: GRAPHS, workerPath: WORKER,
    log: (level, msg) => { if (level === 'error') process.stderr.write(`engine: ${msg}\n`); } });
}

const opts = { sensitivity: 0.5 };
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const quantile = (a, q) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]; };

/** Paragraphs of prose (not headings, list items or code) with their offsets, spread over the document. */
function proseParagraphs(doc) {
  const out = [];
  let inCode = false;
  const re = /[^\n]+/g;
  for (let m; (m = re.exec(doc));) {
    if (m[0].startsWith('```')) { inCode = !inCode; continue; }
    if (!inCode && /^[A-Z]/.test(m[0]) && m[0].split(' ').length >= 12) out.push({ start: m.index, text: m[0] });
  }
  return out;
}

/**
 * Words rank can be asked about: whole prose words (rank takes exactly one checked word), so not part of a
 * contraction, a path, a URL or inline code (an even number of backticks before it).
 */
const PROSE_WORD = /(?<![\w'’`\-/.:#@=~])[a-z]{5,}(?![\w'’`\-/#@=~]|[.:]\w)(?<=^(?:[^`]*`[^`]*`)*[^`]*)/g;

/** The n-th edit: one word of one paragraph changes (a transposition typo, as a user would make). */
function typoIn(doc, para, k, wordRe = /\b[a-z]{5,}\b/g) {
  const words = [...para.text.matchAll(wordRe)];
  if (!words.length) return null;
  const w = words[k % words.length];
  const t = w[0];
  const typo = t.slice(0, 1) + t[2] + t[1] + t.slice(3);
  const start = para.start + w.index;
  return { text: doc.slice(0, start) + typo + doc.slice(start + t.length), start, end: start + typo.length, word: t, typo };
}

async function cold(EngineClient, doc, threads) {
  const res = { mode: 'cold', threads, bootMs: r1(bootMs) };
  let t = performance.now();
  const client = newClient(EngineClient, threads);
  const info = await client.info();
  res.loadMs = r1(performance.now() - t);
  res.provider = info.provider;
  t = performance.now(); await client.check(SHORT, 'markdown', opts); res.firstShortMs = r1(performance.now() - t);
  res.startToFirstResultMs = r1(performance.now());
  t = performance.now(); const r = await client.check(doc, 'markdown', opts); res.firstDocMs = r1(performance.now() - t);
  res.flags = r.findings.length;
  client.dispose();
  return res;
}

async function warm(EngineClient, doc, threads, passes, edits, ranks) {
  const res = { mode: 'warm', threads, passesMs: [], editMs: [], rankMs: [] };
  const client = newClient(EngineClient, threads);
  res.provider = (await client.info()).provider;
  let t = performance.now(); await client.check(doc, 'markdown', opts); res.warmupMs = r1(performance.now() - t);
  for (let i = 0; i < passes; i++) {
    // Every cache emptied (windows, rows, plans, memos), the worker itself warm: a new document's pass in a
    // running editor, as the peers' warm runs drop their per-run caches in a process that has linted before.
    await client.memory({ clear: true });
    t = performance.now(); const r = await client.check(doc, 'markdown', opts); res.passesMs.push(r1(performance.now() - t));
    res.flags = r.findings.length;
  }
  const paras = proseParagraphs(doc);
  for (let i = 0; i < edits; i++) {
    const e = typoIn(doc, paras[Math.floor(((i + 0.5) * paras.length) / edits)], i);
    if (!e) continue;
    t = performance.now(); await client.check(e.text, 'markdown', opts); res.editMs.push(r1(performance.now() - t));
  }
  for (let i = 0; i < ranks; i++) {
    const e = typoIn(doc, paras[Math.floor(((i + 0.25) * paras.length) / ranks)], i + 7, PROSE_WORD);
    if (!e) continue;
    t = performance.now();
    try {
      await client.rank(e.text, 'markdown', e.start, e.end, opts);
    } catch (err) {
      // a word the markdown parser keeps out of the prose: counted, not timed
      if (!/no checked word spans/.test(err.message)) throw err;
      res.rankSkipped = (res.rankSkipped ?? 0) + 1;
      continue;
    }
    res.rankMs.push(r1(performance.now() - t));
  }
  res.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  client.dispose();
  return res;
}

const argv = process.argv.slice(2);
const mi = argv.indexOf('--model');
if (mi < 0) throw new Error('--model DIR is required');
const MODEL = argv.splice(mi, 2)[1];
const gi = argv.indexOf('--graph-cache');
const GRAPHS = gi < 0 ? undefined : argv.splice(gi, 2)[1];
const [mode, docPath, threads, passes = '3', edits = '20', ranks = '10'] = argv;
const EngineClient = loadClient();
const doc = fs.readFileSync(docPath, 'utf8');
const res = mode === 'cold' ? await cold(EngineClient, doc, Number(threads))
  : await warm(EngineClient, doc, Number(threads), Number(passes), Number(edits), Number(ranks));
res.peakRssMB ??= Math.round(process.resourceUsage().maxRSS / 1024);
Object.assign(res, { passMedianMs: median(res.passesMs ?? []), editP50Ms: median(res.editMs ?? []),
  editP95Ms: res.editMs?.length ? quantile(res.editMs, 0.95) : undefined, rankP50Ms: median(res.rankMs ?? []),
  rankP95Ms: res.rankMs?.length ? quantile(res.rankMs, 0.95) : undefined });
process.stdout.write(JSON.stringify(res) + '\n');
process.exit(0);
