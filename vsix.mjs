// Builds one VSIX per platform with `vsce package --target`. Each is packed from a staged copy of the
// files .vscodeignore allows, holding only that platform's onnxruntime-node binaries (the package ships
// all of them: ~290 MB). Staging also spares vsce a walk over the whole working tree.
// Usage: node vsix.mjs [--target linux-x64]... [--model DIR]   (default: every target below, models/).
// --model packs another model folder (a development model) in place of models/. Prints each VSIX's size.
// Each VSIX carries only the graphs its platform can run: the int8 graphs everywhere (CPU, and DirectML on
// Windows); the GPU graphs (meta.json "gpu", for WebGPU and CUDA) where onnxruntime-node has such a provider.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const TARGETS = { 'linux-x64': 'linux/x64', 'linux-arm64': 'linux/arm64', 'win32-x64': 'win32/x64', 'darwin-arm64': 'darwin/arm64' };
const BIN = 'node_modules/onnxruntime-node/bin/napi-v6';
// Whether the target's onnxruntime-node binary has a provider for the GPU graphs (src/engine/providers.ts).
const GPU_GRAPHS = { 'linux-x64': true, 'linux-arm64': false, 'win32-x64': true, 'darwin-arm64': true };
const TOP_LEVEL = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'dist', 'media/icon.png'];

const args = process.argv.slice(2);
const asked = args.flatMap((a, i) => (a === '--target' ? [args[i + 1]] : []));
const targets = asked.length ? asked : Object.keys(TARGETS);
for (const t of targets) if (!TARGETS[t]) throw new Error(`unknown target ${t}; known: ${Object.keys(TARGETS).join(', ')}`);

const root = path.dirname(new URL(import.meta.url).pathname);
const modelDir = args.includes('--model') ? path.resolve(args[args.indexOf('--model') + 1]) : path.join(root, 'models');
if (!existsSync(path.join(modelDir, 'meta.json'))) {
  throw new Error(`${modelDir}/meta.json is missing: the VSIX ships the model; train and export it first (training/README.md)`);
}
execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
// The production dependency closure, as vsce itself would find it.
const deps = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' })
  .split('\n').filter((d) => d && d !== root).map((d) => path.relative(root, d));

for (const target of targets) {
  const stage = mkdtempSync(path.join(tmpdir(), `electric-vsix-${target}-`));
  try {
    const started = Date.now();
    for (const f of TOP_LEVEL) if (existsSync(path.join(root, f))) cpSync(path.join(root, f), path.join(stage, f), { recursive: true });
    const modelMb = stageModel(path.join(stage, 'models'), GPU_GRAPHS[target]);
    const keep = `${BIN}/${TARGETS[target]}`;
    for (const dep of deps) {
      cpSync(path.join(root, dep), path.join(stage, dep), {
        recursive: true,
        // nested node_modules are copied as deps of their own; other platforms' binaries are not copied at all
        filter: (src) => {
          const rel = path.relative(root, src);
          if (rel.startsWith(`${BIN}/`) && !keep.startsWith(rel) && !rel.startsWith(keep)) return false;
          return !path.relative(path.join(root, dep), src).split(path.sep).includes('node_modules');
        },
      });
    }
    // Built above; vsce must not try to rebuild inside the stage.
    const staged = { ...pkg, scripts: {} };
    writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);
    const out = path.join(root, `${pkg.name}-${target}-${pkg.version}.vsix`);
    execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--target', target,
      '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { cwd: stage, stdio: ['ignore', 'inherit', 'inherit'] });
    const mb = statSync(out).size / 1024 / 1024;
    console.log(`${path.basename(out)}: ${mb.toFixed(1)} MB (model files ${modelMb.toFixed(1)} MB${GPU_GRAPHS[target] ? ', GPU graphs included' : ''}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Copies the model folder, without the GPU graphs (and their meta.json entries) unless `gpu`; returns its MB. */
function stageModel(dest, gpu) {
  const meta = JSON.parse(readFileSync(path.join(modelDir, 'meta.json'), 'utf8'));
  const drop = new Set(!gpu && meta.gpu ? [meta.gpu.electric, meta.gpu.cloze] : []);
  cpSync(modelDir, dest, { recursive: true, filter: (src) => !drop.has(path.relative(modelDir, src)) });
  if (drop.size) {
    delete meta.gpu;
    for (const f of drop) delete meta.sha256[f];
    writeFileSync(path.join(dest, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  }
  return readdirSync(dest).reduce((sum, f) => sum + statSync(path.join(dest, f)).size, 0) / 1024 / 1024;
}
