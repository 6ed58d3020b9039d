// Runs bin/electric-check.js as a user would: a child process, its exit code, stdout and stderr.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { modelDir, repoRoot } from './engine/runtimeFixtures';

export const bin = path.join(repoRoot, 'bin', 'electric-check.js');
export const fixtures = path.join(repoRoot, 'test', 'fixtures', 'cli');

export interface Run { code: number | null; stdout: string; stderr: string }

export function electricCheck(args: string[], opts: { stdin?: string | Buffer; env?: NodeJS.ProcessEnv; model?: boolean } = {}): Promise<Run> {
  const full = [bin, ...args, ...(opts.model === false ? [] : ['--model', modelDir]), '--provider', 'cpu', '--threads', '1'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, full, { env: opts.env ?? process.env, cwd: repoRoot });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}
