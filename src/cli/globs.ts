// File arguments and globs to a list of files, with tinyglobby (fdir + picomatch) doing the walking and
// matching. What this file adds: a pattern that cannot compile is a clear error before any work, and
// patterns whose matching time explodes are refused, because picomatch's regexes backtrack.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { globSync, isDynamicPattern } from 'tinyglobby';

export class GlobError extends Error {
  override name = 'GlobError';
}

/**
 * Each extra `*` in one path segment multiplies the worst-case matching time of a name by its length
 * (`*a*a*a*a*b` against a 200-character name is ~10^8 regex steps); three cover every glob we have seen.
 */
export const MAX_STARS_PER_SEGMENT = 3;

// Braces and ? and [..] are kept; extglobs (+(a|b), @(..)) are bash options, and their nested
// quantifiers are the classic catastrophic-backtracking shape.
const MATCH = { dot: false, noextglob: true, posix: true } as const;

/** Throws GlobError naming the pattern when picomatch cannot compile it or it is too costly to match. */
export function validateGlob(pattern: string): void {
  for (const segment of pattern.split('/')) {
    if (segment === '**') continue;
    const stars = segment.replace(/\\./g, '').match(/\*+/g)?.length ?? 0;
    if (stars > MAX_STARS_PER_SEGMENT) {
      throw new GlobError(`bad glob '${pattern}': more than ${MAX_STARS_PER_SEGMENT} '*' in the path segment '${segment}' ` +
        '(each one multiplies the time to match a name; use fewer)');
    }
  }
  try {
    picomatch.makeRe(pattern, { ...MATCH, debug: true });
  } catch (err) {
    throw new GlobError(`bad glob '${pattern}': ${(err as Error).message.replace(/^Invalid regular expression: \/.*\/: /, '')}`);
  }
}

/**
 * '-' and names of existing paths are taken as they are (a missing one is reported when read); other
 * arguments with glob syntax are matched. Dot entries and node_modules are only entered when the pattern
 * names them, as a shell or .gitignore-aware tool would. Throws GlobError for a bad pattern.
 */
export function expandInputs(args: string[], cwd = process.cwd()): { files: string[]; unmatched: string[] } {
  const globs = args.filter((a) => a !== '-' && isDynamicPattern(a) && !existsSync(path.resolve(cwd, a)));
  for (const g of globs) validateGlob(slashes(g));
  const files: string[] = [], unmatched: string[] = [];
  for (const arg of args) {
    if (!globs.includes(arg)) { files.push(arg); continue; }
    // Walk from the literal prefix (picomatch's scan), so the result keeps the argument's own form
    // (relative or absolute) and ignore rules apply below it wherever it is.
    const { base, glob } = picomatch.scan(slashes(arg));
    const matched = globSync(glob, {
      cwd: path.resolve(cwd, base), onlyFiles: true, expandDirectories: false, dot: MATCH.dot, extglob: false,
      ignore: glob.split('/').includes('node_modules') ? [] : ['**/node_modules/**'],
    }).sort().map((m) => (base ? path.join(base, m) : m));
    if (matched.length === 0) unmatched.push(arg);
    files.push(...matched.map((m) => (path.isAbsolute(m) ? path.normalize(m) : m)));
  }
  return { files: [...new Set(files)], unmatched };
}

/** Globs use '/'; on Windows a backslash is a separator too, elsewhere it escapes the next character. */
function slashes(p: string): string {
  return process.platform === 'win32' ? p.replace(/\\/g, '/') : p;
}
