// Where the engine's memory goes: RSS and node's split of it (V8 heap, external, ArrayBuffers) after each
// step of a start and after checks of a document, in one process (the engine's steps without the worker).
//   node --expose-gc bench/memory.mjs [--threads N] [--doc FILE.md] [--passes N] [--options JSON] [--model DIR]
// --options is merged into every session's options (sessionOptions in src/engine/session.ts), to measure
// another arena policy: --options '{"enableCpuMemArena":false}'. Needs `npm run build` (out/).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const threads = Number(opt('--threads', '1'));
const docPath = opt('--doc', path.join(REPO, 'bench', 'data', 'speed-10k.md'));
const passes = Number(opt('--passes', '2'));
const overrides = JSON.parse(opt('--options', '{}'));
const modelDir = path.resolve(opt('--model', path.join(REPO, 'models')));

const MB = (b) => (b / 1048576).toFixed(1);
const rows = [];
let lastRss = 0;
function mark(step) {
  const m = process.memoryUsage();
  rows.push(`| ${step} | ${MB(m.rss)} | ${MB(m.rss - lastRss)} | ${MB(m.heapUsed)} / ${MB(m.heapTotal)} | ${MB(m.external)} | ${MB(m.arrayBuffers)} |`);
  lastRss = m.rss;
}

mark('node started');
const out = (p) => {
  const file = path.join(REPO, 'out', 'src', p);
  if (!fs.existsSync(file)) throw new Error(`${file} missing: run \`npm run build\` first`);
  return createRequire(import.meta.url)(file);
};
const session = out('engine/session.js');
const ort = session.loadOrt();
mark('onnxruntime-node loaded');
const { loadModel, readVerified } = out('engine/model.js');
const { WordPiece } = out('text/wordpiece.js');
const { generatorFor } = out('engine/candidates.js');
const { check } = out('engine/pipeline.js');
const { cachesFor } = out('engine/rowCache.js');
mark('engine modules loaded');
const model = await loadModel(modelDir);
const wp = WordPiece.fromVocab(model.vocabText, model.meta.cased);
mark('meta.json, vocabulary, tokenizer');
const open = async (file, provider) => {
  const s = await ort.InferenceSession.create(readVerified(model, file), { ...session.sessionOptions(provider, threads), ...overrides });
  mark(`session ${file} created`);
  return s;
};
const runner = await session.createRunner(model, { provider: 'cpu', threads, openSession: open });
mark('graphs checked, maxLength probe run');
generatorFor(wp.vocab);
mark('lexicon (dist/lexicon.bin)');
const opts = { sensitivity: 0.5 };
await check('We recieved it.', 'markdown', opts, runner, wp);
mark('first check ("We recieved it.")');
const doc = fs.readFileSync(docPath, 'utf8');
for (let i = 0; i < passes; i++) {
  await check(doc, 'markdown', opts, runner, wp);
  mark(`check of ${path.basename(docPath)}${i ? ' again (cache hits)' : ''}`);
}
if (globalThis.gc) { globalThis.gc(); mark('after a full gc'); }
const caches = cachesFor(runner);
await runner.dispose();
mark('sessions released');

process.stdout.write(`${threads} thread(s), session options ${JSON.stringify({ ...session.sessionOptions('cpu', threads), ...overrides })}\n\n`);
process.stdout.write('| step | RSS MB | Δ RSS | V8 heap used / total | external | ArrayBuffers |\n|---|---:|---:|---:|---:|---:|\n');
process.stdout.write(rows.join('\n') + '\n\n');
process.stdout.write(`peak RSS ${MB(process.resourceUsage().maxRSS * 1024)} MB; caches: energies ${caches.energy.size} rows ${MB(caches.energy.bytes)} MB, ` +
  `cloze ${caches.cloze.size} rows ${MB(caches.cloze.bytes)} MB (hits ${caches.energy.hits + caches.cloze.hits}, misses ${caches.energy.misses + caches.cloze.misses})\n`);
