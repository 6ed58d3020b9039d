import { StopCheck, type Region, type ShouldStop } from './types';
import { RegionBuilder, trimEnd } from './regionBuilder';
import { splitLines } from './lines';
import { asciidocInline } from './asciidocInline';

type BlockKind = 'skip' | 'prose' | 'table';
// Delimited blocks by their delimiter character (a line of 4+ of it; "--" is an open block, ``` a fence).
const DELIMITERS = new Map<number, BlockKind>([
  [0x2d, 'skip'],   // ---- listing
  [0x2e, 'skip'],   // .... literal
  [0x2b, 'skip'],   // ++++ passthrough
  [0x2f, 'skip'],   // //// comment
  [0x3d, 'prose'],  // ==== example (admonitions)
  [0x2a, 'prose'],  // **** sidebar
  [0x5f, 'prose'],  // ____ quote
]);
// Block styles ([source], [stem]...) that make the next paragraph or block not prose.
const SKIP_STYLES = new Set(['source', 'listing', 'literal', 'stem', 'latexmath', 'asciimath', 'pass', 'comment',
  'subs', 'plantuml', 'graphviz', 'mermaid', 'ditaa', 'shell', 'console']);
const ADMONITION = /(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION): /y;
const SECTION = /(?:={1,6}|#{1,6})[ \t]+/y;
const ATTRIBUTE_ENTRY = /:!?[A-Za-z0-9_][\w-]{0,80}!?:(?:[ \t]|$)/y;
const BULLET = /(?:\*{1,5}|-|\.{1,5}|\d{1,9}\.|[A-Za-z]\.|[ivxIVX]{1,6}\))[ \t]+(?:\[[ xX*]\][ \t]+)?/y;
const MACRO_NAME = /[a-z][\w-]{0,40}::/y;

/** The delimiter kind of a line ("----", "====", "|===", "--", "```lang"), or undefined when it is not one. */
function delimiter(line: string): BlockKind | undefined {
  if (line === '--') return 'prose';
  if (line.startsWith('```')) return 'skip';
  if (line.length >= 4 && (line.startsWith('|===') || line.startsWith(',===') || line.startsWith(':===') || line.startsWith('!==='))) {
    for (let i = 4; i < line.length; i++) if (line.charCodeAt(i) !== 0x3d) return undefined;
    return 'table';
  }
  if (line.length < 4) return undefined;
  const c = line.charCodeAt(0);
  const kind = DELIMITERS.get(c);
  if (kind === undefined) return undefined;
  for (let i = 1; i < line.length; i++) if (line.charCodeAt(i) !== c) return undefined;
  return kind;
}

/**
 * AsciiDoc (Asciidoctor, Antora): paragraphs, section and block titles, list items, description-list terms and
 * definitions, table cells and admonition text are prose blocks; attribute entries, block attribute lines,
 * comments, listing/literal/passthrough/comment blocks, styled code paragraphs, indented literal paragraphs,
 * block macros (image::, include::, ifdef::...) and inline markup are skipped.
 */
export function asciidocRegions(text: string, shouldStop?: ShouldStop): Region[] {
  const b = new RegionBuilder(text);
  const stop = new StopCheck(shouldStop);
  const { starts, ends } = splitLines(text);
  if (text.charCodeAt(0) === 0xfeff) starts[0] = 1;
  const open: { line: string; kind: BlockKind }[] = [];
  let skipStyle = false;   // the next block or paragraph was styled [source], [stem]...
  let skipPara = false;    // inside a paragraph that is not prose (styled, or an indented literal paragraph)
  let inPara = false;
  let header = false;      // between the document title and the first blank line
  const emit = (a: number, z: number): void => asciidocInline(text, a, z, (x, y) => b.add(x, y));
  const cells = (s: number, e: number, sep: number): void => {
    let cell = s;
    for (let i = s; i <= e; i++) {
      if (i < e && text.charCodeAt(i) !== sep) continue;
      let end = trimEnd(text, cell, i);
      let spec = end; // a cell specifier glued to the next separator: "2+|", "a|", ".^|"
      while (spec > cell && /[0-9.+*<^>aehlmdsv]/.test(text[spec - 1])) spec--;
      if (i < e && spec < end && (spec === cell || text.charCodeAt(spec - 1) === 0x20)) end = spec;
      b.newBlock();
      emit(cell, end);
      b.newBlock();
      cell = i + 1;
    }
  };

  for (let l = 0; l < starts.length; l++) {
    const s = starts[l];
    const e = trimEnd(text, s, ends[l]);
    stop.at(s);
    const top = open.length > 0 ? open[open.length - 1] : undefined;
    const line = text.slice(s, e);
    if (top !== undefined && top.kind === 'skip') {
      if (line === top.line || (top.line.startsWith('```') && line === '```')) open.pop();
      continue;
    }
    if (e === s) { // blank
      b.newBlock();
      inPara = false;
      skipPara = false;
      header = false;
      continue;
    }
    if (skipPara) continue;
    if (line.startsWith('//') && !line.startsWith('////')) continue; // a comment line
    const kind = delimiter(line);
    if (kind !== undefined) {
      b.newBlock();
      inPara = false;
      if (top !== undefined && (line === top.line || (top.kind === 'table' && line.slice(1) === top.line.slice(1)))) {
        open.pop();
      } else {
        open.push({ line, kind: skipStyle ? 'skip' : kind });
      }
      skipStyle = false;
      continue;
    }
    if (line === '+') { b.newBlock(); inPara = false; continue; } // a list continuation attaches the next block
    if (!inPara) {
      if (header && !line.startsWith(':')) continue; // the author and revision lines under the document title
      ATTRIBUTE_ENTRY.lastIndex = s;
      if (ATTRIBUTE_ENTRY.test(text)) continue;
      if (text.charCodeAt(s) === 0x5b && text.charCodeAt(e - 1) === 0x5d) { // [source,python], [NOTE], [[id]]
        const style = line.slice(1, -1).split(/[,#.%]/)[0].trim().toLowerCase();
        if (SKIP_STYLES.has(style)) skipStyle = true;
        b.newBlock();
        continue;
      }
      if (text.charCodeAt(s) === 0x2e && e > s + 1 && text.charCodeAt(s + 1) !== 0x2e && text.charCodeAt(s + 1) !== 0x20) {
        b.newBlock(); // .Block title
        emit(s + 1, e);
        b.newBlock();
        continue;
      }
      SECTION.lastIndex = s;
      if (SECTION.test(text)) {
        b.newBlock();
        emit(SECTION.lastIndex, e);
        b.newBlock();
        header = l === 0 && text.charCodeAt(s + 1) === 0x20; // "= Document Title"
        continue;
      }
      MACRO_NAME.lastIndex = s;
      if (MACRO_NAME.test(text) && text.charCodeAt(e - 1) === 0x5d) { b.newBlock(); continue; } // image::x[], include::y[]
      if (skipStyle || text.charCodeAt(s) === 0x20 || text.charCodeAt(s) === 0x09) { // styled or indented literal
        skipStyle = false;
        skipPara = true;
        b.newBlock();
        continue;
      }
    }
    if (top !== undefined && top.kind === 'table') {
      const sep = top.line.charCodeAt(0);
      const first = text.charCodeAt(s) === sep ? s + 1 : s;
      cells(first, e, sep);
      continue;
    }
    let p = s;
    BULLET.lastIndex = s;
    if (BULLET.test(text)) { b.newBlock(); p = BULLET.lastIndex; inPara = false; } // every item line starts an item
    ADMONITION.lastIndex = p;
    if (!inPara && ADMONITION.test(text)) p = ADMONITION.lastIndex;
    // Description list: "term:: definition" (also ":::", "::::" and ";;"); the term is a block of its own.
    for (let k = p; k + 1 < e; k++) {
      const c = text.charCodeAt(k);
      if ((c !== 0x3a && c !== 0x3b) || text.charCodeAt(k + 1) !== c) continue;
      let z = k;
      while (z < e && text.charCodeAt(z) === c) z++;
      if ((z === e || text.charCodeAt(z) === 0x20 || text.charCodeAt(z) === 0x09) && (c === 0x3a ? z - k <= 4 : z - k === 2) && k > p) {
        b.newBlock();
        emit(p, k);
        b.newBlock();
        p = z;
        inPara = false;
      }
      break;
    }
    if (!inPara) b.newBlock();
    emit(p, e);
    inPara = true;
  }
  return b.regions;
}
