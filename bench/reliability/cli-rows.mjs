// The bad-input matrix against electric-check: odd bytes, odd sizes, odd paths, odd outputs, odd models.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cli, MODEL, row, verdict } from './harness.mjs';

const CHECKED = [0, 1]; // clean or flagged: the file was checked
const json = (out) => { try { return JSON.parse(out); } catch { return undefined; } };

/** Every finding's word is the text at its offsets, and its line/column agree with those offsets. */
function offsetsAgree(stdout, texts) {
  const out = json(stdout);
  if (!out) return false;
  return out.files.every((f) => {
    const text = texts[path.basename(f.file)];
    const lines = text.split(/\r\n|\r|\n/);
    return (f.words ?? []).concat(f.findings).every((w) => {
      if (text.slice(w.start, w.end) !== w.word) return false;
      if (w.line === undefined) return true;
      return lines[w.line - 1]?.slice(w.column - 1, w.column - 1 + w.word.length) === w.word.split(/\r\n|\r|\n/)[0];
    });
  });
}

export async function cliRows(tmp) {
  const file = (name, content) => { const f = path.join(tmp, name); fs.mkdirSync(path.dirname(f), { recursive: true }); fs.writeFileSync(f, content); return f; };
  const prose = 'We recieved the report yesterday and fixed it.\n';
  const simple = async (label, name, content, expect, args = [], timeoutMs = 30_000) => {
    const f = file(name, content);
    await row(label, { keep: [f], timeoutMs }, async () => verdict(await cli([...args, f], { timeoutMs }), expect));
  };

  // Bytes.
  await simple('empty file', 'empty.md', '', { code: 0, stderr: /empty file, nothing to check/ });
  await simple('binary file (PNG header)', 'image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13]), { code: 0, stderr: /skipped, binary file/ });
  await simple('invalid UTF-8 (Latin-1 é)', 'latin1.txt', Buffer.from('Caf\xe9 au lait.\n', 'latin1'), { code: 2, stderr: /invalid UTF-8 at byte offset 3/ });

  // Sizes: the default limit is the extension's maxFileSize (500,000 characters).
  const tenMb = '\n'.repeat(999_950) + prose;
  await simple('10 MB file (default limit)', 'ten-mb.txt', tenMb.repeat(10), { code: 2, stderr: /over --max-file-size \(500000/ });
  await simple('2 MB line (default limit)', 'line.txt', 'x'.repeat(2_000_000) + '\n', { code: 2, stderr: /over --max-file-size/ });
  await row('/dev/zero', { timeoutMs: 30_000 }, async () => {
    const r = verdict(await cli(['/dev/zero']), { code: 2, stderr: /over --max-file-size/ });
    if (!r.fail && r.mb > 400) r.fail = `read too much: ${Math.round(r.mb)} MB`;
    return r;
  });
  await row('endless stdin pipe (yes)', { timeoutMs: 30_000 }, async () =>
    verdict(await cli(['-'], { shell: (c) => `yes 'All work and no play.' | ${c}` }), { code: 2, stderr: /<stdin>: over --max-file-size/ }));

  // Paths.
  await row('missing path', {}, async () => verdict(await cli([path.join(tmp, 'nope.md')]), { code: 2, stderr: /nope\.md: no such file/ }));
  await row('directory', {}, async () => verdict(await cli([tmp]), { code: 2, stderr: /is a directory/ }));
  await row('glob [z-a].md', {}, async () => verdict(await cli([path.join(tmp, '[z-a].md')]), { code: 2, stderr: /bad glob .*Range out of order/ }));
  fs.mkdirSync(path.join(tmp, 'names'));
  fs.writeFileSync(path.join(tmp, 'names', `${'a'.repeat(200)}c.md`), 'x');
  await row("glob '*a' × 30 + 'b' (backtracking bait)", { timeoutMs: 10_000 }, async () =>
    verdict(await cli([path.join(tmp, 'names', `${'*a'.repeat(30)}b`)]), { code: 2, stderr: /bad glob .*more than 3 '\*'/ }));
  await row("glob '*a*a*a' over 200-character names", { timeoutMs: 10_000 }, async () =>
    verdict(await cli([path.join(tmp, 'names', '*a*a*ab')]), { code: 2, stderr: /no files match this pattern/ }));
  await row('--language klingon', {}, async () => verdict(await cli(['-l', 'klingon', path.join(tmp, 'empty.md')]), { code: 2, stderr: /unknown language 'klingon'/ }));
  await checkedTogether(tmp, file, prose);

  // Outputs.
  const notes = file('out/notes.md', prose);
  const report = file('out/report.json', 'PREVIOUS REPORT\n');
  const keep = [notes, report];
  await row('-o onto the input', { keep }, async () => verdict(await cli([notes, '-o', notes]), { code: 2, stderr: /is the input .*would destroy it/ }));
  const jsonl = file('out/eval.jsonl', '{"id": 1, "text": "We recieved it."}\n');
  await row('--jsonl -o onto the input', { keep: [jsonl] }, async () => verdict(await cli(['--jsonl', jsonl, '-o', jsonl]), { code: 2, stderr: /is the input/ }));
  await row('-o a folder / a name ending in /', { keep }, async () => {
    const a = verdict(await cli([notes, '-o', path.join(tmp, 'out')]), { code: 2, stderr: /is a folder/ });
    return a.fail ? a : verdict(await cli([notes, '-o', path.join(tmp, 'out') + '/']), { code: 2, stderr: /names a folder/ });
  });
  await row('-o /dev/full', { keep }, async () => verdict(await cli(['--format', 'json', path.join(tmp, 'empty.md'), '-o', '/dev/full']), { code: 2, stderr: /cannot write \/dev\/full: .*no space/i }));
  await row('EPIPE: | head -c 20', { keep }, async () => {
    const many = path.join(tmp, 'many');
    fs.mkdirSync(many);
    for (let i = 0; i < 3000; i++) fs.writeFileSync(path.join(many, `e${i}.md`), '');
    const r = await cli(['--format', 'json', `${many}/*.md`], { shell: (c) => `${c} 2>/dev/null | head -c 20 >/dev/null; exit "\${PIPESTATUS[0]}"` });
    return verdict(r, { code: 2 });
  });

  // Models: each corrupt variant is exit 2 naming the problem, and the previous report survives.
  const variants = [
    ['model: truncated electric.onnx', (d) => truncate(d, 'electric.onnx'), /checksum mismatch for .*electric\.onnx/],
    ['model: truncated cloze.onnx, checksum updated', (d) => { truncate(d, 'cloze.onnx'); rehash(d, 'cloze.onnx'); }, /cloze\.onnx/],
    ['model: wrong checksum in meta.json', (d) => editMeta(d, (m) => { m.sha256['vocab.txt'] = '0'.repeat(64); }), /checksum mismatch for .*vocab\.txt/],
    ['model: missing meta.json', (d) => fs.rmSync(path.join(d, 'meta.json')), /model file missing: .*meta\.json/],
    ['model: meta.json not JSON', (d) => fs.writeFileSync(path.join(d, 'meta.json'), '{"format": 1,'), /meta\.json/],
    ['model: missing vocab.txt', (d) => fs.rmSync(path.join(d, 'vocab.txt')), /vocab\.txt/],
  ];
  for (const [label, breakIt, stderr] of variants) {
    const dir = modelCopy(path.join(tmp, label.replace(/\W+/g, '-')));
    breakIt(dir);
    await row(label, { keep, timeoutMs: 60_000 }, async () =>
      verdict(await cli(['--format', 'json', notes, '-o', report, '--model', dir], { timeoutMs: 60_000 }), { code: 2, stderr }));
  }
}

/**
 * The inputs that need the model, checked in ONE run (the model loads once; on a 2-core machine each load
 * costs seconds): every file must come back checked, its offsets and line/column right. The run's own row
 * carries the time and memory; each file's row says what became of it.
 */
async function checkedTogether(tmp, file, prose) {
  const texts = {};
  const add = (name, content, text = content) => { texts[name] = text; return file(`together/${name}`, content); };
  const files = [
    add('bom16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(prose, 'utf16le')]), prose),
    add('le16.txt', Buffer.from(prose, 'utf16le'), prose),
    add('be16.txt', Buffer.from(prose, 'utf16le').swap16(), prose),
    add('nested.md', `${'> '.repeat(40)}${'- '.repeat(40)}1. We recieved "the 'nested' report".\n\n` +
      Array.from({ length: 30 }, (_, i) => '  '.repeat(i) + '- We recieved it.\n').join('')),
    add('unicode.md', 'Emoji 🙂👩‍👩‍👧 then we recieved it.\n中文文本 and we recieved it.\nשלום עולם and we recieved it.\nCafe\u0301 ne\u0301e and we recieved it.\n'),
    add('cr.md', ['# Title', '', 'First line.', 'We recieved the report.', ''].join('\r')),
    add('crlf.md', ['# Title', '', 'First line.', 'We recieved the report.', ''].join('\r\n')),
    add('long-line.md', `Title\n${Array.from({ length: 400_000 }, (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[(i * 7919) % 64]).join('')} then we recieved it.\n`),
    add('denied.md', prose),
  ];
  fs.chmodSync(files.at(-1), 0o000);
  const root = process.getuid?.() === 0;
  const fifo = path.join(tmp, 'together', 'fifo.md');
  const haveFifo = spawnSync('mkfifo', [fifo]).status === 0;
  if (haveFifo) texts['fifo.md'] = prose;
  let r;
  await row(`one run: ${Object.keys(texts).length} files below, --threads 100000`, { keep: files, timeoutMs: 120_000 }, async () => {
    const writer = haveFifo ? spawn('bash', ['-c', `printf '%s' '${prose}' > '${fifo}'`]) : undefined;
    r = await cli(['--format', 'json', '--words', '--sensitivity', '0.9', '--threads', '100000', ...files, ...(haveFifo ? [fifo] : [])], { timeoutMs: 120_000 });
    writer?.kill();
    const v = verdict(r, { code: root ? 1 : 2, stderr: /--threads 100000 is more than the \d+ cores here; using \d+/ });
    if (!v.fail && r.mb > 1500) v.fail = `${Math.round(r.mb)} MB`;
    return v;
  });
  fs.chmodSync(files.at(-1), 0o644);
  const out = json(r?.stdout ?? '');
  const want = { 'cr.md': [4, 4], 'crlf.md': [4, 4] };
  for (const name of Object.keys(texts)) {
    const label = { 'bom16.txt': 'UTF-16LE with BOM', 'le16.txt': 'UTF-16LE without BOM', 'be16.txt': 'UTF-16BE without BOM',
      'nested.md': 'nested quotes and lists', 'unicode.md': 'emoji, CJK, RTL, combining marks: offsets', 'cr.md': 'CR-only line ends: line/column',
      'crlf.md': 'CRLF line ends: line/column', 'long-line.md': '400,000-character line', 'fifo.md': 'FIFO with a writer',
      'denied.md': `chmod 000 file${root ? ' (run as root, which reads it)' : ''}` }[name];
    await row(label, {}, async () => {
      const f = out?.files.find((x) => path.basename(x.file) === name);
      if (name === 'denied.md' && !root) {
        const e = out?.errors.find((x) => x.message.includes('denied.md'));
        return { outcome: e?.message ?? 'not reported', code: r?.code, fail: /permission denied/.test(e?.message) ? undefined : 'no permission error' };
      }
      if (!f) return { outcome: 'not in the output', code: r?.code, fail: 'not checked' };
      const hits = f.findings.filter((x) => x.word === 'recieved');
      const at = hits[0] && `${hits[0].line}:${hits[0].column}`;
      const fail = !offsetsAgree(JSON.stringify({ files: [f] }), { [name]: texts[name] }) ? 'offsets disagree with the text'
        : hits.length === 0 ? 'the planted error was not found'
        : want[name] && at !== want[name].join(':') ? `recieved at ${at}, expected ${want[name].join(':')}` : undefined;
      return { outcome: `checked: ${f.words.length} words, ${hits.length}× recieved, first at ${at}`, code: r?.code, fail };
    });
  }
}

function modelCopy(dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const name of fs.readdirSync(MODEL)) fs.copyFileSync(path.join(MODEL, name), path.join(dir, name));
  return dir;
}
function truncate(dir, name) {
  const f = path.join(dir, name);
  fs.truncateSync(f, Math.floor(fs.statSync(f).size / 3));
}
function editMeta(dir, edit) {
  const f = path.join(dir, 'meta.json');
  const meta = JSON.parse(fs.readFileSync(f, 'utf8'));
  edit(meta);
  fs.writeFileSync(f, JSON.stringify(meta, null, 2));
}
function rehash(dir, name) {
  editMeta(dir, (m) => { m.sha256[name] = createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex'); });
}
