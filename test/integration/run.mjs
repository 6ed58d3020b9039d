// Runs the mocha suite (out/test/integration/suite) inside a real VS Code extension host: code-server's,
// driven by headless Chromium. Prints "N passed, N failed"; exits non-zero on failure or timeout.
// Usage: node test/integration/run.mjs [--timeout 300] [--verbose] [--model DIR]   (after npm run build)
// --model (or ELECTRIC_MODEL_DIR) checks with a development model through electricProofreader.modelPath;
// --grep PATTERN runs only the matching tests; --keep keeps the throw-away profile (logs) for a look.
import { existsSync } from 'node:fs';
import { format } from 'node:util';
import * as path from 'node:path';
import { checkInstalled, extensionLog, launchBrowser, makeProfile, repo, startServer } from './codeServer.mjs';

const args = process.argv.slice(2);
const timeoutS = Number(args[args.indexOf('--timeout') + 1]) || 300;
const verbose = args.includes('--verbose');
const grep = args.includes('--grep') ? args[args.indexOf('--grep') + 1] : undefined;
const keep = args.includes('--keep');
const model = args.includes('--model') ? args[args.indexOf('--model') + 1] : process.env.ELECTRIC_MODEL_DIR;
const suite = path.join(repo, 'out/test/integration/suite');
for (const f of [path.join(suite, 'index.js'), path.join(repo, 'dist/extension.js'), path.join(repo, 'dist/worker.js')]) {
  if (!existsSync(f)) { console.error(`${f} is missing: run npm run build`); process.exit(2); }
}
checkInstalled();

const WORKBENCH_NOISE = /ENOTFOUND open-vsx\.org|authentication provider 'github'|^(Resolv|Creating a socket|\[reconnection|Updating additional|\[Service Worker|\[AgentHost|\[AccountPolicyGate)/;
const started = Date.now();
const profile = makeProfile(path.join(repo, 'test/fixtures/integration'),
  model ? { 'electricProofreader.modelPath': path.resolve(model) } : {});
if (grep) profile.env.ELECTRIC_TEST_GREP = grep;
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
    const line = format(...logArgs); // mocha's reporter logs printf-style
    if (/\d+ passed, \d+ failed/.test(line)) summary = line.match(/\d+ passed, \d+ failed/)[0];
    // The workbench's own attempts to reach a marketplace or sign-in fail offline; they are not ours.
    if (!verbose && WORKBENCH_NOISE.test(line)) return;
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
  if (code !== 0) console.error(`--- extension log ---\n${extensionLog(profile)}`);
  if (keep) console.log(`profile kept: ${profile.root}`);
  else profile.remove();
}
if (!summary) summary = code === 0 ? 'no summary printed' : '0 passed, 1 failed (no summary)';
console.log(`${summary} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(code === 0 && /^\d+ passed, 0 failed/.test(summary) ? 0 : 1);
