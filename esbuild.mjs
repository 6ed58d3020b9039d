// Bundles the entry points that run: the extension host side, the engine's worker and its Electric graph's thread (graphWorker.ts), and the
// command line (bin/electric-check.js runs dist/cli.js, whose engine is the same dist/worker.js: one file each to
// load where ~60 compiled modules took ~90 ms of a start). `vscode` is provided by the host; onnxruntime-node is a
// native addon shipped as-is in node_modules.
// Also writes dist/lexicon.bin (scripts/build-lexicon.mjs), the spelling index the engine reads.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { buildLexicon } from './scripts/build-lexicon.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: { extension: 'src/extension.ts', worker: 'src/engine/worker.ts', graphWorker: 'src/engine/graphWorker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode', 'onnxruntime-node'],
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

// The command line: its file globbing (tinyglobby → fdir, ES modules) reads import.meta.url, which a CommonJS
// bundle has to be given.
const cli = {
  ...options,
  entryPoints: { cli: 'src/cli.ts' },
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

// The spelling index the engine loads with one read (dist/lexicon.bin; skipped when up to date).
await buildLexicon();

if (watch) {
  for (const o of [options, cli]) await (await esbuild.context(o)).watch();
} else {
  await Promise.all([esbuild.build(options), esbuild.build(cli)]);
}
