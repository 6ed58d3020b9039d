// Adversarial inputs for the region parsers and a robust way to time them. A linear parser costs about 10× the
// time on 10× the input, a quadratic one 100×. Timing is done in CPU time (a descheduled process on a loaded
// machine must not look slow) and in two steps: every input is parsed once at LARGE characters, and only an
// input that costs far more than the parser's typical input of that size is measured again at LARGE / 10,
// LARGE and 10 × LARGE, with repeated runs of at least 20 ms, in up to three rounds (the best round counts).
//
// Growth is measured twice, 10k → 100k and 100k → 1M, and a case fails only when both exceed MAX_RATIO: a
// linear parser crosses a memory regime on one of them (at 10k its arrays stay in V8's young generation and
// the CPU caches, at 1M its text leaves the L2 cache) and was measured at 48× (10k → 100k, an array of line
// starts alone 108×) or 28× (100k → 1M) there, with 2× per doubling elsewhere; a quadratic one is ~100× on both.
import { clearInlineMemo } from '../../../src/text/markdown';
import { proseRegions } from '../../../src/text/regions';

export const LARGE = 100_000;
/** 10× the input may cost at most this many times the time. The issue asked for ~15×; linear parsers that
 *  allocate a region per line measured up to 16× (100k → 1M) and 78× (10k → 100k) here from garbage collection
 *  and caches alone, while every quadratic parser found measured ≥ 100× (seconds at 100k). */
export const MAX_RATIO = 25;
/** A case is measured for growth when one parse costs this many times the parser's median case. */
const SUSPICIOUS = 20;
/** A parse of LARGE characters slower than this is quadratic-looking already: no need to wait for 10 × LARGE. */
const HOPELESS_MS = 1000;
/** Below this a LARGE parse is not worth measuring again (a quadratic one costs seconds there). */
const FLOOR_MS = 50;
/** Rounds of growth measurement before a case is called superlinear (the best round counts). */
const ROUNDS = 3;

/** Markup of every parser: list and quote markers, delimiters, brackets, backticks, math, HTML, LaTeX. */
const DOCUMENT_PATTERNS = [
  '- ', '* ', '+ ', '1. ', '1) ', '> ', '# ', '## ', '` ', '`', '``', '```', '```\n', '~~~\n', '$', '$$', '\\$', '<!--', '-->',
  '<a ', '<a>', '</a>', '<', '>', '<<', '>>', '[', ']', '](', '![', '[^', '[x]', '{', '}', '{{', '{%', '(', ')', '|',
  '|-', '| ', ' ', '\t', '\n', '\r', '\r\n', '\n\n', '*', '**', '_', '__', '~', '^', '#', '=', '==', '-', '--', '----\n',
  '====\n', '....\n', '++++\n', '////\n', '+', ':', '::', ':a:', ':a: ', ':a:`', '`a`_', '`a <b>`_', '|a|', '[#]_',
  '.. ', '..\n', '.. _a:', '.. a::', '.. [1] ', '__ ', '>>> ', '\\', '\\begin{', '\\end{', '\\begin{itemize}',
  '\\section{', '\\verb', '%', '&', '&amp', '\\\\', 'http://', 'www.', 'a@b.c ', 'a@', ':x:', 'import ', 'export ',
  '{/*', '<A b="', '<A b={', '"', "'", '@', '.a', '[a]', '[[', ']]', 'link:', 'image::x[', '{a}', 'NOTE: ',
  'a:: ', 'a;; ', ':a: b\n', 'Signed-off-by: a\n', '# ', '>8', 'diff --git ',
];
/** Comment and string openers of every language the comment lexer reads, plus what confuses lexers. */
const CODE_PATTERNS = [
  '//', '/*', '*/', '/**', '///', '#', '--', '--[[', ']]', '<#', '#>', '"', "'", '`', '"""', "'''", '${', '}', '{',
  'r#"', 'r"', 'R"(', ')"', '@"', '<<EOF\n', '<<-', '/', '\\', '\n', '\r', ' ', '(', '=', '/a/', 'x = /', '$', 'b"',
  '# noqa', '@param ', '* @', '```', '>>> ', ':param a: ', 'a (int): ', 'http://', '<p>', '{@link ', '\'a', '#!',
];

/** Inputs of about `size` characters built from a pattern: repeated, repeated with a word, one per line, and
 *  the two shapes reported as quadratic (a run of list markers, a table separator with a long space run). */
export function adversarialInputs(code: boolean): { name: string; text: (size: number) => string }[] {
  const out: { name: string; text: (size: number) => string }[] = [];
  const fill = (unit: string) => (size: number): string => unit.repeat(Math.max(1, Math.floor(size / unit.length))) + 'text';
  for (const p of code ? CODE_PATTERNS : DOCUMENT_PATTERNS) {
    out.push({ name: JSON.stringify(p), text: fill(p) });
    if (!code) out.push({ name: `${JSON.stringify(p)} + word`, text: fill(p + 'ab ') });
    out.push({ name: `${JSON.stringify(p)} per line`, text: fill(p + 'ab\n') });
  }
  out.push({ name: 'list markers then text', text: (n) => '- '.repeat(n / 2) + 'text' });
  out.push({ name: 'table separator with a space run', text: (n) => 'a|b\n-' + ' '.repeat(n) + 'x' });
  out.push({ name: 'nested quotes', text: (n) => '> '.repeat(n / 2) + 'text' });
  out.push({ name: 'indented list ladder', text: (n) => Array.from({ length: n / 50 }, (_, k) => ' '.repeat(k % 45) + '- a').join('\n') });
  out.push({ name: 'long word', text: (n) => 'a'.repeat(n) });
  out.push({ name: 'long prose line', text: (n) => 'the cat sat. '.repeat(n / 13) });
  return out;
}

/** CPU time per call (ms), not wall time: on a loaded machine a descheduled parser must not look slow. */
/** CPU time per call (ms), not wall time: on a loaded machine a descheduled parser must not look slow. */
function timePerCall(fn: () => void, minMs: number): number {
  let calls = 0;
  const c0 = process.cpuUsage();
  let used = 0;
  do {
    fn();
    calls++;
    const c = process.cpuUsage(c0);
    used = (c.user + c.system) / 1000;
  } while (used < minMs);
  return used / calls;
}

function best(fn: () => void, minMs: number, trials: number): number {
  let m = Infinity;
  fn(); // compiled before timing
  for (let k = 0; k < trials; k++) m = Math.min(m, timePerCall(fn, minMs));
  return m;
}

export interface Slow { input: string; ms: number; growth: number }

/**
 * Every adversarial input for one language whose cost grows faster than MAX_RATIO for 10× the input (or whose
 * LARGE parse alone takes HOPELESS_MS). An empty list means linear on everything tried.
 */
export function superlinearInputs(languageId: string, code: boolean, screenOnly = false): Slow[] {
  const cases = adversarialInputs(code);
  // Cold every time: a remembered paragraph (markdown.ts's inline memo) would time a lookup, not the parser.
  const parse = (t: string) => () => { clearInlineMemo(); proseRegions(t, languageId); };
  const texts = cases.map((c) => c.text(LARGE));
  const costs = texts.map((t) => best(parse(t), 0, 1)); // one parse each: the screen only looks for outliers
  const median = [...costs].sort((a, b) => a - b)[Math.floor(costs.length / 2)];
  const slow: Slow[] = [];
  cases.forEach((c, k) => {
    if (costs[k] <= Math.max(SUSPICIOUS * median, FLOOR_MS)) return;
    if (costs[k] > HOPELESS_MS || screenOnly) { slow.push({ input: c.name, ms: costs[k], growth: Infinity }); return; }
    // Rounds measure the sizes back to back, so a burst of load elsewhere inflates both sides of one ratio.
    const sizes = [c.text(LARGE / 10), texts[k], c.text(10 * LARGE)];
    let growth = Infinity;
    for (let round = 0; round < ROUNDS && growth > MAX_RATIO; round++) {
      const [small, mid, big] = sizes.map((t) => best(parse(t), 20, 2));
      growth = Math.min(growth, mid / small, big / mid);
    }
    if (growth > MAX_RATIO) slow.push({ input: c.name, ms: costs[k], growth });
  });
  return slow;
}
