// a or an by the next word's first SOUND, not its first letter: "an hour", "a university", "an unprivileged",
// "a one-time", "an 8-bit". Sounds come from CMUdict through the lexicon (lexicon.ts): the word itself, or
// for a word CMUdict lacks, its nearest dictionary neighbour sharing a prefix ("unikernel" like "unify").
// Acronyms are read letter by letter or as a word ("an SQL" and "a SQL" are both used), so they are left
// alone unless CMUdict's reading agrees with the letter names. A word neither sounds out begins with a consonant
// where its first letter does so both ways (CONSONANT_EITHER_WAY).

export type Sound = 'vowel' | 'consonant';
export interface SoundSource { firstSound(word: string): Sound | undefined }

const LETTER_NAME_VOWEL = /^[AEFHILMNORSX]/;   // "an F", "an M", "an X" ...

/**
 * Letters that begin with a consonant sound whichever way the word is read, as a word or letter by letter (their names:
 * bee, cee, dee, gee, jay, kay, pee, cue, tee, vee, double-u, zee; silent or not, "Gnome", "Knative", "Psych" begin with
 * one too): a word the lexicon cannot sound out that begins with one takes "a" ("a Vue app", "a Qwik component").
 * Not h ("an hour"), y, nor the letters whose names begin with a vowel ("an NPM package", "a Nuxt app").
 */
const CONSONANT_EITHER_WAY = /^[bcdgjkpqtvwz]/i;

/** The first sound of word (the part before a hyphen or apostrophe), or undefined when it can go either way. */
export function soundOf(word: string, lex: SoundSource): Sound | undefined {
  const head = word.split(/[-'’]/)[0];
  if (!head) return undefined;
  if (/^\d/.test(head)) return /^(8|1[18](\D|$)|1[18],?\d{3}(\D|$))/.test(head) ? 'vowel' : 'consonant';
  if (head.length > 1 && head === head.toUpperCase() && /^\p{Lu}+$/u.test(head)) {
    const letters: Sound = LETTER_NAME_VOWEL.test(head) ? 'vowel' : 'consonant';
    return lex.firstSound(head) === letters ? letters : undefined;
  }
  if (!/^\p{L}/u.test(head)) return undefined;
  return lex.firstSound(head) ?? (CONSONANT_EITHER_WAY.test(head) ? 'consonant' : undefined);
}

/** The article that fits before next ('a' or 'an', in article's case), or undefined when article fits or cannot tell. */
export function articleFix(article: string, next: string, lex: SoundSource): string | undefined {
  const a = article.toLowerCase();
  if (a !== 'a' && a !== 'an') return undefined;
  const sound = soundOf(next, lex);
  if (!sound) return undefined;
  const want = sound === 'vowel' ? 'an' : 'a';
  if (want === a) return undefined;
  return article === article.toUpperCase() && article.length > 1 ? want.toUpperCase()
    : /^\p{Lu}/u.test(article) ? want[0].toUpperCase() + want.slice(1) : want;
}
