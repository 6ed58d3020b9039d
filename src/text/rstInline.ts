import { Finder, isWordCode, matchEndAt as at } from './regionBuilder';
import { emailSpan, urlEnd } from './inline';

// Bounded so each attempt is O(1): a paragraph of ':' or '|' stays linear.
const ROLE = /:[A-Za-z][\w.+-]{0,40}(?::[\w.+-]{1,40})?:(?=`)/y;           // :func:`x`, :py:class:`Y`
const TRAILING_ROLE = /:[A-Za-z][\w.+-]{0,40}(?::[\w.+-]{1,40})?:/y;       // `x`:math:
const SUBSTITUTION = /\|[^|\s](?:[^|\n]{0,100}[^|\s])?\|(?:__?)?/y;        // |name| and |name|_
const FOOTNOTE_REF = /\[(?:\d{1,6}|#[\w.-]{0,60}|\*|[A-Za-z][\w.-]{0,60})\]_/y; // [1]_ [#note]_ [*]_ [CIT2002]_

/**
 * Prose pieces of one line of reStructuredText inline markup [s, e): inline literals, roles, interpreted text,
 * substitution and footnote references, URLs and e-mails are skipped; hyperlink references keep their text
 * (`Link text <url>`_ → "Link text"); emphasis markers and escapes are dropped. Calls emit(a, z) in order.
 */
export function rstInline(text: string, s: number, e: number, emit: (a: number, z: number) => void): void {
  const literalEnd = new Finder(text, '``', e);
  const tickEnd = new Finder(text, '`', e);
  let run = s;
  let i = s;
  const skipTo = (a: number, z: number): void => {
    if (a > run) emit(run, a);
    run = i = z;
  };
  while (i < e) {
    const c = text.charCodeAt(i);
    if (c === 0x60) { // `
      if (text.charCodeAt(i + 1) === 0x60) {
        const z = literalEnd.find(i + 2);
        if (z === -1) { i += 2; continue; }
        skipTo(i, z + 2);
        continue;
      }
      const z = tickEnd.find(i + 1);
      if (z === -1) { i++; continue; }
      let after = z + 1;
      const link = text.charCodeAt(after) === 0x5f;
      if (link) {
        after += text.charCodeAt(after + 1) === 0x5f ? 2 : 1;
        let textEnd = z;
        if (text.charCodeAt(z - 1) === 0x3e) { // `Link text <target>`_
          let lt = z - 1;
          while (lt > i && text.charCodeAt(lt) !== 0x3c) lt--;
          if (lt > i) textEnd = lt;
        }
        const open = i;
        skipTo(open, open + 1);
        if (textEnd > open + 1) emit(open + 1, textEnd);
        run = i = after;
        continue;
      }
      const role = at(TRAILING_ROLE, text, after, e);
      skipTo(i, role === -1 ? after : role); // interpreted text (Sphinx's default role is code-like)
      continue;
    }
    if (c === 0x3a) { // :role:`...`
      const r = at(ROLE, text, i, e);
      if (r !== -1 && (i === s || !isWordCode(text.charCodeAt(i - 1)))) {
        const z = tickEnd.find(r + 1);
        if (z !== -1) {
          let after = z + 1;
          while (after < e && text.charCodeAt(after) === 0x5f && after - z <= 2) after++;
          skipTo(i, after);
          continue;
        }
      }
    } else if (c === 0x7c) {
      const z = at(SUBSTITUTION, text, i, e);
      if (z !== -1) { skipTo(i, z); continue; }
    } else if (c === 0x5b) {
      const z = at(FOOTNOTE_REF, text, i, e);
      if (z !== -1) { skipTo(i, z); continue; }
    } else if (c === 0x2a) { // *emphasis* and **strong** markers
      let z = i + 1;
      while (z < e && text.charCodeAt(z) === 0x2a) z++;
      skipTo(i, z);
      continue;
    } else if (c === 0x5f) { // reference_ and anonymous__ suffixes, _`inline targets`
      let z = i + 1;
      while (z < e && text.charCodeAt(z) === 0x5f) z++;
      const suffix = i > s && isWordCode(text.charCodeAt(i - 1)) && (z >= e || !isWordCode(text.charCodeAt(z)));
      if (suffix || text.charCodeAt(z) === 0x60) { skipTo(i, z); continue; }
      i = z;
      continue;
    } else if (c === 0x5c) { // backslash escape
      skipTo(i, i + 1);
      i++;
      continue;
    } else if (c === 0x40) {
      const m = emailSpan(text, i, run, e);
      if (m !== null) { skipTo(m[0], m[1]); continue; }
    } else {
      const u = urlEnd(text, i, s, e);
      if (u !== -1) { skipTo(i, u); continue; }
    }
    i++;
  }
  if (run < e) emit(run, e);
}
