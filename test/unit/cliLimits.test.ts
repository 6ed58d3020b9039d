// Options validated before work, per-file errors that let the run finish, bounded inputs, one line index,
// library globs, UTF-16 without a byte-order mark.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parseCliArgs } from '../../src/cli/args';
import { formatJson, formatText } from '../../src/cli/formats';
import { expandInputs, GlobError } from '../../src/cli/globs';
import { decode } from '../../src/cli/inputs';
import { Sink } from '../../src/cli/output';
import { Progress } from '../../src/cli/progress';
import { EngineStartError, runFiles } from '../../src/cli/run';
import { readBounded, TooLargeError } from '../../src/cli/read';
import type { CheckResult, Finding } from '../../src/engine/types';
import { electricCheck } from './cliRun';
import { modelCopy, modelDir, removeDir } from './engine/runtimeFixtures';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'electric-cli-lim-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const noStack = (stderr: string): void => assert.doesNotMatch(stderr, /\n\s+at |internal error/, stderr);
const file = (name: string, content: string | Buffer): string => {
  const f = path.join(tmp, name);
  mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(f, content);
  return f;
};

test('options are validated before any work: an unknown --language is a usage error naming the known ones', async () => {
  assert.throws(() => parseCliArgs(['--language', 'klingon', 'a.md']), /unknown language 'klingon'; known: markdown, .*plaintext/);
  assert.equal(parseCliArgs(['-l', 'python', 'a.md']).language, 'python');
  assert.throws(() => parseCliArgs(['--max-file-size=-1', 'a.md']), /--max-file-size must be an integer/);
  assert.equal(parseCliArgs(['a.md']).maxFileSize, 500_000);
  assert.equal(parseCliArgs(['a.md']).thorough, false);
  assert.equal(parseCliArgs(['--thorough', 'a.md']).thorough, true);
  const run = await electricCheck(['--language', 'klingon', path.join(tmp, 'missing.md')], { model: false });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /unknown language 'klingon'/);
  assert.doesNotMatch(run.stderr, /missing\.md/, 'rejected before the input was read');
});

function sink(): Sink & { text: string } {
  return { text: '', failure: undefined, write(t) { this.text += t; }, close: async () => undefined };
}
const finding = (text: string, word: string): Finding => {
  const start = text.indexOf(word);
  return { start, end: start + word.length, word, kind: 'spelling', score: 0.9, energy: 3, pNoise: 0.9,
    suggestions: [{ text: 'received', p: 0.9 }] } as Finding;
};
const result = (findings: Finding[]): CheckResult => ({ findings, words: [], provider: 'cpu', ms: 1 } as unknown as CheckResult);

test('one file failing in the engine is an error naming it; the rest are checked; JSON and SARIF stay valid', async () => {
  const a = file('multi/a.md', 'We recieved it.\n'), b = file('multi/b.md', 'Crash here.\n'), c = file('multi/c.md', 'Also recieved.\n');
  const notes: string[] = [];
  const check = async (text: string): Promise<CheckResult> => {
    if (text.startsWith('Crash')) throw new Error('the Electric engine worker exited with code 1; the request was not completed');
    return result([finding(text, 'recieved')]);
  };
  for (const format of ['json', 'sarif'] as const) {
    const out = sink();
    const opts = parseCliArgs(['--format', format, a, b, c]);
    const ctx = { opts, check, out, note: (m: string) => notes.push(m), version: '0', progress: (n: number) => new Progress(n, 'files', process.stderr, false), verbose: false };
    assert.equal(await runFiles(ctx, [a, b, c], []), 2);
    const log = JSON.parse(out.text);
    if (format === 'json') {
      assert.deepEqual(log.files.map((f: { file: string }) => path.basename(f.file)), ['a.md', 'c.md']);
      assert.match(log.errors[0].message, /b\.md: the Electric engine worker exited .*; not checked/);
    } else {
      const inv = log.runs[0].invocations[0];
      assert.equal(inv.executionSuccessful, false);
      assert.match(inv.toolExecutionNotifications[0].message.text, /b\.md: .*not checked/);
      assert.equal(log.runs[0].results.length, 2);
    }
  }
  assert.ok(notes.some((n) => /b\.md: the Electric engine worker exited/.test(n)));
  // An engine that cannot start is one error, not one per file, and the output is still valid JSON.
  const out = sink();
  const failing = async (): Promise<CheckResult> => { throw new EngineStartError('model file missing: /x/meta.json'); };
  const ctx = { opts: parseCliArgs(['--format', 'json', a]), check: failing, out, note: () => undefined, version: '0', verbose: false,
    progress: (n: number) => new Progress(n, 'files', process.stderr, false) };
  assert.equal(await runFiles(ctx, [a, b, c], []), 2);
  assert.deepEqual(JSON.parse(out.text).errors, [{ file: '', message: 'the engine did not start, so nothing was checked: model file missing: /x/meta.json' }]);
});

test('end to end: a model whose cloze graph is broken fails each file by name; the run goes on and JSON lists them', async () => {
  const dir = await modelCopy(['cloze.onnx', 'meta.json']);
  try {
    const cloze = readFileSync(path.join(modelDir, 'cloze.onnx'));
    const broken = cloze.subarray(0, Math.floor(cloze.length / 3));
    writeFileSync(path.join(dir, 'cloze.onnx'), broken);
    const meta = JSON.parse(readFileSync(path.join(modelDir, 'meta.json'), 'utf8'));
    meta.sha256['cloze.onnx'] = createHash('sha256').update(broken).digest('hex');
    writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta));
    const a = file('broken/a.md', 'We recieved it.\n'), b = file('broken/b.md', 'They was late.\n');
    const run = await electricCheck(['--format', 'json', a, b, '--model', dir], { model: false });
    assert.equal(run.code, 2, run.stderr);
    const out = JSON.parse(run.stdout) as { errors: { file: string; message: string }[] };
    const named = out.errors.map((e) => path.basename(e.file));
    // Either the engine refuses to start (one error) or each file fails by name; never a silent, empty stdout.
    assert.ok(named.length === 1 && named[0] === '' ? /cloze\.onnx/.test(out.errors[0].message) : named.join() === 'a.md,b.md', JSON.stringify(out.errors));
    noStack(run.stderr);
  } finally {
    await removeDir(dir);
  }
});

test('size limit: over --max-file-size is an error naming the limit; /dev/zero and endless pipes are read only to the bound', async () => {
  const big = file('big.txt', 'word '.repeat(100_001));
  const run = await electricCheck([big, '/dev/zero', '--threads', '100000'], { model: false, timeoutMs: 60_000 });
  assert.equal(run.timedOut, false);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /big\.txt: 500005 characters, over --max-file-size \(500000\); not checked/);
  assert.match(run.stderr, /\/dev\/zero: over --max-file-size \(500000 characters\); not checked/);
  assert.match(run.stderr, new RegExp(`--threads 100000 is more than the ${os.availableParallelism()} cores here; using`));
  noStack(run.stderr);
  await assert.rejects(readBounded('/dev/zero', 1_000_000), TooLargeError);
  const small = await electricCheck(['--max-file-size', '10', file('eleven.txt', 'eleven char')], { model: false });
  assert.match(small.stderr, /eleven\.txt: 11 characters, over --max-file-size \(10\)/);
  const stdin = await electricCheck(['--max-file-size', '1000', '-'], { model: false, stdin: Buffer.alloc(5_000_000, 0x61) });
  assert.equal(stdin.code, 2);
  assert.match(stdin.stderr, /<stdin>: over --max-file-size \(1000 characters\)/);
});

test('line and column from the parsers\' line index: LF, CRLF and CR-only agree', () => {
  for (const br of ['\n', '\r\n', '\r']) {
    const text = ['# Title', '', 'First line.', 'We recieved it.'].join(br);
    const f = finding(text, 'recieved');
    const fr = { file: 'x.md', language: 'markdown', text, findings: [f] };
    assert.equal(formatText([fr]), 'x.md:4:4: recieved — received (p=0.90)\n', JSON.stringify(br));
    const j = JSON.parse(formatJson([fr], [], [])).files[0].findings[0];
    assert.deepEqual([j.line, j.column, j.endLine, j.endColumn], [4, 4, 4, 12]);
  }
});

test('globs come from tinyglobby: a bad class is a clear error, *a*a*a… is refused at once, literal names win', async () => {
  assert.throws(() => expandInputs([path.join(tmp, '[z-a].md')]), (e: Error) => e instanceof GlobError && /bad glob .*\[z-a\]\.md': Range out of order/.test(e.message));
  const names = file(`g/${'a'.repeat(60)}c.md`, 'x');
  const t0 = Date.now();
  assert.throws(() => expandInputs([path.join(path.dirname(names), `${'*a'.repeat(30)}b`)]), /more than 3 '\*' in the path segment/);
  assert.ok(Date.now() - t0 < 1000);
  assert.equal(expandInputs([path.join(tmp, 'g/*a*a*c.md')]).files.length, 1, 'three stars still match');
  const literal = file('g/notes[1].md', 'x');
  assert.deepEqual(expandInputs([literal]).files, [literal], 'an existing name with [ ] is that file');
  const run = await electricCheck([path.join(tmp, '[z-a].md')], { model: false });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /electric-check: bad glob '.*\[z-a\]\.md': Range out of order in character class/);
  noStack(run.stderr);
});

test('UTF-16 without a byte-order mark is read as UTF-16, not skipped as binary; binary 16-bit data stays binary', async () => {
  const text = 'We recieved the report.\r\nIt was late.\n';
  assert.deepEqual(decode(Buffer.from(text, 'utf16le')), { kind: 'text', text });
  assert.deepEqual(decode(Buffer.from(text, 'utf16le').swap16()), { kind: 'text', text });
  const numbers = Buffer.alloc(400);
  for (let i = 0; i < 200; i++) numbers.writeUInt16LE(i % 7, i * 2);
  assert.equal(decode(numbers).kind, 'binary');
  // End to end: a UTF-16 file and a CR-only file, both checked, with the right lines.
  const u16 = file('u16.txt', Buffer.from('Title\n\nWe recieved the report yesterday.\n', 'utf16le'));
  const cr = file('cr.md', '# Title\r\rWe recieved the report yesterday.\r');
  const run = await electricCheck(['--format', 'json', '--sensitivity', '0.9', u16, cr]);
  assert.equal(run.code, 1, run.stderr);
  const out = JSON.parse(run.stdout) as { files: { file: string; findings: { word: string; line: number; column: number }[] }[] };
  for (const f of out.files) {
    const hit = f.findings.find((x) => x.word === 'recieved');
    assert.ok(hit, `${f.file}: ${JSON.stringify(f.findings)}`);
    assert.deepEqual([hit.line, hit.column], [3, 4], f.file);
  }
});
