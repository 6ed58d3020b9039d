// End to end in a real client: installs the packaged linux-x64 VSIX into code-server, opens a Markdown file
// with errors in headless Chromium, waits for the squiggle, applies the fix with Ctrl+., saves, and reads
// the file back from disk. Takes screenshots (squiggles.png, quickfix.png, heatmap.png) into out/screenshots,
// or, with --media (`npm run screenshots`), into the committed media/ the README shows.
// Usage: node test/integration/e2e.mjs [--vsix path] [--timeout 240] [--media]   (npm run test:e2e packages first)
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkInstalled, extensionLog, installExtension, launchBrowser, makeProfile, repo, startServer } from './codeServer.mjs';

const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const timeoutS = Number(opt('--timeout')) || 240;
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
const vsix = opt('--vsix') ?? path.join(repo, readdirSync(repo).find((f) => f === `${pkg.name}-linux-x64-${pkg.version}.vsix`) ?? 'missing.vsix');
// A test run leaves the tracked tree alone; refreshing the README's pictures is asked for.
const media = path.join(repo, args.includes('--media') ? 'media' : 'out/screenshots');
mkdirSync(media, { recursive: true });
checkInstalled();

const started = Date.now();
const step = (what) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);
const profile = makeProfile(path.join(repo, 'test/fixtures/integration/e2e'));
const file = path.join(profile.workspace, 'notes.md');
let server;
let browser;
let failed = false;
const watchdog = setTimeout(() => { console.error(`e2e timed out after ${timeoutS} s`); cleanup().then(() => process.exit(1)); }, timeoutS * 1000);

async function cleanup() {
  await browser?.close().catch(() => undefined);
  server?.stop();
  profile.remove();
}

async function retry(what, attempt, tries = 6) {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= tries) throw new Error(`${what}: ${err.message}`);
      step(`${what}: retrying (${err.message.split('\n')[0]})`);
    }
  }
}

try {
  step(`installing ${path.basename(vsix)}`);
  installExtension(profile, vsix);
  server = await startServer(profile);
  browser = await launchBrowser(profile);
  const page = browser.pages()[0] ?? await browser.newPage();
  await page.goto(`${server.url}/?folder=${encodeURIComponent(profile.workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  step('workbench ready');
  await page.getByRole('treeitem', { name: 'notes.md' }).click();
  const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
  await squiggle.waitFor({ timeout: 120_000 });
  step('squiggle visible');
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 30_000 });
  const problems = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  step(`problems: ${problems.map((p) => p.replace(/\s+/g, ' ')).join(' | ')}`);
  await page.screenshot({ path: path.join(media, 'squiggles.png') });

  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Replace with “receive”' }).first();
  await retry('opening the quick-fix menu', async () => {
    await page.keyboard.press('Escape');
    const box = await page.locator('.monaco-editor .squiggly-warning').first().boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.press('Control+.');
    await fix.waitFor({ timeout: 5_000 });
  });
  step(`quick-fix menu: ${(await page.locator('.action-widget .monaco-list-row').allInnerTexts()).join(' | ')}`);
  await page.screenshot({ path: path.join(media, 'quickfix.png') });
  await fix.click();
  await page.keyboard.press('Control+S');
  let onDisk = '';
  const deadline = Date.now() + 20_000;
  while (!/will receive security/.test(onDisk) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    onDisk = readFileSync(file, 'utf8');
  }
  if (!/The new version will receive security updates/.test(onDisk)) throw new Error(`fix not saved; file has:\n${onDisk}`);
  if (/recieve/.test(onDisk)) throw new Error('the misspelling is still on disk');
  step('fix applied and saved to disk');

  await page.keyboard.press('F1');
  await page.keyboard.type('Electric Proofreader: Toggle Energy Heat Map');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Toggle Energy Heat Map' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-overlays div[class*="ced-"], .monaco-editor .view-overlays div[class*="TextEditorDecorationType"]')
    .first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+Shift+M'); // hide the panel: the heat map is the subject
  await page.mouse.move(10, 10);
  await page.screenshot({ path: path.join(media, 'heatmap.png') });
  step(`heat map shown; screenshots written to ${path.relative(repo, media)}/`);
} catch (err) {
  failed = true;
  console.error(`e2e failed: ${err.stack ?? err}`);
  console.error(`--- extension log ---\n${extensionLog(profile)}`);
} finally {
  clearTimeout(watchdog);
  await cleanup();
}
console.log(`${failed ? '0 passed, 1 failed' : '1 passed, 0 failed'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failed ? 1 : 0);
