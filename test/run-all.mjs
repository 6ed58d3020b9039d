#!/usr/bin/env node
// The whole test suite, one command: build, unit tests (node:test), the reliability matrix, training and bench
// tests (pytest, node:test), then the mocha suite inside a real VS Code extension host and the end-to-end UI
// test (code-server + headless Chromium). client-setup installs code-server and playwright-core into the
// ignored .vscode-test/ (idempotent; its build output goes to .vscode-test/setup.log). The e2e screenshots go
// to out/screenshots; `npm run screenshots` refreshes the committed media/ instead.
// Each stage's own counts are summed into one closing "N passed, N failed" line; any failing stage fails the run.
// `node test/run-all.mjs STAGE...` runs only the named stages.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const pytestCounts = (out) => [last(out, /(\d+) passed/), last(out, /(\d+) failed/) + last(out, /(\d+) errors?/)];

// Python modules the pytest stages import, with the Debian package that provides each (README, "npm test").
const PYTHON_PACKAGES = { pytest: 'python3-pytest', numpy: 'python3-numpy', torch: 'python3-torch', onnx: 'python3-onnx' };

/** Names the system packages a pytest stage lacks, instead of letting pytest say "No module named pytest". */
function missingPython(modules) {
  const missing = modules.filter((m) => spawnSync(python, ['-c', `import ${m}`], { stdio: 'ignore' }).status !== 0);
  if (!missing.length) return undefined;
  return `${python} lacks ${missing.join(', ')}: install ${missing.map((m) => PYTHON_PACKAGES[m]).join(' ')} ` +
    '(README.md, "npm test": sudo apt-get install python3-torch python3-onnx python3-numpy python3-pytest libopenblas0-pthread)';
}

const stages = [
  { name: 'build', cmd: 'npm', args: ['run', '--silent', 'build'] },
  { name: 'unit', cmd: process.execPath, args: ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', 'out/test/unit/'],
    counts: (out) => [last(out, /^\s*(?:#|ℹ) pass (\d+)/m), last(out, /^\s*(?:#|ℹ) fail (\d+)/m)] },
  // The bad-input matrix (bench/reliability.mjs): nothing lost, nothing hung. Its table goes to the ignored out/
  // here, so a test run leaves the tracked tree clean; `npm run test:reliability` refreshes bench/results/.
  { name: 'reliability', cmd: process.execPath, args: ['bench/reliability.mjs', '--table', 'out/reliability.md'],
    counts: (out) => [last(out, /^(\d+) passed, \d+ failed/m), last(out, /^\d+ passed, (\d+) failed/m)] },
  { name: 'training', cmd: python, args: ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'training/tests'],
    counts: pytestCounts, needs: () => missingPython(['pytest', 'numpy', 'torch', 'onnx']) },
  { name: 'bench', cmd: process.execPath, args: ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', 'bench/bench.test.mjs'],
    counts: (out) => [last(out, /^\s*(?:#|ℹ) pass (\d+)/m), last(out, /^\s*(?:#|ℹ) fail (\d+)/m)] },
  { name: 'bench-data', cmd: python, args: ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'bench/test_devset.py'],
    counts: pytestCounts, needs: () => missingPython(['pytest']) },
  { name: 'client-setup', cmd: 'bash', args: ['test/integration/setup.sh'] },
  { name: 'integration', cmd: process.execPath, args: ['test/integration/run.mjs'],
    counts: (out) => [last(out, /^(\d+) passed, \d+ failed/m), last(out, /^\d+ passed, (\d+) failed/m)] },
  { name: 'e2e', cmd: 'npm', args: ['run', '--silent', 'test:e2e'],
    counts: (out) => [last(out, /^(\d+) passed, \d+ failed/m), last(out, /^\d+ passed, (\d+) failed/m)] },
];

function last(text, re) {
  const all = [...text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))];
  return all.length ? Number(all[all.length - 1][1]) : 0;
}

function run({ cmd, args }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const tee = (stream, sink) => stream.on('data', (d) => { out += d; sink.write(d); });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on('error', (err) => resolve({ code: 127, out: out + String(err) }));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const summary = [];
for (const stage of stages) {
  if (only.length && !only.includes(stage.name)) continue;
  console.log(`\n=== ${stage.name}: ${stage.cmd} ${stage.args.join(' ')}`);
  const t0 = Date.now();
  const lack = stage.needs?.();
  if (lack) console.error(`${stage.name}: cannot run: ${lack}`);
  const { code, out } = lack ? { code: 1, out: '' } : await run(stage);
  const [p, f] = stage.counts ? stage.counts(out) : [0, 0];
  // A stage that exits non-zero counts as at least one failure even when its runner printed no count.
  const fails = code === 0 ? f : Math.max(f, 1);
  passed += p;
  failed += fails;
  summary.push(`${stage.name.padEnd(12)} ${code === 0 ? 'ok  ' : 'FAIL'} ${p} passed, ${fails} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (stage.name === 'build' && code !== 0) break;
}
console.log('\n' + summary.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
