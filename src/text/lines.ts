/**
 * Line breaks as the parsers see them: LF, CRLF and a lone CR each end a line (a CRLF is one break, not two).
 * One definition for the parsers, the CLI's line/column output and anything else that numbers lines, so a
 * finding's reported line always matches the line the parser read it on.
 */

/** Length of the line break at `i` (2 for CRLF, 1 for LF or a lone CR), or 0 when `i` is not a break. */
export function breakLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x0a) return 1;
  if (c !== 0x0d) return 0;
  return text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
}

/** Line starts and content ends (before the break) of every line; a text of n breaks has n + 1 lines. */
export interface Lines { starts: number[]; ends: number[] }

export function splitLines(text: string): Lines {
  const starts: number[] = [];
  const ends: number[] = [];
  let s = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      starts.push(s);
      ends.push(i);
      if (c === 0x0d && i + 1 < n && text.charCodeAt(i + 1) === 0x0a) i++;
      s = i + 1;
    }
  }
  starts.push(s);
  ends.push(n);
  return { starts, ends };
}

/** Offset → 0-based line and UTF-16 character, by binary search over the line starts (built once, O(n)). */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = splitLines(text).starts;
  }

  /** Number of lines (a text of n breaks has n + 1 lines; the empty text has one). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line and character of `offset`, which must lie in [0, text.length]. The second half of a CRLF
   *  counts as the end of its line (character = the CR's column + 1), never as the start of the next. */
  position(offset: number): { line: number; character: number } {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.text.length) {
      throw new RangeError(`offset ${offset} outside the text (length ${this.text.length})`);
    }
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }

  /** Offset of the start of 0-based `line`. */
  lineStart(line: number): number {
    if (!Number.isInteger(line) || line < 0 || line >= this.starts.length) {
      throw new RangeError(`line ${line} outside the text (${this.starts.length} lines)`);
    }
    return this.starts[line];
  }
}
