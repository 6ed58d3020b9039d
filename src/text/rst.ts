import { StopCheck, type Region, type ShouldStop } from './types';
import { RegionBuilder, trimEnd } from './regionBuilder';
import { splitLines } from './lines';
import type { Span } from './inline';
import { rstInline } from './rstInline';

// Directives whose content is not prose (code, math, file lists, raw output, generated API docs).
const SKIP_DIRECTIVES = new Set(['code', 'code-block', 'sourcecode', 'literalinclude', 'include', 'math', 'raw',
  'toctree', 'highlight', 'csv-table', 'image', 'graphviz', 'digraph', 'graph', 'mermaid', 'plot', 'ipython',
  'doctest', 'testcode', 'testoutput', 'testsetup', 'testcleanup', 'jupyter-execute', 'parsed-literal',
  'productionlist', 'automodule', 'autoclass', 'autofunction', 'automethod', 'autoattribute', 'autodata',
  'autoexception', 'autosummary', 'currentmodule', 'module', 'program', 'option', 'envvar', 'default-role',
  'role', 'meta', 'sectnum', 'contents', 'index', 'tabularcolumns', 'literal', 'code-cell']);
// Directives whose argument (the rest of the directive line) is prose: admonitions and titles.
const PROSE_ARGUMENT = new Set(['note', 'warning', 'tip', 'hint', 'important', 'caution', 'danger', 'attention',
  'error', 'admonition', 'seealso', 'topic', 'sidebar', 'rubric', 'table', 'list-table', 'deprecated',
  'versionadded', 'versionchanged', 'versionremoved', 'centered', 'dropdown', 'tab', 'tab-item', 'card']);
const VERSION_DIRECTIVES = new Set(['deprecated', 'versionadded', 'versionchanged', 'versionremoved']);
const ADORNMENT = '=-`:\'"~^_*+#<>.';
const FIELD = /:(?![\s:])[^:`\n]{1,80}(?<!\s):(?=\s|$)/y;
const BULLET = /(?:[-*+\u2022\u2023\u2043]|(?:\d{1,9}|#|[A-Za-z]|[ivxlcdmIVXLCDM]{1,9})[.)]|\((?:\d{1,9}|#|[A-Za-z]|[ivxlcdmIVXLCDM]{1,9})\))(?:[ \t]+|$)/y;
const NO_PROSE_FIELDS = new Set(['type', 'rtype', 'vartype', 'ivar', 'meta', 'nocomments', 'orphan', 'tocdepth',
  'version', 'revision', 'date', 'status', 'contact', 'address']);

/** True when [s, e) is one adornment character repeated (at least 3 times) with nothing else but trailing space. */
function isAdornment(text: string, s: number, e: number): boolean {
  e = trimEnd(text, s, e);
  if (e - s < 3) return false;
  const c = text.charCodeAt(s);
  if (!ADORNMENT.includes(String.fromCharCode(c))) return false;
  for (let i = s + 1; i < e; i++) if (text.charCodeAt(i) !== c) return false;
  return true;
}

/** Column ranges of a simple-table border ("=====  ====="), or null when the line is not one with 2+ columns. */
function simpleTableColumns(text: string, s: number, e: number): Span[] | null {
  e = trimEnd(text, s, e);
  const cols: Span[] = [];
  for (let i = s; i < e;) {
    const c = text.charCodeAt(i);
    if (c === 0x20) { i++; continue; }
    if (c !== 0x3d) return null;
    const a = i;
    while (i < e && text.charCodeAt(i) === 0x3d) i++;
    cols.push([a - s, i - s]);
  }
  return cols.length >= 2 ? cols : null;
}

function isGridBorder(text: string, s: number, e: number): boolean {
  if (text.charCodeAt(s) !== 0x2b || e - s < 3) return false;
  for (let i = s; i < e; i++) if ('+-=|: \t'.indexOf(text[i]) === -1) return false;
  return true;
}

/**
 * reStructuredText (Sphinx, docutils): paragraphs, titles, list items, field bodies, table cells and admonition
 * text are prose blocks; comments, directives that hold code or file lists (and every directive's options),
 * literal blocks after '::', doctest blocks, targets, substitution definitions and inline markup are skipped.
 */
export function rstRegions(text: string, shouldStop?: ShouldStop): Region[] {
  const b = new RegionBuilder(text);
  const stop = new StopCheck(shouldStop);
  const { starts, ends } = splitLines(text);
  if (text.charCodeAt(0) === 0xfeff) starts[0] = 1;
  let para: Span[] = [];
  let paraIndent = 0;
  let literalNext = false;
  let skipDeeper = -1;        // skip non-blank lines indented more than this (a comment, code, a literal block)
  let options = -1;           // directive options (":name: value") indented more than this are skipped
  let doctest = false;
  let grid = false;
  let simple: Span[] | null = null;
  let borders = 0;
  let tableIndent = 0;
  let itemIndent = -1;        // indentation of the field or list marker that began the paragraph, or -1
  const isField = (p: number): boolean => { FIELD.lastIndex = p; return text.charCodeAt(p) === 0x3a && FIELD.test(text); };
  const isBullet = (p: number): boolean => { BULLET.lastIndex = p; return BULLET.test(text); };
  const emitLine = (a: number, z: number): void => rstInline(text, a, z, (x, y) => b.add(x, y));
  const flush = (): void => {
    b.newBlock();
    for (const [a, z] of para) emitLine(a, z);
    b.newBlock();
    para = [];
    if (literalNext) skipDeeper = paraIndent;
    literalNext = false;
  };
  const cells = (s: number, e: number): void => {
    let cell = s;
    for (let i = s; i <= e; i++) {
      if (i === e || text.charCodeAt(i) === 0x7c) { b.newBlock(); emitLine(cell, i); b.newBlock(); cell = i + 1; }
    }
  };

  for (let l = 0; l < starts.length; l++) {
    const s = starts[l];
    const e = ends[l];
    stop.at(s);
    let p = s;
    while (p < e && (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09)) p++;
    const indent = p - s;
    if (p === e || trimEnd(text, p, e) === p) {
      if (para.length > 0 || literalNext) flush(); // a lone "::" paragraph still announces a literal block
      doctest = false;
      grid = false;
      if (simple !== null && borders >= 2) simple = null;
      options = -1;
      b.newBlock();
      continue;
    }
    if (skipDeeper !== -1) {
      if (indent > skipDeeper) continue;
      skipDeeper = -1;
    }
    if (doctest) continue;
    if (options !== -1) {
      if (indent > options && para.length === 0 && text.charCodeAt(p) === 0x3a) { FIELD.lastIndex = p; if (FIELD.test(text)) continue; }
      options = -1;
    }
    if (grid) {
      if (!isGridBorder(text, p, e)) cells(p + (text.charCodeAt(p) === 0x7c ? 1 : 0), trimEnd(text, p, e));
      continue;
    }
    const cols = para.length === 0 ? simpleTableColumns(text, p, e) : null;
    if (cols !== null) { // a simple table's border: the first, the one under the header, the last
      if (simple === null) { simple = cols; tableIndent = indent; borders = 1; }
      else if (++borders === 3) simple = null;
      continue;
    }
    if (simple !== null) { // a row: each column is a block; the last column runs to the line end
      for (let k = 0; k < simple.length; k++) {
        const from = Math.min(e, s + tableIndent + simple[k][0]);
        const to = k === simple.length - 1 ? e : Math.min(e, s + tableIndent + simple[k][1]);
        b.newBlock();
        if (to > from) emitLine(from, trimEnd(text, from, to));
      }
      b.newBlock();
      continue;
    }
    if (isAdornment(text, p, e)) { // a title's underline (or overline), or a transition
      if (para.length > 0) { literalNext = false; flush(); }
      continue;
    }
    if (para.length > 0 && indent > paraIndent) flush(); // a definition under its term, a quote under its paragraph
    // A field or list item right under the previous one (no blank line between) starts a new item.
    if (para.length > 0 && indent === itemIndent && (isField(p) || isBullet(p))) flush();
    if (para.length === 0) {
      itemIndent = -1;
      if (text.startsWith('..', p) && (p + 2 === e || text.charCodeAt(p + 2) === 0x20 || text.charCodeAt(p + 2) === 0x09)) {
        explicit(s, p, e, indent);
        continue;
      }
      if (text.startsWith('__ ', p) || text.startsWith('>>>', p)) {
        if (text.startsWith('>>>', p)) doctest = true;
        else skipDeeper = indent;
        continue;
      }
      if (isGridBorder(text, p, e)) { grid = true; continue; }
      if (isField(p)) {
        itemIndent = indent;
        const name = text.slice(p + 1, FIELD.lastIndex - 1).trim().split(/\s/)[0].toLowerCase();
        b.newBlock();
        if (NO_PROSE_FIELDS.has(name)) { skipDeeper = indent; continue; }
        p = FIELD.lastIndex;
        while (p < e && text.charCodeAt(p) === 0x20) p++;
      } else if (text.charCodeAt(p) === 0x7c && (text.charCodeAt(p + 1) === 0x20 || p + 1 === e)) {
        p++; // a line block's '|'
      } else if (isBullet(p)) {
        b.newBlock();
        itemIndent = indent;
        p = BULLET.lastIndex;
      }
      paraIndent = p - s; // continuation lines of a list item or field body line up with its text
    }
    let z = trimEnd(text, p, e);
    if (text.endsWith('::', z) && z - p >= 2) { // "Paragraph::" → "Paragraph:" and a literal block follows
      literalNext = true;
      z = z - 2 === p || text.charCodeAt(z - 3) === 0x20 ? z - 2 : z - 1;
    }
    if (z > p) para.push([p, z]);
  }
  if (para.length > 0) flush();
  return b.regions;

  /** indexOf bounded to the line, so many unclosed '[' or '::'-less lines stay linear. */
  function indexIn(needle: string, from: number, e: number): number {
    for (let i = from; i + needle.length <= e; i++) if (text.startsWith(needle, i)) return i;
    return -1;
  }

  /** An explicit markup block (".. "): a directive, footnote, citation, target, substitution or comment. */
  function explicit(s: number, p: number, e: number, indent: number): void {
    b.newBlock();
    let q = p + 2;
    while (q < e && (text.charCodeAt(q) === 0x20 || text.charCodeAt(q) === 0x09)) q++;
    const c = text.charCodeAt(q);
    if (c === 0x5b) { // .. [1] footnote / .. [CIT] citation: the body is prose
      const close = indexIn(']', q, e);
      if (close !== -1) {
        let from = close + 1;
        while (from < e && text.charCodeAt(from) === 0x20) from++;
        paraIndent = from - s;
        const to = trimEnd(text, from, e);
        if (to > from) para.push([from, to]);
        return;
      }
    }
    const nameEnd = indexIn('::', q, e);
    const name = nameEnd === -1 ? '' : text.slice(q, nameEnd);
    if (c === 0x5f || c === 0x7c || nameEnd === -1 || !/^[A-Za-z0-9][\w.+:-]{0,80}$/.test(name)) {
      skipDeeper = indent; // a target, a substitution definition or a comment
      return;
    }
    const directive = name.toLowerCase().replace(/^[\w-]{1,40}:(?=[\w-]+$)/, ''); // py:function → function
    if (SKIP_DIRECTIVES.has(directive)) { skipDeeper = indent; return; }
    options = indent;
    if (PROSE_ARGUMENT.has(directive)) {
      let from = nameEnd + 2;
      if (VERSION_DIRECTIVES.has(directive)) { // ".. versionadded:: 2.1 Some text": the version is not prose
        while (from < e && text.charCodeAt(from) === 0x20) from++;
        while (from < e && text.charCodeAt(from) !== 0x20) from++;
      }
      const to = trimEnd(text, from, e);
      if (to > from) { b.newBlock(); emitLine(from, to); b.newBlock(); }
    }
  }
}
