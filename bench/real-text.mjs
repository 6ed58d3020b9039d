// node bench/real-text.mjs [--out FILE] [--against FILE] [--corpora a,b] [--cli PATH]
// What the checker flags in real text no dev set is drawn from: every flag of `electric-check` at the default
// sensitivity on corpora this machine holds, by corpus and kind, kept as JSON so that a later run can be read
// against it flag by flag (--against: the flags gone and the flags new, each with its line). Nothing here is
// labelled: a flag on published text is a slip its authors left or a false flag, and which is which is read by eye.
// The corpora are files found at run time, sorted, so two runs on one machine read the same text:
//   types       this repository's node_modules/@types/**/*.d.ts (its doc comments; after `npm ci`)
//   readmes     node_modules/*/README.md and node_modules/@*/*/README.md
//   changelogs  node_modules/*/CHANGELOG.md, HISTORY.md and CHANGES.md (and a scope's packages')
//   node-docs   /usr/share/doc/nodejs/**/*.md (Debian's nodejs documentation, where installed)
//   python      /usr/lib/python3.*/*.py, the first 40 by name (comments and docstrings)
// A corpus this machine lacks is left out with a note. The CLI is dist/cli.js (`npm run build` first).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULES = path.join(REPO, 'node_modules');

/** Files under dir (recursively) whose name passes `keep`, sorted; none where dir is missing. */
export function filesUnder(dir, keep) {
  const out = [];
  const walk = (d) => {
    let entries;
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && keep(e.name, p)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** A package folder's files named one of `names` (top-level packages and a scope's), sorted. */
function packageFiles(names) {
  const out = [];
  const inPackage = (pkg) => { for (const n of names) { const f = path.join(pkg, n); if (fs.existsSync(f)) out.push(f); } };
  let entries = [];
  try { entries = fs.readdirSync(MODULES, { withFileTypes: true }); } catch { return out; }
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const p = path.join(MODULES, e.name);
    if (e.name.startsWith('@')) for (const s of fs.readdirSync(p, { withFileTypes: true })) { if (s.isDirectory()) inPackage(path.join(p, s.name)); }
    else inPackage(p);
  }
  return out.sort();
}

export const CORPORA = {
  types: () => filesUnder(path.join(MODULES, '@types'), (n) => n.endsWith('.d.ts')),
  readmes: () => packageFiles(['README.md']),
  changelogs: () => packageFiles(['CHANGELOG.md', 'HISTORY.md', 'CHANGES.md']),
  'node-docs': () => filesUnder('/usr/share/doc/nodejs', (n) => n.endsWith('.md')),
  python: () => {
    // The newest Python 3 the system has (3.11 after 3.9), its top-level modules.
    let dirs = [];
    try { dirs = fs.readdirSync('/usr/lib').filter((d) => /^python3\.\d+$/.test(d)).sort((a, b) => Number(a.slice(8)) - Number(b.slice(8))); } catch { /* none */ }
    if (!dirs.length) return [];
    const dir = path.join('/usr/lib', dirs[dirs.length - 1]);
    return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.py')).map((e) => path.join(dir, e.name)).sort().slice(0, 40);
  },
};

/** A file's name as a run keeps it: relative to the repository where it lies inside it (node_modules/...), so that two clones compare. */
const named = (file) => (path.relative(REPO, file).startsWith('..') ? file : path.relative(REPO, file));

/** A flag as this tool keeps it: where, what, the fix offered first, and its kind and probability. */
function flagOf(file, f) {
  return { file: named(file), line: f.line, column: f.column, start: f.start, word: f.word, fix: f.suggestions?.[0]?.text ?? null, kind: f.kind, p: Math.round(f.score * 1000) / 1000 };
}

/** The run as JSON, a flag a line. */
export function formatRun(result) {
  const corpora = Object.entries(result.corpora).map(([name, c]) => {
    const { flags, ...rest } = c;
    const head = JSON.stringify(rest).slice(1, -1);
    const list = flags.length ? `[\n${flags.map((f) => `    ${JSON.stringify(f)}`).join(',\n')}\n  ]` : '[]';
    return `  ${JSON.stringify(name)}: {${head}, "flags": ${list}}`;
  });
  return `{"commit": ${JSON.stringify(result.commit)}, "date": ${JSON.stringify(result.date)}, "corpora": {\n${corpora.join(',\n')}\n}}\n`;
}

/** The key two runs compare a flag by: its file, its place and word, and the fix offered first. */
export const flagKey = (f) => `${f.file}:${f.start}:${f.word}>${f.fix}`;

/**
 * Flags of `before` that `after` lacks (gone) and flags of `after` that `before` lacks (new), per corpus `after` read
 * (a run of some corpora says nothing of the others).
 */
export function compareRuns(before, after) {
  const out = {};
  for (const name of Object.keys(after.corpora)) {
    const a = before.corpora[name]?.flags ?? [], b = after.corpora[name]?.flags ?? [];
    const ka = new Set(a.map(flagKey)), kb = new Set(b.map(flagKey));
    out[name] = { before: a.length, after: b.length, gone: a.filter((f) => !kb.has(flagKey(f))), new: b.filter((f) => !ka.has(flagKey(f))) };
  }
  return out;
}

/** Flags by kind ({ spelling: 12, grammar: 3 }), kinds in name order. */
export function byKind(flags) {
  const n = {};
  for (const f of [...flags].sort((x, y) => x.kind.localeCompare(y.kind))) n[f.kind] = (n[f.kind] ?? 0) + 1;
  return n;
}

function run(o) {
  if (!fs.existsSync(o.cli)) throw new Error(`${o.cli} missing: run \`npm run build\` first`);
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).stdout.trim() || null;
  const result = { commit, date: new Date().toISOString().slice(0, 10), corpora: {} };
  for (const name of o.corpora) {
    const find = CORPORA[name];
    if (!find) throw new Error(`unknown corpus ${name} (known: ${Object.keys(CORPORA).join(', ')})`);
    const files = find();
    if (files.length === 0) { console.error(`real-text: ${name}: no files here, left out`); continue; }
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [o.cli, '--format', 'json', '--max-file-size', '2000000', ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
    // Exit 2 with a report is a file the CLI would not check (not UTF-8, too big): named, the rest kept. Without one it failed.
    let report;
    try { report = JSON.parse(r.stdout); } catch { report = undefined; }
    if (!report || (r.status !== 0 && r.status !== 1 && r.status !== 2)) throw new Error(`electric-check on ${name} exited ${r.status}:\n${r.stderr.slice(-2000)}`);
    for (const e of [...report.skipped, ...report.errors]) console.error(`real-text: ${name}: not checked: ${e.message ?? e.reason ?? JSON.stringify(e)}`);
    const checked = new Set(report.files.map((f) => f.file));
    const flags = report.files.flatMap((f) => f.findings.map((x) => flagOf(f.file, x)));
    const words = files.filter((f) => checked.has(f)).reduce((n, f) => n + fs.readFileSync(f, 'utf8').split(/\s+/).filter(Boolean).length, 0);
    result.corpora[name] = { files: checked.size, words, seconds: Math.round((performance.now() - t0) / 100) / 10, flags };
    console.error(`real-text: ${name}: ${checked.size} files, ${words} words, ${flags.length} flags ${JSON.stringify(byKind(flags))}`);
  }
  return result;
}

function lineOf(f) {
  let text = '';
  try { text = fs.readFileSync(path.resolve(REPO, f.file), 'utf8'); } catch { /* gone since */ }
  const around = text.slice(Math.max(0, f.start - 60), f.start + f.word.length + 40).replace(/\s+/g, ' ');
  return `${f.file}:${f.line}:${f.column} ${f.word} → ${f.fix} | ${around}`;
}

function main() {
  const o = { out: undefined, against: undefined, corpora: Object.keys(CORPORA), cli: path.join(REPO, 'dist', 'cli.js') };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], next = () => { if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i]; };
    if (a === '--out') o.out = next();
    else if (a === '--against') o.against = next();
    else if (a === '--corpora') o.corpora = next().split(',').filter(Boolean);
    else if (a === '--cli') o.cli = path.resolve(next());
    else throw new Error(`unknown option ${a}`);
  }
  const result = run(o);
  if (o.out) fs.writeFileSync(o.out, formatRun(result));
  if (o.against) {
    const before = JSON.parse(fs.readFileSync(o.against, 'utf8'));
    for (const [name, d] of Object.entries(compareRuns(before, result))) {
      console.log(`${name}: ${d.before} -> ${d.after} flags (${d.gone.length} gone, ${d.new.length} new)`);
      for (const f of d.gone) console.log(`  - ${lineOf(f)}`);
      for (const f of d.new) console.log(`  + ${lineOf(f)}`);
    }
  } else {
    for (const [name, c] of Object.entries(result.corpora)) {
      console.log(`${name}: ${c.flags.length} flags in ${c.words} words (${c.files} files)`);
      for (const f of c.flags) console.log(`  ${lineOf(f)}`);
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try { main(); } catch (err) { console.error(`real-text: ${err.message}`); process.exit(2); }
}
