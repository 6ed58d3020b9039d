// Recall on a long document against the same paragraphs checked one by one (issue 10: the suspect budget
// must not lose errors on long documents):
//
//   node bench/long-doc.mjs [--errors 200] [--words 10000] [--sentences 5] [--seed 7] [--out bench/results/long-doc.json]
//
// The document is made of tech-dev sentences (bench/data/tech-dev.jsonl): --errors of its items with a planted
// error, the rest of its clean twins of other items up to --words words, shuffled (seeded) and joined --sentences
// to a paragraph. One EngineClient (the built engine, CPU) checks the document whole, as the editor and the CLI
// do, and then each paragraph alone; a second, fresh one checks it whole with `thorough` (every real word the
// gate passes scored: electric-check --thorough). A planted error is caught when a finding overlaps it, as
// bench/scorer.mjs counts. The planted misspellings are left out of the known-misspellings list, as bench:quality reads tech-dev.
import fs from 'node:fs';
import path from 'node:path';
import { BENCH, RESULTS, revision } from './common.mjs';
import { engineClient } from './engine-jsonl.mjs';

function parseArgs(argv) {
  const o = { errors: 200, words: 10_000, sentences: 5, seed: 7, out: path.join(RESULTS, 'long-doc.json'), model: path.join(BENCH, '..', 'models') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => { if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i]; };
    if (a === '--errors') o.errors = Number(next());
    else if (a === '--words') o.words = Number(next());
    else if (a === '--sentences') o.sentences = Number(next());
    else if (a === '--seed') o.seed = Number(next());
    else if (a === '--out') o.out = path.resolve(next());
    else if (a === '--model') o.model = path.resolve(next());
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

/** mulberry32: the same document for the same seed. */
function random(seed) {
  let x = seed >>> 0;
  return () => { x = (x + 0x6d2b79f5) >>> 0; let t = x; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

function shuffle(a, rand) {
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
  return a;
}

const words = (s) => s.split(/\s+/).filter(Boolean).length;

/** The document: paragraphs of sentences, each sentence's planted errors at their offsets in it and in its paragraph. */
export function buildDocument(items, o) {
  const rand = random(o.seed);
  const bad = shuffle(items.filter((i) => i.errors.length > 0), rand).slice(0, o.errors);
  const used = new Set(bad.map((i) => i.id.replace(/-[ec]$/, '')));
  const clean = shuffle(items.filter((i) => i.errors.length === 0 && !used.has(i.id.replace(/-[ec]$/, ''))), rand);
  const chosen = [...bad];
  let n = bad.reduce((s, i) => s + words(i.text), 0);
  for (const c of clean) { if (n >= o.words) break; chosen.push(c); n += words(c.text); }
  if (bad.length < o.errors || n < o.words) throw new Error(`tech-dev has too few items for ${o.errors} errors in ${o.words} words`);
  shuffle(chosen, rand);
  const paragraphs = [];
  for (let k = 0; k < chosen.length; k += o.sentences) {
    let text = '';
    const errors = [];
    for (const item of chosen.slice(k, k + o.sentences)) {
      if (text) text += ' ';
      for (const e of item.errors) errors.push({ ...e, start: text.length + e.start, end: text.length + e.end });
      text += item.text;
    }
    paragraphs.push({ text, errors });
  }
  let doc = '';
  const errors = [];
  for (const p of paragraphs) {
    if (doc) doc += '\n\n';
    for (const e of p.errors) errors.push({ ...e, start: doc.length + e.start, end: doc.length + e.end });
    doc += p.text;
  }
  return { doc, paragraphs, errors, words: n };
}

const overlaps = (a, b) => a.start < b.end && b.start < a.end;

function caughtBy(errors, findings) {
  return errors.map((e) => findings.some((f) => overlaps(e, f)));
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const items = fs.readFileSync(path.join(BENCH, 'data', 'tech-dev.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const { doc, paragraphs, errors, words: n } = buildDocument(items, o);
  const leftOut = [...new Set(errors.filter((e) => e.type === 'spelling' && /^[a-z]+$/i.test(e.wrong)).map((e) => e.wrong.toLowerCase()))];
  const client = engineClient(o.model, leftOut);
  try {
    await client.info();
    const options = { sensitivity: 0.5, maxSuggestions: 5 };
    let t = performance.now();
    const whole = await client.check(doc, 'markdown', options);
    const wholeMs = performance.now() - t;
    const inWhole = caughtBy(errors, whole.findings);
    t = performance.now();
    const alone = [];
    for (const p of paragraphs) alone.push(...caughtBy(p.errors, (await client.check(p.text, 'markdown', options)).findings));
    const aloneMs = performance.now() - t;
    // A client of its own, so that its time is its rows' and not the rows the runs above left in a cache.
    const fresh = engineClient(o.model, leftOut);
    let inThorough, thorough, thoroughMs;
    try {
      await fresh.info();
      t = performance.now();
      thorough = await fresh.check(doc, 'markdown', { ...options, thorough: true });
      thoroughMs = performance.now() - t;
      inThorough = caughtBy(errors, thorough.findings);
    } finally {
      fresh.dispose();
    }
    const byType = {};
    errors.forEach((e, i) => {
      const r = (byType[e.type] ??= { errors: 0, whole: 0, thorough: 0, alone: 0 });
      r.errors++;
      if (inWhole[i]) r.whole++;
      if (inThorough[i]) r.thorough++;
      if (alone[i]) r.alone++;
    });
    const count = (a) => a.filter(Boolean).length;
    const res = {
      command: `node bench/long-doc.mjs ${process.argv.slice(2).join(' ')}`.trim(), date: new Date().toISOString().slice(0, 10), commit: revision(),
      words: n, paragraphs: paragraphs.length, errors: errors.length,
      whole: { caught: count(inWhole), findings: whole.findings.length, seconds: Math.round(wholeMs / 100) / 10 },
      thorough: { caught: count(inThorough), findings: thorough.findings.length, seconds: Math.round(thoroughMs / 100) / 10 },
      alone: { caught: count(alone), seconds: Math.round(aloneMs / 100) / 10 },
      caughtOnlyAlone: errors.filter((_, i) => alone[i] && !inWhole[i]).map((e) => `${e.type}: ${e.wrong} → ${e.right}`),
      caughtOnlyWhole: errors.filter((_, i) => inWhole[i] && !alone[i]).map((e) => `${e.type}: ${e.wrong} → ${e.right}`),
      thoroughOrAloneOnly: errors.flatMap((e, i) => (inThorough[i] === alone[i] ? []
        : [`${inThorough[i] ? 'thorough' : 'alone'} only, ${e.type}: ${e.wrong} → ${e.right}`])),
      byType,
    };
    fs.mkdirSync(path.dirname(o.out), { recursive: true });
    fs.writeFileSync(o.out, JSON.stringify(res, null, 1) + '\n');
    process.stdout.write(`long document: ${n} words, ${paragraphs.length} paragraphs, ${errors.length} planted errors; ` +
      `caught checked whole ${res.whole.caught} (${res.whole.seconds} s), whole and thorough ${res.thorough.caught} (${res.thorough.seconds} s, ` +
      `a fresh client), paragraph by paragraph ${res.alone.caught} (${res.alone.seconds} s, after the whole check on its client)\n` +
      Object.entries(byType).map(([k, v]) => `  ${k}: whole ${v.whole}/${v.errors}, thorough ${v.thorough}/${v.errors}, alone ${v.alone}/${v.errors}`).join('\n') + `\nwritten to ${o.out}\n`);
  } finally {
    client.dispose();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((err) => { console.error(err); process.exit(1); });
}
