#!/usr/bin/env node
// Where the engine's cache memory goes (issue 10): fills every cache of src/engine/cacheBudgets.ts at the default
// budgets with real checks (the 10k-word document, then changing paragraphs), then empties them one at a time
// and measures what each frees (V8 heap used + external after two full GCs), in one process, the engine's steps
// without the worker. A cache that did not fill is extrapolated to its budget from the bytes each unit of it
// freed; the word memos are filled with made-up words and weighed. Writes bench/results/cache-memory.md.
//   node --expose-gc bench/cache-memory.mjs [--paragraphs N] [--model DIR]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { paragraph } from './reliability/paragraphs.mjs';

const REPO = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const paragraphs = Number(opt('--paragraphs', '600'));
const modelDir = path.resolve(opt('--model', path.join(REPO, 'models')));
if (!globalThis.gc) { console.error('cache-memory: run with node --expose-gc'); process.exit(2); }

const out = (p) => createRequire(import.meta.url)(path.join(REPO, 'out', 'src', p));
const { DEFAULT_CACHE_BUDGETS } = out('engine/cacheBudgets.js');
const { cacheUsage, clearCache } = out('engine/cacheUsage.js');
const { loadModel } = out('engine/model.js');
const { createRunner } = out('engine/session.js');
const { WordPiece } = out('text/wordpiece.js');
const { check } = out('engine/pipeline.js');
const { generatorFor } = out('engine/candidates.js');
const { factsOf } = out('engine/wordScores.js');

const model = await loadModel(modelDir);
const wp = WordPiece.fromVocab(model.vocabText, model.meta.cased);
const runner = await createRunner(model, { provider: 'cpu', threads: 1 });
const opts = { sensitivity: 0.5 };
const t0 = Date.now();
await check(fs.readFileSync(path.join(REPO, 'bench', 'data', 'speed-10k.md'), 'utf8'), 'markdown', opts, runner, wp);
for (let i = 0; i < paragraphs; i++) await check(paragraph(i), 'markdown', opts, runner, wp);
const secs = (Date.now() - t0) / 1000;

const held = () => { globalThis.gc(); globalThis.gc(); const m = process.memoryUsage(); return m.heapUsed + m.external; };
const usage = cacheUsage(runner, wp);
// What refers to another cache's values goes first, so that each frees its own: a block's scores keep its rows.
const ORDER = ['suspectUnits', 'planUnits', 'candidateUnits', 'blockUnits', 'sentenceUnits', 'inlineChars', 'tokenCountChars', 'energyBytes', 'clozeBytes',
  'replaceBytes'];
const UNIT = { Bytes: 'bytes', Units: 'units', Chars: 'characters' };
const MB = (b) => (b / 2 ** 20).toFixed(2);
const rows = [];
let before = held();
for (const name of ORDER) {
  clearCache(name, runner, wp);
  const after = held();
  const freed = before - after;
  before = after;
  const budget = DEFAULT_CACHE_BUDGETS[name], fill = usage[name] / budget;
  const perUnit = usage[name] > 0 ? freed / usage[name] : 0;
  rows.push(`| ${name} | ${budget.toLocaleString('en')} ${UNIT[/[A-Z][a-z]+$/.exec(name)[0]]} | ${usage[name].toLocaleString('en')} (${(100 * fill).toFixed(0)}%) | ` +
    `${MB(freed)} | ${perUnit.toFixed(perUnit < 10 ? 2 : 0)} | ${MB(perUnit * budget)} |`);
}

// The word memos fill only with distinct words, which checks bring few of (the 10k-word document ~2,400): each is
// emptied and filled with made-up words of the kinds new text brings, and weighed per word.
const gen = generatorFor(wp.vocab), facts = factsOf(gen);
const whole = wp.vocab.filter((p) => /^[a-z]{3,}$/.test(p));
// Flat strings made before the fill, so that what it weighs is the memo, not the flattening of concatenations.
const made = (n, f) => JSON.parse(JSON.stringify(Array.from({ length: n }, (_, i) => f(i))));
const WORD_FILLS = {
  // compounds of two of the vocabulary's words ("serverconfig"): a few pieces each
  pieceWords: [made(50_000, (i) => whole[i % whole.length] + whole[(i * 7919) % whole.length]), (w) => wp.encode(w), () => wp.memoSize],
  // a word and a number ("release12"): all four facts asked
  wordFacts: [made(20_000, (i) => whole[i % whole.length] + i), (w) => { facts.isWord(w); facts.mustCheck(w); facts.logOwn(` ${w}`); facts.checkable(w); },
    () => facts.isWord.size],
  // a vocabulary word with one letter dropped: a misspelling's neighbour search
  neighbourWords: [made(2_000, (i) => { const w = whole[(i * 31) % whole.length], k = i % w.length; return w.slice(0, k) + w.slice(k + 1); }),
    (w) => gen.spelling.neighbours(w), () => gen.spelling.memoSize],
};
for (const [name, [words, ask, size]] of Object.entries(WORD_FILLS)) {
  clearCache(name, runner, wp);
  const empty = held();
  for (const w of words) ask(w);
  const n = size(), bytes = held() - empty, perUnit = bytes / n, budget = DEFAULT_CACHE_BUDGETS[name];
  rows.push(`| ${name} | ${budget.toLocaleString('en')} words | ${n.toLocaleString('en')} made up (${(100 * n / budget).toFixed(0)}%) | ` +
    `${MB(bytes)} | ${perUnit.toFixed(0)} | ${MB(perUnit * budget)} |`);
}
await runner.dispose?.();

const md = [
  '# Where the cache memory goes',
  '',
  `Written by \`node --expose-gc bench/cache-memory.mjs\`: every cache of src/engine/cacheBudgets.ts at its default budget, after a`,
  `check of bench/data/speed-10k.md and ${paragraphs} changing paragraphs (bench/reliability/paragraphs.mjs; ${secs.toFixed(0)} s), then`,
  'emptied one at a time in the order below (what refers to another cache\'s values first): the V8 heap used + external it',
  'freed (two full GCs), per unit of its budget, and that times the budget: what it holds when full. The word memos',
  '(the last three, forgotten wholesale when full, so holding up to their budget) fill only with distinct words, which',
  'checks bring few of: each is emptied, filled with made-up words (compounds, words with a number, misspellings) and weighed. ' +
    `${new Date().toISOString().slice(0, 10)}, ${process.platform}, Node ${process.version}.`,
  '',
  '| cache | default budget | held (of budget) | freed MB | bytes per unit | when full, MB |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows,
  '',
].join('\n');
const file = path.join(REPO, 'bench', 'results', 'cache-memory.md');
fs.writeFileSync(file, md);
process.stdout.write(md + `\n${path.relative(REPO, file)}\n`);
