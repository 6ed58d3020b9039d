// Reading one input with a bound: a file, a FIFO, a device or stdin is read in chunks and given up on as
// soon as it holds more bytes than any text under the size limit can take, so /dev/zero or an endless
// pipe costs a few MB, never all memory.
import { promises as fs } from 'node:fs';

export class TooLargeError extends Error {
  override name = 'TooLargeError';
}

/**
 * The most bytes a text of `maxChars` UTF-16 code units can take, plus a byte-order mark: UTF-8 needs at
 * most 3 bytes per code unit (4 for a surrogate pair, i.e. 2 per unit), UTF-16 exactly 2.
 */
export function byteBudget(maxChars: number): number {
  return 3 * maxChars + 3;
}

const CHUNK = 1 << 16;

/** The bytes of `file` ('-' = stdin); TooLargeError once more than `maxBytes` have arrived. */
export async function readBounded(file: string, maxBytes: number): Promise<Buffer> {
  if (file === '-') return readStream(process.stdin, maxBytes);
  const handle = await fs.open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // One byte past the budget is enough to know the input is over it.
      const want = Math.min(CHUNK, maxBytes + 1 - total);
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buf, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw new TooLargeError(`more than ${maxBytes} bytes`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk as Buffer;
    chunks.push(buf);
    total += buf.length;
    if (total > maxBytes) {
      // Stop reading: the rest of the pipe is left to its writer (who gets EPIPE, as with `head`).
      (stream as NodeJS.ReadStream).destroy?.();
      throw new TooLargeError(`more than ${maxBytes} bytes`);
    }
  }
  return Buffer.concat(chunks, total);
}
