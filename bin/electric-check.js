#!/usr/bin/env node
// electric-check: runs the bundled CLI (dist/cli.js, from `npm run build`), whose engine runs dist/worker.js, the
// extension's own worker.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const entry = path.join(root, 'dist', 'cli.js');
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
