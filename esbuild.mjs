// Bundles the two entry points the extension runs: the extension host side and the engine's worker.
// `vscode` is provided by the host; onnxruntime-node is a native addon shipped as-is in node_modules.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: { extension: 'src/extension.ts', worker: 'src/engine/worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // word-list: spelling.ts reads its words.txt through require.resolve, so it stays a package (shipped in the VSIX)
  external: ['vscode', 'onnxruntime-node', 'word-list'],
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
