// Runs bin/electric-check.js as a user would: a child process, its exit code, stdout and stderr.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { modelDir, repoRoot } from './engine/runtimeFixtures';

export const bin = path.join(repoRoot, 'bin', 'electric-check.js');
export const fixtures = path.join(repoRoot, 'test', 'fixtures', 'cli');

export interface Run { code: number | null; stdout: string; stderr: string; timedOut: boolean }

export interface RunOptions {
  stdin?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  model?: boolean;
  /** killed after this long (a hang is a failure, not a stuck test run); default 180 s */
  timeoutMs?: number;
}

export function electricCheck(args: string[], opts: RunOptions = {}): Promise<Run> {
  const full = [bin, ...args, ...(opts.model === false ? [] : ['--model', modelDir]), '--provider', 'cpu',
    ...(args.includes('--threads') ? [] : ['--threads', '1'])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, full, { env: opts.env ?? process.env, cwd: repoRoot });
    let stdout = '', stderr = '', timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, opts.timeoutMs ?? 180_000);
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr, timedOut }); });
    child.stdin.on('error', () => undefined); // a CLI that stops reading early closes its end
    child.stdin.end(opts.stdin ?? '');
  });
}
