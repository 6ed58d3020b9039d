// A sorted text file read as it is, one entry a line, found by binary search over its characters: loading is the
// read alone (a Map of dist/misspellings.txt's 87k entries took ~150 ms and ~25 MB; line offsets ~25 ms). Two files
// have this shape, both written sorted by scripts/build-lexicon.mjs: dist/misspellings.txt ("misspelling<TAB>fixes"),
// and dist/attested.txt (a word a line).

export class SortedLines {
  /**
   * shape names a line in errors: a key alone ("word"), or with "<TAB>" a key, a tab and a value that is not empty
   * ("misspelling<TAB>fixes").
   */
  constructor(private readonly text: string, private readonly file: string, private readonly shape: string) {}

  /**
   * The value of key's line ('' for a file of keys alone), undefined where no line has it. Each probe reads the line
   * it lands in; a line of another shape than the file's is an error naming the file.
   */
  find(key: string): string | undefined {
    const { text } = this;
    const valued = this.shape.includes('<TAB>');
    // The lines left to search are those in text[lo, hi), both ends at a line start: the line holding
    // the middle character starts at or after lo and ends before hi.
    let lo = 0, hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = text.lastIndexOf('\n', mid - 1) + 1;
      let end = text.indexOf('\n', mid);
      if (end < 0) end = text.length;
      const tab = text.indexOf('\t', start);
      const keyEnd = valued ? tab : end;
      if (valued ? tab <= start || tab >= end - 1 : end === start || (tab >= 0 && tab < end)) {
        throw new Error(`${this.file}: not "${this.shape}": ${JSON.stringify(text.slice(start, Math.min(end, start + 80)))}`);
      }
      const c = this.compare(start, keyEnd, key);
      if (c === 0) return valued ? text.slice(tab + 1, end) : '';
      if (c < 0) lo = end + 1;
      else hi = start;
    }
    return undefined;
  }

  /** text[a0, a1) against s, as strings compare (by UTF-16 code units), without slicing. */
  private compare(a0: number, a1: number, s: string): number {
    for (let i = 0; a0 + i < a1 && i < s.length; i++) {
      const d = this.text.charCodeAt(a0 + i) - s.charCodeAt(i);
      if (d) return d;
    }
    return (a1 - a0) - s.length;
  }
}
