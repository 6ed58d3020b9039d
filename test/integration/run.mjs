// Runs the mocha suite (out/test/integration/suite) inside a real VS Code extension host: code-server's,
// driven by headless Chromium, in two passes: the fixtures folder trusted (every test but untrusted.test.js),
// then test/fixtures/integration-untrusted in Restricted Mode with a machine modelPath that names no model
// (untrusted.test.js: the bundled model is used, the size limit is not raised, fixes apply).
// Prints one "N passed, N failed" line for both; exits non-zero on failure or timeout.
// Usage: node test/integration/run.mjs [--timeout 300] [--verbose] [--model DIR] [--pass trusted|untrusted]
// --model (or ELECTRIC_MODEL_DIR) checks with a development model through electricProofreader.modelPath (the
// trusted pass); --grep PATTERN runs only the matching tests; --keep keeps the throw-away profiles (logs).
// Why code-server and not @vscode/test-electron: see test/integration/setup.sh.
import { existsSync } from 'node:fs';
import { format } from 'node:util';
import * as path from 'node:path';
import { checkInstalled, extensionLog, launchBrowser, makeProfile, repo, startServer } from './codeServer.mjs';

const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const timeoutS = Number(opt('--timeout')) || 300;
const verbose = args.includes('--verbose');
const grep = opt('--grep');
const keep = args.includes('--keep');
const model = opt('--model') ?? process.env.ELECTRIC_MODEL_DIR;
const only = opt('--pass');
const suite = path.join(repo, 'out/test/integration/suite');
for (const f of [path.join(suite, 'index.js'), path.join(repo, 'dist/extension.js'), path.join(repo, 'dist/worker.js'), path.join(repo, 'dist/graphWorker.js')]) {
  if (!existsSync(f)) { console.error(`${f} is missing: run npm run build`); process.exit(2); }
}
checkInstalled();

const PASSES = [
  { name: 'trusted', fixtures: 'test/fixtures/integration',
    machine: model ? { 'electricProofreader.modelPath': path.resolve(model) } : {} },
  // A modelPath that would fail to load if it were used: the pass shows it is ignored.
  { name: 'untrusted', fixtures: 'test/fixtures/integration-untrusted', untrusted: true,
    machine: { 'electricProofreader.modelPath': path.join(repo, 'test/fixtures/integration-untrusted/no-model-here') } },
];
const WORKBENCH_NOISE = /ENOTFOUND open-vsx\.org|authentication provider 'github'|^(Resolv|Creating a socket|\[reconnection|Updating additional|\[Service Worker|\[AgentHost|\[AccountPolicyGate)/;

/** One pass: a fresh profile and server, the suite run to its end; resolves with its "N passed, N failed". */
async function runPass(pass) {
  const profile = makeProfile(path.join(repo, pass.fixtures), pass.machine, { untrusted: pass.untrusted });
  profile.env.ELECTRIC_TEST_PASS = pass.name;
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
    // The run's end is codeAutomationExit (or the timer below), not the page's load event, which a busy machine
    // can delay past Playwright's default 30 s.
    await page.goto(`${server.url}/?folder=${encodeURIComponent(profile.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
      { waitUntil: 'commit', timeout: 120_000 });
    const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutS * 1000));
    const result = await Promise.race([finished, timer]);
    if (result === 'timeout') {
      console.error(`integration tests (${pass.name}) timed out after ${timeoutS} s`);
      summary ||= '0 passed, 1 failed';
    } else {
      code = result === 0 ? 0 : 1;
    }
  } catch (err) {
    console.error(`integration run (${pass.name}) failed: ${err.stack ?? err}`);
  } finally {
    await browser?.close().catch(() => undefined);
    server?.stop();
    if (code !== 0) console.error(`--- extension log (${pass.name}) ---\n${extensionLog(profile)}`);
    if (keep) console.log(`profile kept: ${profile.root}`);
    else profile.remove();
  }
  const [passed, failed] = (summary.match(/(\d+) passed, (\d+) failed/) ?? [0, 0, 1]).slice(1).map(Number);
  // A pass that ended badly without a count still counts as a failure.
  return { passed, failed: code === 0 ? failed : Math.max(failed, 1) };
}

const started = Date.now();
let passed = 0;
let failed = 0;
for (const pass of PASSES.filter((p) => !only || p.name === only)) {
  console.log(`--- integration, ${pass.name} workspace`);
  const r = await runPass(pass);
  passed += r.passed;
  failed += r.failed;
}
console.log(`${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
