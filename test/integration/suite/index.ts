// Entry point VS Code calls with extensionTestsPath: runs every *.test.js here with mocha inside the
// extension host and ends with the "N passed, N failed" line the runner looks for.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // run.mjs --grep passes a pattern through the extension host's environment
  if (process.env.ELECTRIC_TEST_GREP) mocha.grep(process.env.ELECTRIC_TEST_GREP);
  // run.mjs's untrusted pass opens a workspace in Restricted Mode and runs untrusted.test.js alone; the
  // trusted pass runs everything else.
  const untrusted = process.env.ELECTRIC_TEST_PASS === 'untrusted';
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && (f === 'untrusted.test.js') === untrusted).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, failures: failed = failures, pending = 0 } = runner.stats ?? {};
      console.log(`${passes} passed, ${failed} failed${pending ? `, ${pending} pending` : ''}`);
      if (failures > 0 || pending > 0) reject(new Error(`${failures} failed, ${pending} pending`));
      else resolve();
    });
  });
}
