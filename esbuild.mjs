// Bundles the two entry points the extension runs: the extension host side and the engine's worker.
// `vscode` is provided by the host; onnxruntime-node is a native addon shipped as-is in node_modules.
// Also writes dist/lexicon.bin (scripts/build-lexicon.mjs), the spelling index the engine reads.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { buildLexicon } from './scripts/build-lexicon.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: { extension: 'src/extension.ts', worker: 'src/engine/worker.ts' },
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

// The spelling index the engine loads with one read (dist/lexicon.bin; skipped when up to date).
await buildLexicon();

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
