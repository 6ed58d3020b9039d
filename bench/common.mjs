// What quality.mjs and speed.mjs share: where things are, installing the peers, running a command,
// and caching the peers' outputs (they only change when the input or the peers' code does).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.dirname(BENCH);
export const PEERS = path.join(BENCH, 'peers');
export const WORK = path.join(BENCH, 'work');      // scratch (git-ignored)
export const RESULTS = path.join(BENCH, 'results');
export const CLI = path.join(REPO, 'bin', 'electric-check.js');

/**
 * Evaluation sets whose licences forbid shipping them in this repository (JFLEG: CC BY-NC-SA) are read from
 * ../shared/eval next to the repository when it is there; everything else the benchmark needs is in bench/.
 */
export const EXTERNAL_EVAL = path.resolve(REPO, '..', 'shared', 'eval');

export function ensurePeers() {
  if (fs.existsSync(path.join(PEERS, 'node_modules', 'harper.js'))) return;
  console.error('bench: installing the peer checkers (npm ci --prefix bench/peers) ...');
  const r = spawnSync('npm', ['ci', '--prefix', PEERS, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm ci --prefix bench/peers failed');
}

/** The CLI must be built (npm run build); say so rather than benchmark nothing. */
export function ensureCli() {
  const built = fs.existsSync(path.join(REPO, 'dist/cli.js'));
  if (!fs.existsSync(CLI) || !built) throw new Error('electric-check is not built: run `npm run build` first (or pass --no-electric)');
}

/** Runs a command; resolves with {code, stdout, stderr, ms, peakRssMB} and rejects on a non-zero exit. */
export function run(cmd, args, { cwd = REPO, stdoutFile, input, allowFail = false } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, stdio: ['pipe', stdoutFile ? fs.openSync(stdoutFile, 'w') : 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout?.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdin.end(input ?? '');
    child.on('error', reject);
    child.on('close', (code) => {
      const res = { code, stdout, stderr, ms: performance.now() - t0 };
      if (code !== 0 && !allowFail) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${stderr.slice(-4000)}`));
      else resolve(res);
    });
  });
}

export function sha256(...parts) {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

const PEER_CODE = ['peers.mjs', 'run-peers.mjs', 'package-lock.json'];

/** Where a peer's output on this input is cached, and its {file, seconds} when it is there. */
function peerCache(peer, inputFile, format) {
  const key = sha256(fs.readFileSync(inputFile), peer, format, ...PEER_CODE.map((f) => fs.readFileSync(path.join(PEERS, f))));
  const cached = path.join(WORK, 'cache', `${peer}-${key.slice(0, 16)}.jsonl`);
  const meta = `${cached}.json`;
  const hit = fs.existsSync(cached) && fs.existsSync(meta) ? { file: cached, ...JSON.parse(fs.readFileSync(meta, 'utf8')), cached: true } : null;
  return { cached, meta, hit };
}

/** A peer's cached output on this input, never running it (quality.mjs --rescore); an error when there is none. */
export function cachedPeer(peer, inputFile, format) {
  const { hit } = peerCache(peer, inputFile, format);
  if (!hit) throw new Error(`no saved output of ${peer} on ${inputFile} in ${path.join(WORK, 'cache')} (for this input and peer code): run without --rescore`);
  return hit;
}

/** bench/peers/run-peers.mjs for one peer on one input, cached in bench/work/cache by content. */
export async function runPeer(peer, inputFile, format) {
  const { cached, meta, hit } = peerCache(peer, inputFile, format);
  if (hit) return hit;
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  const tmp = `${cached}.tmp`;
  const r = await run(process.execPath, [path.join(PEERS, 'run-peers.mjs'), '--peers', peer, '--format', format, inputFile], { stdoutFile: tmp });
  fs.renameSync(tmp, cached);
  const info = { seconds: Math.round(r.ms) / 1000 };
  fs.writeFileSync(meta, JSON.stringify(info));
  return { file: cached, ...info, cached: false };
}

/** The gold set without its answers: what every checker is given. */
export function writeInput(goldFile, outFile) {
  const lines = fs.readFileSync(goldFile, 'utf8').split('\n').filter((l) => l.trim());
  const body = lines.map((l) => { const { id, text } = JSON.parse(l); return JSON.stringify({ id, text }); }).join('\n') + '\n';
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, body);
  return { items: lines.length, file: outFile };
}

/** The commit the measured code is at, marked "+dirty" when src/ or models/ have uncommitted changes. */
export function revision() {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'models'], { cwd: REPO, encoding: 'utf8' }).stdout.trim();
  return head ? `${head}${dirty ? '+dirty' : ''}` : 'unknown';
}
