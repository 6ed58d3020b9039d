// Starts code-server (VS Code's server + web workbench) and headless Chromium for the integration and e2e
// tests, in a throw-away profile, and stops everything it started. Without the enable-smoke-test-driver
// option the workbench silently ignores the test payload (extensionDevelopmentPath, extensionTestsPath).
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const client = path.join(repo, '.vscode-test');
export const node24 = path.join(client, 'node24/node_modules/node/bin/node');
const entry = path.join(client, 'code-server/node_modules/code-server/out/node/entry.js');

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A fresh profile: HOME, XDG dirs, user data, extensions dir, and a workspace copied from `fixtures`.
 * machineSettings: scope "machine" settings, which a remote (code-server) reads from Machine/, not User/.
 * untrusted: workspace trust on and never prompted for, so the folder opens in Restricted Mode.
 */
export function makeProfile(fixtures, machineSettings = {}, { untrusted = false } = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'electric-vscode-'));
  const dirs = Object.fromEntries(['home', 'data', 'extensions', 'workspace', 'chrome', 'tmp', 'cache', 'config']
    .map((d) => [d, path.join(root, d)]));
  Object.values(dirs).forEach((d) => mkdirSync(d, { recursive: true }));
  mkdirSync(path.join(dirs.data, 'User'), { recursive: true });
  const user = untrusted ? { ...USER_SETTINGS, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never' } : USER_SETTINGS;
  writeFileSync(path.join(dirs.data, 'User', 'settings.json'), JSON.stringify(user, null, 2));
  mkdirSync(path.join(dirs.data, 'Machine'), { recursive: true });
  writeFileSync(path.join(dirs.data, 'Machine', 'settings.json'), JSON.stringify(machineSettings, null, 2));
  writeFileSync(path.join(root, 'config.yaml'), '');
  cpSync(fixtures, dirs.workspace, { recursive: true });
  const env = {
    ...process.env, HOME: dirs.home, XDG_CONFIG_HOME: dirs.config, XDG_CACHE_HOME: dirs.cache,
    XDG_DATA_HOME: path.join(dirs.data, 'xdg'), TMPDIR: dirs.tmp, ORT_DISABLE_TELEMETRY: '1',
  };
  return { root, ...dirs, config: path.join(root, 'config.yaml'), env, untrusted, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export function checkInstalled() {
  for (const f of [node24, entry, '/usr/bin/chromium']) {
    try { execFileSync('test', ['-e', f]); } catch { throw new Error(`${f} is missing: run npm run test:integration:setup`); }
  }
}

function baseArgs(profile) {
  return [entry, '--config', profile.config, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    ...(profile.untrusted ? [] : ['--disable-workspace-trust']), '--ignore-last-opened', '--user-data-dir', profile.data,
    '--extensions-dir', profile.extensions];
}

export function installExtension(profile, vsix) {
  execFileSync(node24, [...baseArgs(profile), '--install-extension', vsix, '--force'], { env: profile.env, stdio: 'inherit' });
}

/** Starts code-server detached (its own process group) and waits until it answers. */
export async function startServer(profile, log = () => undefined) {
  const port = await freePort();
  const child = spawn(node24, [...baseArgs(profile), '--bind-addr', `127.0.0.1:${port}`,
    '--vscode-option', 'enable-smoke-test-driver', profile.workspace],
  { env: profile.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (b) => log(b.toString()));
  child.stderr.on('data', (b) => log(b.toString()));
  const stop = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { stop(); throw new Error('code-server did not answer within 60 s'); }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { port, url: `http://127.0.0.1:${port}`, stop };
}

export async function launchBrowser(profile, viewport = { width: 1280, height: 800 }) {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(profile.chrome, {
    executablePath: '/usr/bin/chromium', headless: true, viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The extension's own log (its LogOutputChannel) from the profile, to print when a run fails. */
export function extensionLog(profile) {
  const logs = path.join(profile.data, 'logs');
  try {
    const file = readdirSync(logs, { recursive: true }).find((f) => f.endsWith('Electric Proofreader.log'));
    return file ? readFileSync(path.join(logs, file), 'utf8') : '(no extension log was written)';
  } catch {
    return '(no logs folder)';
  }
}
