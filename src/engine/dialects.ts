// The English dialects a check reads, in one place: the setting's enum (package.json, held to this list by a
// unit test), the CLI's --dialect, the engine's lexicon (lexicon.ts) and the build (scripts/build-lexicon.mjs).
// en-US is the base lexicon alone (dist/lexicon.bin). Every other dialect is a layer over it: the words its
// own Hunspell dictionary accepts and the base lacks ("favour", "colour", "organise", "licence"; en-CA's
// "colour" and "centre" beside its "organize"), built into a small file of its own. A layered dialect accepts both spellings: the goal is no false flags for its
// writers, not flagging American spellings.

export const DIALECTS = ['en-US', 'en-GB', 'en-CA', 'en-AU'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** The file of a dialect's layer in dist/ and the npm package of the Hunspell dictionary it is built from. */
export interface DialectLayer { file: string; hunspell: string; what: string }

export const DIALECT_LAYERS: Readonly<Record<Exclude<Dialect, 'en-US'>, DialectLayer>> = {
  'en-GB': { file: 'lexicon-en-GB.bin', hunspell: 'dictionary-en-gb', what: 'Hunspell en_GB (-ise spellings) from SCOWL' },
  'en-CA': { file: 'lexicon-en-CA.bin', hunspell: 'dictionary-en-ca', what: 'Hunspell en_CA from SCOWL' },
  'en-AU': { file: 'lexicon-en-AU.bin', hunspell: 'dictionary-en-au', what: 'Hunspell en_AU from SCOWL' },
};

/** "a, b or c": the dialects as an error message lists them. */
export function dialectList(): string {
  return `${DIALECTS.slice(0, -1).join(', ')} or ${DIALECTS.at(-1)}`;
}

export function isDialect(s: unknown): s is Dialect {
  return typeof s === 'string' && (DIALECTS as readonly string[]).includes(s);
}

/** s as a dialect; one the engine has no lexicon for is an error, not a check in another English. */
export function dialectOrThrow(s: unknown): Dialect {
  if (!isDialect(s)) throw new RangeError(`unknown dialect '${String(s)}'; known: ${DIALECTS.join(', ')}`);
  return s;
}
