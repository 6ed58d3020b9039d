// The benchmark's scorer: one definition for every checker, ours and the peers. It is the logic of the
// evaluation kit's score.py (../shared/eval/score.py, where present) in JavaScript, with the same metrics and
// output fields, so the repository scores without anything outside it; bench/bench.test.mjs checks that both
// give the same numbers.
//   node bench/scorer.mjs GOLD.jsonl FLAGS.jsonl [--peer NAME] [--json]
// GOLD lines: {"id","text","errors":[{"start","end","wrong","right","type"}]}; FLAGS lines: {"id","peer"?,
// "flags":[{"start","end","suggestions":[...]}]}. An error is caught when a flag overlaps its span; a flag is
// true when it overlaps some error span. False flags are also counted per 1,000 words of the error-free items.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

// Python's str.split()/strip() whitespace (str.isspace), which differs from JavaScript's \s (no \ufeff,
// but \x1c-\x1f and \x85).
const WS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SPLIT = new RegExp(`[${WS}]+`);
const TRIM = new RegExp(`^[${WS}]+|[${WS}]+$`, 'g');
const words = (s) => s.split(SPLIT).filter(Boolean);
const strip = (s) => s.replace(TRIM, '');

/** Python's round(x, digits): the exact binary value rounded, ties (exact halves) to even. */
export function pyRound(x, digits) {
  const exact = x.toFixed(80); // every double we round (|x| < 1e6) is exact in 80 decimals
  const neg = exact.startsWith('-');
  const [int, frac] = (neg ? exact.slice(1) : exact).split('.');
  const kept = BigInt(int + frac.slice(0, digits));
  const rest = frac.slice(digits);
  const half = '5'.padEnd(rest.length, '0');
  const up = rest > half || (rest === half && kept % 2n === 1n);
  const n = kept + (up ? 1n : 0n);
  return (neg ? -1 : 1) * Number(n) / 10 ** digits;
}

const readJsonl = (file) => fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

/** Scores parsed gold rows against parsed flag rows; the result has score.py's fields. */
export function scoreRows(goldRows, flagRows, peer) {
  const gold = new Map(goldRows.map((r) => [r.id, r]));
  const flags = new Map();
  for (const r of flagRows) {
    if (peer && r.peer != null && r.peer !== peer) continue;
    flags.set(r.id, r.flags ?? []);
  }
  const missing = [...gold.keys()].filter((id) => !flags.has(id));
  const overlap = (f, e) => f.start < e.end && e.start < f.end;
  let tpFlags = 0, nFlags = 0, fixed1 = 0, fixed3 = 0, cleanWords = 0, cleanFalse = 0;
  const caught = new Map(), total = new Map();
  const add = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const [id, g] of gold) {
    const fl = flags.get(id) ?? [];
    nFlags += fl.length;
    tpFlags += fl.filter((f) => g.errors.some((e) => overlap(f, e))).length;
    if (!g.errors.length) { cleanWords += words(g.text).length; cleanFalse += fl.length; }
    for (const e of g.errors) {
      add(total, e.type);
      const hit = fl.filter((f) => overlap(f, e));
      if (!hit.length) continue;
      add(caught, e.type);
      const sugg = hit.flatMap((f) => f.suggestions ?? []).map((s) => strip(String(s)).toLowerCase());
      const want = strip(e.right).toLowerCase();
      // a fix may be given for the whole span or just the word it covers
      const ok = (s) => s === want || (want !== '' && s !== '' && words(want).includes(s)) || (want === '' && s === '');
      if (sugg.length && ok(sugg[0])) fixed1++;
      if (sugg.slice(0, 3).some(ok)) fixed3++;
    }
  }
  const sum = (m) => [...m.values()].reduce((a, b) => a + b, 0);
  const errors = sum(total);
  const P = nFlags ? tpFlags / nFlags : 0;
  const R = sum(caught) / Math.max(1, errors);
  const F05 = P + R ? (1.25 * P * R) / (0.25 * P + R) : 0;
  return {
    precision: pyRound(P, 3), recall: pyRound(R, 3), 'f0.5': pyRound(F05, 3),
    recall_by_type: Object.fromEntries([...total.keys()].sort().map((k) => [k, `${caught.get(k) ?? 0}/${total.get(k)}`])),
    false_flags_per_1k_clean_words: pyRound((1000 * cleanFalse) / Math.max(1, cleanWords), 1),
    fix_top1: `${fixed1}/${errors}`, fix_top3: `${fixed3}/${errors}`,
    items_missing: missing.length,
  };
}

export function scoreFiles(goldFile, flagsFile, peer) {
  return scoreRows(readJsonl(goldFile), readJsonl(flagsFile), peer);
}

const FLOATS = new Set(['precision', 'recall', 'f0.5', 'false_flags_per_1k_clean_words']);
// Python's repr of a float keeps ".0" on whole numbers; dicts print with quotes, JSON with ", " and ": ".
const pyValue = (k, v, quote) => (FLOATS.has(k) && Number.isInteger(v) ? v.toFixed(1)
  : typeof v === 'object' ? `{${Object.entries(v).map(([t, x]) => `${quote}${t}${quote}: ${quote}${x}${quote}`).join(', ')}}`
    : typeof v === 'string' ? (quote === '"' ? JSON.stringify(v) : v) : String(v));

/** score.py's output, byte for byte: one "key  value" line per field, or its json.dumps line with --json. */
export function formatLikeScorePy(res, json) {
  if (json) return `{${Object.entries(res).map(([k, v]) => `"${k}": ${pyValue(k, v, '"')}`).join(', ')}}`;
  return Object.entries(res).map(([k, v]) => `${k.padEnd(32)} ${pyValue(k, v, "'")}`).join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const argv = process.argv.slice(2);
  const peer = argv.includes('--peer') ? argv[argv.indexOf('--peer') + 1] : undefined;
  const files = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--peer');
  if (files.length !== 2) {
    console.error('usage: node bench/scorer.mjs GOLD.jsonl FLAGS.jsonl [--peer NAME] [--json]');
    process.exit(2);
  }
  const res = scoreFiles(files[0], files[1], peer);
  console.log(formatLikeScorePy(res, argv.includes('--json')));
}
