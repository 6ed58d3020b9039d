// The edit operations that turn a meant word into a typed one, in classes that real typos differ by:
// a neighbouring key, a vowel for a vowel, a transposition, a doubled or undoubled letter. The channel's
// table (data/channelTable.ts) is estimated by counting these over real misspellings, each class against
// its opportunities in the meant words (scripts/build-channel.mjs).
import { keyboardAdjacent, keyboardNeighbours } from './keyboard';

export const OP_CLASSES = ['sub-adjacent', 'sub-vowel', 'sub-other', 'transpose', 'insert-double', 'insert-other',
  'delete-double', 'delete-other'] as const;
export type OpClass = typeof OP_CLASSES[number];

const VOWEL = /[aeiouy]/;
const LETTERS = 26;

function subClass(meant: string, typed: string): OpClass {
  if (keyboardAdjacent(meant, typed)) return 'sub-adjacent';
  return VOWEL.test(meant) && VOWEL.test(typed) ? 'sub-vowel' : 'sub-other';
}

type Column = [string, string];   // meant, typed ('' for a gap; two letters each for a transposition)

/**
 * One cheapest (unit-cost OSA) alignment of meant → typed, as columns. With typoTies, equally short
 * alignments go to the more typo-like operations (a neighbouring key or a vowel, doubling or undoubling a
 * letter, a transposition): what editOps counts. Without, ties go to a substitution, then a deletion, an
 * insertion, a transposition: the alignment the substring rules were counted over (substringRules).
 */
function align(meant: string, typed: string, typoTies: boolean): Column[] {
  const n = meant.length, m = typed.length, w = m + 1;
  const d = new Float64Array((n + 1) * w);
  const back = new Uint8Array((n + 1) * w);   // 1 match/sub, 2 delete, 3 insert, 4 transpose
  // Unit cost per op, less a little for the typo-like ones when they should win ties.
  const eps = (c: OpClass) => (!typoTies || c === 'sub-other' || c === 'insert-other' || c === 'delete-other' ? 0 : -0.01);
  const transpose = typoTies ? 0.99 : 1;
  for (let i = 1; i <= n; i++) { d[i * w] = i; back[i * w] = 2; }
  for (let j = 1; j <= m; j++) { d[j] = j; back[j] = 3; }
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const a = meant[i - 1], b = typed[j - 1];
      let best = d[(i - 1) * w + j - 1] + (a === b ? 0 : 1 + eps(subClass(a, b))), how = 1;
      const del = d[(i - 1) * w + j] + 1 + eps(i >= 2 && meant[i - 2] === a ? 'delete-double' : 'delete-other');
      if (del < best) { best = del; how = 2; }
      const ins = d[i * w + j - 1] + 1 + eps(j >= 2 && typed[j - 2] === b ? 'insert-double' : 'insert-other');
      if (ins < best) { best = ins; how = 3; }
      if (i > 1 && j > 1 && a === typed[j - 2] && meant[i - 2] === b && a !== b) {
        const tr = d[(i - 2) * w + j - 2] + transpose;
        if (tr < best) { best = tr; how = 4; }
      }
      d[i * w + j] = best; back[i * w + j] = how;
    }
  }
  const cols: Column[] = [];
  for (let i = n, j = m; i > 0 || j > 0;) {
    const how = back[i * w + j];
    if (how === 1) { cols.push([meant[i - 1], typed[j - 1]]); i--; j--; }
    else if (how === 2) { cols.push([meant[i - 1], '']); i--; }
    else if (how === 3) { cols.push(['', typed[j - 1]]); j--; }
    else { cols.push([meant.slice(i - 2, i), typed.slice(j - 2, j)]); i -= 2; j -= 2; }
  }
  return cols.reverse();
}

/** osaDistance's rows, reused from call to call. */
let osaRows = new Int32Array(3 * 64);

/**
 * The unit-cost OSA distance of a and b (substitutions, insertions, deletions, adjacent transpositions), Infinity
 * beyond max: how many operations editOps finds (its tie-breaks choose among alignments of that many), counted
 * without building the alignment. The channel asks it of every candidate of every suspect (channel.ts, logSpelling).
 */
export function osaDistance(a: string, b: string, max: number): number {
  const n = a.length, m = b.length;
  if (Math.abs(n - m) > max) return Infinity;
  if (a === b) return 0;
  const w = m + 1;
  if (osaRows.length < 3 * w) osaRows = new Int32Array(6 * w);
  const rows = osaRows;
  // Three rows (i - 2, i - 1, i) by rotation: row r of i is (i % 3) * w.
  for (let j = 0; j <= m; j++) rows[j] = j;
  for (let i = 1; i <= n; i++) {
    const cur = (i % 3) * w, prev = ((i - 1) % 3) * w, prev2 = ((i + 1) % 3) * w;
    rows[cur] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      let best = rows[prev + j - 1] + (ca === cb ? 0 : 1);
      const del = rows[prev + j] + 1;
      if (del < best) best = del;
      const ins = rows[cur + j - 1] + 1;
      if (ins < best) best = ins;
      if (i > 1 && j > 1 && ca !== cb && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        const tr = rows[prev2 + j - 2] + 1;
        if (tr < best) best = tr;
      }
      rows[cur + j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > max) return Infinity;
  }
  const d = rows[(n % 3) * w + m];
  return d > max ? Infinity : d;
}

/**
 * The operations of one cheapest (unit-cost OSA) alignment of meant → typed, or undefined beyond maxOps.
 * Among equally short alignments the one made of the more typo-like classes wins (doubling over inserting).
 */
export function editOps(meant: string, typed: string, maxOps = 3): OpClass[] | undefined {
  if (Math.abs(meant.length - typed.length) > maxOps) return undefined;
  const ops: OpClass[] = [];
  let i = 0, j = 0;   // letters of meant and typed before the column
  for (const [a, b] of align(meant, typed, true)) {
    if (a.length === 2) ops.push('transpose');
    else if (a && b) { if (a !== b) ops.push(subClass(a, b)); }
    else if (a) ops.push(i >= 1 && meant[i - 1] === a ? 'delete-double' : 'delete-other');
    else ops.push(j >= 1 && typed[j - 1] === b ? 'insert-double' : 'insert-other');
    i += a.length; j += b.length;
    if (ops.length > maxOps) return undefined;
  }
  return ops;
}

/** How many chances a meant word gives each class (the denominators of the per-class rates). */
export function opportunities(meant: string): Record<OpClass, number> {
  const n = meant.length;
  let adjacent = 0, vowelSubs = 0, doubles = 0;
  for (let i = 0; i < n; i++) {
    const c = meant[i];
    adjacent += keyboardNeighbours(c).length;
    if (VOWEL.test(c)) vowelSubs += 5;
    if (i > 0 && meant[i - 1] === c) doubles++;
  }
  return {
    'sub-adjacent': adjacent, 'sub-vowel': vowelSubs, 'sub-other': Math.max(1, n * (LETTERS - 1) - adjacent - vowelSubs),
    transpose: Math.max(1, n - 1), 'insert-double': n, 'insert-other': (n + 1) * LETTERS,
    'delete-double': Math.max(doubles, 0), 'delete-other': n,
  };
}

// The substring channel (Brill & Moore, "An Improved Error Model for Noisy Channel Spelling Correction",
// ACL 2000): real misspellings are not independent letter slips but substitutions of short strings, often
// by sound ("ibility" → "ability", "ss" → "t" in "omission", "e" → "ai" in "maintenance"). A rule α → β
// (α, β up to SUBSTRING_MAX letters, with one letter of context either side, ^ and $ marking the word's
// ends) has the rate count(α → β) / (count(α in meant words) + SUBSTRING_SMOOTHING), counted over a list of
// real misspellings (scripts/build-channel.mjs). A pair's log P(typed | meant) is the best segmentation
// into unchanged letters (free) and rules or, where no rule fits, the per-class single edits above.

/** Longest α or β of a rule, context included. */
export const SUBSTRING_MAX = 4;
/** Letters of context a rule keeps on each side of its edit. */
export const SUBSTRING_CONTEXT = 1;
/** A rule is kept when this many misspellings show it; rarer ones are left to the per-class edits. */
export const SUBSTRING_MIN_COUNT = 2;
/** Added to a rule's denominator, so that a rule seen twice in two chances does not read as certain. */
export const SUBSTRING_SMOOTHING = 10;

/**
 * The rules one misspelling shows, as "α>β": each run of changed columns with 0..SUBSTRING_CONTEXT letters
 * of context on each side (an insertion only with context to hang on), ^ and $ where it reaches an end.
 */
export function substringRules(meant: string, typed: string): Set<string> {
  const cols = align(`^${meant}$`, `^${typed}$`, false);
  const same = cols.map(([a, b]) => a === b);
  const out = new Set<string>();
  for (let s = 0; s < cols.length; s++) {
    if (same[s] || (s > 0 && !same[s - 1])) continue;
    let e = s;
    while (e + 1 < cols.length && !same[e + 1]) e++;
    for (let l = 0; l <= SUBSTRING_CONTEXT && s - l >= 0; l++) {
      for (let r = 0; r <= SUBSTRING_CONTEXT && e + r < cols.length; r++) {
        const seg = cols.slice(s - l, e + r + 1);
        const a = seg.map((c) => c[0]).join(''), b = seg.map((c) => c[1]).join('');
        if (a.length && a.length <= SUBSTRING_MAX && b.length <= SUBSTRING_MAX) out.add(`${a}>${b}`);
      }
    }
  }
  return out;
}

/** Rules and their log rates from (meant, typed) misspellings: "α>β" → log(count / (count(α) + smoothing)). */
export function learnSubstringRules(pairs: Iterable<readonly [string, string]>): Map<string, number> {
  const list = [...pairs];
  const counts = new Map<string, number>();
  for (const [meant, typed] of list) for (const r of substringRules(meant, typed)) counts.set(r, (counts.get(r) ?? 0) + 1);
  const alphas = new Map<string, number>();
  for (const [r, c] of counts) if (c >= SUBSTRING_MIN_COUNT) alphas.set(r.slice(0, r.indexOf('>')), 0);
  for (const [meant] of list) {
    const w = `^${meant}$`;
    for (let i = 0; i < w.length; i++) {
      for (let len = 1; len <= SUBSTRING_MAX && i + len <= w.length; len++) {
        const a = w.slice(i, i + len);
        const got = alphas.get(a);
        if (got !== undefined) alphas.set(a, got + 1);
      }
    }
  }
  const rules = new Map<string, number>();
  for (const [r, c] of counts) {
    if (c < SUBSTRING_MIN_COUNT) continue;
    rules.set(r, Math.log(c / ((alphas.get(r.slice(0, r.indexOf('>'))) ?? 0) + SUBSTRING_SMOOTHING)));
  }
  return rules;
}

/** The rules of one α: its length, the log rates of those that delete it (β empty), the rest by β's first letter. */
interface RuleGroup { len: number; deletes: number[]; byFirst: Record<string, [string, number][] | undefined> }

/**
 * A trie over α letter by letter (UTF-16 units, as logP reads the words): each node the rules of the α that ends
 * there (if any) and the αs it begins, by their next letter. Objects without a prototype rather than Maps: a
 * worker's first check builds the shipped channel's 7,208 rules in code not yet compiled, 25 ms with Maps and 17
 * with these (logP reads either as fast).
 */
interface AlphaNode { group?: RuleGroup; next: Record<string, AlphaNode | undefined> }

const alphaNode = (): AlphaNode => ({ next: Object.create(null) as Record<string, AlphaNode | undefined> });

/** log P(typed | meant) under substring rules, with the per-class single edits (opRate) where no rule fits. */
export class SubstringChannel {
  private readonly alphas: AlphaNode = alphaNode();
  /** A substitution's log rate by its two letters' UTF-16 units (a << 16 | b), worked out once a pair. */
  private readonly substitution = new Map<number, number>();

  /** rules: "α>β" with its log rate each. */
  constructor(rules: Iterable<readonly [string, number]>, private readonly opRate: Readonly<Record<OpClass, number>>) {
    // logP walks this trie from each letter of the meant word, so a call allocates no strings and no maps (a Map
    // of the row's rules built per row per call, and an α sliced per length, took ~0.4 ms a call and were most
    // of a first check's channel time: ~30 ms on 2-core EPYC).
    for (const [rule, logRate] of rules) this.add(rule, 0, rule.indexOf('>'), rule.length, logRate);
  }

  /**
   * The channel of a table as data/channelTable.ts writes one: "α>β" and its log rate ("s>z-3.4"), space-separated,
   * β without a hyphen. Read by position (a regular expression and a pair a rule took 15 of a cold first check's
   * 40 ms on the shipped table); a rule that is not one is an error that names it.
   */
  static fromTable(table: string, opRate: Readonly<Record<OpClass, number>>): SubstringChannel {
    const c = new SubstringChannel([], opRate);
    for (let i = 0; i < table.length;) {
      let j = table.indexOf(' ', i);
      if (j < 0) j = table.length;
      const gt = table.indexOf('>', i), dash = table.lastIndexOf('-', j - 1);
      const rate = dash > gt ? Number(table.slice(dash, j)) : NaN;
      if (gt < i || dash < i || table.indexOf('-', gt) !== dash || !(rate <= 0)) {
        throw new Error(`bad substring rule ${JSON.stringify(table.slice(i, j))}`);
      }
      c.add(table, i, gt, dash, rate);
      i = j + 1;
    }
    return c;
  }

  /** The rule s[from, to) ("α>β", its '>' at gt) at logRate. */
  private add(s: string, from: number, gt: number, to: number, logRate: number): void {
    let node = this.alphas;
    for (let k = from; k < gt; k++) node = node.next[s[k]] ??= alphaNode();
    const group: RuleGroup = (node.group ??= { len: gt - from, deletes: [], byFirst: Object.create(null) as RuleGroup['byFirst'] });
    if (to === gt + 1) { group.deletes.push(logRate); return; }
    const beta = s.slice(gt + 1, to);
    (group.byFirst[beta[0]] ??= []).push([beta, logRate]);
  }

  private substitute(a: string, b: string): number {
    const key = (a.charCodeAt(0) << 16) | b.charCodeAt(0);
    let v = this.substitution.get(key);
    if (v === undefined) {
      v = this.opRate[keyboardAdjacent(a, b) ? 'sub-adjacent' : VOWEL.test(a) && VOWEL.test(b) ? 'sub-vowel' : 'sub-other'];
      this.substitution.set(key, v);
    }
    return v;
  }

  /** The best segmentation's log probability: unchanged letters free, each edit a rule or a single op. */
  logP(meant: string, typed: string): number {
    const m = `^${meant}$`, t = `^${typed}$`;
    const n = m.length, k = t.length, w = k + 1;
    const d = new Float64Array((n + 1) * w).fill(-Infinity);
    d[0] = 0;
    const r = this.opRate;
    const delDouble = r['delete-double'], delOther = r['delete-other'], insDouble = r['insert-double'], insOther = r['insert-other'];
    const transpose = r.transpose;
    const groups: RuleGroup[] = [];
    for (let i = 0; i <= n; i++) {
      // The rules whose α starts at i (at most SUBSTRING_MAX groups, one per α's length).
      groups.length = 0;
      for (let node = this.alphas.next[m[i]], at = i + 1; node && at <= n; node = node.next[m[at++]]) {
        if (node.group) groups.push(node.group);
      }
      const a = m[i], aInner = i > 0 && i < n - 1;   // not '^' or '$' (the word's letters are neither)
      const row = i * w, next = row + w;
      const delete1 = m[i - 1] === a ? delDouble : delOther;
      for (let j = 0; j <= k; j++) {
        const cur = d[row + j];
        if (cur === -Infinity) continue;
        const b = t[j], bInner = j > 0 && j < k - 1;
        let v: number;
        if (i < n && j < k) {
          if (a === b) { if (cur > d[next + j + 1]) d[next + j + 1] = cur; }
          else if (aInner && bInner && (v = cur + this.substitute(a, b)) > d[next + j + 1]) d[next + j + 1] = v;
        }
        if (i < n && aInner && (v = cur + delete1) > d[next + j]) d[next + j] = v;
        if (j < k && bInner && i > 0 && i < n && (v = cur + (t[j - 1] === b ? insDouble : insOther)) > d[row + j + 1]) d[row + j + 1] = v;
        if (i + 1 < n && j + 1 < k && a === t[j + 1] && m[i + 1] === b && a !== b && aInner && bInner &&
          (v = cur + transpose) > d[next + w + j + 2]) d[next + w + j + 2] = v;
        // Indexed loops, no iterators or destructuring: a worker's first check runs this before it is compiled.
        for (let gi = 0; gi < groups.length; gi++) {
          const g = groups[gi];
          const to = (i + g.len) * w, dels = g.deletes;
          for (let di = 0; di < dels.length; di++) if ((v = cur + dels[di]) > d[to + j]) d[to + j] = v;
          const starting = b === undefined ? undefined : g.byFirst[b];
          if (!starting) continue;
          for (let si = 0; si < starting.length; si++) {
            const beta = starting[si][0];
            if (t.startsWith(beta, j) && (v = cur + starting[si][1]) > d[to + j + beta.length]) d[to + j + beta.length] = v;
          }
        }
      }
    }
    return d[n * w + k];
  }
}

// Typing slips: the mechanical errors of fingers on keys, apart from the misspellings of writers who do not
// know the spelling (the substring channel, counted over codespell's list, where "namned" and "errot" are
// rare). A slip is one key struck for a neighbouring one, a letter added next to a key it neighbours or
// repeats, a letter dropped, two letters swapped, or a run of two or three letters typed twice (a stutter:
// "paramameters", "maximimum", "usinging", "closesest"; the substring channel prices each added letter of it as
// an edit of its own, 16 to 24 nats); P(typed | meant, a slip) is uniform over the slips of the meant word (the
// slip kind's prior says how often a word is slipped at all: channel.ts).

/** The lengths of a run of letters a stutter types twice. */
const STUTTER = [2, 3] as const;

/** The letters that a slip adds between a and b (either may be '' at a word's end): a repeat or a neighbouring key of either. */
function slipInserts(a: string, b: string): Set<string> {
  const out = new Set<string>();
  for (const c of [a, b]) {
    if (!c) continue;
    out.add(c);
    for (const x of keyboardNeighbours(c)) out.add(x);
  }
  return out;
}

/** How many slips meant (lower case) admits: struck neighbours, added, dropped and swapped letters, stutters. */
export function slipCount(meant: string): number {
  const n = meant.length;
  let count = 2 * n - 1;   // n drops, n - 1 swaps
  for (let i = 0; i < n; i++) count += keyboardNeighbours(meant[i]).length;
  for (let g = 0; g <= n; g++) count += slipInserts(meant[g - 1] ?? '', meant[g] ?? '').size;
  for (const k of STUTTER) count += Math.max(0, n - k + 1);
  return count;
}

/** Does typed repeat a run of k letters of meant right after it (both lower case)? */
function isStutter(m: string, t: string): boolean {
  const k = t.length - m.length;
  if (!(STUTTER as readonly number[]).includes(k)) return false;
  for (let g = k; g <= m.length; g++) if (t === m.slice(0, g) + m.slice(g - k, g) + m.slice(g)) return true;
  return false;
}

/** Is typed one slip of meant (case-insensitive)? */
export function isSlip(meant: string, typed: string): boolean {
  const m = meant.toLowerCase(), t = typed.toLowerCase();
  if (m === t) return false;
  let i = 0;
  while (i < m.length && i < t.length && m[i] === t[i]) i++;
  if (m.length === t.length) {
    if (m.slice(i + 1) === t.slice(i + 1)) return keyboardAdjacent(m[i], t[i]);
    return i + 1 < m.length && m[i] === t[i + 1] && m[i + 1] === t[i] && m.slice(i + 2) === t.slice(i + 2);
  }
  if (t.length === m.length - 1) return m.slice(i + 1) === t.slice(i);
  if (t.length === m.length + 1) {
    // The added letter may be any of a run of equal letters: the one at i, or an earlier copy of it.
    if (t.slice(i + 1) !== m.slice(i)) return false;
    return slipInserts(t[i - 1] ?? '', t[i + 1] ?? '').has(t[i]);
  }
  return isStutter(m, t);
}

/** log P(typed | meant, a slip): uniform over meant's slips; -Infinity when typed is no slip of it. */
export function slipLogP(meant: string, typed: string): number {
  return isSlip(meant, typed) ? -Math.log(slipCount(meant.toLowerCase())) : -Infinity;
}
