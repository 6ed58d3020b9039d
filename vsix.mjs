// Builds one VSIX per platform with `vsce package --target`, each carrying only its own onnxruntime-node
// binaries: .vscodeignore (an allowlist) plus, per target, an exclusion of every other platform's bin/.
// Usage: node vsix.mjs [--target linux-x64]...   (default: all targets below). Prints each VSIX's size.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const TARGETS = { 'linux-x64': 'linux/x64', 'linux-arm64': 'linux/arm64', 'win32-x64': 'win32/x64', 'darwin-arm64': 'darwin/arm64' };
const BIN = 'node_modules/onnxruntime-node/bin/napi-v6';

const args = process.argv.slice(2);
const asked = args.flatMap((a, i) => (a === '--target' ? [args[i + 1]] : []));
const targets = asked.length ? asked : Object.keys(TARGETS);
for (const t of targets) if (!TARGETS[t]) throw new Error(`unknown target ${t}; known: ${Object.keys(TARGETS).join(', ')}`);

const root = path.dirname(new URL(import.meta.url).pathname);
const meta = path.join(root, 'models', 'meta.json');
if (!existsSync(meta)) throw new Error(`${meta} is missing: the VSIX ships the model, train/export it first (training/README.md)`);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const platformDirs = execFileSync('find', [BIN, '-mindepth', '2', '-maxdepth', '2', '-type', 'd'], { cwd: root, encoding: 'utf8' })
  .split('\n').filter(Boolean).map((d) => path.relative(BIN, d));

const work = mkdtempSync(path.join(tmpdir(), 'electric-vsix-'));
try {
  for (const target of targets) {
    const ignoreFile = path.join(work, `${target}.vscodeignore`);
    const others = platformDirs.filter((d) => d !== TARGETS[target]).map((d) => `${BIN}/${d}/**`);
    writeFileSync(ignoreFile, `${readFileSync(path.join(root, '.vscodeignore'), 'utf8')}\n${others.join('\n')}\n`);
    const out = `${pkg.name}-${target}-${pkg.version}.vsix`;
    const started = Date.now();
    execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--target', target,
      '--ignoreFile', ignoreFile, '--allow-missing-repository', '--out', out], { cwd: root, stdio: 'inherit' });
    const mb = statSync(path.join(root, out)).size / 1024 / 1024;
    console.log(`${out}: ${mb.toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
