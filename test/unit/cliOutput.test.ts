// Nothing lost: -o never destroys an input or a previous report; write errors and EPIPE are exit 2, no stack.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { bin, electricCheck } from './cliRun';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'electric-cli-out-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const NOTES = '# Notes\n\nWe recieved the report yesterday.\n';
const noStack = (stderr: string): void => assert.doesNotMatch(stderr, /\n\s+at |internal error|Unhandled/, stderr);

function fresh(name: string, content: string | Buffer = NOTES): string {
  const file = path.join(tmp, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

test('-o naming an input (same path, symlink, hard link, --jsonl) is refused with exit 2 and the input is kept', async () => {
  const notes = fresh('same/notes.md');
  const link = path.join(tmp, 'same/link.md');
  symlinkSync(notes, link);
  const hard = path.join(tmp, 'same/hard.md');
  linkSync(notes, hard);
  for (const [out, input] of [[notes, notes], [link, notes], [hard, notes], [path.join(tmp, 'same/./notes.md'), notes]]) {
    const run = await electricCheck([input, '-o', out], { model: false });
    assert.equal(run.code, 2, `${out}: ${run.stderr}`);
    assert.match(run.stderr, /-o .* is the input .*notes\.md; writing the report there would destroy it/);
    noStack(run.stderr);
    assert.equal(readFileSync(notes, 'utf8'), NOTES, 'the input is unchanged');
  }
  const jsonl = fresh('same/eval.jsonl', '{"id": 1, "text": "We recieved it."}\n');
  const run = await electricCheck(['--jsonl', jsonl, '-o', jsonl], { model: false });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /is the input/);
  assert.equal(readFileSync(jsonl, 'utf8'), '{"id": 1, "text": "We recieved it."}\n');
  const glob = await electricCheck([path.join(tmp, 'same/*.md'), '-o', hard], { model: false });
  assert.equal(glob.code, 2, 'an input found by a glob counts too');
  assert.equal(readFileSync(notes, 'utf8'), NOTES);
});

test('a run whose engine fails leaves the previous report untouched and no temporary file behind', async () => {
  const notes = fresh('keep/notes.md');
  const report = fresh('keep/report.json', 'OLD REPORT');
  const run = await electricCheck(['--format', 'json', notes, '-o', report, '--model', path.join(tmp, 'no-model')], { model: false });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /model file missing/);
  assert.equal(readFileSync(report, 'utf8'), 'OLD REPORT');
  assert.deepEqual(readdirSync(path.dirname(report)).sort(), ['notes.md', 'report.json']);
});

test('a report replaces the old one only when complete; its mode is kept', async () => {
  const empty = fresh('ok/empty.md', '');
  const report = fresh('ok/report.json', 'OLD REPORT');
  const { chmodSync, statSync } = await import('node:fs');
  chmodSync(report, 0o640);
  const run = await electricCheck(['--format', 'json', empty, '-o', report], { model: false });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(JSON.parse(readFileSync(report, 'utf8')).skipped.length, 1);
  assert.equal(statSync(report).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(path.dirname(report)).sort(), ['empty.md', 'report.json']);
});

test('unwritable outputs: a folder, a name ending in /, /dev/full are exit 2 with a message, no stack trace', async () => {
  const empty = fresh('w/empty.md', '');
  const dir = path.join(tmp, 'w');
  for (const [out, msg] of [[dir, /is a folder/], [dir + '/', /names a folder/], ['/dev/full', /cannot write \/dev\/full: .*no space left/i]] as const) {
    const run = await electricCheck(['--format', 'json', empty, '-o', out], { model: false });
    assert.equal(run.code, 2, `${out}: ${run.stderr}`);
    assert.match(run.stderr, msg);
    noStack(run.stderr);
  }
  const devnull = await electricCheck(['--format', 'json', empty, '-o', '/dev/null'], { model: false });
  assert.equal(devnull.code, 0, 'a device that takes the output is fine');
});

test('EPIPE (| head -c 20) ends the run quietly with exit 2', () => {
  const dir = path.join(tmp, 'many');
  mkdirSync(dir);
  // Enough output to overflow the pipe buffer after head has gone: 3,000 skipped files in the JSON.
  for (let i = 0; i < 3000; i++) writeFileSync(path.join(dir, `empty-${String(i).padStart(4, '0')}.md`), '');
  const script = `"${process.execPath}" "${bin}" --format json "${dir}/*.md" 2>"${tmp}/epipe.err" | head -c 20 >/dev/null; echo "\${PIPESTATUS[0]}"`;
  const res = spawnSync('bash', ['-c', script], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(res.stdout.trim(), '2', res.stderr);
  const stderr = readFileSync(path.join(tmp, 'epipe.err'), 'utf8');
  assert.doesNotMatch(stderr, /EPIPE|Error|\n\s+at /, 'quiet: no error, no stack');
});

test('killed mid-run (SIGTERM): the previous report stays and the temporary file is removed', async () => {
  const notes = fresh('killed/notes.md');
  const report = fresh('killed/report.json', 'OLD REPORT');
  const dir = path.dirname(report);
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [bin, '--format', 'json', notes, '-o', report, '--provider', 'cpu', '--threads', '1']);
  const t0 = Date.now();
  while (!readdirSync(dir).some((f) => f.endsWith('.tmp')) && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 20));
  assert.ok(readdirSync(dir).some((f) => f.endsWith('.tmp')), 'the report is written to a temporary file first');
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  child.kill('SIGTERM');
  assert.equal(await exited, 'SIGTERM');
  assert.equal(readFileSync(report, 'utf8'), 'OLD REPORT');
  assert.deepEqual(readdirSync(dir).sort(), ['notes.md', 'report.json']);
});
