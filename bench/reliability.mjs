#!/usr/bin/env node
// npm run test:reliability — the bad-input matrix (issue 14) replayed against electric-check and the engine
// client: nothing lost (inputs and previous reports byte-identical afterwards), nothing hung (every row has a
// deadline), clear exit codes and messages. Writes bench/results/reliability.md and ends with
// "N passed, N failed"; exits 1 when any row failed. Needs `npm run build` first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliRows } from './reliability/cli-rows.mjs';
import { engineRows } from './reliability/engine-rows.mjs';
import { CLI, REPO, rows, setScratch, table } from './reliability/harness.mjs';

if (!fs.existsSync(path.join(REPO, 'dist', 'cli.js')) || !fs.existsSync(CLI)) {
  console.error('reliability: electric-check is not built; run `npm run build` first');
  process.exit(2);
}
// --table FILE: where the table goes (default bench/results/reliability.md); 'cli' or 'engine': one half only.
const args = process.argv.slice(2);
const tableAt = args.includes('--table') ? path.resolve(args[args.indexOf('--table') + 1]) : path.join(REPO, 'bench', 'results', 'reliability.md');
const only = args.find((a) => a === 'cli' || a === 'engine');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'electric-reliability-'));
setScratch(tmp);
const t0 = Date.now();
try {
  if (only !== 'engine') await cliRows(tmp);
  if (only !== 'cli') await engineRows();
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
const md = table();
const out = tableAt;
if (!only) { fs.mkdirSync(path.dirname(out), { recursive: true }); fs.writeFileSync(out, md); }
const failed = rows.filter((r) => !r.ok).length;
console.log(`\n${only ? '' : `table: ${path.relative(REPO, out)}; `}${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(`${rows.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
