// Types shared by the text parsers and their dispatcher. A leaf: it imports nothing, so no parser has to import
// the dispatcher it feeds.

/**
 * UTF-16 offsets of prose in the original text (end exclusive). `block` numbers paragraphs: regions of one block
 * are one run of prose interrupted only by inline things we skip (inline code, URLs, inline math, link
 * targets...), so they may be read together as one sentence; different blocks must never be joined.
 * Regions are sorted, do not overlap, are trimmed of whitespace, and block numbers never decrease.
 */
export interface Region { start: number; end: number; block: number }

/** Asked now and then while a long document is parsed; returning true abandons the parse with `Cancelled`. */
export type ShouldStop = () => boolean;

/** Thrown by a parser whose `shouldStop` said yes: the caller no longer wants this document's prose. */
export class Cancelled extends Error {
  constructor() {
    super('prose parsing cancelled');
    this.name = 'Cancelled';
  }
}

/** How often (in characters of progress) a parser asks `shouldStop`: rare enough to cost nothing, often enough
 *  that a cancelled check of a megabyte document stops within a millisecond or so. */
export const STOP_EVERY_CHARS = 16_384;

/**
 * A parser's cancellation point: `at(offset)` asks `shouldStop` whenever parsing has advanced another
 * STOP_EVERY_CHARS characters, and throws `Cancelled` on a yes. Free when there is no `shouldStop`.
 */
export class StopCheck {
  private next = STOP_EVERY_CHARS;
  constructor(private readonly shouldStop: ShouldStop | undefined) {}

  at(offset: number): void {
    if (offset < this.next || this.shouldStop === undefined) return;
    this.next = offset + STOP_EVERY_CHARS;
    if (this.shouldStop()) throw new Cancelled();
  }
}
