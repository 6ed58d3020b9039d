import type { Region } from './regions';
import { RegionBuilder, skipSpaces } from './regionBuilder';
import { splitLines } from './lines';
import { emitPlain } from './inline';

const BULLET = /(?:[-*+\u2022]|\d{1,3}[.)])[ \t]/y;

/**
 * Emits one line of paragraph text: a line that starts with a list bullet ("- ", "* ", "• ", "1. ", "2) ")
 * starts a new block and the bullet itself is skipped.
 */
export function emitParagraphLine(text: string, s: number, e: number, b: RegionBuilder, code: boolean): void {
  const p = skipSpaces(text, s, e);
  if (p === e) {
    b.newBlock();
    return;
  }
  BULLET.lastIndex = p;
  if (BULLET.test(text)) {
    b.newBlock();
    s = BULLET.lastIndex;
  }
  emitPlain(text, s, e, b, { code });
}

/** Plain text: paragraphs separated by blank lines (list lines are blocks of their own); URLs and e-mails skipped. */
export function plaintextRegions(text: string): Region[] {
  const b = new RegionBuilder(text);
  const { starts, ends } = splitLines(text);
  for (let l = 0; l < starts.length; l++) emitParagraphLine(text, starts[l], ends[l], b, false);
  return b.regions;
}
