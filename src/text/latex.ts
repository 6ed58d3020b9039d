import { StopCheck, type Region, type ShouldStop } from './types';
import { Finder, RegionBuilder } from './regionBuilder';
import { BLOCK_ARGS, BREAKS, ENV_ARGS, SKIP_ARGS, SKIP_ENVS } from './latexTables';

const MAX_OPTION = 1000;

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x40;
}

/** True when the line break at i (\n or \r) is followed by a blank line, i.e. it ends a paragraph. */
function blankLineAfter(text: string, i: number): boolean {
  let j = i + 1;
  if (text.charCodeAt(i) === 0x0d && text.charCodeAt(j) === 0x0a) j++;
  while (j < text.length && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
  return j >= text.length || text.charCodeAt(j) === 0x0a || text.charCodeAt(j) === 0x0d;
}

/** End (exclusive) of the brace group opening at i, honouring escapes and comments; `limit` (default: the text
 *  end) when it does not close before it. */
function groupEnd(text: string, i: number, limit = text.length): number {
  let depth = 0;
  for (let j = i; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x25) { while (j < limit && text.charCodeAt(j) !== 0x0a) j++; }
    else if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) return j + 1;
  }
  return limit;
}

/** End of an optional argument [...] opening at i, or -1 when it does not close within a short distance. */
function optionEnd(text: string, i: number, squares: Finder): number {
  const near = squares.find(i); // memoised, so many unclosed '[' stay linear
  if (near === -1 || near - i > MAX_OPTION) return -1;
  let depth = 0;
  const lim = Math.min(text.length, i + MAX_OPTION);
  for (let j = i; j < lim; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x7b) { const z = groupEnd(text, j, lim); if (z >= lim) return -1; j = z - 1; }
    else if (c === 0x5b) depth++;
    else if (c === 0x5d && --depth === 0) return j + 1;
  }
  return -1;
}

/** Skips spaces and at most one line break (a blank line ends the argument list). */
function skipArgSpace(text: string, i: number): number {
  let nl = false;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) i++;
    else if ((c === 0x0a || c === 0x0d) && !nl && !blankLineAfter(text, i)) { nl = true; i++; if (c === 0x0d && text.charCodeAt(i) === 0x0a) i++; }
    else break;
  }
  return i;
}

/** Skips a '*', [options] and up to n brace arguments (n = -1: every argument, the first may be a bare \\name). */
function skipArgs(text: string, i: number, n: number, squares: Finder): number {
  if (text.charCodeAt(i) === 0x2a) i++;
  let taken = 0;
  for (;;) {
    const j = skipArgSpace(text, i);
    const c = text.charCodeAt(j);
    if (c === 0x5b) {
      const z = optionEnd(text, j, squares);
      if (z === -1) return i;
      i = z;
    } else if (c === 0x7b && (n === -1 || taken < n)) {
      i = groupEnd(text, j);
      taken++;
    } else if (n === -1 && taken === 0 && c === 0x5c && isLetter(text.charCodeAt(j + 1))) { // \newcommand\foo{..}
      taken++;
      i = j + 1;
      while (i < text.length && isLetter(text.charCodeAt(i))) i++;
    } else {
      return i;
    }
  }
}

/**
 * LaTeX: prose outside commands, math, comments and code; the arguments of sectioning commands, captions and
 * footnotes are blocks of their own, formatting commands (\emph, \textbf...) are transparent, and the
 * arguments of reference, citation, package and layout commands are skipped. With a \begin{document}, the
 * preamble contributes only its \title-like arguments.
 */
export function latexRegions(text: string, shouldStop?: ShouldStop): Region[] {
  const b = new RegionBuilder(text);
  const stop = new StopCheck(shouldStop);
  const n = text.length;
  const groups: boolean[] = []; // per open brace: does it hold a block-argument (ends a block on close)?
  let blockGroups = 0;
  const squares = new Finder(text, ']', n);
  let pendingBlock = false; // the next '{' opens the argument of a BLOCK_ARGS command
  let preamble = text.includes('\\begin{document}');
  let run = 0;
  let i = 0;
  const flush = (at: number): void => {
    if (!preamble || blockGroups > 0) b.add(run, at);
  };
  const skipTo = (at: number, to: number): void => {
    flush(at);
    run = i = Math.min(to, n);
  };
  while (i < n) {
    stop.at(i);
    const c = text.charCodeAt(i);
    if (c === 0x25) { // % comment to end of line
      let z = i;
      while (z < n && text.charCodeAt(z) !== 0x0a && text.charCodeAt(z) !== 0x0d) z++;
      skipTo(i, z);
      continue;
    }
    if (c === 0x0a || c === 0x0d) {
      if (blankLineAfter(text, i)) { flush(i); b.newBlock(); run = i + 1; }
      i++;
      continue;
    }
    if (c === 0x24) { // $...$ or $$...$$, never past a paragraph break
      const display = text.charCodeAt(i + 1) === 0x24;
      let z = display ? i + 2 : i + 1;
      for (; z < n; z++) {
        const d = text.charCodeAt(z);
        if (d === 0x5c) { z++; continue; }
        if (d === 0x24) { z += display && text.charCodeAt(z + 1) === 0x24 ? 2 : 1; break; }
        if ((d === 0x0a || d === 0x0d) && blankLineAfter(text, z)) break;
      }
      skipTo(i, z);
      continue;
    }
    if (c === 0x7b) { // {
      const block = pendingBlock;
      pendingBlock = false;
      flush(i);
      if (block) { b.newBlock(); blockGroups++; }
      groups.push(block);
      run = i = i + 1;
      continue;
    }
    if (c === 0x7d) { // }
      flush(i);
      const block = groups.pop();
      if (block === true) { b.newBlock(); blockGroups--; }
      run = i = i + 1;
      continue;
    }
    if (c === 0x26 || c === 0x7e) { // & (table cell) ends a block; ~ is a tie (a space)
      flush(i);
      if (c === 0x26) b.newBlock();
      run = i = i + 1;
      continue;
    }
    if (c !== 0x5c) { i++; continue; }

    // Backslash: a control symbol or a control word.
    const d = text.charCodeAt(i + 1);
    if (!isLetter(d)) {
      if (d === 0x28 || d === 0x5b) { // \( ... \)  \[ ... \]
        const z = text.indexOf(d === 0x28 ? '\\)' : '\\]', i + 2);
        skipTo(i, z === -1 ? n : z + 2);
      } else if (d === 0x5c) { // \\ line break, maybe with [length]
        flush(i);
        b.newBlock();
        let z = i + 2;
        if (text.charCodeAt(z) === 0x2a) z++;
        if (text.charCodeAt(z) === 0x5b) { const o = optionEnd(text, z, squares); if (o !== -1) z = o; }
        run = i = z;
      } else if (d === 0x25 || d === 0x26 || d === 0x24 || d === 0x23 || d === 0x5f || d === 0x7b || d === 0x7d) {
        skipTo(i, i + 1); // an escaped character is literal text
        i++;
      } else {
        skipTo(i, i + 2); // accents, spacing, \- hyphenation hints
      }
      continue;
    }
    let z = i + 1;
    while (z < n && isLetter(text.charCodeAt(z))) z++;
    const name = text.slice(i + 1, z);
    if (name === 'begin' || name === 'end') {
      const open = skipArgSpace(text, z);
      if (text.charCodeAt(open) !== 0x7b) { skipTo(i, z); continue; }
      const close = groupEnd(text, open);
      const env = text.slice(open + 1, close - 1).trim();
      flush(i);
      b.newBlock();
      if (name === 'end') {
        run = i = close;
        if (env === 'document') run = i = n;
        continue;
      }
      if (env === 'document') preamble = false;
      if (SKIP_ENVS.has(env)) {
        const end = text.indexOf(`\\end{${env}}`, close);
        run = i = end === -1 ? n : end + env.length + 6;
        continue;
      }
      run = i = skipArgs(text, close, ENV_ARGS.get(env) ?? 0, squares);
      continue;
    }
    if (name === 'verb') {
      let q = z;
      if (text.charCodeAt(q) === 0x2a) q++;
      const delim = text[q];
      let e = q + 1;
      while (e < n && text[e] !== delim && text[e] !== '\n') e++;
      skipTo(i, e + 1);
      continue;
    }
    if (name === 'def' || name === 'gdef' || name === 'edef' || name === 'xdef') {
      let q = z;
      while (q < n && text.charCodeAt(q) !== 0x7b) q++;
      skipTo(i, groupEnd(text, q));
      continue;
    }
    if (name === 'let') { // \let\a\b or \let\a=\b
      const m = /\s*\\[A-Za-z@]+\s*=?\s*\\(?:[A-Za-z@]+|.)/y;
      m.lastIndex = z;
      skipTo(i, m.test(text) ? m.lastIndex : z);
      continue;
    }
    if (BLOCK_ARGS.has(name)) {
      flush(i);
      b.newBlock();
      let q = z;
      if (text.charCodeAt(q) === 0x2a) q++;
      for (;;) { // short title options [..] are skipped, the {...} argument is the block
        const s = skipArgSpace(text, q);
        if (text.charCodeAt(s) !== 0x5b) break;
        const o = optionEnd(text, s, squares);
        if (o === -1) break;
        q = o;
      }
      q = skipArgSpace(text, q);
      pendingBlock = text.charCodeAt(q) === 0x7b;
      run = i = q;
      continue;
    }
    if (BREAKS.has(name)) {
      flush(i);
      b.newBlock();
      run = i = name === 'item' ? skipArgs(text, z, 0, squares) : z;
      continue;
    }
    const skip = SKIP_ARGS.get(name);
    if (skip !== undefined) { skipTo(i, skipArgs(text, z, skip, squares)); continue; }
    // Unknown commands: in the body their arguments are read as text (\emph, \textbf, \mbox...); in the
    // preamble they are settings.
    skipTo(i, preamble ? skipArgs(text, z, -1, squares) : z);
  }
  flush(n);
  return b.regions;
}
