// The number the words around a verb or a noun give it: a verb's subject (subjectNumber: "The value are" → is), a
// noun's determiner (nounNumber: "several reason" → reasons), and a verb form's own number (verbNumber). The channel
// reads them as cues (channel.ts, agreementCue, nounNumberCue); grammar.ts offers the fixes.
import { IRREGULAR_VERBS } from './data/irregularVerbs';
import { readsBlank } from '../text/words';
import {
  ARTICLES, AUX, AUX_PAIRS, BARE_MODALS, BE, BE_FORMS, CLAUSE_OPENERS, CONJUNCTIONS, DETERMINERS, FUNCTION_WORDS, type GrammarLexicon, INVERTING,
  MODALS, NOT_SUBJECT_BEFORE, nounLike, otherNumber, PERSONAL_PRONOUNS, pluralNoun, PREPOSITIONS, spaced, type Span, SUBJECT_PRONOUNS,
  SUBJUNCTIVE, verbOnly
} from './wordClasses';

/** Verbs whose past is their base ("let", "put", "set", "cut", "read"): after a singular subject the form is a past. */
const PAST_AS_BASE = new Set(IRREGULAR_VERBS.filter(([base, past]) => past.split('|').includes(base)).map(([base]) => base));

/** Words before a verb that tell of the past: after them a base that is also a past reads as the past. */
const PAST_MARKERS = new Set(['previously', 'formerly', 'originally', 'earlier', 'once', 'ago', 'yesterday', 'last', 'was', 'were', 'had', 'did']);

export type GrammaticalNumber = 'singular' | 'plural';

const SINGULAR_SUBJECTS = new Set(['he', 'she', 'it', 'this']);
const PLURAL_SUBJECTS = new Set(['we', 'you', 'they', 'these', 'those']);
/** Plural nouns WordNet has only as another word's forms: "the others is" reads a plural subject (numberBefore). */
const PLURAL_PRONOUN_NOUNS = new Set(['others']);
const SINGULAR_DETERMINERS = new Set(['a', 'an', 'this', 'that', 'each', 'every', 'another']);
const PLURAL_DETERMINERS = new Set(['these', 'those', 'many', 'several', 'both', 'all', 'few']);
/** Determiners that say nothing of the noun's number ("the value", "the values"). */
const OPEN_DETERMINERS = new Set(['the', 'its', 'their', 'our', 'your', 'my', 'his', 'her', 'whose']);
/** Plurals without an -s, and nouns read either way: a cue from them would mislead. */
export const PLURAL_WITHOUT_S = new Set(['people', 'children', 'men', 'women', 'data', 'media', 'criteria', 'phenomena', 'indices',
  'matrices', 'vertices', 'feet', 'teeth', 'mice', 'geese', 'police', 'staff', 'series', 'species', 'news', 'metadata']);
/**
 * Those of them that are a plural and nothing else as a subject ("the people is" → are, "children was" → were); the
 * rest are read either way ("the data is", "the staff are", "this series has", "the criteria is" as often as are).
 */
const IRREGULAR_PLURALS = new Set(['people', 'children', 'men', 'women', 'feet', 'teeth', 'mice', 'geese']);
/** After an existential "there is/are", the first word of the subject that follows, when it tells its number. */
const SINGULAR_AFTER_THERE = new Set(['a', 'an', 'one', 'another', 'no', 'nothing', 'only']);
const PLURAL_AFTER_THERE = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'several', 'many', 'multiple',
  'various', 'numerous', 'some', 'few', 'both', 'lots', 'plenty']);
/** "a few", "a lot of", "a number of": plural after all. */
const PLURAL_AFTER_A = new Set(['few', 'lot', 'couple', 'number', 'variety', 'range', 'bunch', 'handful', 'dozen', 'pair']);
const RELATIVE_PRONOUNS = new Set(['that', 'which', 'who']);
const POINTING = new Set(['below', 'above']);
/**
 * Verbs whose object takes a bare infinitive ("help the user resolve", "let it run", "make the build fail", "have the
 * script restart"): the verb after such an object has no number of its own, so the object is no subject to agree
 * with. A verb of perception's object takes either a bare infinitive or a clause that agrees (PERCEPTION, bareBefore).
 */
const BARE_INFINITIVE_BEFORE = new Set(['let', 'lets', 'letting', 'make', 'makes', 'made', 'making', 'help', 'helps', 'helped', 'helping',
  'have', 'has', 'had', 'having']);
/**
 * Verbs of perception, whose object takes a bare infinitive ("I have seen it fail", "we saw the build fail") or opens
 * a clause that agrees ("you will see the tests are run", "you will see it works"): the object's number is read
 * only for a form of "be", which an object before a bare infinitive does not take ("see the tests is run" is a
 * clause's slip).
 */
const PERCEPTION = new Set(['see', 'sees', 'saw', 'seen', 'seeing', 'watch', 'watches', 'watched', 'watching', 'hear', 'hears', 'heard',
  'hearing', 'notice', 'notices', 'noticed', 'noticing', 'observe', 'observes', 'observed', 'observing', 'feel', 'feels', 'felt', 'feeling']);
/** Does x, right before a verb's object, leave that verb without a number of its own (BARE_INFINITIVE_BEFORE, PERCEPTION)? */
function bareBefore(x: string, verb: Span): boolean {
  return BARE_INFINITIVE_BEFORE.has(x) || (PERCEPTION.has(x) && !BE.has(verb.text.toLowerCase().replace(/’/g, "'")));
}
/**
 * The number of the subject that a verb right after `before` (the words of its sentence before it, in order)
 * agrees with, where the words just before it say so plainly: a subject pronoun ("it", "they"; not one a
 * preposition governs, "of these", nor one inverted after a modal, "will it"), or a noun phrase that is not a
 * preposition's object, a conjunct or the object before a bare infinitive ("help the user resolve"): a plural by
 * its -s ("all sources", "hunks") or a noun after a determiner of one number ("the value", "each entry", "these
 * files"; jargon WordNet lacks counts as a noun, nounLike), read across a prepositional phrase where one stands before
 * the verb ("the end of the stream", acrossPhrase). undefined when they do not (punctuation or markup before the verb,
 * a name, "the list of files"). A relative pronoun ("that", "which", "who") takes the number of the noun
 * phrase before it ("files that contains", "plugins with rules that contains"). After an existential "there", a
 * form of "be" takes the number of the subject after it where the words after the verb (`after`, in order) say it
 * ("there is two types", "there is no slashes"). A singular subject before a subjunctive "were" gives no number. A
 * gerund phrase that opens its clause is one thing, whatever its object's number ("Setting this property causes",
 * gerundReading); a quantity ("1024 bits is") and a word right before a verb of its own ("this hover applies") give none.
 * A verb after a modal, "do" or an infinitive's "to" takes its bare form whatever its subject: 'plural' (bareAfter).
 * The channel's agreement cue (channel.ts, agreementCue) reads it: the model alone is unsure of "The value are
 * interpreted".
 */
export function subjectNumber(text: string, before: readonly Span[], verb: Span, lex: GrammarLexicon, after: readonly Span[] = []): GrammaticalNumber | undefined {
  // A word right before a verb of its own heads that verb's subject, a noun, and agrees with nothing: "The range to
  // which this hover applies", "the debug hover is about to appear" (no "this hovers").
  if (beforeFiniteVerb(text, verb, after[0], lex)) return undefined;
  const bare = bareAfter(text, before, verb, lex);
  if (bare !== undefined) return bare;
  // A base that is also the past, in a sentence that tells of the past, agrees with either number: "Previously, this
  // module let you mark a pattern" (where "This property set the path" is a present's slip).
  if (PAST_AS_BASE.has(verb.text.toLowerCase()) && before.some((w) => PAST_MARKERS.has(w.text.toLowerCase()))) return undefined;
  // A free relative clause that opens the sentence is its subject, whatever the nouns inside it: "What follows the
  // file's real contents is", "Whatever the hooks return is" (a question's "What files are" is left unread too).
  if (before.length >= 2 && FREE_RELATIVES.has(before[0].text.toLowerCase())) return undefined;
  const direct = numberBefore(text, before, verb, lex, after);
  // A gerund's object is no subject: the gerund phrase is, one thing, whatever the number its object tells ("Setting
  // this property cause" → causes, "Sending IPC sockets is not supported").
  const gerundSays = direct === undefined ? undefined : gerundReading(text, before, lex);
  const number = gerundSays === 'singular' ? 'singular' : gerundSays === 'none' ? undefined
    : direct ?? (verbOnly(verb.text, lex) ? acrossPhrase(text, before, verb, lex) : undefined);
  const subjunctive = /^(was|were)$/i.test(verb.text) && before.some((w) => SUBJUNCTIVE.has(w.text.toLowerCase()));
  return (subjunctive || mandative(before, verb)) && number === 'singular' ? undefined : number;
}

/** The finite forms that would make a bare verb (mandative) indicative: "be" → is, "have" → has, "leave" → leaves. */
export function finiteFormOf(bare: string, w: string): boolean {
  const b = bare.toLowerCase(), x = w.toLowerCase();
  if (b === 'be') return /^(?:is|are|am|was|were)$/.test(x);
  return x === `${b}s` || x === `${b}es` || (b === 'have' && x === 'has') || (/[^aeiou]y$/.test(b) && x === `${b.slice(0, -1)}ies`);
}

/**
 * Words that ask for what a "that" clause after them names, whose verb English then leaves bare, the mandative
 * subjunctive ("requires that the ArrayBuffer be detached", "We recommend that each key have a name", "It is important
 * that the server be restarted", "They insisted that he leave"): a verb of asking or advising, an adjective of need.
 * A noun is left out, whatever it means ("the request that the client send" is more often a relative clause, whose
 * verb agrees), and so is a verb's form that is one too ("requests", "demand", "orders").
 */
const MANDATIVE = new Set([
  ...['require', 'recommend', 'suggest', 'insist', 'ask', 'propose', 'urge', 'advise', 'stipulate'].flatMap((v) =>
    [v, `${v}s`, v.endsWith('e') ? `${v}d` : `${v}ed`, v.endsWith('e') ? `${v.slice(0, -1)}ing` : `${v}ing`]),
  ...['request', 'demand', 'order', 'command'].flatMap((v) => [`${v}ed`, `${v}ing`]), 'mandated', 'mandating', 'decreed',
  'important', 'essential', 'vital', 'necessary', 'crucial', 'imperative', 'critical', 'advisable', 'desirable', 'preferable',
  'mandatory',
]);

/**
 * Is the verb a bare one ("be", "have", "leave": no -s, and no "are" or "were") in a "that" clause a MANDATIVE word opens
 * ("… requires that the buffer be")? Its subject's number then asks nothing of it, and a finite form of it is no fix
 * (replacePlans.ts).
 */
export function mandative(before: readonly Span[], verb: Span): boolean {
  const v = verb.text.toLowerCase();
  if (!/^\p{L}+$/u.test(v) || verbNumber(v) !== 'plural' || v === 'are' || v === 'were') return false;
  for (let k = before.length - 1; k >= 1; k--) {
    if (before[k].text.toLowerCase() !== 'that') continue;
    return MANDATIVE.has(before[k - 1].text.toLowerCase());
  }
  return false;
}

/** Units a quantity counts in ("1024 bits", "ten seconds", "5 MB"), which a verb may treat as one amount. */
const QUANTITY_UNITS = new Set(['bits', 'bytes', 'kilobytes', 'megabytes', 'gigabytes', 'terabytes', 'kb', 'mb', 'gb', 'tb', 'kib', 'mib', 'gib',
  'seconds', 'milliseconds', 'microseconds', 'nanoseconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years', 'percent', 'dollars',
  'euros', 'miles', 'meters', 'metres', 'kilometers', 'kilometres']);
/** What stands right before a quantity's unit: a number in digits or words. */
const QUANTITY_BEFORE = /(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|hundred|thousand|few|several))\s+$/i;

/** Verbs whose object is often the person they serve ("provide you", "gave you", "tells you"), in their forms. */
const PERSON_OBJECT_VERBS = new Set(['give', 'gives', 'gave', 'provide', 'provides', 'tell', 'tells', 'told', 'show', 'shows', 'showed',
  'send', 'sends', 'sent', 'offer', 'offers', 'offered', 'ask', 'asks', 'asked', 'remind', 'reminds', 'reminded', 'warn', 'warns', 'warned',
  'teach', 'teaches', 'taught', 'thank', 'thanks', 'thanked', 'pay', 'pays', 'paid', 'bring', 'brings', 'brought', 'lend', 'lends', 'lent',
  'grant', 'grants', 'granted', 'hand', 'hands', 'handed', 'owe', 'owes', 'owed', 'serve', 'serves', 'served', 'charge', 'charges', 'charged',
  'cost', 'costs', 'notify', 'notifies', 'notified', 'inform', 'informs', 'informed', 'save', 'saves', 'saved', 'buy', 'buys', 'bought',
  'get', 'gets', 'got']);

/**
 * Is `next` (the word after `word`, spaced) a finite verb: a form of "be", a modal, or an -s form that is a verb and
 * nothing else ("applies", "contains")? Then `word` ends its subject's noun phrase rather than being a verb.
 */
function beforeFiniteVerb(text: string, word: Span, next: Span | undefined, lex: GrammarLexicon): boolean {
  if (!next || !spaced(text, word, next)) return false;
  const n = next.text.toLowerCase().replace(/’/g, "'");
  return BE.has(n) || BARE_MODALS.has(n) || (/[^s]s$/.test(n) && !AUX.has(n) && verbOnly(n, lex));
}

/**
 * What a gerund that starts its clause and governs the noun phrase that ends `before` (the words before the verb),
 * through the words of its object, says of the subject: 'singular' where a determiner opens its object ("Setting this
 * property causes", "if computing the commands is"): the gerund phrase is the subject, one thing; 'none' where the
 * noun follows the -ing word right after it, which may as well be the noun's modifier in a compound ("Sending IPC
 * sockets is", "Parsing errors are");
 * undefined where no gerund starts the clause. A clause starts at the sentence's first word, after punctuation, or
 * after a word that opens one (CLAUSE_OPENERS); the object does not run across another clause's opener ("leaving a
 * window where the object have"). An -ing word inside its clause, a preposition's object or a noun's modifier ("who has
 * opted into using a version has", "Resumption using session identifiers is"), leaves the subject further back: 'none'
 * (but for a pronoun right before the verb, which is its subject or takes its noun's number);
 * an -ing word WordNet has as a modifier, right before a noun, is the noun's ("Existing users are").
 */
function gerundReading(text: string, before: readonly Span[], lex: GrammarLexicon): 'singular' | 'none' | undefined {
  for (let k = before.length - 2; k >= Math.max(0, before.length - 1 - GERUND_OBJECT_WORDS); k--) {
    if (!spaced(text, before[k], before[k + 1])) return undefined;
    const x = before[k].text.toLowerCase();
    if (AUX.has(x) || MODALS.has(x) || SUBJECT_PRONOUNS.has(x) || RELATIVE_PRONOUNS.has(x) || (CLAUSE_OPENERS.has(x) && !CONJUNCTIONS.has(x))) return undefined;
    if (!gerund(before[k].text, before[k - 1]?.text, lex)) continue;
    // After a form of "be" or "have" the -ing word is a verb's ("when a merge is occurring and the merge were"), no gerund.
    const prev = k > 0 ? before[k - 1].text.toLowerCase() : undefined;
    if (prev !== undefined && (AUX.has(prev) || BE_FORMS.has(prev))) return undefined;
    const determined = DETERMINERS.has(before[k + 1].text.toLowerCase());
    if (!determined && lex.canBe(x, 'modifier')) return undefined;
    // Inside a clause the -ing phrase is a preposition's object or a noun's modifier ("who has opted into using a version
    // has", "Resumption using session identifiers is supported"): the subject is further back, and the phrase's own
    // object is none; but a pronoun before the verb is its subject ("By providing the option it is", "Instead of listing
    // the files it contains"), and a relative pronoun takes its noun's number ("introducing two rules which have").
    if (!(k === 0 || !spaced(text, before[k - 1], before[k]) || CLAUSE_OPENERS.has(prev!))) {
      return SUBJECT_PRONOUNS.has(before[before.length - 1].text.toLowerCase()) ? undefined : 'none';
    }
    return determined ? 'singular' : 'none';
  }
  return undefined;
}

/**
 * Does the "that" that ends `before` open its clause as a demonstrative: first in its sentence, after a word that opens
 * a clause (CLAUSE_OPENERS but "so", "then", "since" and "until", which "that" may join: "so that", "now that"), or
 * after "how" and one word ("how long that lasts", "how well that works")? After a noun it is a relative pronoun, after
 * a verb it begins a clause whose subject follows it.
 */
function demonstrative(text: string, before: readonly Span[]): boolean {
  const n = before.length;
  if (n === 1) return true;
  if (!spaced(text, before[n - 2], before[n - 1])) return false;
  const p = before[n - 2].text.toLowerCase();
  if (CLAUSE_OPENERS.has(p) && !THAT_JOINS.has(p)) return true;
  return n > 2 && before[n - 3].text.toLowerCase() === 'how' && spaced(text, before[n - 3], before[n - 2]);
}

/** Clause openers that "that" may follow as a conjunction's second word ("so that", "until that"). */
const THAT_JOINS = new Set(['so', 'then', 'since', 'until']);

/** Words a gerund's object may run to before the verb (gerundReading): "handles such as network sockets". */
const GERUND_OBJECT_WORDS = 7;

/**
 * Is the noun phrase that starts at before[start] (or right after a determiner before it: "any elements") the object of
 * a relative clause's verb (relativeClauseVerb)?
 */
function relativeClauseObject(text: string, before: readonly Span[], start: number, lex: GrammarLexicon): boolean {
  let v = start - 1;
  const d = v >= 0 ? before[v].text.toLowerCase() : undefined;
  const determined = d !== undefined && (DETERMINERS.has(d) || OPEN_DETERMINERS.has(d) || PLURAL_DETERMINERS.has(d) || SINGULAR_DETERMINERS.has(d));
  if (determined) v--;
  const verbAt = (k: number) => k >= 0 && spaced(text, before[k], before[k + 1]) && verbForm(before[k].text.toLowerCase(), lex) &&
    relativeClauseVerb(text, before, k, lex);
  if (verbAt(v)) return true;
  // One word of the object's own before its noun, no determiner before it ("A string that contained unescaped
  // characters was received", "that holds session identifiers is").
  return !determined && v >= 1 && !FUNCTION_WORDS.has(before[v].text.toLowerCase()) && verbAt(v - 1);
}

/** Can w (lower case) be a form of a verb WordNet lists: its base, its -s form, or a regular -ed or -ing form (gerund)? */
function verbForm(w: string, lex: GrammarLexicon): boolean {
  if (gerund(w, undefined, lex)) return true;
  const stems = [w, ...otherNumber(w, lex).filter((o) => o.length < w.length)];
  if (w.endsWith('ed')) {
    const b = w.slice(0, -2);
    stems.push(b, b + 'e', b.slice(0, -1));
  }
  return stems.some((x) => x.length >= 2 && lex.canBe(x, 'verb'));
}

/**
 * Does a relative pronoun ("that", "which", "who") open the clause whose verb is before[k]: right before it, or before
 * the auxiliaries, negation and adverbs of its verb group ("that does not match", "which can also hold"), or before
 * the clause's own subject pronoun ("the way that we were internally passing arguments")? Not one a preposition
 * governs ("in which case").
 */
function relativeClauseVerb(text: string, before: readonly Span[], k: number, lex: GrammarLexicon): boolean {
  const opens = (j: number) => RELATIVE_PRONOUNS.has(before[j].text.toLowerCase()) &&
    // After a preposition "which" is a determiner ("in which case the package are"), no clause's opener.
    !(j > 0 && NOT_SUBJECT_BEFORE.has(before[j - 1].text.toLowerCase()));
  for (let j = k - 1; j >= 0 && spaced(text, before[j], before[j + 1]); j--) {
    const x = before[j].text.toLowerCase().replace(/’/g, "'");
    if (RELATIVE_PRONOUNS.has(x)) return opens(j);
    if (PERSONAL_PRONOUNS.has(x)) return j > 0 && spaced(text, before[j - 1], before[j]) && opens(j - 1);
    if (!(x === 'not' || AUX.has(x) || MODALS.has(x) || BETWEEN_SUBJECT_AND_VERB.has(x) || BARE_BEFORE.has(x) ||
      (/ly$/.test(x) && lex.canBe(x, 'modifier')))) return false;
  }
  return false;
}

/** Modals and the forms of "do", and their negatives: a verb right after one takes its bare form ("can support", "does exist"). */
export const BARE_BEFORE = new Set([...INVERTING, "can't", 'cannot', "couldn't", "won't", "wouldn't", "shouldn't", "mustn't", "didn't"]);

/**
 * A verb after a modal or a form of "do" (past a "not" and an adverb between them, BETWEEN_SUBJECT_AND_VERB) takes its
 * bare form whatever its subject: 'plural', the number the bare form shows (verbNumber), so that the agreement cue
 * reads "does not actually exists" as exist and "it can supports" as support; so does one after "to" that can only be
 * a verb ("to provides"). Not for an auxiliary ("will be", "can have"), nor after a "modal" a determiner or a
 * preposition makes a noun or a slip ("the will exists", "a must", "on may subjects"); undefined elsewhere.
 */
function bareAfter(text: string, before: readonly Span[], verb: Span, lex: GrammarLexicon): GrammaticalNumber | undefined {
  if (AUX.has(verb.text.toLowerCase()) || BE_FORMS.has(verb.text.toLowerCase())) return undefined;
  let next: Span = verb;
  for (let k = before.length - 1; k >= 0 && spaced(text, before[k], next); k--) {
    const w = before[k].text.toLowerCase().replace(/’/g, "'");
    if (w === 'not' || BETWEEN_SUBJECT_AND_VERB.has(w)) { next = before[k]; continue; }
    // "to" before a word that can only be a verb marks its infinitive ("to provides"), where before a noun it is a
    // preposition ("to users").
    if (w === 'to') return verbOnly(verb.text, lex) ? 'plural' : undefined;
    if (!BARE_BEFORE.has(w)) return undefined;
    const det = k > 0 && spaced(text, before[k - 1], before[k]) ? before[k - 1].text.toLowerCase() : undefined;
    return det !== undefined && ((DETERMINERS.has(det) && det !== 'to') || PREPOSITIONS.has(det)) ? undefined : 'plural';
  }
  return undefined;
}

/** Words that open a free relative clause, "what you get" (subjectNumber). */
const FREE_RELATIVES = new Set(['what', 'whatever', 'whoever', 'whichever']);
/** Words that may join two clauses ("running or the hypervisor do", "executed before the guest have"), whose noun phrase after is a subject. */
const CLAUSE_JOINERS = new Set(['and', 'or', 'but', 'before', 'after', 'until', 'since']);
/** Prepositions whose phrase may stand between a subject and its verb ("the hooks in Rollup work"); not "to", which also marks an infinitive. */
const PHRASE_PREPOSITIONS = new Set([...PREPOSITIONS].filter((w) => w !== 'to'));
/**
 * Words before "of" whose number is the phrase's after it ("some of the files are", "most of the code is", "a number of
 * tests fail"), or either's ("neither of them is/are", "a set of files is/are"): no subject's number of their own
 * (acrossPhrase reads the phrase's where it is plain, OF_PHRASE_NUMBER).
 */
const PARTITIVES = new Set(['all', 'some', 'most', 'none', 'half', 'any', 'part', 'rest', 'majority', 'minority', 'lot', 'lots', 'plenty',
  'percent', 'bulk', 'remainder', 'portion', 'fraction', 'number', 'total', 'kind', 'kinds', 'sort', 'sorts', 'type', 'types', 'series',
  'set', 'group', 'pair', 'range', 'variety', 'couple', 'handful', 'bunch', 'dozen', 'either', 'neither', 'collection', 'list', 'array']);
/**
 * Partitives whose number is the phrase's after "of", and plainly so ("all of those files are", "most of the code is",
 * "the rest of the tests pass", "half of it is"): subjectNumber reads that phrase. The others read either way ("none of
 * them is/are", "a set of files is/are", "the majority of users is/are") or as themselves ("the number of tests is").
 */
const OF_PHRASE_NUMBER = new Set(['all', 'some', 'most', 'half', 'rest', 'remainder', 'lot', 'lots', 'plenty', 'percent', 'bulk']);
/** Adverbs that stand before a verb ("also learns", "still works"): no noun phrase's words. */
const ADVERBS = new Set(['also', 'only', 'just', 'still', 'often', 'always', 'never', 'then', 'now', 'already', 'even', 'again', 'soon',
  'sometimes', 'usually', 'rarely', 'seldom', 'yet', 'thus', 'hence', 'therefore', 'instead', 'too', 'very', 'much', 'well']);
/**
 * Adverbs of frequency and focus that stand between a subject and its verb ("he usually bring", "the parser also
 * handle"): the subject is read before them (numberBefore). Not those that may end a clause or open the next ("then",
 * "now", "too", "well": "If it fails then run", "it works well") nor "only" and "even", which may stand before the
 * subject itself ("only files matter").
 */
const BETWEEN_SUBJECT_AND_VERB = new Set(['also', 'just', 'still', 'often', 'always', 'never', 'already', 'sometimes', 'usually',
  'rarely', 'seldom', 'generally', 'typically', 'normally', 'actually', 'really', 'automatically', 'currently']);
/** How many words a preposition's phrase before a verb may have ("in the default configuration file"). */
const PHRASE_WORDS = 5;
/** How many phrases within a phrase acrossPhrase reads back through ("in the history of a project"). */
const PHRASE_DEPTH = 2;

/**
 * The number of a subject that a prepositional phrase parts from its verb ("The end of the stream have", "The
 * header of these files contain"): where the words right before the verb are a preposition and its object (a
 * determiner, names, nouns and their modifiers, spaced: no clause, no punctuation), the noun phrase before the
 * preposition read as numberBefore reads one before a verb. undefined after a partitive ("some of the files",
 * "a number of tests"), and wherever numberBefore would not say.
 */
function acrossPhrase(text: string, before: readonly Span[], verb: Span, lex: GrammarLexicon, depth = 0): GrammaticalNumber | undefined {
  const n = before.length;
  if (n < 3 || !spaced(text, before[n - 1], verb)) return undefined;
  // After a determiner the word is its noun ("bases for the commits", WordNet's "commit" a verb alone), no verb.
  if (DETERMINERS.has(before[n - 1].text.toLowerCase())) return undefined;
  for (let k = n - 2; k >= Math.max(1, n - 1 - PHRASE_WORDS); k--) {
    if (!spaced(text, before[k], before[k + 1]) || !phraseWord(before[k + 1].text, lex)) return undefined;
    const x = before[k].text.toLowerCase();
    if (!PHRASE_PREPOSITIONS.has(x)) continue;
    const head = before[k - 1].text.toLowerCase(), pre = before[k - 2]?.text.toLowerCase();
    // "all of those files are", "most of the code is": the phrase after "of" tells the number; other partitives either.
    if (x === 'of' && PARTITIVES.has(head)) return OF_PHRASE_NUMBER.has(head) ? numberBefore(text, before.slice(k + 1), verb, lex) : undefined;
    // The phrase may follow a verb rather than a noun: "who majors in art", "users need in their work".
    const verbLike = lex.canBe(head, 'verb') || (/s$/.test(head) && lex.canBe(head.slice(0, -1), 'verb'));
    if (verbLike && pre !== undefined && (SUBJECT_PRONOUNS.has(pre) || pluralNoun(pre, lex))) return undefined;
    // A gerund's object is no subject: "Running tests in parallel is faster".
    for (let j = k - 1; j >= Math.max(0, k - 5); j--) if (gerund(before[j].text, before[j - 1]?.text, lex)) return undefined;
    return numberBefore(text, before.slice(0, k), before[k], lex) ??
      // A participle's phrase after the noun: "the APIs defined in these headers is".
      (/ed$/.test(head) && k >= 2 && spaced(text, before[k - 2], before[k - 1]) ? numberBefore(text, before.slice(0, k - 1), before[k - 1], lex) : undefined) ??
      // A phrase within a phrase: "every change in the history of a project are".
      (depth < PHRASE_DEPTH ? acrossPhrase(text, before.slice(0, k), before[k], lex, depth + 1) : undefined);
  }
  return undefined;
}

/** Is w an -ing form of a verb ("running", "using", "making") with no determiner before it ("the building" is a noun)? */
function gerund(w: string, prev: string | undefined, lex: GrammarLexicon): boolean {
  return !(prev !== undefined && DETERMINERS.has(prev.toLowerCase())) && ingVerb(w, lex) !== undefined;
}

/** The verb whose -ing form w is ("running" → run, "using" → use, "loading" → load), else undefined. */
export function ingVerb(w: string, lex: GrammarLexicon): string | undefined {
  const lw = w.toLowerCase();
  if (!lw.endsWith('ing')) return undefined;
  const stem = lw.slice(0, -3);
  return [stem, stem + 'e', stem.slice(0, -1)].find((v) => v.length >= 2 && lex.canBe(v, 'verb'));
}

/** Can w stand in a noun phrase that a preposition governs: a determiner, a number, a name, a noun or a modifier, no pronoun or verb alone? */
function phraseWord(w: string, lex: GrammarLexicon): boolean {
  const lw = w.toLowerCase();
  if (DETERMINERS.has(lw) && lw !== 'to') return true;
  if (FUNCTION_WORDS.has(lw) || SUBJECT_PRONOUNS.has(lw) || MODALS.has(lw) || ADVERBS.has(lw) || /ly$/.test(lw)) return false;
  if (/^\p{Lu}|\d/u.test(w)) return true;
  return nounLike(lw, lex) || pluralNoun(lw, lex) || lex.canBe(lw, 'modifier') || !lex.isWord(lw);
}

/**
 * subjectNumber's reading of the words before the verb, a subjunctive "were" aside. `antecedent`: they end with the
 * noun phrase a relative pronoun stands for, whose number the pronoun takes whatever the phrase's own place ("plugins
 * with rules that contains"), but after "of" ("the list of files that") or in a conjunct, either noun may be meant.
 */
function numberBefore(text: string, before: readonly Span[], verb: Span, lex: GrammarLexicon, after: readonly Span[] = [],
  antecedent = false): GrammaticalNumber | undefined {
  const notSubjectBefore = (x: string) => (antecedent ? ['of', 'and', 'or', 'nor'].includes(x) : NOT_SUBJECT_BEFORE.has(x));
  const n = before.length, last = before[n - 1];
  if (!last || !spaced(text, last, verb)) return undefined;
  const lw = last.text.toLowerCase();
  if (lw === 'there' && BE.has(verb.text.toLowerCase().replace(/’/g, "'"))) {
    const a = spaced(text, verb, after[0]) ? after[0].text.toLowerCase() : undefined;
    if (a === 'a' || a === 'an') return spaced(text, after[0], after[1]) && PLURAL_AFTER_A.has(after[1].text.toLowerCase()) ? 'plural' : 'singular';
    if (a === 'no' || a === 'only') {
      // The word after tells: "there is no slashes" and "there is only two" are plural, "no way" and "only one" singular.
      const b = spaced(text, after[0], after[1]) ? after[1].text.toLowerCase() : undefined;
      if (b === undefined) return undefined;
      if (PLURAL_AFTER_THERE.has(b) || pluralNoun(b, lex)) return 'plural';
      return b === 'one' || (a === 'no' && !/s$/.test(b) && nounLike(b, lex) && !lex.canBe(b, 'modifier')) ? 'singular' : undefined;
    }
    return a === undefined ? undefined : SINGULAR_AFTER_THERE.has(a) ? 'singular' : PLURAL_AFTER_THERE.has(a) ? 'plural' : undefined;
  }
  // Does a word `is` takes stand right before the last word (not read for a relative pronoun's antecedent)?
  const governs = (is: (x: string) => boolean) => !antecedent && n > 1 && is(before[n - 2].text.toLowerCase()) && spaced(text, before[n - 2], last);
  if (governs((x) => bareBefore(x, verb))) return undefined;
  if (SINGULAR_SUBJECTS.has(lw) || PLURAL_SUBJECTS.has(lw)) {
    // A pronoun a preposition governs is its object ("none of these was", "the size of it is"), not the subject.
    if (governs((x) => PREPOSITIONS.has(x))) return undefined;
    // After a modal or "do" before it, the subject is inverted and the verb bare ("nor will it provide", "does it work").
    if (governs((x) => MODALS.has(x))) return undefined;
    // "you" right after a verb that takes a person as its object is that object ("the mock the system would provide
    // you isn't adequate"); after one that takes a clause it is the clause's subject ("then realize you needs").
    if (lw === 'you' && governs((x) => PERSON_OBJECT_VERBS.has(x))) return undefined;
    // "this" right after a verb is its object's determiner or its object ("You read this post", "Use this setting"),
    // no subject; a clause's opener leaves it one ("because this works", "and this makes").
    if (lw === 'this' && governs((x) => lex.canBe(x, 'verb') && !FUNCTION_WORDS.has(x) && !CLAUSE_OPENERS.has(x))) return undefined;
    return SINGULAR_SUBJECTS.has(lw) ? 'singular' : 'plural';
  }
  // After a modal or "to" a verb takes no number ("a project can decide"): "can" is no noun there.
  if (MODALS.has(lw)) return undefined;
  // "below" or "above" after a noun points at what it names ("the changes below has", "the steps above is"): the noun
  // before it is the subject, read as if it stood next to the verb.
  if (POINTING.has(lw) && n > 1 && spaced(text, before[n - 2], last)) return numberBefore(text, before.slice(0, n - 1), last, lex, after, antecedent);
  // An adverb between the subject and the verb ("he usually bring", "the parser also handle"): the subject before it.
  if (BETWEEN_SUBJECT_AND_VERB.has(lw) && n > 1 && spaced(text, before[n - 2], last)) return numberBefore(text, before.slice(0, n - 1), last, lex, after, antecedent);
  // "that" opening its clause is a demonstrative, one thing: first in the sentence, after a word that opens a clause,
  // or after "how" and the word it asks of ("That work fine", "if that fail", "we'll see how long that lasts").
  if (lw === 'that' && !antecedent && demonstrative(text, before)) return 'singular';
  // A relative pronoun stands for the noun before it: "functions that does", "an object that contain".
  if (RELATIVE_PRONOUNS.has(lw)) return n > 1 ? antecedentNumber(text, before.slice(0, n - 1), last, lex) : undefined;
  // A name the lexicon does not hold, capitalised (not an acronym nor ending in -s, which may be a plural) and first in
  // its clause, is one thing: "Vite come with", "because Nuxt provide", "In Nuxt 3, Vite come with". After a word of
  // its own clause it may be an object or a modifier ("fix V8 build issue": ten false flags in Node's changelogs).
  const lead1 = n > 1 ? before[n - 2].text.toLowerCase() : undefined;
  if (!antecedent && /^\p{Lu}[\p{Ll}\d]+$/u.test(last.text) && !/s$/.test(last.text) && !lex.isWord(lw) && !lex.isWord(last.text) &&
      (lead1 === undefined || !spaced(text, before[n - 2], last) || (CLAUSE_OPENERS.has(lead1) && !CONJUNCTIONS.has(lead1)))) {
    return 'singular';
  }
  // A plain lower-case word, or one capitalised only as its sentence's first ("Files that contains").
  if (!/^\p{Ll}+$/u.test(n === 1 ? lw : last.text) || FUNCTION_WORDS.has(lw) || (PLURAL_WITHOUT_S.has(lw) && !IRREGULAR_PLURALS.has(lw))) return undefined;
  const word = (k: number) => (k >= 0 && spaced(text, before[k], before[k + 1]) ? before[k].text.toLowerCase() : undefined);
  // The determiner just before the noun, or before one modifier ("the default value"); a verb's form or a function
  // word there is no modifier ("the parts that are present are": "that" is a relative pronoun there, no determiner).
  const modifier = n > 1 && !FUNCTION_WORDS.has(before[n - 2].text.toLowerCase()) && !AUX.has(before[n - 2].text.toLowerCase());
  const at = [n - 2, ...(modifier ? [n - 3] : [])].find((k) => { const d = word(k); return d !== undefined && (SINGULAR_DETERMINERS.has(d) || PLURAL_DETERMINERS.has(d) || OPEN_DETERMINERS.has(d)); });
  const plural = pluralNoun(lw, lex) || PLURAL_PRONOUN_NOUNS.has(lw) || IRREGULAR_PLURALS.has(lw);
  // A quantity is one amount ("Although 1024 bits is permissible", "ten seconds is enough"): no number to agree with.
  if (plural && QUANTITY_UNITS.has(lw) && QUANTITY_BEFORE.test(text.slice(Math.max(0, last.start - 16), last.start))) return undefined;
  // A conjunction before a plural noun leaves it plural, joined ("the root and envDir options affect") or the nearer
  // of two ("the file or its copies are"), unless a preposition governs the first conjunct ("with git commit or
  // similar commands is", "for executables, libraries and targets is"): read back from the conjunction through the
  // phrase (code spans inside it, and a list's commas where a comma stands before the conjunction).
  const list = (k: number) => k > 0 && /^\s*,\s*$/.test(text.slice(before[k - 1].end, before[k].start));
  const phraseGap = (a: Span, b: Span, inList: boolean) => {
    const gap = text.slice(a.end, b.start).replace(/`[^`]*`/g, ' ');
    return gap === '' || readsBlank(gap) || (inList && /^\s*,\s*$/.test(gap));
  };
  const governed = (k: number) => {
    const inList = list(k);
    for (let j = k - 1; j >= Math.max(0, k - 8) && phraseGap(before[j], before[j + 1], inList); j--) {
      const x = before[j].text.toLowerCase();
      if (NOT_SUBJECT_BEFORE.has(x) && !CONJUNCTIONS.has(x)) return true;
    }
    return false;
  };
  const blocks = (x: string, k: number) => notSubjectBefore(x) && !(plural && CONJUNCTIONS.has(x) && !governed(k)) && !(!antecedent && opensClause(k));
  // A conjunction that joins clauses, not noun phrases, and "before", "after", "until" or "since" as one: after a verb's
  // form ("the domain is not running or the hypervisor do", "is executed before the guest have"), the noun phrase after
  // it is a new clause's subject. (After a comma it may as well end a list: "executables, libraries, and targets is".)
  function opensClause(k: number): boolean {
    if (!CLAUSE_JOINERS.has(before[k].text.toLowerCase())) return false;
    if (k === 0) return false;
    const gap = text.slice(before[k - 1].end, before[k].start);
    const w = before[k - 1].text.toLowerCase();
    // After a determiner an -ing or -ed word is a noun ("a warning and a stack trace are"), no verb's form.
    const inflected = /(ed|ing)$/.test(w) && !(k > 1 && DETERMINERS.has(before[k - 2].text.toLowerCase()));
    return readsBlank(gap) && (inflected || AUX.has(w) || BE_FORMS.has(w));
  }
  const start = at ?? n - 1;
  const lead = start > 0 ? before[start - 1].text.toLowerCase() : undefined;
  if (lead !== undefined && (blocks(lead, start - 1) || (!antecedent && bareBefore(lead, verb)))) return undefined;
  // An infinitive's object is no subject: "a parser to implement these ideas was within reach".
  if (lead !== undefined && start > 1 && before[start - 2].text.toLowerCase() === 'to' && lex.canBe(lead, 'verb') &&
      spaced(text, before[start - 2], before[start - 1])) return undefined;
  // A relative clause's object is no subject either: the verb after it agrees with the noun the clause is about ("An
  // element that does not match any elements is", "a function that returns values is").
  if (!antecedent && relativeClauseObject(text, before, start, lex)) return undefined;
  // A question's subject after its auxiliary takes a bare verb ("How does this module differ", "Can the parser
  // handle"), as a pronoun does after one ("does it work").
  if (lead !== undefined && !antecedent && INVERTING.has(lead) && spaced(text, before[start - 1], before[start])) return undefined;
  // With no determiner next to the noun, modifiers may stand between it and a preposition, or a determiner
  // after one ("code behind dynamic imports", "the selection of the small pack-files").
  if (at === undefined) {
    for (let k = n - 3; k >= Math.max(0, n - 5); k--) {
      const x = before[k].text.toLowerCase();
      if (blocks(x, k)) return undefined;
      if (DETERMINERS.has(x) && k > 0 && blocks(before[k - 1].text.toLowerCase(), k - 1)) return undefined;
      if (FUNCTION_WORDS.has(x)) break;
    }
  }
  const det = at !== undefined ? word(at)! : undefined;
  if (det && PLURAL_DETERMINERS.has(det)) return plural || nounLike(lw, lex) ? 'plural' : undefined;
  if (plural) return det && SINGULAR_DETERMINERS.has(det) ? undefined : 'plural';
  if (det === undefined || /s$/.test(lw)) return undefined;
  // After an article, "each" or "every" a word is a noun, whatever else it can be ("a commit are", "when the commit
  // were", "each run have"), but for a modifier or a verb's inflection ("the same", "the following", "the removed").
  const nounAfterDeterminer = (NOUN_SINGULAR_BEFORE.has(det) || ARTICLES.has(det)) && lex.isWord(lw) && !/(ly|est|ing|ed)$/.test(lw) &&
    !lex.canBe(lw, 'modifier');
  if (!nounLike(lw, lex) && !nounAfterDeterminer) return undefined;
  return 'singular';
}

/** Words a relative clause's antecedent may hold between its preposition and its noun: "to the editor", "in its new release". */
const ANTECEDENT_WORDS = 3;

/**
 * The number of a relative pronoun's antecedent, the noun phrase that ends `before` (numberBefore): none where that
 * phrase is a preposition's object after a noun of the other number, which the clause may as well be about ("the
 * commits in the release that have", "extensions to the editor that implement"). Where both nouns have one number
 * ("plugins with rules that contains"), that is the antecedent's; "of" already leaves it unread ("a list of files
 * that").
 */
function antecedentNumber(text: string, before: readonly Span[], pronoun: Span, lex: GrammarLexicon): GrammaticalNumber | undefined {
  const near = numberBefore(text, before, pronoun, lex, [], true);
  if (near === undefined) return undefined;
  const n = before.length;
  for (let k = n - 2; k >= Math.max(1, n - 1 - ANTECEDENT_WORDS); k--) {
    if (!spaced(text, before[k], before[k + 1])) return near;
    const x = before[k].text.toLowerCase();
    if (PREPOSITIONS.has(x)) {
      // A pronoun before the preposition is a verb's object or subject ("Use it with plugins that"), no antecedent; nor
      // is a verb's form, the phrase then the verb's ("It runs on a server that", "populated with the commits that"):
      // after a subject pronoun, a modal or an auxiliary, or an -ed or -ing form that is no noun ("the mapping in").
      const head = before[k - 1].text.toLowerCase(), lead = k > 1 ? before[k - 2].text.toLowerCase() : undefined;
      const verbal = /(ed|ing)$/.test(head) && verbForm(head, lex) && !lex.canBe(head, 'noun');
      if (FUNCTION_WORDS.has(head) || SINGULAR_SUBJECTS.has(head) || PLURAL_SUBJECTS.has(head) || verbal ||
        (lead !== undefined && (PERSONAL_PRONOUNS.has(lead) || SINGULAR_SUBJECTS.has(lead) || PLURAL_SUBJECTS.has(lead) || MODALS.has(lead) ||
          AUX.has(lead)))) return near;
      // A capitalised plural is a noun of its own ("all Regions in the account that"), which numberBefore does not read.
      const far = numberBefore(text, before.slice(0, k), before[k], lex, [], true) ??
        (/^\p{Lu}\p{Ll}+s$/u.test(before[k - 1].text) && pluralNoun(head, lex) ? 'plural' : undefined);
      return far !== undefined && far !== near ? undefined : near;
    }
    if (FUNCTION_WORDS.has(x) && !DETERMINERS.has(x)) return near;
  }
  return near;
}

/** Determiners that tell the number of the noun after them: "a file", "every entry"; "several files", "these options". */
const NOUN_SINGULAR_BEFORE = new Set(['a', 'an', 'every', 'each', 'another']);
const NOUN_PLURAL_BEFORE = new Set(['these', 'those', 'several', 'many', 'multiple', 'various', 'numerous', 'both', 'few', 'two',
  'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twelve', 'twenty']);
/**
 * Those of them that also stand alone, for the people or things meant ("many use it", "each needs one", "both work"):
 * after one, a word that can be a verb is read as a noun only where the next word says so.
 */
const STANDS_ALONE = new Set(['each', 'another', 'these', 'those', 'several', 'many', 'both', 'few', 'two', 'three', 'four', 'five',
  'six', 'seven', 'eight', 'nine', 'ten', 'twelve', 'twenty']);
/** After a word that stands alone as a verb or a noun, the words that make it the noun: a verb of its own, or "why". */
const AFTER_NOUN = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'can', 'could', 'will', 'would', 'should', 'must',
  'may', 'might', 'does', 'do', 'did', "isn't", "aren't", "doesn't", "don't", 'why']);
/** "one of the reasons", "each of these files": one of a plural. */
const ONE_OF = new Set(['one', 'each', 'either', 'neither']);
/**
 * Nouns whose two numbers are spelt alike, or that read either way, and -s forms that are nouns of their own ("a
 * means", "the news", "the goods" are no plurals of "mean", "new", "good"): a determiner tells nothing of their -s.
 */
const SAME_IN_BOTH = new Set([...PLURAL_WITHOUT_S, 'sheep', 'fish', 'deer', 'aircraft', 'offspring', 'software', 'hardware', 'means', 'lens',
  'glasses', 'goods', 'thanks', 'arms', 'savings', 'manners', 'customs', 'works', 'clothes', 'physics', 'mathematics', 'economics',
  'politics', 'ethics', 'statistics', 'analytics', 'graphics', 'headquarters', 'premises', 'outskirts', 'belongings', 'surroundings',
  'earnings', 'remains', 'odds', 'scissors', 'pants', 'trousers', 'jeans', 'shorts', 'congratulations', 'regards', 'whereabouts',
  'crossroads', 'barracks', 'lyrics', 'contents',
  // and words that stand for a noun after "the" ("one of the following", "each of the above")
  'following', 'above', 'below', 'former', 'latter', 'rest', 'same', 'best', 'first', 'last', 'most', 'majority', 'remainder', 'other', 'more', 'less', 'much', 'lot']);

/**
 * Could nounNumber read a number for a word after these two words (lower case; undefined where the sentence has
 * none)? A determiner right before it, or one before a modifier, or the "of" of "one of the": a screen for callers
 * that ask it of every word.
 */
export function mayTellNumber(prev: string | undefined, prev2: string | undefined): boolean {
  const tells = (d: string | undefined) => d !== undefined && (NOUN_SINGULAR_BEFORE.has(d) || NOUN_PLURAL_BEFORE.has(d));
  return tells(prev) || tells(prev2) || (prev !== undefined && (OPEN_DETERMINERS.has(prev) || prev === 'these' || prev === 'those') && prev2 === 'of');
}

/**
 * The number of the noun `word` as the determiner before it says it, where it says it plainly: one that tells a
 * number right before it ("every details", "a cars", "several reason"), or before one modifier that is neither a
 * noun nor a verb ("many new employee"), or "one of the" before it ("one of the reason"). undefined where a
 * determiner that also stands alone ("many", "each") meets a word that can be a verb and the next word does not
 * make it a noun ("many use it", "each needs one"), where the word modifies a noun after it ("two factor
 * authentication", "these file formats"), where its two numbers read alike ("many people", "a series"), or where
 * nothing before it tells. The channel's noun-number cue reads it (channel.ts, nounNumberCue).
 */
export function nounNumber(text: string, before: readonly Span[], word: Span, lex: GrammarLexicon, after: readonly Span[] = []): GrammaticalNumber | undefined {
  const w = word.text;
  if (!/^\p{Ll}+$/u.test(w) || SAME_IN_BOTH.has(w) || FUNCTION_WORDS.has(w) || MODALS.has(w)) return undefined;
  // Half of a compound or a pair ("high-level", "key/value"), or one of two nouns ("both left and right", "several
  // file and directory names"): the determiner may be the other's.
  const rest = text.slice(word.end);
  if (/^[-/]/.test(rest) || /^\s+(and|or|nor)\b/i.test(rest)) return undefined;
  const n = before.length;
  const at = (k: number) => (k >= 0 && spaced(text, before[k], k + 1 < n ? before[k + 1] : word) ? before[k].text.toLowerCase() : undefined);
  const told = (d: string | undefined): GrammaticalNumber | undefined =>
    d === undefined ? undefined : NOUN_SINGULAR_BEFORE.has(d) ? 'singular' : NOUN_PLURAL_BEFORE.has(d) ? 'plural' : undefined;
  let number = told(at(n - 1)), alone = number !== undefined && STANDS_ALONE.has(at(n - 1)!), modified = false;
  if (number === undefined) {
    const m = at(n - 1), beforeM = told(at(n - 2));
    if (m !== undefined && (OPEN_DETERMINERS.has(m) || m === 'these' || m === 'those') && at(n - 2) === 'of' && ONE_OF.has(at(n - 3) ?? '')) number = 'plural';
    else if (m !== undefined && beforeM !== undefined && /^\p{Ll}+$/u.test(m) && !FUNCTION_WORDS.has(m) && !PLURAL_AFTER_A.has(m) &&
      lex.isWord(m) && !lex.canBe(m, 'noun') && !lex.canBe(m, 'verb') && !pluralNoun(m, lex)) {
      number = beforeM;
      modified = true;
    }
    alone = false;   // after a modifier, or "one of the", the word is a noun
  }
  if (number === undefined) return undefined;
  const others = otherNumber(w, lex), plural = pluralNoun(w, lex);
  const stem = plural ? others.find((o) => o.length < w.length) : w, withS = plural ? w : others.find((o) => o.length > w.length);
  if (stem === undefined || withS === undefined || !lex.canBe(stem, 'noun') || SAME_IN_BOTH.has(withS)) return undefined;
  const next = spaced(text, word, after[0]) ? after[0].text.toLowerCase() : undefined;
  const ends = /^\s*($|[.,;:!?)])/.test(rest);
  // After "a" and a word WordNet knows only as an adjective, a verb's -s may be the verb of the phrase ("a preset sets").
  if (modified && plural && number === 'singular' && lex.canBe(stem, 'verb')) return undefined;
  if (alone && lex.canBe(stem, 'verb') && !ends && !(next !== undefined && AFTER_NOUN.has(next))) return undefined;
  // A noun right after it makes the word its modifier ("two factor authentication", "a users guide").
  if (!ends && next !== undefined && !FUNCTION_WORDS.has(next) && !AFTER_NOUN.has(next) && (lex.canBe(next, 'noun') || pluralNoun(next, lex))) return undefined;
  return number;
}

/** The number an agreement form shows: is, has, -s singular; are, have, the bare verb plural. */
export function verbNumber(w: string): GrammaticalNumber {
  const lw = w.toLowerCase().replace(/’/g, "'");
  const aux = AUX_PAIRS.find(([sg, pl]) => lw === sg || lw === pl);
  if (aux) return lw === aux[0] ? 'singular' : 'plural';
  return /s$/.test(lw) ? 'singular' : 'plural';
}
