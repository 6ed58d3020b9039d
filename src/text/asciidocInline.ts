import { Finder, isWordCode, matchEndAt as at } from './regionBuilder';
import { emailSpan, urlEnd } from './inline';

// Bounded so each attempt is O(1): a paragraph full of '{', '[' or ':' stays linear.
const ATTRIBUTE_REF = /\{[A-Za-z0-9_][\w-]{0,60}\}/y;
const INLINE_MACRO = /([a-z][a-z0-9]{1,19}):(?!\/\/)[^\s[\]]{0,500}\[/y;
const ROLE = /\[[.#%][\w.#%-]{0,60}\](?=[#*_`])/y;
// Macros whose bracket text is prose (a link's text, a footnote); every other inline macro is skipped whole.
const TEXT_MACROS = new Set(['link', 'xref', 'mailto', 'footnote', 'indexterm2']);
const MACROS = new Set(['link', 'xref', 'mailto', 'footnote', 'footnoteref', 'image', 'icon', 'kbd', 'btn', 'menu',
  'pass', 'stem', 'latexmath', 'asciimath', 'anchor', 'indexterm', 'indexterm2', 'include']);

/**
 * Prose pieces of one line of AsciiDoc inline markup [s, e): monospace, passthroughs, attribute references,
 * macros (link:, xref:, image:, kbd:, pass:...), anchors and cross-references are skipped, keeping the text of
 * links, cross-references and footnotes; formatting marks and roles are dropped. Calls emit(a, z) in order.
 */
export function asciidocInline(text: string, s: number, e: number, emit: (a: number, z: number) => void): void {
  const tick = new Finder(text, '`', e);
  const plus = new Finder(text, '+', e);
  const square = new Finder(text, ']', e);
  const xrefEnd = new Finder(text, '>>', e);
  const anchorEnd = new Finder(text, ']]', e);
  let run = s;
  let i = s;
  const skipTo = (a: number, z: number): void => {
    if (a > run) emit(run, a);
    run = i = z;
  };
  /** Skips [from, close] and emits the bracket text [open + 1, close) up to a first ",key=" attribute. */
  const keepText = (from: number, open: number, close: number): void => {
    let end = close;
    for (let k = open + 1; k < close; k++) if (text.charCodeAt(k) === 0x2c) { end = k; break; }
    skipTo(from, open + 1);
    if (end > open + 1) emit(open + 1, end);
    run = i = close + 1;
  };
  while (i < e) {
    const c = text.charCodeAt(i);
    if (c === 0x60) { // `monospace` and ``monospace``
      let z = i + 1;
      while (z < e && text.charCodeAt(z) === 0x60) z++;
      const close = tick.find(z);
      if (close === -1) { i = z; continue; }
      let after = close;
      while (after < e && text.charCodeAt(after) === 0x60) after++;
      skipTo(i, after);
      continue;
    }
    if (c === 0x2b && (i === s || !isWordCode(text.charCodeAt(i - 1)))) { // +passthrough+, ++x++, +++x+++
      let z = i + 1;
      while (z < e && text.charCodeAt(z) === 0x2b) z++;
      const close = z < e && text.charCodeAt(z) !== 0x20 ? plus.find(z) : -1;
      if (close !== -1) {
        let after = close;
        while (after < e && text.charCodeAt(after) === 0x2b) after++;
        skipTo(i, after);
        continue;
      }
      skipTo(i, z); // a lone '+' (a hard line break at the end of a line)
      continue;
    }
    if (c === 0x7b) {
      const z = at(ATTRIBUTE_REF, text, i, e);
      if (z !== -1) { skipTo(i, z); continue; }
    } else if (c === 0x5b) {
      if (text.charCodeAt(i + 1) === 0x5b) { // [[anchor]] and [[[bibliography]]]
        const z = anchorEnd.find(i + 2);
        if (z !== -1) { let after = z + 2; if (text.charCodeAt(after) === 0x5d) after++; skipTo(i, after); continue; }
      }
      const z = at(ROLE, text, i, e);
      if (z !== -1) { skipTo(i, z); continue; }
    } else if (c === 0x3c && text.charCodeAt(i + 1) === 0x3c) { // <<id>> and <<id,text>>
      const z = xrefEnd.find(i + 2);
      if (z !== -1) {
        let comma = -1;
        for (let k = i + 2; k < z; k++) if (text.charCodeAt(k) === 0x2c) { comma = k; break; }
        skipTo(i, comma === -1 ? z + 2 : comma + 1);
        if (comma !== -1) { if (z > comma + 1) emit(comma + 1, z); run = i = z + 2; }
        continue;
      }
    } else if (c === 0x2a || c === 0x23 || c === 0x5e || c === 0x7e) { // *strong* #mark# ^sup^ ~sub~ markers
      let z = i + 1;
      while (z < e && text.charCodeAt(z) === c) z++;
      skipTo(i, z);
      continue;
    } else if (c === 0x5f) { // _emphasis_ markers, not snake_case
      let z = i + 1;
      while (z < e && text.charCodeAt(z) === 0x5f) z++;
      if (!(i > s && isWordCode(text.charCodeAt(i - 1)) && z < e && isWordCode(text.charCodeAt(z)))) { skipTo(i, z); continue; }
      i = z;
      continue;
    } else if (c === 0x40) {
      const m = emailSpan(text, i, run, e);
      if (m !== null) { skipTo(m[0], m[1]); continue; }
    } else if (c >= 0x61 && c <= 0x7a && (i === s || !isWordCode(text.charCodeAt(i - 1)))) {
      const open = at(INLINE_MACRO, text, i, e);
      const name = open === -1 ? '' : text.slice(i, text.indexOf(':', i));
      if (open !== -1 && MACROS.has(name)) {
        const close = square.find(open);
        if (close !== -1) {
          if (TEXT_MACROS.has(name)) keepText(i, open - 1, close);
          else skipTo(i, close + 1);
          continue;
        }
      }
    }
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
      let u = urlEnd(text, i, s, e);
      if (u !== -1) {
        for (let k = i; k < u; k++) if (text.charCodeAt(k) === 0x5b) { u = k; break; } // https://x.org[Text]
        if (text.charCodeAt(u) === 0x5b) {
          const close = square.find(u);
          if (close !== -1) { keepText(i, u, close); continue; }
        }
        skipTo(i, u);
        continue;
      }
    }
    i++;
  }
  if (run < e) emit(run, e);
}
