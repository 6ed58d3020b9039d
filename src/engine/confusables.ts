// Real-word confusion sets: words a spell checker cannot catch because each member is a word. Any member
// proposes the others as candidates; REPLACE scoring decides between them in context. Homophones and near
// misses (SETS) and usage (USAGE_SETS) are two kinds, each with its prior in the channel. Lower case; case is
// restored from the original word by candidates.ts.

const SETS: string[][] = [
  // homophones and near-homophones
  ['their', 'there', "they're"], ['its', "it's"], ['your', "you're"], ['whose', "who's"],
  ['to', 'too', 'two'], ['then', 'than'], ['lose', 'loose'], ['affect', 'effect'], ['affects', 'effects'],
  ['affected', 'effected'], ['accept', 'except'], ['advice', 'advise'], ['principal', 'principle'],
  ['complement', 'compliment'], ['complementary', 'complimentary'], ['weather', 'whether'],
  ['were', 'where', "we're"], ['hear', 'here'], ['know', 'no', 'now'], ['knew', 'new'], ['write', 'right', 'rite'],
  ['passed', 'past'], ['quiet', 'quite', 'quit'], ['breath', 'breathe'], ['cite', 'site', 'sight'],
  ['desert', 'dessert'], ['stationary', 'stationery'], ['discreet', 'discrete'], ['elicit', 'illicit'],
  ['emigrate', 'immigrate'], ['ensure', 'insure', 'assure'], ['allowed', 'aloud'], ['brake', 'break'],
  ['peak', 'peek', 'pique'], ['piece', 'peace'], ['lead', 'led'], ['lie', 'lay'], ['lying', 'laying'],
  ['sit', 'set'], ['rise', 'raise'], ['chose', 'choose'], ['cloth', 'clothe'], ['bare', 'bear'],
  ['buy', 'by', 'bye'], ['for', 'four', 'fore'], ['one', 'won'], ['our', 'are'], ['our', 'hour'], ['wear', 'where'],
  ['which', 'witch'], ['whole', 'hole'], ['wait', 'weight'], ['week', 'weak'], ['waste', 'waist'],
  ['role', 'roll'], ['through', 'threw', 'thorough', 'though'], ['dose', 'does'], ['device', 'devise'],
  ['license', 'licence'], ['precede', 'proceed'], ['averse', 'adverse'], ['eminent', 'imminent'],
  ['every day', 'everyday'], ['any more', 'anymore'], ['may be', 'maybe'], ['all ready', 'already'],
  ['a lot', 'alot'], ['in to', 'into'], ['on to', 'onto'], ['some time', 'sometime', 'sometimes'],
  ['setup', 'set up'], ['login', 'log in'], ['backup', 'back up'], ['lookup', 'look up'],
  ['loose', 'lose', 'loss'], ['later', 'latter'], ['costumer', 'customer'], ['bellow', 'below'],
  ['form', 'from'], ['of', 'off'], ['of', 'have'], ['could', 'could of'], ['an', 'and'], ['the', 'they', 'then'],
  ['if', 'of'], ['in', 'on', 'at'], ['it', 'is'], ['as', 'has'], ['lets', "let's"], ['be', 'by'],
];

/**
 * Word choice and usage: a writer who knows both words picks the wrong one (this/these, fewer/less, who/whom,
 * good/well), rarer than a homophone slip and a kind of its own in the channel ('usage', channel.ts).
 */
const USAGE_SETS: string[][] = [
  // determiners and quantifiers
  ['a', 'an', 'the'], ['less', 'fewer'], ['much', 'many'], ['this', 'these'], ['that', 'those'],
  ['amount', 'number'], ['among', 'between'],
  // agreement and verb forms
  ['is', 'are', 'be'], ['was', 'were'], ['has', 'have', 'had'], ['does', 'do', 'did'], ['doesn\'t', 'don\'t'],
  ['isn\'t', 'aren\'t'], ['wasn\'t', 'weren\'t'], ['hasn\'t', 'haven\'t'], ['go', 'goes', 'went', 'gone'],
  ['make', 'makes', 'made'], ['take', 'takes', 'took', 'taken'], ['use', 'uses', 'used', 'using'],
  ['need', 'needs', 'needed'], ['run', 'runs', 'ran'], ['get', 'gets', 'got'], ['give', 'gives', 'gave', 'given'],
  ['seem', 'seems', 'seemed'], ['contain', 'contains', 'contained'], ['require', 'requires', 'required'],
  ['allow', 'allows', 'allowed'], ['return', 'returns', 'returned'], ['provide', 'provides', 'provided'],
  ['write', 'writes', 'wrote', 'written'], ['begin', 'began', 'begun'], ['see', 'saw', 'seen'],
  ['come', 'came'], ['become', 'became'], ['know', 'knows', 'knew', 'known'], ['send', 'sends', 'sent'],
  ['show', 'shows', 'showed', 'shown'], ['build', 'builds', 'built'], ['enable', 'enables', 'enabled'],
  // pronouns
  ['i', 'me'], ['he', 'him'], ['she', 'her'], ['we', 'us'], ['they', 'them'], ['who', 'whom'],
  ['who', 'which', 'that'], ['it', 'its'], ['you', 'your'],
  // adjective/adverb
  ['good', 'well'], ['bad', 'badly'], ['real', 'really'], ['sure', 'surely'],
];

export type ConfusionKind = 'confusable' | 'usage';

/** word → each word it is confused with, and how: a homophone slip ('confusable', SETS) or usage (USAGE_SETS). */
const INDEX: Map<string, Map<string, ConfusionKind>> = (() => {
  const index = new Map<string, Map<string, ConfusionKind>>();
  const add = (sets: string[][], kind: ConfusionKind) => {
    for (const set of sets) {
      for (const w of set) {
        let others = index.get(w);
        if (!others) index.set(w, (others = new Map()));
        for (const o of set) if (o !== w && !others.has(o)) others.set(o, kind);
      }
    }
  };
  add(SETS, 'confusable');
  add(USAGE_SETS, 'usage');
  return index;
})();

/** Number of confusion sets (the tests hold it above 50). */
export const confusableSetCount = SETS.length + USAGE_SETS.length;

/** Does `word` (any case) belong to a confusion set? */
export function isConfusable(word: string): boolean {
  return INDEX.has(word.toLowerCase());
}

/** The words confusable with `word` (any case), lower case, each with how: a homophone slip or usage. */
export function confusionsOf(word: string): ReadonlyMap<string, ConfusionKind> {
  return INDEX.get(word.toLowerCase()) ?? NONE;
}
const NONE: ReadonlyMap<string, ConfusionKind> = new Map();

/** The words confusable with `word` (any case), lower case; empty when it belongs to no set. */
export function confusablesOf(word: string): string[] {
  return [...confusionsOf(word).keys()];
}

// Function words whose confusion is a grammar error (agreement, determiners, pronoun case, verb form).
const GRAMMAR_WORDS = new Set(['a', 'an', 'is', 'are', 'be', 'was', 'were', 'has', 'have', 'had', 'does', 'do',
  'did', "doesn't", "don't", "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", 'less', 'fewer', 'much',
  'many', 'this', 'these', 'that', 'those', 'i', 'me', 'he', 'him', 'she', 'her', 'we', 'us', 'they', 'them',
  'who', 'whom', 'good', 'well', 'bad', 'badly', 'real', 'really', 'sure', 'surely', 'amount', 'number',
  'among', 'between']);

/** Is replacing a with b a grammar fix (agreement, determiner, verb form) rather than a word choice? */
export function isGrammarPair(a: string, b: string): boolean {
  const x = a.toLowerCase(), y = b.toLowerCase();
  if (GRAMMAR_WORDS.has(x) && GRAMMAR_WORDS.has(y)) return true;
  // inflections of one stem: use/uses/used/using, contain/contains
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  const stem = short.replace(/e$/, '');
  return stem.length >= 2 && long !== short && long.startsWith(stem) && /^(e?s|e?d|ing)$/.test(long.slice(stem.length));
}
