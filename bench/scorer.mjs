// The benchmark's scorer: one definition for every checker, ours and the peers. It is the logic of the
// evaluation kit's score.py (../shared/eval/score.py, where present) in JavaScript, with the same metrics and
// output fields, so the repository scores without anything outside it; bench/bench.test.mjs checks that both
// give the same numbers.
//   node bench/scorer.mjs GOLD.jsonl FLAGS.jsonl [--peer NAME] [--json]
//   node bench/scorer.mjs GOLD.jsonl FLAGS.jsonl --calibration [--peer NAME] [--json]
// GOLD lines: {"id","text","errors":[{"start","end","wrong","right","type"}]}; FLAGS lines: {"id","peer"?,
// "flags":[{"start","end","suggestions":[...],"p"?,"suggestionP"?:[...]}]}. An error is caught when a flag
// overlaps its span; a flag is true when it overlaps some error span. False flags are also counted per 1,000
// words of the error-free items. --calibration (ours only: score.py has no such thing) reads the flags'
// probabilities instead: reliability bins, expected calibration error and Brier score (calibrationRows).
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

const overlap = (f, e) => f.start < e.end && e.start < f.end;

/** The flags of each item id (the peer's lines only, when peer is given; a later line for an id wins). */
function flagsById(flagRows, peer) {
  const flags = new Map();
  for (const r of flagRows) {
    if (peer && r.peer != null && r.peer !== peer) continue;
    flags.set(r.id, r.flags ?? []);
  }
  return flags;
}

/** A suggestion fixes an error when it is its correction, or one word of it (a fix may be given for the whole span or just the word it covers). */
export function isCorrection(suggestion, right) {
  const s = strip(String(suggestion)).toLowerCase(), want = strip(right).toLowerCase();
  return s === want || (want !== '' && s !== '' && words(want).includes(s));
}

/** Scores parsed gold rows against parsed flag rows; the result has score.py's fields. */
export function scoreRows(goldRows, flagRows, peer) {
  const gold = new Map(goldRows.map((r) => [r.id, r]));
  const flags = flagsById(flagRows, peer);
  const missing = [...gold.keys()].filter((id) => !flags.has(id));
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
      const sugg = hit.flatMap((f) => f.suggestions ?? []);
      const ok = (s) => isCorrection(s, e.right);
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

/**
 * Does a suggestion on a flag give the text the error's correction gives? Applied at their spans, the two texts
 * compared case-insensitively, runs of whitespace read as one space and none before closing punctuation: so "the
 * the" → "the" fixes an error that deletes one copy (real-dev writes a doubled word's correction so), as it
 * leaves the same sentence.
 */
export function givesCorrectedText(text, flag, suggestion, error) {
  const norm = (s) => s.replace(SPLIT_ALL, ' ').replace(/ (?=[.,;:!?)\]])/g, '').trim().toLowerCase();
  const mine = text.slice(0, flag.start) + String(suggestion) + text.slice(flag.end);
  return norm(mine) === norm(text.slice(0, error.start) + error.right + text.slice(error.end));
}
const SPLIT_ALL = new RegExp(`[${WS}]+`, 'g');

export const CALIBRATION_BINS = 10;

/**
 * How well probabilities mean what they say, from [p, outcome] pairs: CALIBRATION_BINS equal-width bins of p
 * (bin floor(10p), p = 1 in the last), each with its count, mean p and observed rate of true outcomes; the
 * expected calibration error (|mean p - rate| averaged over the bins, weighted by count) and the Brier score
 * (mean squared p - outcome). null when there are no pairs.
 */
export function reliability(pairs) {
  if (!pairs.length) return null;
  const acc = Array.from({ length: CALIBRATION_BINS }, () => ({ n: 0, sumP: 0, hits: 0 }));
  let sq = 0;
  for (const [p, y] of pairs) {
    const b = acc[Math.min(CALIBRATION_BINS - 1, Math.max(0, Math.floor(p * CALIBRATION_BINS)))];
    b.n++; b.sumP += p; b.hits += y ? 1 : 0;
    sq += (p - (y ? 1 : 0)) ** 2;
  }
  const bins = acc.map((b, i) => ({ lo: i / CALIBRATION_BINS, hi: (i + 1) / CALIBRATION_BINS, n: b.n,
    meanP: b.n ? b.sumP / b.n : null, rate: b.n ? b.hits / b.n : null }));
  const ece = bins.reduce((e, b) => e + (b.n ? (b.n / pairs.length) * Math.abs(b.meanP - b.rate) : 0), 0);
  return { n: pairs.length, ece, brier: sq / pairs.length, bins };
}

/**
 * Calibration of a checker that gives probabilities (ours: electric-check --jsonl's p and suggestionP), over
 * the items of the gold. flags: each flag's p against whether it is true (overlaps an error, as scoreRows
 * decides). fixes: each suggestion's p against whether it corrects an error its flag overlaps (isCorrection, as
 * fix top-k decides, or givesCorrectedText: a fix is right when it leaves the corrected sentence, however the gold
 * writes the correction); a suggestion on a false flag is wrong. null when no flag carries a p (the peers).
 */
export function calibrationRows(goldRows, flagRows, peer) {
  const gold = new Map(goldRows.map((r) => [r.id, r]));
  const flagPairs = [], fixPairs = [];
  for (const [id, fl] of flagsById(flagRows, peer)) {
    const g = gold.get(id);
    if (!g) continue;
    for (const f of fl) {
      if (typeof f.p !== 'number') continue;
      const over = g.errors.filter((e) => overlap(f, e));
      flagPairs.push([f.p, over.length > 0]);
      (f.suggestions ?? []).forEach((s, k) => {
        const q = f.suggestionP?.[k];
        if (typeof q === 'number') fixPairs.push([q, over.some((e) => isCorrection(s, e.right) || givesCorrectedText(g.text, f, s, e))]);
      });
    }
  }
  return flagPairs.length ? { flags: reliability(flagPairs), fixes: reliability(fixPairs) } : null;
}

/** calibrationRows as text: per kind its n, ECE and Brier, then its bins. */
export function formatCalibration(cal) {
  if (!cal) return 'calibration                      none: no flag carries a probability (p)';
  const f3 = (x) => (x == null ? '-' : x.toFixed(3));
  return Object.entries(cal).flatMap(([kind, r]) => (!r ? [`${kind}: none`] : [
    `${kind}: n ${r.n}  ECE ${f3(r.ece)}  Brier ${f3(r.brier)}`,
    ...r.bins.filter((b) => b.n).map((b) => `  p ${b.lo.toFixed(1)}-${b.hi.toFixed(1)}  n ${String(b.n).padStart(5)}  mean p ${f3(b.meanP)}  rate ${f3(b.rate)}`),
  ])).join('\n');
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
    console.error('usage: node bench/scorer.mjs GOLD.jsonl FLAGS.jsonl [--peer NAME] [--calibration] [--json]');
    process.exit(2);
  }
  if (argv.includes('--calibration')) {
    const cal = calibrationRows(readJsonl(files[0]), readJsonl(files[1]), peer);
    console.log(argv.includes('--json') ? JSON.stringify(cal) : formatCalibration(cal));
  } else {
    console.log(formatLikeScorePy(scoreFiles(files[0], files[1], peer), argv.includes('--json')));
  }
}
