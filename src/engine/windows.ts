// Sentences → model windows. A block's sentences are tokenized into one piece stream (context from the
// neighbouring sentences helps the model); a stream that fits maxLength is one window, a longer one is
// covered by evenly spread overlapping windows, and each piece takes its energy from the window where it
// is most central, so every piece has ≥ `context` pieces on each side wherever the block allows.
import { readSpans } from '../text/sentences';
import type { WordPiece } from '../text/wordpiece';

export interface Piece { id: number; start: number; end: number }   // UTF-16 span in the checked text

/** The pieces of one block the model reads, in text order: its prose and the code inside its sentences (readSpans). */
export interface Stream { block: number; pieces: Piece[] }

/** pieces [from, to) of streams[stream]; this window is the one that scores pieces [ownFrom, ownTo). */
export interface Window { stream: number; from: number; to: number; ownFrom: number; ownTo: number; ids: number[] }

export interface SentenceLike { start: number; end: number; block: number; parts: { start: number; end: number }[] }

/**
 * Tokenizes what the model reads of every sentence (readSpans: its prose parts and the inline code between them;
 * sentences of the same block go into the same stream). Parts are encoded
 * one by one and their offsets shifted, which equals encoding them joined by whitespace: the tokenizer
 * splits words at whitespace anyway, and offsets stay exact. A stream may be empty (no pieces).
 */
export function tokenizeStreams(text: string, sentences: SentenceLike[], wp: WordPiece): { streams: Stream[]; streamOfSentence: number[] } {
  const streams: Stream[] = [];
  const streamOfSentence: number[] = [];
  let current: Stream | undefined;
  for (const s of sentences) {
    if (!current || current.block !== s.block) streams.push((current = { block: s.block, pieces: [] }));
    streamOfSentence.push(streams.length - 1);
    for (const part of readSpans(text, s)) {
      const { ids, offsets } = wp.encode(text.slice(part.start, part.end));
      for (let i = 0; i < ids.length; i++) {
        current.pieces.push({ id: ids[i], start: part.start + offsets[i][0], end: part.start + offsets[i][1] });
      }
    }
  }
  return { streams, streamOfSentence };
}

/** Window starts for a stream of n pieces with room for `room` per window (see makeWindows). */
export function windowSpans(n: number, room: number, context: number): { from: number; to: number; ownFrom: number; ownTo: number }[] {
  if (n <= room) return [{ from: 0, to: n, ownFrom: 0, ownTo: n }];
  // Consecutive windows overlap by 2*context, so the midpoint hand-over leaves context on both sides.
  const stride = Math.max(1, room - 2 * context);
  const count = Math.ceil((n - room) / stride) + 1;
  const starts: number[] = [];
  for (let i = 0; i < count; i++) starts.push(Math.round((i * (n - room)) / (count - 1)));
  return starts.map((from, i) => ({
    from,
    to: from + room,
    // hand over halfway through the overlap: the point where both windows are equally central
    ownFrom: i === 0 ? 0 : Math.floor((starts[i - 1] + room + from) / 2),
    ownTo: i === count - 1 ? n : Math.floor((from + room + starts[i + 1]) / 2),
  }));
}

export function makeWindows(streams: Stream[], maxLength: number, special: { cls: number; sep: number }, context = 32): Window[] {
  const room = maxLength - 2;
  if (room < 1) throw new RangeError(`maxLength ${maxLength} leaves no room between [CLS] and [SEP]`);
  const windows: Window[] = [];
  streams.forEach((s, si) => {
    if (s.pieces.length === 0) return;
    for (const span of windowSpans(s.pieces.length, room, Math.min(context, Math.floor((room - 1) / 2)))) {
      const ids = [special.cls];
      for (let p = span.from; p < span.to; p++) ids.push(s.pieces[p].id);
      ids.push(special.sep);
      windows.push({ stream: si, ...span, ids });
    }
  });
  return windows;
}
