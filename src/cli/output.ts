// Where results go. A report file is written to a temporary file beside it and renamed over it only after a
// run that finished, so a failed or interrupted run leaves the previous report as it was; a target that is
// also an input is refused before anything is opened for writing. Devices and FIFOs (-o /dev/null) cannot
// be renamed over, so they are written directly.
import { constants, fstatSync, promises as fs, rmSync, Stats } from 'node:fs';
import * as path from 'node:path';

export class OutputError extends Error {
  override name = 'OutputError';
}

export interface Sink {
  write(text: string): void;
  /** A write failed or the reader went away (EPIPE): stop producing output. */
  readonly failure: NodeJS.ErrnoException | undefined;
  /** Flushes; for a report file, puts it in place (commit) or throws it away. Resolves with the first write error. */
  close(commit: boolean): Promise<NodeJS.ErrnoException | undefined>;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const sameFile = (a: Stats, b: Stats): boolean => a.dev === b.dev && a.ino === b.ino;

/**
 * Refuses an output that would destroy an input (same file by device and inode, which covers symlinks and
 * hard links) or that cannot be a file (a folder). Runs before any input is read or output opened.
 */
export async function checkOutputTarget(target: string, inputs: string[]): Promise<void> {
  if (/[\\/]$/.test(target)) throw new OutputError(`-o ${target}: names a folder; give a file name`);
  const out = await fs.stat(target).catch(() => undefined);
  if (!out) return; // created by this run: no input can be it
  if (out.isDirectory()) throw new OutputError(`-o ${target}: is a folder; give a file name`);
  for (const input of inputs) {
    const st = input === '-' ? stdinStats() : await fs.stat(input).catch(() => undefined);
    if (st && sameFile(st, out)) {
      const what = input === '-' ? 'standard input' : `the input ${input}`;
      throw new OutputError(`-o ${target} is ${what}; writing the report there would destroy it. Choose another output file`);
    }
  }
}

function stdinStats(): Stats | undefined {
  try {
    return fstatSync(0);
  } catch {
    return undefined;
  }
}

/** A sink on a stream the caller owns (stdout): EPIPE and other errors end output instead of crashing. */
export function streamSink(stream: NodeJS.WritableStream): Sink {
  let failure: NodeJS.ErrnoException | undefined;
  stream.on('error', (err: NodeJS.ErrnoException) => { failure ??= err; });
  return {
    get failure() { return failure; },
    write(text) { if (!failure && text) stream.write(text); },
    close: () => new Promise((resolve) => {
      // An empty write's callback runs after everything before it was handed to the OS (or failed).
      if (failure) { resolve(failure); return; }
      stream.write('', (err) => { failure ??= err ?? undefined; resolve(failure); });
    }),
  };
}

/** Opens the report file (its temporary twin, for a regular file); OutputError when that cannot be done. */
export async function fileSink(target: string): Promise<Sink> {
  const existing = await fs.stat(target).catch(() => undefined);
  if (existing && !existing.isFile()) return directSink(target);
  // Replace the file a symlink points to, not the link.
  const real = existing ? await fs.realpath(target) : path.resolve(target);
  await fs.mkdir(path.dirname(real), { recursive: true }).catch((err: Error) => {
    throw new OutputError(`cannot create the folder for ${target}: ${err.message}`);
  });
  const temp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  // Ctrl-C or a kill while checking: remove the temporary file, then die of the same signal. Registered
  // before the file is created, so no signal between the two can leave it behind.
  const onSignal = (signal: NodeJS.Signals): void => {
    rmSync(temp, { force: true });
    process.kill(process.pid, signal);
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);
  const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, existing ? existing.mode & 0o7777 : 0o666)
    .catch((err: Error) => {
      for (const signal of SIGNALS) process.removeListener(signal, onSignal);
      throw new OutputError(`cannot write ${target}: ${err.message}`);
    });
  const sink = handleSink(handle, target);
  return {
    get failure() { return sink.failure; },
    write: (text) => sink.write(text),
    async close(commit) {
      for (const signal of SIGNALS) process.removeListener(signal, onSignal);
      const failure = await sink.close(commit);
      if (commit && !failure) {
        try {
          await fs.rename(temp, real);
          return undefined;
        } catch (err) {
          await fs.rm(temp, { force: true });
          return err as NodeJS.ErrnoException;
        }
      }
      await fs.rm(temp, { force: true });
      return failure;
    },
  };
}

async function directSink(target: string): Promise<Sink> {
  const handle = await fs.open(target, 'w').catch((err: Error) => { throw new OutputError(`cannot write ${target}: ${err.message}`); });
  return handleSink(handle, target);
}

/** Writes in order through one file handle; the first error stops the rest. */
function handleSink(handle: fs.FileHandle, name: string): Sink {
  let failure: NodeJS.ErrnoException | undefined;
  let chain: Promise<void> = Promise.resolve();
  return {
    get failure() { return failure; },
    write(text) {
      if (failure || !text) return;
      chain = chain.then(async () => {
        if (failure) return;
        try {
          await handle.writeFile(text);
        } catch (err) {
          failure = err as NodeJS.ErrnoException;
          failure.message = `cannot write ${name}: ${failure.message}`;
        }
      });
    },
    async close() {
      await chain;
      await handle.close().catch((err: NodeJS.ErrnoException) => { failure ??= err; });
      return failure;
    },
  };
}
