import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { inferenceThreads, parseCliArgs } from '../../src/cli/args';
import { defaultThreads } from '../../src/engine/defaults';
import { expandInputs } from '../../src/cli/globs';
import { decode, invalidUtf8Offset, languageOf } from '../../src/cli/inputs';

test('decode: empty, BOM-only, binary, UTF-16 with BOM, text', () => {
  assert.deepEqual(decode(Buffer.alloc(0)), { kind: 'empty' });
  assert.deepEqual(decode(Buffer.from([0xef, 0xbb, 0xbf])), { kind: 'empty' });
  const bin = decode(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  assert.equal(bin.kind, 'binary');
  assert.match((bin as { reason: string }).reason, /NUL byte at offset 8/);
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Héllo 🙂', 'utf16le')]);
  assert.deepEqual(decode(le), { kind: 'text', text: 'Héllo 🙂' });
  assert.deepEqual(decode(Buffer.from('\uFEFFtext', 'utf8')), { kind: 'text', text: 'text' });
});

test('invalid UTF-8 is reported with the byte offset of the first bad byte', () => {
  const cases: [number[], number][] = [
    [[0x61, 0x62, 0xff, 0x63], 2],              // never valid
    [[0x61, 0xc3], 1],                          // truncated 2-byte sequence at the end
    [[0x61, 0xe2, 0x82, 0x41], 1],              // bad continuation
    [[0xc0, 0xaf], 0],                          // overlong
    [[0x61, 0xed, 0xa0, 0x80], 1],              // UTF-16 surrogate encoded
    [[0xf4, 0x90, 0x80, 0x80], 0],              // above U+10FFFF
  ];
  for (const [bytes, at] of cases) {
    const b = Buffer.from(bytes);
    assert.equal(invalidUtf8Offset(b), at, bytes.join(','));
    assert.deepEqual(decode(b), { kind: 'invalid', message: `invalid UTF-8 at byte offset ${at}` });
  }
  assert.equal(invalidUtf8Offset(Buffer.from('ok é € 🙂', 'utf8')), -1);
  const late = Buffer.concat([Buffer.from('x'.repeat(100_000)), Buffer.from([0xfe])]);
  assert.equal((decode(late) as { message: string }).message, 'invalid UTF-8 at byte offset 100000');
});

test('language from the file name', () => {
  assert.equal(languageOf('docs/README.md'), 'markdown');
  assert.equal(languageOf('paper.TEX'), 'latex');
  assert.equal(languageOf('.git/COMMIT_EDITMSG'), 'git-commit');
  assert.equal(languageOf('main.rs'), 'rust');
  assert.equal(languageOf('notes'), 'plaintext');
});

test('globs: *, **, ?, [..], {a,b}; dot folders and node_modules skipped unless named', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'electric-glob-'));
  try {
    for (const f of ['a.md', 'b.txt', 'sub/c.md', 'sub/deep/d.md', 'node_modules/x.md', '.hidden/e.md', 'f1.md', 'f2.md']) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), 'x');
    }
    const rel = (fs: string[]) => fs.map((f) => path.relative(dir, f)).sort();
    assert.deepEqual(rel(expandInputs([`${dir}/*.md`]).files), ['a.md', 'f1.md', 'f2.md']);
    assert.deepEqual(rel(expandInputs([`${dir}/**/*.md`]).files), ['a.md', 'f1.md', 'f2.md', 'sub/c.md', 'sub/deep/d.md']);
    assert.deepEqual(rel(expandInputs([`${dir}/f?.md`]).files), ['f1.md', 'f2.md']);
    assert.deepEqual(rel(expandInputs([`${dir}/f[2-9].md`]).files), ['f2.md']);
    assert.deepEqual(rel(expandInputs([`${dir}/*.{md,txt}`]).files), ['a.md', 'b.txt', 'f1.md', 'f2.md']);
    assert.deepEqual(rel(expandInputs([`${dir}/.hidden/*.md`]).files), ['.hidden/e.md']);
    assert.deepEqual(expandInputs([`${dir}/*.rst`]), { files: [], unmatched: [`${dir}/*.rst`] });
    assert.deepEqual(expandInputs(['-', 'plain.md']).files, ['-', 'plain.md']);
    assert.deepEqual(rel(expandInputs([`${dir}/?.md`]).files), ['a.md'], 'a dot in the pattern is literal');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('argument errors are usage errors', () => {
  assert.throws(() => parseCliArgs([]), /no input/);
  assert.throws(() => parseCliArgs(['--format', 'xml', 'a.md']), /--format must be/);
  assert.throws(() => parseCliArgs(['--sensitivity', '2', 'a.md']), /between 0 and 1/);
  assert.throws(() => parseCliArgs(['--threads', '0', 'a.md']), /--threads must be an integer/);
  assert.throws(() => parseCliArgs(['--jsonl', 'x.jsonl', 'a.md']), /give no other files/);
  assert.throws(() => parseCliArgs(['--bogus', 'a.md']), /bogus/);
  const o = parseCliArgs(['-s', '0.7', '--provider', 'cpu', '--threads', '2', '-l', 'markdown', '-']);
  assert.equal(o.sensitivity, 0.7);
  assert.equal(o.provider, 'cpu');
  assert.equal(o.threads, 2);
  assert.equal(o.language, 'markdown');
  assert.deepEqual(o.inputs, ['-']);
});

test('threads: the command line takes every core (at most 4), the editor\'s worker leaves one; more than the cores are the cores', () => {
  const notes: string[] = [];
  const note = (m: string) => notes.push(m);
  assert.deepEqual([1, 2, 3, 8].map((cores) => inferenceThreads(undefined, cores, note)), [1, 2, 3, 4]);
  assert.deepEqual([1, 2, 3, 8].map((cores) => defaultThreads(cores)), [1, 1, 2, 4]);
  assert.deepEqual(notes, []);
  assert.equal(inferenceThreads(1, 2, note), 1);
  assert.equal(inferenceThreads(6, 2, note), 2);
  assert.deepEqual(notes, ['--threads 6 is more than the 2 cores here; using 2']);
});
