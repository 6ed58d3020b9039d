// Adversarial inputs for the region parsers and a robust way to time them. Timing is done in CPU time (a
// descheduled process on a loaded machine must not look slow) and in two steps: every input is parsed once at
// LARGE characters, and only an input that costs far more than the parser's typical input of that size is
// measured for growth: its cost per character at LARGE and at 2, 4, ... 32 × LARGE (3.2M characters), each the
// best of repeated runs of at least 20 ms, in up to three rounds (the best round counts).
//
// A quadratic parser's cost per character doubles with every doubling of the input: 32× over the ladder. A
// linear one's is flat but for steps where its allocations change regime in V8 (out of the young generation,
// out of the CPU caches), which moved it 8.3× at most here between 100k and 3.2M with every input of seven
// languages forced up the ladder on a loaded machine (the LaTeX parser on "\\$" runs alone: 40 ns a character at
// 100k, 181 at 3M; flat from 2M to 8M). Ratios of two sizes inside that range do not tell the two apart: 10k ->
// 100k -> 1M read 40× and 32× on that linear parser (the test before this one, whose 25× limit on both failed CI
// on 2026-12-06), and 1M -> 4M read 15.9× on another, where a quadratic one reads 16×.
import { clearInlineMemo } from '../../../src/text/markdown';
import { proseRegions } from '../../../src/text/regions';

export const LARGE = 100_000;
/** Sizes of the growth ladder, in LARGEs. */
const LADDER = [1, 2, 4, 8, 16, 32];
/** The cost per character anywhere on the ladder may be at most this many times that at LARGE: linear parsers
 *  measured up to 8.3× here, a quadratic one is 32× at the top (and passes 16× at 16 × LARGE). */
export const MAX_GROWTH = 16;
/** A case is measured for growth when one parse costs this many times the parser's median case. */
const SUSPICIOUS = 20;
/** A parse of LARGE characters slower than this is quadratic-looking already: no need to climb the ladder. */
const HOPELESS_MS = 1000;
/** Below this a LARGE parse is not worth measuring again (a quadratic one costs seconds there). */
const FLOOR_MS = 50;
/** A parse on the ladder slower than this ends the climb as superlinear (a linear parser takes 0.1-0.6 s at its
 *  top here; a quadratic one that passed HOPELESS_MS at LARGE would take minutes). */
const HOPELESS_LADDER_MS = 10_000;
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
 * Every adversarial input for one language whose cost per character grows more than MAX_GROWTH times from LARGE
 * to 32 × LARGE characters (or whose LARGE parse alone takes HOPELESS_MS). An empty list means linear on
 * everything tried.
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
    let growth = Infinity;
    for (let round = 0; round < ROUNDS && growth > MAX_GROWTH; round++) growth = Math.min(growth, ladderGrowth(c.text, parse));
    if (growth > MAX_GROWTH) slow.push({ input: c.name, ms: costs[k], growth });
  });
  return slow;
}

/** The most the cost per character grows from LARGE up the ladder; the climb stops once it is past MAX_GROWTH. */
export function ladderGrowth(text: (size: number) => string, parse: (t: string) => () => void): number {
  let base = 0, growth = 1;
  for (const m of LADDER) {
    const ms = best(parse(text(m * LARGE)), 20, 2);
    if (m === LADDER[0]) { base = ms / m; continue; }
    growth = Math.max(growth, ms / m / base);
    if (growth > MAX_GROWTH) break;
    if (ms > HOPELESS_LADDER_MS) return Infinity;
  }
  return growth;
}
