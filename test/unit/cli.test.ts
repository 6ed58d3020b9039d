import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { position } from '../../src/cli/formats';
import { LineIndex } from '../../src/text/lines';
import { electricCheck, fixtures } from './cliRun';
import { repoRoot } from './engine/runtimeFixtures';
import { proseText } from './engine/runtimeText';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'electric-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const sample = path.join(fixtures, 'sample.md');
const sampleText = readFileSync(sample, 'utf8');

interface JsonFinding { line: number; column: number; endLine: number; endColumn: number; start: number; end: number; word: string;
  kind: string; score: number; suggestions: { text: string; p: number }[] }
interface JsonWord { start: number; end: number; word: string; energy: number; pNoise: number | null; posterior?: number }
interface JsonOut { files: { file: string; language: string; findings: JsonFinding[]; words?: JsonWord[] }[]; skipped: unknown[]; errors: unknown[] }

test('help, version and usage errors', async () => {
  const help = await electricCheck(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: electric-check/);
  const version = await electricCheck(['--version']);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
  const bad = await electricCheck(['--format', 'xml', sample]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format must be text, json or sarif/);
  const words = await electricCheck(['--words', sample]);
  assert.equal(words.code, 2);
  assert.match(words.stderr, /--words needs --format json/);
});

test('text and json agree; misspellings in the sample are flagged with exit code 1; code is not checked', async () => {
  const json = await electricCheck(['--format', 'json', '--sensitivity', '0.9', sample]);
  assert.equal(json.code, 1, json.stderr);
  const out = JSON.parse(json.stdout) as JsonOut;
  assert.equal(out.files.length, 1);
  assert.equal(out.files[0].language, 'markdown');
  const findings = out.files[0].findings;
  const index = new LineIndex(sampleText);
  for (const f of findings) {
    assert.equal(sampleText.slice(f.start, f.end), f.word);
    assert.deepEqual(position(index, f.start), { line: f.line, column: f.column });
    assert.ok(f.score >= 0 && f.score <= 1);
  }
  const words = findings.map((f) => f.word);
  assert.ok(words.includes('recieved'), `flagged: ${words.join(', ')}`);
  assert.ok(!words.includes('teh'), 'inside a code fence: never checked');
  const text = await electricCheck(['--sensitivity', '0.9', sample]);
  assert.equal(text.code, 1);
  const lines = text.stdout.trim().split('\n');
  assert.equal(lines.length, findings.length);
  lines.forEach((line, i) => {
    const f = findings[i];
    const best = f.suggestions[0];
    const fix = best ? `${best.text === '' ? '(delete)' : best.text} (p=${best.p.toFixed(2)})` : '';
    assert.ok(line.startsWith(`${path.relative(repoRoot, sample)}:${f.line}:${f.column}: ${f.word} — ${fix}`) ||
      line.startsWith(`${sample}:${f.line}:${f.column}: ${f.word} — ${fix}`), line);
  });
});

test('--dialect en-GB: British spellings are words end to end; en-US weighs them as non-words; a bad value is exit 2', async () => {
  const file = path.join(tmp, 'british.md');
  writeFileSync(file, 'We are in favour of the new licence terms.\n');
  const us = await electricCheck(['--format', 'json', '--words', file]);
  assert.equal(us.code, 1, us.stderr);
  const usOut = (JSON.parse(us.stdout) as JsonOut).files[0];
  assert.deepEqual(usOut.findings.map((f) => [f.word, f.suggestions[0]?.text]), [['licence', 'license']]);
  // In en-US both are non-words the model weighs against the American spelling in context. Both are words the
  // documentation of many projects writes (attested.ts), so likelier meant than a slip of their shape: "favour" is
  // left, "licence terms" still flagged (the model reads "license" far likelier there), and "favour" is still less
  // sure a word than in en-GB, where both are words, at most scored as one that fits.
  const posterior = (out: typeof usOut, word: string) => out.words?.find((w) => w.word === word)?.posterior;
  assert.ok((posterior(usOut, 'licence') ?? 0) > 0.5, `licence in en-US: ${posterior(usOut, 'licence')}`);
  const gb = await electricCheck(['--dialect', 'en-GB', '--format', 'json', '--words', file]);
  assert.equal(gb.code, 0, gb.stdout + gb.stderr);
  const gbOut = (JSON.parse(gb.stdout) as JsonOut).files[0];
  assert.deepEqual(gbOut.findings, []);
  for (const w of ['favour', 'licence']) assert.ok((posterior(gbOut, w) ?? 0) < 0.01, `${w} in en-GB: ${posterior(gbOut, w)}`);
  assert.ok((posterior(usOut, 'favour') ?? 0) > (posterior(gbOut, 'favour') ?? 0), 'a non-word in en-US, a word in en-GB');
  assert.equal((await electricCheck(['--dialect', 'en-US', file])).code, 1);
  const bad = await electricCheck(['--dialect', 'en-XX', file]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--dialect must be en-US, en-GB, en-CA or en-AU \(got 'en-XX'\)/);
  assert.equal(bad.stdout, '');
});

test('--leave-out-misspellings: a listed misspelling left out is read as unlisted; a bad file is exit 2', async () => {
  const text = path.join(tmp, 'listed.md');
  writeFileSync(text, 'It was truely a great release.\n');
  const shipped = await electricCheck(['--format', 'json', text]);
  assert.equal(shipped.code, 1, shipped.stderr);
  assert.deepEqual((JSON.parse(shipped.stdout) as JsonOut).files[0].findings.map((f) => [f.word, f.suggestions[0]?.text]), [['truely', 'truly']]);
  const pairs = path.join(tmp, 'left-out.txt');
  writeFileSync(pairs, 'truely\n');
  const left = await electricCheck(['--format', 'json', '--leave-out-misspellings', pairs, text]);
  assert.ok(left.code === 0 || left.code === 1, left.stderr);
  // Left out, "truely" is a plain non-word one edit from "truly": the engine (the worker) gets the pairs, and
  // without the list's word for it the slip is less sure, or not flagged at all.
  const sure = (out: string) => (JSON.parse(out) as JsonOut).files[0].findings.find((f) => f.word === 'truely')?.score ?? 0;
  assert.ok(sure(left.stdout) < sure(shipped.stdout), `${sure(left.stdout)} < ${sure(shipped.stdout)}`);
  writeFileSync(pairs, 'truely->truly\n');
  const bad = await electricCheck(['--leave-out-misspellings', pairs, text]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--leave-out-misspellings: not one word: "truely->truly"/);
  const missing = await electricCheck(['--leave-out-misspellings', path.join(tmp, 'none.txt'), text]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--leave-out-misspellings: cannot read .*none\.txt/);
});

test('the optimized CPU graphs go to XDG_CACHE_HOME (or --graph-cache DIR), never with --graph-cache none; a second run finds the same', async () => {
  const text = path.join(tmp, 'cached.md');
  writeFileSync(text, 'It was truely a great release.\n');
  const xdg = path.join(tmp, 'xdg');
  const env = { ...process.env, XDG_CACHE_HOME: xdg };
  const graphs = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.onnx')).sort() : []);
  const first = await electricCheck([text], { env });
  assert.equal(first.code, 1, first.stderr);
  const kept = graphs(path.join(xdg, 'electric-proofreader'));
  assert.equal(kept.length, 2, `the Electric and cloze graphs: ${kept.join(', ')}`);
  const again = await electricCheck([text], { env });
  assert.equal(again.stdout, first.stdout);
  assert.equal(again.stderr, '', 'a cache hit says nothing');
  const own = path.join(tmp, 'own-cache');
  assert.equal((await electricCheck(['--graph-cache', own, text], { env })).stdout, first.stdout);
  assert.deepEqual(graphs(own), kept);
  const none = path.join(tmp, 'xdg-none');
  assert.equal((await electricCheck(['--graph-cache', 'none', text], { env: { ...process.env, XDG_CACHE_HOME: none } })).stdout, first.stdout);
  assert.equal(existsSync(none), false, 'none writes nothing');
});

test('sarif: a valid SARIF 2.1.0 log with rules, 1-based regions and fixes', async () => {
  const run = await electricCheck(['--format', 'sarif', '--sensitivity', '0.9', sample]);
  assert.equal(run.code, 1, run.stderr);
  const log = JSON.parse(run.stdout);
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  const [r] = log.runs;
  assert.equal(r.tool.driver.name, 'electric-check');
  const ruleIds = r.tool.driver.rules.map((x: { id: string }) => x.id);
  assert.ok(r.results.length > 0);
  for (const res of r.results) {
    assert.ok(ruleIds.includes(res.ruleId));
    assert.equal(r.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    assert.ok(['note', 'warning', 'error'].includes(res.level));
    assert.equal(typeof res.message.text, 'string');
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, 'test/fixtures/cli/sample.md');
    assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1 && loc.region.endColumn > loc.region.startColumn);
    const line = sampleText.split('\n')[loc.region.startLine - 1];
    assert.equal(line.slice(loc.region.startColumn - 1, loc.region.endColumn - 1), loc.region.snippet.text);
    for (const fix of res.fixes) {
      assert.equal(fix.artifactChanges[0].artifactLocation.uri, loc.artifactLocation.uri);
      assert.deepEqual(Object.keys(fix.artifactChanges[0].replacements[0]).sort(), ['deletedRegion', 'insertedContent']);
    }
  }
});

test('--jsonl writes the peers form with its probabilities, one line per input item, in order', async () => {
  const run = await electricCheck(['--jsonl', path.join(fixtures, 'eval.jsonl'), '--sensitivity', '0.9']);
  assert.equal(run.code, 0, run.stderr);
  const input = readFileSync(path.join(fixtures, 'eval.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.id), input.map((i) => i.id));
  let flags = 0;
  lines.forEach((l, i) => {
    assert.deepEqual(Object.keys(l), ['id', 'peer', 'flags']);
    assert.equal(l.peer, 'electric');
    for (const f of l.flags) {
      flags++;
      assert.deepEqual(Object.keys(f), ['start', 'end', 'p', 'suggestions', 'suggestionP', 'text', 'message']);
      assert.equal(input[i].text.slice(f.start, f.end), f.text);
      assert.ok(f.suggestions.every((s: unknown) => typeof s === 'string'));
      // p is the probability that the text is wrong; the suggestions' probabilities are shares of the same posterior.
      assert.ok(f.p > 0 && f.p <= 1, `p ${f.p}`);
      assert.equal(f.suggestionP.length, f.suggestions.length);
      assert.ok(f.suggestionP.every((q: number) => q >= 0 && q <= 1), `suggestionP ${f.suggestionP}`);
      assert.ok(f.suggestionP.reduce((a: number, b: number) => a + b, 0) <= f.p + 2e-4, 'suggestions share the posterior that the text is wrong');
    }
  });
  assert.ok(flags > 0, 'the planted errors give at least one flag');
  assert.ok(lines[0].flags.some((f: { text: string }) => f.text === 'recieved'));
  assert.ok(lines[4].flags.every((f: { text: string; start: number; end: number }) => input[4].text.slice(f.start, f.end) === f.text), 'UTF-16 offsets past emoji');
});

test('--jsonl: bad lines are named and the status is 2', async () => {
  const file = path.join(tmp, 'bad.jsonl');
  writeFileSync(file, '{"id": "a", "text": "Fine."}\nnot json\n{"text": "no id"}\n');
  const run = await electricCheck(['--jsonl', file]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /bad\.jsonl:2: not JSON/);
  assert.match(run.stderr, /bad\.jsonl:3: expected \{"id"/);
  assert.equal(run.stdout.trim().split('\n').length, 1);
});

test('stdin, empty and binary files: checked, noted, skipped; exit 0 when nothing is flagged', async () => {
  const empty = path.join(tmp, 'empty.txt'), binary = path.join(tmp, 'image.png');
  writeFileSync(empty, '');
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]));
  const run = await electricCheck(['--format', 'json', '--sensitivity', '0', empty, binary, '-'], { stdin: 'A clean line of text.\n' });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /empty\.txt: empty file, nothing to check/);
  assert.match(run.stderr, /image\.png: skipped, binary file \(NUL byte at offset 8\)/);
  const out = JSON.parse(run.stdout) as JsonOut;
  assert.deepEqual(out.files.map((f) => [f.file, f.language]), [['<stdin>', 'plaintext']]);
});

test('invalid UTF-8: an error naming the file and byte offset, never scored; exit 2', async () => {
  const file = path.join(tmp, 'latin1.txt');
  writeFileSync(file, Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' au lait, recieved.\n')]));
  const run = await electricCheck(['--format', 'json', '--sensitivity', '1', file, sample]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /latin1\.txt: invalid UTF-8 at byte offset 3; not checked/);
  const out = JSON.parse(run.stdout) as JsonOut;
  assert.deepEqual(out.files.map((f) => path.basename(f.file)), ['sample.md'], 'the good file is still checked');
  assert.equal(out.errors.length, 1);
});

test('missing files, unmatched globs and a missing model are errors with exit 2', async () => {
  const missing = await electricCheck([path.join(tmp, 'nope.md'), path.join(tmp, '*.rst')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.md: no such file/);
  assert.match(missing.stderr, /\*\.rst: no files match this pattern/);
  const noModel = await electricCheck([sample, '--model', path.join(tmp, 'no-model')], { model: false });
  assert.equal(noModel.code, 2);
  assert.match(noModel.stderr, /model file missing: .*no-model[\\/]meta\.json/);
});

test('a 10 MB file is checked in windows, offsets right at its far end', async () => {
  const file = path.join(tmp, 'big.txt');
  // Mostly blank lines (10 MB of bytes, little to score on a 2-core test machine) with prose every ~1 MB.
  const filler = '\n'.repeat(999_950);
  const parts: string[] = [];
  for (let i = 0; i < 10; i++) parts.push(filler, `Paragraph ${i}: we recieved the report and fixed it.\n`);
  const text = parts.join('');
  writeFileSync(file, text);
  assert.ok(Buffer.byteLength(text) >= 10_000_000);
  const run = await electricCheck(['--format', 'json', '--words', '--max-file-size', '11000000', file]);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  const out = JSON.parse(run.stdout) as JsonOut;
  const index = new LineIndex(text);
  for (const f of out.files[0].findings) {
    assert.equal(text.slice(f.start, f.end), f.word);
    assert.deepEqual(position(index, f.start), { line: f.line, column: f.column });
  }
  const words = out.files[0].words!;
  assert.equal(words.filter((w) => w.word === 'recieved').length, 10, 'every paragraph was scored');
  for (const w of words) {
    assert.equal(text.slice(w.start, w.end), w.word);
    assert.ok(Number.isFinite(w.energy));
  }
  assert.ok(words.some((w) => w.start > 9_000_000 && w.word === 'recieved'), 'the last paragraph was scored');
});

test('a 100,000-character line: scored, columns past 100,000 exact', async () => {
  const file = path.join(tmp, 'long-line.md');
  const blob = Array.from({ length: 100_000 }, (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[(i * 7919) % 64]).join('');
  const text = `Title\n${blob} then we recieved the report.\n`;
  writeFileSync(file, text);
  const run = await electricCheck(['--format', 'json', '--words', file]);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  const out = (JSON.parse(run.stdout) as JsonOut).files[0];
  const w = out.words!.find((x) => x.word === 'recieved');
  assert.ok(w && Number.isFinite(w.energy), 'the words after the long one are scored');
  assert.equal(w.start, text.indexOf('recieved'));
  assert.deepEqual(position(new LineIndex(text), w.start), { line: 2, column: 100_000 + ' then we '.length + 1 });
  for (const f of out.findings) assert.equal(text.slice(f.start, f.end), f.word);
});

test('a progress bar on stderr with --progress (and never on stdout); none when stderr is not a terminal', async () => {
  const file = path.join(tmp, 'long.txt');
  // Word salad with its longer words misspelled (letters 2 and 3 swapped): non-words are all suspects,
  // so its REPLACE runs in several chunks, each one progress.
  writeFileSync(file, proseText(300, 11).replace(/\b([a-z])([a-z])([a-z])([a-z]{2,})\b/g, (_, a, b, c, rest) => a + c + b + rest));
  const withBar = await electricCheck(['--progress', '--format', 'json', file]);
  assert.ok(withBar.code === 0 || withBar.code === 1, withBar.stderr);
  assert.match(withBar.stderr, /\r\[#*-*\] 0\/1 files .*long\.txt/, 'partial progress inside the one big file');
  assert.ok(!withBar.stdout.includes('\r'));
  JSON.parse(withBar.stdout);
  const quiet = await electricCheck(['--format', 'json', file]);
  assert.ok(!quiet.stderr.includes('\r'), quiet.stderr);
});

test('no telemetry: onnxruntime writes nothing under HOME', async () => {
  const home = path.join(tmp, 'home');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache') };
  delete env.ORT_DISABLE_TELEMETRY; // the CLI must turn it off itself
  const run = await electricCheck([sample], { env });
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  assert.ok(!existsSync(path.join(home, '.cache', 'Microsoft')), 'no telemetry cache written');
});

test('a long text: how many real words its rounds left is said to a reader of stderr, once, and --thorough scores them', async () => {
  // The integration suite's long document (test/integration/suite/diagnostics.test.ts says what it holds): its one
  // slip, "you're" for your, ranks far below the first round of real words, which flags none.
  const long = path.resolve(fixtures, '..', 'integration', 'rest.md');
  const plain = await electricCheck([long]);
  assert.equal(plain.stderr, '', 'a CI log (stderr no terminal, no --progress) gets the findings alone');
  assert.doesNotMatch(plain.stdout, /you're/);
  const told = await electricCheck(['--progress', long, sample]);
  const notes = told.stderr.split(/[\r\n]+/).filter((l) => /real words .* left unscored/.test(l));
  assert.equal(notes.length, 1, told.stderr);
  // (the short sample leaves none: the file counted is the long one; the progress line's erase code before it)
  assert.match(notes[0], /^(\x1B\[K)?electric-check: \d+ real words in 1 file left unscored: .*--thorough scores every one$/);
  const whole = await electricCheck(['--thorough', long]);
  assert.equal(whole.stderr, '');
  assert.match(whole.stdout, /you're — your/);
});
