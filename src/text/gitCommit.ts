import type { Region } from './regions';
import { RegionBuilder, skipSpaces } from './regionBuilder';
import { splitLines } from './lines';
import { emitParagraphLine } from './plaintext';

const SCISSORS = /^# -+ >8 -+\s*$/;
// Git's trailer syntax: a token (letters, digits, dashes) directly followed by ": " (or "#" for "Fixes #123").
const TRAILER = /^[A-Za-z][A-Za-z0-9-]*(?:: |:$| #)/;
// Keys that are trailers wherever they appear, even outside the final paragraph.
const KNOWN_TRAILER = /^(?:signed-off-by|co-authored-by|reviewed-by|acked-by|tested-by|reported-by|suggested-by|helped-by|cc|change-id|bug|fixes|closes|resolves|refs|see-also|cherry-picked-from|reviewed-on):/i;

/**
 * COMMIT_EDITMSG: comment lines ('#') are skipped, and so is everything from the scissors line or a "diff --git"
 * line on (what `git commit -v` appends). The subject line is a block of its own; the body is plain paragraphs,
 * with backtick code, URLs, e-mails, indented (4+ columns) lines and trailers skipped.
 */
export function gitCommitRegions(text: string): Region[] {
  const b = new RegionBuilder(text);
  const { starts, ends } = splitLines(text);
  if (text.charCodeAt(0) === 0xfeff) starts[0] = 1; // a BOM is not content
  let stop = starts.length;
  for (let l = 0; l < starts.length; l++) {
    const line = text.slice(starts[l], ends[l]);
    if (SCISSORS.test(line) || line.startsWith('diff --git ')) { stop = l; break; }
  }
  // The trailer paragraph is the last paragraph whose every line is a trailer (or a trailer's indented continuation).
  const skip = new Uint8Array(stop);
  let paraEnd = -1;
  let strong = false;
  for (let l = stop - 1; l >= 0; l--) {
    const line = text.slice(starts[l], ends[l]);
    if (line.startsWith('#')) continue;
    if (line.trim() === '') {
      if (paraEnd !== -1) break;
      continue;
    }
    if (paraEnd === -1) paraEnd = l;
    if (!TRAILER.test(line) && !/^[ \t]/.test(line)) { paraEnd = -1; break; }
    if (KNOWN_TRAILER.test(line) || /^[A-Za-z0-9]+-[A-Za-z0-9-]*:/.test(line)) strong = true;
  }
  // A lone "Note: ..." paragraph is prose; a trailer block needs a dashed key (Signed-off-by) or a known one.
  if (paraEnd !== -1 && strong) {
    for (let l = paraEnd; l >= 0; l--) {
      const line = text.slice(starts[l], ends[l]);
      if (line.startsWith('#')) continue;
      if (line.trim() === '') break;
      skip[l] = 1;
    }
  }
  let seenSubject = false;
  for (let l = 0; l < stop; l++) {
    const s = starts[l];
    const e = ends[l];
    const line = text.slice(s, e);
    if (line.startsWith('#')) continue;
    if (skip[l] === 1 || KNOWN_TRAILER.test(line)) { b.newBlock(); continue; }
    const p = skipSpaces(text, s, e);
    if (p === e) { b.newBlock(); continue; }
    if (/^(?: {4}|\t)/.test(line)) { b.newBlock(); continue; }
    emitParagraphLine(text, s, e, b, true);
    if (!seenSubject) {
      seenSubject = true;
      b.newBlock();
    }
  }
  return b.regions;
}
