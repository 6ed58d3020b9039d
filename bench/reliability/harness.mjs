// The reliability suite's plumbing: a row runs with a deadline, its inputs are byte-compared before and
// after, and its outcome, exit code, seconds and peak memory go into one table.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(REPO, 'bin', 'electric-check.js');
export const MODEL = process.env.ELECTRIC_MODEL_DIR ? path.resolve(process.env.ELECTRIC_MODEL_DIR) : path.join(REPO, 'models');

export const rows = [];

/**
 * Deadlines are set for a quiet 2-core machine (CI); on a shared or slow one, RELIABILITY_SLOWDOWN=N
 * stretches every deadline N times (a hang is still caught: it never ends).
 */
export const SLOWDOWN = Math.max(1, Number(process.env.RELIABILITY_SLOWDOWN) || 1);

const digest = (file) => {
  try {
    const st = fs.statSync(file);
    return st.isFile() ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : `${st.mode}`;
  } catch (err) {
    return err.code;
  }
};

/**
 * Runs one row: `body` resolves with { outcome, code?, mb?, fail? } (fail: why the row failed). A row that
 * throws fails; one that outlives `timeoutMs` fails as hung. `keep` files must be byte-identical afterwards.
 */
export async function row(input, { timeoutMs: ms = 30_000, keep = [] }, body) {
  const timeoutMs = ms * SLOWDOWN;
  const before = keep.map(digest);
  const t0 = performance.now();
  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ outcome: `hung: no answer within ${timeoutMs / 1000} s`, fail: 'hung' }), timeoutMs);
  });
  let r;
  try {
    const work = body(timeoutMs);
    work.catch(() => undefined); // a hung row's work may still fail later, after its verdict
    r = await Promise.race([work, deadline]);
  } catch (err) {
    r = { outcome: `threw: ${err.message.split('\n')[0]}`, fail: 'threw' };
  }
  clearTimeout(timer);
  const secs = (performance.now() - t0) / 1000;
  const changed = keep.filter((f, i) => digest(f) !== before[i]);
  if (changed.length) r.fail = `${r.fail ? r.fail + '; ' : ''}input changed: ${changed.map((f) => path.basename(f)).join(', ')}`;
  const ok = !r.fail;
  rows.push({ input, outcome: r.outcome, code: r.code ?? '', secs, mb: r.mb, ok, why: r.fail });
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${input} — ${r.outcome}${r.fail ? ` [${r.fail}]` : ''} (${secs.toFixed(1)} s)\n`);
}

/**
 * Runs electric-check (CPU, one thread, the shipped model unless --model is given) and resolves with its
 * exit code, output and peak resident memory in MB (VmHWM, sampled; the worker thread is the same process).
 * Killed at `timeoutMs`, so a hang is reported, never waited out.
 */
export function cli(args, { stdin, timeoutMs: ms = 30_000, cwd = REPO, shell } = {}) {
  const timeoutMs = ms * SLOWDOWN;
  const extra = [...(args.includes('--model') ? [] : ['--model', MODEL]), '--provider', 'cpu',
    ...(args.includes('--threads') ? [] : ['--threads', '1'])];
  return new Promise((resolve, reject) => {
    const child = shell
      ? spawn('bash', ['-c', shell(`"${process.execPath}" "${CLI}" ${[...args, ...extra].map((a) => `'${a}'`).join(' ')}`)], { cwd })
      : spawn(process.execPath, [CLI, ...args, ...extra], { cwd });
    let stdout = '', stderr = '', peak = 0, timedOut = false;
    const sample = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch { /* exited, or not Linux */ }
    };
    const poll = setInterval(sample, 50);
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; sample(); });
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      // Through a shell, the pid sampled is bash's, not electric-check's: no memory figure then.
      resolve({ code, stdout, stderr, timedOut, mb: shell ? undefined : peak || undefined });
    });
    child.stdin.on('error', () => undefined);
    if (stdin !== undefined && typeof stdin !== 'function') child.stdin.end(stdin);
    else if (typeof stdin === 'function') stdin(child.stdin);
    else child.stdin.end();
  });
}

let scratch = '\0';
/** The suite's temporary folder, shown as '…' in the table. */
export function setScratch(dir) { scratch = dir; }

/** The stderr line a user reads (the one `want` matches, else the first), without the prefix and scratch path. */
export const said = (r, want) => {
  const lines = r.stderr.split('\n').filter((l) => l.trim());
  const line = (want && lines.find((l) => want.test(l))) ?? lines[0] ?? '';
  return line.replace(/^electric-check: /, '').split(scratch).join('…').slice(0, 120);
};

export const hasStack = (s) => /\n\s+at |internal error|Unhandled|node:internal/.test(s);

/** A CLI row's verdict: exit code as expected, stderr matching, no stack trace, not killed. */
export function verdict(r, { code, stderr, stdout }) {
  const outcome = r.timedOut ? 'hung (killed)' : said(r, stderr) || (r.stdout.trim().split('\n')[0] ?? '').slice(0, 110) || '(no output)';
  const codes = Array.isArray(code) ? code : [code];
  let fail;
  if (r.timedOut) fail = 'hung';
  else if (!codes.includes(r.code)) fail = `exit ${r.code}, expected ${codes.join(' or ')}`;
  else if (stderr && !stderr.test(r.stderr)) fail = `stderr does not match ${stderr}`;
  else if (stdout && !stdout(r.stdout)) fail = 'unexpected output';
  else if (hasStack(r.stderr)) fail = 'stack trace on stderr';
  return { outcome, code: r.code, mb: r.mb, fail };
}

export function table() {
  const lines = [
    '# Reliability: nothing lost, nothing hung',
    '',
    'Written by `npm run test:reliability` (bench/reliability.mjs): each input or fault, what electric-check or the engine',
    'client did with it, the exit code, wall seconds and peak resident memory (MB, CLI rows: the whole process with its',
    `engine worker; client rows: this process). ${new Date().toISOString().slice(0, 10)}, ${process.platform}, Node ${process.version}` +
      (process.getuid?.() === 0 ? ', run as root (root reads a chmod 000 file)' : '') +
      (SLOWDOWN > 1 ? `, deadlines ×${SLOWDOWN} (RELIABILITY_SLOWDOWN)` : '') + '.',
    '',
    '| Input | Outcome | Exit | Seconds | MB | Result |',
    '|---|---|---|---|---|---|',
  ];
  const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  for (const r of rows) {
    lines.push(`| ${esc(r.input)} | ${esc(r.outcome)} | ${r.code} | ${r.secs.toFixed(1)} | ${r.mb ? Math.round(r.mb) : ''} | ${r.ok ? 'ok' : `**FAIL**: ${esc(r.why)}`} |`);
  }
  const passed = rows.filter((r) => r.ok).length;
  lines.push('', `${passed} passed, ${rows.length - passed} failed`, '');
  return lines.join('\n');
}
