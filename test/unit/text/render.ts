import { proseRegions } from '../../../src/text/regions';
import type { Region } from '../../../src/text/types';

/** The prose of a document as one string per block, its regions joined by '|'. */
export function blocks(text: string, languageId: string): string[] {
  return render(text, proseRegions(text, languageId));
}

export function render(text: string, regions: Region[]): string[] {
  const out: string[] = [];
  let last = -1;
  for (const r of regions) {
    const piece = text.slice(r.start, r.end);
    if (r.block === last) out[out.length - 1] += '|' + piece;
    else out.push(piece);
    last = r.block;
  }
  return out;
}

/** Checks the invariants every language promises: sorted, disjoint, trimmed, non-empty, blocks non-decreasing. */
export function assertWellFormed(text: string, regions: Region[]): void {
  let prevEnd = 0;
  let prevBlock = -1;
  for (const r of regions) {
    if (!(r.start >= prevEnd && r.end > r.start && r.end <= text.length)) {
      throw new Error(`bad region [${r.start}, ${r.end}) after ${prevEnd}`);
    }
    if (r.block < prevBlock) throw new Error(`block ${r.block} after ${prevBlock}`);
    if (/^\s|\s$/u.test(text.slice(r.start, r.end))) throw new Error(`untrimmed region ${JSON.stringify(text.slice(r.start, r.end))}`);
    prevEnd = r.end;
    prevBlock = r.block;
  }
}
