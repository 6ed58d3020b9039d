import { StopCheck, type Region, type ShouldStop } from './types';
import { RegionBuilder, isSpaceCode, trimEnd } from './regionBuilder';
import { emitPlain } from './inline';
import { CommentRecord, CommentSyntax, lexComments } from './commentLexer';

const C_BLOCK: [string, string][] = [['/*', '*/']];
const C_LIKE: CommentSyntax = { line: ['//'], block: C_BLOCK, quotes: '"\'' };
const JS: CommentSyntax = { ...C_LIKE, template: true, regex: true };
const HASH: CommentSyntax = { line: ['#'], block: [], quotes: '"\'', shell: true };

const SYNTAX = new Map<string, CommentSyntax>([
  ['typescript', JS], ['typescriptreact', JS], ['javascript', JS], ['javascriptreact', JS],
  ['c', C_LIKE], ['cpp', { ...C_LIKE, cppRaw: true }], ['cuda-cpp', { ...C_LIKE, cppRaw: true }],
  ['objective-c', C_LIKE], ['objective-cpp', C_LIKE], ['json', C_LIKE], ['jsonc', C_LIKE],
  ['java', { ...C_LIKE, triple: '"' }],
  ['csharp', { ...C_LIKE, triple: '"', csVerbatim: true }],
  ['go', { ...C_LIKE, rawBacktick: true }],
  ['rust', { line: ['//'], block: C_BLOCK, nested: true, quotes: '"', multilineStrings: true, rust: true }],
  ['swift', { line: ['//'], block: C_BLOCK, nested: true, quotes: '"', triple: '"' }],
  ['kotlin', { ...C_LIKE, nested: true, triple: '"' }],
  ['scala', { ...C_LIKE, triple: '"' }],
  ['dart', { ...C_LIKE, triple: '"\'' }],
  ['php', { line: ['//', '#'], block: C_BLOCK, quotes: '"\'', multilineStrings: true }],
  ['css', { line: [], block: C_BLOCK, quotes: '"\'' }],
  ['scss', C_LIKE], ['less', C_LIKE],
  ['python', { line: ['#'], block: [], quotes: '"\'', triple: '"\'', python: true }],
  ['shellscript', { ...HASH, multilineStrings: true }],
  ['dockerfile', HASH], ['makefile', HASH], ['yaml', HASH], ['toml', { ...HASH, triple: '"\'' }],
  ['ruby', { line: ['#'], block: [], quotes: '"\'', multilineStrings: true }],
  ['r', { line: ['#'], block: [], quotes: '"\'', multilineStrings: true }],
  ['powershell', { line: ['#'], block: [['<#', '#>']], quotes: '"\'', multilineStrings: true }],
  ['lua', { line: ['--'], block: [['--[[', ']]']], quotes: '"\'' }],
  ['sql', { line: ['--'], block: C_BLOCK, quotes: '"\'', multilineStrings: true }],
]);

/** Whether commentRegions knows the comment syntax of a language id. */
export function hasCommentSyntax(languageId: string): boolean {
  return SYNTAX.has(languageId);
}

// Tool directives, not prose.
const PRAGMA = /^(?:eslint\b|@ts-|prettier-ignore|istanbul |c8 |jshint|jslint|global |tslint:|noqa\b|type: ?ignore|pylint:|pragma\b|fmt: |isort:|mypy:|pyright:|-\*-|vim?:|go:|\+build|nolint|NOLINT|clang-format|#?(?:end)?region\b|shellcheck |SPDX-License-Identifier:|@flow\b|@jsx|sourceMappingURL|rubocop:|frozen_string_literal|swiftlint:|cSpell:|spell-checker:|webpackChunkName|#(?:if|else|endif|define|include)\b)/i;
// Doc tags whose whole line is metadata (names, versions, references, code).
const NO_PROSE_TAGS = new Set(['see', 'link', 'linkcode', 'since', 'version', 'author', 'example', 'license',
  'copyright', 'module', 'namespace', 'memberof', 'type', 'typedef', 'default', 'defaultvalue', 'implements',
  'extends', 'augments', 'access', 'alias', 'lends', 'class', 'constructor', 'private', 'public', 'protected',
  'internal', 'override', 'readonly', 'abstract', 'static', 'async', 'generator', 'inheritdoc', 'ignore', 'hidden',
  'enum', 'interface', 'function', 'func', 'method', 'name', 'kind', 'instance', 'global', 'inner', 'mixes',
  'mixin', 'event', 'fires', 'listens', 'emits', 'callback', 'requires', 'exports', 'import', 'satisfies',
  'category', 'group', 'sealed', 'virtual', 'alpha', 'beta', 'experimental', 'packagedocumentation', 'serial',
  'file', 'code', 'endcode', 'tableofcontents', 'cond', 'endcond', 'ingroup', 'defgroup', 'addtogroup']);
// Doc tags followed by a name (parameter, property, type parameter) before their description.
const NAME_TAGS = new Set(['param', 'arg', 'argument', 'property', 'prop', 'template', 'tparam', 'typeparam',
  'throws', 'throw', 'exception', 'raises', 'field', 'member', 'var', 'attr', 'attribute', 'retval']);
const TAG = /^[@\\]([A-Za-z]+)(?:\[[^\]]*\])?/;
const FIELD = /^:(\w+)(?:\s[^:\n]*)?:/;           // reST :param x: / :returns: / :raises ValueError:
const GOOGLE_ARG = /^\*{0,2}[A-Za-z_][\w.]*[ \t]*(?:\([^)\n]{0,80}\))?[ \t]*:(?=\s|$)/; // name (type): desc / Args:
const NUMPY_PARAM = /^[A-Za-z_]\w*[ \t]+:[ \t]+\S/;    // "x : int" lines of NumPy-style docstrings
const BULLET = /^(?:[-*+\u2022]|\d{1,3}[.)]|#{1,6})[ \t]/;
const DECORATION = /^[-=*_#/~+<>.|:\s]*$/;

interface BodyState { python: boolean; fence: boolean; example: boolean; doctest: boolean }

/** Emits one comment line (markers already removed) as prose of the current block. */
function emitCommentLine(text: string, s: number, e: number, st: BodyState, b: RegionBuilder, block: boolean): void {
  let p = s;
  while (p < e && isSpaceCode(text.charCodeAt(p))) p++;
  if (block && text.charCodeAt(p) === 0x2a && !(text.charCodeAt(p + 1) === 0x2a)) { // " * " of /** ... */
    p++;
    while (p < e && isSpaceCode(text.charCodeAt(p))) p++;
  }
  e = trimEnd(text, p, e);
  const line = text.slice(p, e);
  const fenceLine = /^(?:```|~~~)/.test(line);
  if (fenceLine || (!st.fence && /^[@\\]code\b/.test(line)) || (st.fence && /^[@\\]endcode\b/.test(line))) {
    st.fence = !st.fence; // Markdown fences in doc comments, Doxygen @code ... @endcode
    b.newBlock();
    return;
  }
  if (st.fence) return;
  if (line === '' || DECORATION.test(line)) {
    st.doctest = false;
    b.newBlock();
    return;
  }
  if (st.python && /^(?:>>>|\.\.\.)(?:\s|$)/.test(line)) { st.doctest = true; b.newBlock(); return; }
  if (st.doctest) return;
  // Commented-out code: a line ending in ';' or '{', or only closing brackets.
  if (PRAGMA.test(line) || /[;{]$/.test(line) || /^[})\]];?$/.test(line)) { b.newBlock(); return; }
  const tag = TAG.exec(line);
  if (tag !== null) {
    b.newBlock();
    st.example = false;
    const name = tag[1].toLowerCase();
    if (NO_PROSE_TAGS.has(name)) { st.example = name === 'example' || name === 'code'; return; }
    let q = p + tag[0].length;
    q = skipBlanks(text, q, e);
    let typed = false;
    if (text.charCodeAt(q) === 0x7b) { // {Type}
      let d = 0;
      for (; q < e; q++) {
        const c = text.charCodeAt(q);
        if (c === 0x7b) d++;
        else if (c === 0x7d && --d === 0) { q++; break; }
      }
      typed = true;
      q = skipBlanks(text, q, e);
    }
    if (NAME_TAGS.has(name) && !(typed && (name === 'throws' || name === 'throw' || name === 'exception'))) {
      if (text.charCodeAt(q) === 0x5b) { while (q < e && text.charCodeAt(q) !== 0x5d) q++; q++; }
      else while (q < e && !isSpaceCode(text.charCodeAt(q))) q++;
      q = skipBlanks(text, q, e);
      if (text.charCodeAt(q) === 0x2d || text.charCodeAt(q) === 0x3a) q = skipBlanks(text, q + 1, e);
    }
    emitPlain(text, q, e, b, { code: true, doc: true });
    return;
  }
  if (st.example) return;
  if (st.python) {
    const field = FIELD.exec(line);
    if (field !== null) {
      b.newBlock();
      if (field[1] !== 'type' && field[1] !== 'rtype' && field[1] !== 'vartype') {
        emitPlain(text, p + field[0].length, e, b, { code: true, doc: true });
      }
      return;
    }
    if (NUMPY_PARAM.test(line)) { b.newBlock(); return; }
    const arg = GOOGLE_ARG.exec(line);
    if (arg !== null) {
      b.newBlock();
      emitPlain(text, p + arg[0].length, e, b, { code: true, doc: true });
      return;
    }
  }
  const bullet = BULLET.exec(line);
  if (bullet !== null) {
    b.newBlock();
    p += bullet[0].length;
  }
  emitPlain(text, p, e, b, { code: true, doc: true });
}

function skipBlanks(text: string, q: number, e: number): number {
  while (q < e && (text.charCodeAt(q) === 0x20 || text.charCodeAt(q) === 0x09)) q++;
  return q;
}

/** True when only spaces and tabs stand between the line start and `at`. */
function firstOnLine(text: string, at: number): boolean {
  let j = at - 1;
  while (j >= 0 && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09 || text.charCodeAt(j) === 0xfeff)) j--;
  return j < 0 || text.charCodeAt(j) === 0x0a || text.charCodeAt(j) === 0x0d;
}

/** True when [a, b) is whitespace holding exactly one line break. */
function oneLineBreak(text: string, a: number, b: number): boolean {
  let breaks = 0;
  for (let j = a; j < b; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a) breaks++;
    else if (c === 0x0d) { breaks++; if (text.charCodeAt(j + 1) === 0x0a) j++; }
    else if (c !== 0x20 && c !== 0x09) return false;
    if (breaks > 1) return false;
  }
  return breaks === 1;
}

/**
 * Prose in the comments of a source file: consecutive whole-line comments form one block (a blank line, code or
 * a change of marker ends it), each block comment or docstring is its own block, and blank or decorative lines,
 * doc tags, list bullets and fenced code inside a comment end blocks too.
 */
export function commentRegions(text: string, languageId: string, shouldStop?: ShouldStop): Region[] {
  const syntax = SYNTAX.get(languageId);
  if (syntax === undefined) throw new Error(`no comment syntax for language '${languageId}'`);
  const b = new RegionBuilder(text);
  let prev: CommentRecord | null = null;
  let prevAlone = false;
  let st: BodyState = { python: false, fence: false, example: false, doctest: false };
  const stop = new StopCheck(shouldStop);
  for (const r of lexComments(text, syntax, stop)) {
    stop.at(r.end);
    const alone = firstOnLine(text, r.markerStart);
    const continues = prev !== null && prev.kind === 'line' && r.kind === 'line' && prev.marker === r.marker &&
      alone && prevAlone && oneLineBreak(text, prev.end, r.markerStart);
    if (!continues) {
      b.newBlock();
      st = { python: r.kind === 'doc', fence: false, example: false, doctest: false };
    }
    if (r.kind === 'line') {
      emitCommentLine(text, r.start, r.end, st, b, false);
    } else {
      let s = r.start;
      for (let j = r.start; j <= r.end; j++) {
        const c = j < r.end ? text.charCodeAt(j) : 0x0a;
        if (c !== 0x0a && c !== 0x0d) continue;
        emitCommentLine(text, s, j, st, b, r.kind === 'block');
        if (c === 0x0d && text.charCodeAt(j + 1) === 0x0a && j + 1 < r.end) j++;
        s = j + 1;
      }
      b.newBlock();
    }
    prev = r;
    prevAlone = alone;
  }
  return b.regions;
}
