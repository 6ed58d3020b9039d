// Files read whole on libuv's thread pool while the engine thread is busy with work that blocks it: onnxruntime
// opens its sessions synchronously (~190 ms of the worker's start on a 2-core EPYC VM), and the lexicon and the known
// misspellings (11.6 MB) read after them took ~30 ms more of the same thread, most of it the first touch of fresh
// pages. A read ahead is one read request for the whole file, so it goes on with the engine thread blocked; its
// reader takes the bytes when it wants them. Measured, the one-line command (15 runs each, interleaved with the build
// before): 734 -> 703 ms median. The model files' and cached graphs' sums read the same way (28 MB more, hashed once
// in) made it slower instead, 742 -> 822 ms: their pages were faulted in beside onnxruntime's own allocations.
import * as fs from 'node:fs';

const started = new Map<string, Promise<Buffer | undefined>>();
const finished = new Map<string, Buffer>();

/**
 * Starts reading `file` whole on the thread pool (once: a second call gets the same read). Resolves to its bytes,
 * or to undefined where it could not be read whole: its reader then reads it as it would have without this, and
 * meets the error there, in its own words.
 */
export function readAhead(file: string): Promise<Buffer | undefined> {
  let read = started.get(file);
  if (!read) {
    read = readWhole(file).then((bytes) => {
      if (started.get(file) === read) {
        if (bytes) finished.set(file, bytes);
        else started.delete(file);   // nothing to hand over: a later call tries again
      }
      return bytes;
    });
    started.set(file, read);
  }
  return read;
}

/**
 * The bytes of a finished read ahead of `file`, handed over once (the next reader reads the file again), or
 * undefined where none was started, it failed, or it has not finished.
 */
export function takeReadAhead(file: string): Buffer | undefined {
  const bytes = finished.get(file);
  if (bytes) {
    finished.delete(file);
    started.delete(file);
  }
  return bytes;
}

function readWhole(file: string): Promise<Buffer | undefined> {
  let fd: number, size: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return Promise.resolve(undefined);
  }
  try {
    size = fs.fstatSync(fd).size;
  } catch {
    fs.closeSync(fd);
    return Promise.resolve(undefined);
  }
  const bytes = Buffer.allocUnsafeSlow(size);
  return new Promise((resolve) => {
    const done = (whole: boolean) => fs.close(fd, () => resolve(whole ? bytes : undefined));
    const from = (at: number): void => {
      if (at === size) return done(true);
      fs.read(fd, bytes, at, size - at, at, (err, n) => (err || n === 0 ? done(false) : from(at + n)));
    };
    from(0);
  });
}
