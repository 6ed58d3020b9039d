// Runs the mocha suite (out/test/integration/suite) inside a real VS Code extension host: code-server's,
// driven by headless Chromium. Prints "N passed, N failed"; exits non-zero on failure or timeout.
// Usage: node test/integration/run.mjs [--timeout 300] [--verbose]   (after npm run build)
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { checkInstalled, launchBrowser, makeProfile, repo, startServer } from './codeServer.mjs';

const args = process.argv.slice(2);
const timeoutS = Number(args[args.indexOf('--timeout') + 1]) || 300;
const verbose = args.includes('--verbose');
const suite = path.join(repo, 'out/test/integration/suite');
for (const f of [path.join(suite, 'index.js'), path.join(repo, 'dist/extension.js'), path.join(repo, 'dist/worker.js')]) {
  if (!existsSync(f)) { console.error(`${f} is missing: run npm run build`); process.exit(2); }
}
checkInstalled();

const started = Date.now();
const profile = makeProfile(path.join(repo, 'test/fixtures/integration'));
let server;
let browser;
let summary = '';
let code = 1;
try {
  server = await startServer(profile, verbose ? (s) => process.stderr.write(s) : undefined);
  browser = await launchBrowser(profile);
  const page = browser.pages()[0] ?? await browser.newPage();
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
    const line = logArgs.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    if (/\d+ passed, \d+ failed/.test(line)) summary = line.match(/\d+ passed, \d+ failed/)[0];
    (console[type] ?? console.log)(line);
  });
  await page.exposeFunction('codeAutomationExit', (exitCode) => finish(exitCode));
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(repo)], ['extensionTestsPath', remote(suite)],
    ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  await page.goto(`${server.url}/?folder=${encodeURIComponent(profile.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutS * 1000));
  const result = await Promise.race([finished, timer]);
  if (result === 'timeout') {
    console.error(`integration tests timed out after ${timeoutS} s`);
    summary ||= '0 passed, 1 failed (timeout)';
  } else {
    code = result === 0 ? 0 : 1;
  }
} catch (err) {
  console.error(`integration run failed: ${err.stack ?? err}`);
} finally {
  await browser?.close().catch(() => undefined);
  server?.stop();
  profile.remove();
}
if (!summary) summary = code === 0 ? 'no summary printed' : '0 passed, 1 failed (no summary)';
console.log(`${summary} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(code === 0 && /^\d+ passed, 0 failed/.test(summary) ? 0 : 1);
