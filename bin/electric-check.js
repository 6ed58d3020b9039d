#!/usr/bin/env node
// electric-check: runs the compiled CLI (out/src/cli.js, from `npm run build`; esbuild bundles only the
// extension and its worker into dist/).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const entry = path.join(root, 'out', 'src', 'cli.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('electric-check: not built yet; run `npm run build` in ' + root + '\n');
  process.exit(2);
}
require(entry).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write('electric-check: internal error: ' + (err && err.stack ? err.stack : String(err)) + '\n');
    process.exitCode = 2;
  });
