import type { StopCheck } from './types';

/** What a language's lexer must know to find comments without being fooled by strings. */
export interface CommentSyntax {
  line: string[];                  // line comment openers
  block: [string, string][];       // block comment open/close, longest first
  nested?: boolean;                // block comments nest (Rust, Swift, Kotlin)
  quotes: string;                  // quote characters of ordinary strings (backslash escapes)
  multilineStrings?: boolean;      // ordinary strings may span lines (otherwise they end at a line break)
  triple?: string;                 // quote characters that form triple-quoted strings
  template?: boolean;              // JS/TS template literals with ${...}
  regex?: boolean;                 // JS regex literals
  rawBacktick?: boolean;           // Go raw strings `...`
  rust?: boolean;                  // r#"..."# raw strings; 'a' chars vs 'a lifetimes
  cppRaw?: boolean;                // R"delim(...)delim"
  csVerbatim?: boolean;            // @"..."
  shell?: boolean;                 // '#' only at a word start; 'no escapes'; here-documents
  python?: boolean;                // docstrings
}

export interface CommentRecord {
  kind: 'line' | 'block' | 'doc';
  markerStart: number;             // where the comment (or docstring quote) begins
  start: number;                   // content start, after the markers
  end: number;                     // content end, before the closing marker
  marker: string;                  // the opening marker as written ('//', '///', '#', '/**'...)
}

const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw',
  'case', 'do', 'else', 'yield', 'await']);
const REGEX_AFTER = '(,=:[!&|?{};+-*%<>~^';
const MAX_REGEX = 1000;

function isIdent(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f ||
    c === 0x24 || c >= 0x80;
}

/**
 * Finds the comments (and, for Python, the docstrings) of a source file in one forward pass. Every construct is
 * skipped by jumping past its end, so the pass is linear.
 */
export function lexComments(text: string, L: CommentSyntax, stop?: StopCheck): CommentRecord[] {
  const n = text.length;
  const out: CommentRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.startsWith('#!', i) && (L.shell === true || L.python === true)) {
    while (i < n && text.charCodeAt(i) !== 0x0a) i++;
  }
  let lastSig = 0;          // last significant code character (0 = start of file)
  let lastWord = '';
  const braces: number[] = [];   // JS: 1 marks a template substitution's brace
  let depth = 0;            // Python bracket depth
  let stmtStart = true;
  let header = false;
  let expectDoc = L.python === true;
  const heredocs: { delim: string; strip: boolean }[] = [];

  const lineEnd = (j: number): number => {
    while (j < n && text.charCodeAt(j) !== 0x0a && text.charCodeAt(j) !== 0x0d) j++;
    return j;
  };
  const quoted = (j: number, q: number, escapes: boolean, multiline: boolean): number => {
    for (j++; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x5c && escapes) { j++; continue; }
      if (c === q) return j + 1;
      if ((c === 0x0a || c === 0x0d) && !multiline) return j;
    }
    return n;
  };
  const triple = (j: number, q: number): number => {
    for (j += 3; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x5c) { j++; continue; }
      if (c === q && text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q) return j + 3;
    }
    return n;
  };
  const template = (j: number): number => { // from inside a template; stops after ` or after ${
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x5c) { j++; continue; }
      if (c === 0x60) return j + 1;
      if (c === 0x24 && text.charCodeAt(j + 1) === 0x7b) { braces.push(1); return j + 2; }
    }
    return n;
  };
  const string = (start: number, end: number, contentStart: number, contentEnd: number): void => {
    if (expectDoc) out.push({ kind: 'doc', markerStart: start, start: contentStart, end: contentEnd, marker: '"""' });
    expectDoc = false;
    stmtStart = false;
    lastSig = 0x22;
    i = end;
  };

  while (i < n) {
    stop?.at(i);
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      i++;
      if (c === 0x0d && text.charCodeAt(i) === 0x0a) i++;
      if (depth === 0) stmtStart = true;
      while (heredocs.length > 0) { // skip here-document bodies up to their delimiter lines
        const h = heredocs.shift()!;
        while (i < n) {
          const e = lineEnd(i);
          const line = text.slice(i, e);
          i = e < n ? e + (text.charCodeAt(e) === 0x0d && text.charCodeAt(e + 1) === 0x0a ? 2 : 1) : n;
          if ((h.strip ? line.replace(/^\t+/, '') : line) === h.delim) break;
        }
      }
      continue;
    }
    if (c === 0x20 || c === 0x09 || c === 0x0c || c === 0xfeff) { i++; continue; }

    let matched = false;
    for (const [open, close] of L.block) {
      if (!text.startsWith(open, i)) continue;
      let end: number;
      if (L.nested === true) {
        let d = 1;
        let j = i + open.length;
        for (; j < n && d > 0; j++) {
          if (text.startsWith(open, j)) { d++; j += open.length - 1; }
          else if (text.startsWith(close, j)) { d--; j += close.length - 1; }
        }
        end = d === 0 ? j - close.length : n;
      } else {
        const e = text.indexOf(close, i + open.length);
        end = e === -1 ? n : e;
      }
      let s = i + open.length;
      while (s < end && (text.charCodeAt(s) === 0x2a || text.charCodeAt(s) === 0x21)) s++; // /** and /*!
      out.push({ kind: 'block', markerStart: i, start: s, end, marker: text.slice(i, s) });
      i = Math.min(n, end + close.length);
      matched = true;
      break;
    }
    if (matched) continue;
    for (const m of L.line) {
      if (!text.startsWith(m, i)) continue;
      if (L.shell === true && i > 0 && !/[\s;|&()]/.test(text[i - 1])) continue;
      const e = lineEnd(i);
      let s = i + m.length;
      const last = m.charCodeAt(m.length - 1);
      while (s < e && (text.charCodeAt(s) === last || text.charCodeAt(s) === 0x21)) s++;
      out.push({ kind: 'line', markerStart: i, start: s, end: e, marker: text.slice(i, s) });
      i = e;
      matched = true;
      break;
    }
    if (matched) continue;

    if (L.triple !== undefined && L.triple.includes(text[i]) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c) {
      const e = triple(i, c);
      string(i, e, i + 3, Math.max(i + 3, e - 3));
      continue;
    }
    if (L.quotes.includes(text[i]) && !(L.rust === true && c === 0x27)) {
      const escapes = !(L.shell === true && c === 0x27);
      const e = quoted(i, c, escapes, L.multilineStrings === true);
      string(i, e, i + 1, Math.max(i + 1, e - 1));
      continue;
    }
    if (c === 0x60 && (L.rawBacktick === true || L.shell === true)) {
      const e = quoted(i, c, L.shell === true, true);
      string(i, e, i + 1, e - 1);
      continue;
    }
    if (c === 0x60 && L.template === true) {
      i = template(i + 1);
      lastSig = 0x22;
      continue;
    }
    if (c === 0x27 && L.rust === true) { // a char literal, or a lifetime / loop label
      const cp = text.codePointAt(i + 1) ?? 0;
      const w = cp > 0xffff ? 2 : 1;
      if (text.charCodeAt(i + 1) === 0x5c) {
        let j = i + 2;
        while (j < n && j - i < 14 && text.charCodeAt(j) !== 0x27) j++;
        i = j + 1;
      } else if (text.charCodeAt(i + 1 + w) === 0x27) {
        i += 2 + w;
      } else {
        i++;
      }
      lastSig = 0x22;
      continue;
    }
    if (c === 0x40 && L.csVerbatim === true && text.charCodeAt(i + 1) === 0x22) {
      let j = i + 2;
      for (; j < n; j++) {
        if (text.charCodeAt(j) === 0x22) { if (text.charCodeAt(j + 1) === 0x22) j++; else break; }
      }
      i = Math.min(n, j + 1);
      lastSig = 0x22;
      continue;
    }
    if (isIdent(c)) {
      let j = i + 1;
      while (j < n && isIdent(text.charCodeAt(j))) j++;
      const word = text.slice(i, j);
      const next = text.charCodeAt(j);
      if (L.rust === true && (word === 'r' || word === 'br' || word === 'cr') && (next === 0x22 || next === 0x23)) {
        let h = j;
        while (text.charCodeAt(h) === 0x23) h++;
        if (text.charCodeAt(h) === 0x22) {
          const close = '"' + '#'.repeat(h - j);
          const e = text.indexOf(close, h + 1);
          i = e === -1 ? n : e + close.length;
          lastSig = 0x22;
          continue;
        }
      }
      if (L.cppRaw === true && /^(?:u8|u|U|L)?R$/.test(word) && next === 0x22) {
        let open = j + 1; // the delimiter is at most 16 characters, so the search for '(' is bounded
        while (open < n && open - j <= 17 && text.charCodeAt(open) !== 0x28) open++;
        const delim = open >= n || open - j > 17 ? null : text.slice(j + 1, open);
        if (delim !== null && !/[\s\\)]/.test(delim)) {
          const e = text.indexOf(')' + delim + '"', open);
          i = e === -1 ? n : e + delim.length + 2;
          lastSig = 0x22;
          continue;
        }
      }
      const stringPrefix = L.python === true && /^[rRuUbBfF]{1,2}$/.test(word) && (next === 0x22 || next === 0x27);
      if (!stringPrefix) {
        if ((word === 'def' || word === 'class') && (stmtStart || lastWord === 'async')) header = true;
        expectDoc = false;
        stmtStart = false;
      }
      lastWord = word;
      lastSig = 0x61;
      i = j;
      continue;
    }
    // Punctuation.
    if (L.shell === true && c === 0x3c && text.charCodeAt(i + 1) === 0x3c && text.charCodeAt(i + 2) !== 0x3c) {
      const m = /<<(-?)[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/y;
      m.lastIndex = i;
      const r = m.exec(text);
      if (r !== null) {
        heredocs.push({ delim: r[3], strip: r[1] === '-' });
        i = m.lastIndex;
        continue;
      }
    }
    if (L.python === true) {
      if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
      else if ((c === 0x29 || c === 0x5d || c === 0x7d) && depth > 0) depth--;
      else if (c === 0x3a && depth === 0 && header) {
        header = false;
        lastSig = c;
        stmtStart = false;
        i++;
        expectDoc = true; // the next statement, on this line or the next, may be the docstring
        continue;
      } else if (c === 0x3b) stmtStart = true;
      expectDoc = false;
    }
    if (L.template === true) {
      if (c === 0x7b) braces.push(0);
      else if (c === 0x7d && braces.pop() === 1) { i = template(i + 1); lastSig = 0x22; continue; }
    }
    if (c === 0x2f && L.regex === true &&
        (lastSig === 0 || REGEX_AFTER.includes(String.fromCharCode(lastSig)) || (lastSig === 0x61 && REGEX_AFTER_WORD.has(lastWord)))) {
      let j = i + 1;
      let cls = false;
      const lim = Math.min(n, i + MAX_REGEX);
      for (; j < lim; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x5c) { j++; continue; }
        if (d === 0x0a || d === 0x0d) { j = lim; break; }
        if (d === 0x5b) cls = true;
        else if (d === 0x5d) cls = false;
        else if (d === 0x2f && !cls) break;
      }
      if (j < lim) {
        i = j + 1;
        lastSig = 0x22;
        continue;
      }
    }
    lastSig = c;
    i++;
  }
  return out;
}
