// Candidate sources (spelling index, keyboard weights, confusables, split/join, doubled words, a/an) and
// case preservation, on the real vocabulary and packaged lexicon (dist/lexicon.bin); no model needed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WordPiece } from '../../../src/text/wordpiece';
import { applyCase, generatorFor, type WordContext } from '../../../src/engine/candidates';
import { confusablesOf, confusableSetCount, confusionsOf, isGrammarPair } from '../../../src/engine/confusables';
import { keyboardAdjacent } from '../../../src/engine/keyboard';
import { editCost, SpellingIndex } from '../../../src/engine/spelling';
import { CONFUSABLE_GATE, isRealWord, looksLikeCode, MIN_SUSPECTS, prioritise, realWordRank, suspectRounds, suspectsOf } from '../../../src/engine/findings';

const ROOT = path.resolve(__dirname, '../../../..');
const wp = WordPiece.fromVocab(fs.readFileSync(path.join(ROOT, 'models/vocab.txt'), 'utf8'), true);
const gen = generatorFor(wp.vocab);

function ctx(text: string, word: string, nth = 0) {
  const spans = [...text.matchAll(/[\p{L}'’]+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0] }));
  const i = spans.findIndex((s, k) => s.text === word && spans.slice(0, k).filter((x) => x.text === word).length === nth);
  return { text, word: spans[i], prev: spans[i - 1], next: spans[i + 1] };
}
const texts = (cs: { text: string }[]) => cs.map((c) => c.text);

test('applyCase keeps the original capitalisation', () => {
  assert.equal(applyCase('Their', 'there'), 'There');
  assert.equal(applyCase('THEIR', 'there'), 'THERE');
  assert.equal(applyCase('their', 'there'), 'there');
  assert.equal(applyCase('I', 'me'), 'me', "the pronoun's capital says nothing");
  assert.equal(applyCase('me', 'i'), 'I');
  assert.equal(applyCase('A', 'an'), 'An');
  assert.equal(applyCase('teh', 'Linux'), 'Linux', "a proper noun's capital stays");
});

test('keyboard: neighbouring keys are adjacent, far keys are not; editCost weights neighbours lower', () => {
  assert.ok(keyboardAdjacent('s', 'd') && keyboardAdjacent('g', 'b') && keyboardAdjacent('J', 'h'));
  assert.ok(!keyboardAdjacent('q', 'p') && !keyboardAdjacent('a', 'a') && !keyboardAdjacent('a', 'é'));
  assert.ok(editCost('thw', 'the', 2) < editCost('thz', 'the', 2), 'w is next to e, z is not');
  assert.ok(editCost('teh', 'the', 2) < 1, 'a transposition is one cheap edit');
  assert.equal(editCost('abc', 'abc', 2), 0);
  assert.equal(editCost('abcdef', 'uvwxyz', 2), Infinity);
  assert.ok(editCost('ocured', 'occurred', 2) <= 1.2, 'undoubling is cheap');
  assert.equal(editCost('dont', "don't", 1), 0.6, 'a dropped apostrophe is cheap');
  assert.equal(editCost('dont', 'donut', 1), 1, 'another letter is not');
});

test('SpellingIndex finds edits within distance 2 across both tiers', () => {
  const idx = SpellingIndex.build(['receive', 'definitely'], ['aardvark', 'receive', 'relieve', 'definitely', 'defiantly']);
  assert.deepEqual(idx.neighbours('recieve').map((n) => n.word).slice(0, 2), ['receive', 'relieve']);
  assert.equal(idx.neighbours('definately')[0].word, 'definitely');
  assert.equal(idx.lookup('RECEIVE'), 'receive');
  assert.ok(idx.isFrequent('receive') && !idx.isFrequent('relieve'));
  assert.deepEqual(idx.neighbours('zzzzzz'), []);
});

test('SpellingIndex: a complete search finds every word two edits away, in either tier', () => {
  // Outside the frequent tier only 1-deletes are indexed: "omission" is one change and one insertion from
  // "omition", "conventionally" two insertions from "conventially"; the plain search cannot reach them.
  const idx = SpellingIndex.build(['motion'], ['omission', 'conventionally', 'aardvark']);
  assert.deepEqual(idx.neighbours('omition', 2).map((n) => n.word), ['motion']);
  assert.deepEqual(idx.neighbours('omition', 2, true).map((n) => n.word).sort(), ['motion', 'omission']);
  assert.deepEqual(idx.neighbours('conventially', 2, true).map((n) => n.word), ['conventionally']);
  assert.deepEqual(idx.neighbours('conventially', 2).map((n) => n.word), [], 'the plain search is remembered apart');
  assert.deepEqual(idx.neighbours('omitio', 2, true), [], 'three edits from "omission" and from "motion": no neighbour');
  // The same set as a brute-force scan of every word, on random two-edit slips of the indexed words.
  const words = ['separate', 'definitely', 'necessary', 'occurrence', 'parameter', 'argument', 'repository', 'environment'];
  const big = SpellingIndex.build(words.slice(0, 2), words);
  let seed = 7;
  const rand = (n: number) => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) % n; };
  const edit = (w: string) => {
    const i = rand(w.length), x = String.fromCharCode(97 + rand(26));
    return [w.slice(0, i) + x + w.slice(i), w.slice(0, i) + x + w.slice(i + 1), w.slice(0, i) + w.slice(i + 1)][rand(3)];
  };
  let missedByPlain = 0;
  for (let k = 0; k < 200; k++) {
    const q = edit(edit(words[rand(words.length)]));
    const want = words.filter((w) => w !== q && editCost(q, w, 2) <= 2).sort();
    assert.deepEqual(big.neighbours(q, 2, true).map((n) => n.word).sort(), want, q);
    if (big.neighbours(q, 2).length < want.length) missedByPlain++;
  }
  assert.ok(missedByPlain > 20, `the slips include ones the plain search misses (${missedByPlain})`);
});

test('spelling neighbours from the real vocab + packaged lexicon, without re-indexing per call', () => {
  const cases: [string, string][] = [['recieve', 'receive'], ['teh', 'the'], ['seperate', 'separate'], ['occured', 'occurred'], ['wich', 'which'], ['becuase', 'because']];
  const t0 = performance.now();
  for (const [typo, right] of cases) {
    const got = texts(gen.generate(ctx(`I ${typo} it.`, typo)));
    assert.ok(got.slice(0, 5).includes(right), `${typo} → ${right} in the top 5 of [${got.slice(0, 8).join(', ')}]`);
  }
  // ~1-15 ms a word on a busy 2-core machine; re-indexing the lexicon per call would take seconds.
  assert.ok((performance.now() - t0) / cases.length < 100, 'lookups are fast');
});

test('confusables: 50+ sets, symmetric, case preserved in candidates', () => {
  assert.ok(confusableSetCount >= 50);
  assert.ok(confusablesOf('there').includes('their') && confusablesOf('Their').includes("they're"));
  assert.ok(confusablesOf('then').includes('than') && confusablesOf('than').includes('then'));
  assert.ok(confusablesOf('hour').includes('our') && !confusablesOf('hour').includes('are'), 'hour/our and our/are, not hour/are');
  assert.deepEqual(confusablesOf('xylophone'), []);
  const got = texts(gen.generate(ctx('Their going home.', 'Their')));
  assert.ok(got.includes("They're") && got.includes('There'), got.join(', '));
  assert.ok(isGrammarPair('is', 'are') && isGrammarPair('uses', 'use') && !isGrammarPair('their', 'there'));
  // Two kinds, each with its own prior in the channel: a homophone slip and a choice of usage.
  assert.equal(confusionsOf('Then').get('than'), 'confusable');
  assert.equal(confusionsOf('this').get('these'), 'usage');
  assert.equal(confusionsOf('the').get('then'), 'confusable', 'the/they/then are near misses');
  assert.equal(confusionsOf('the').get('a'), 'usage', 'a/an/the is a choice of determiner');
  assert.equal(confusionsOf('then').get('these'), undefined);
  const these = gen.generate(ctx('These file is big.', 'These')).find((c) => c.text === 'This');
  assert.deepEqual(these?.sources.includes('usage'), true, JSON.stringify(these));
});

test('split and joined words', () => {
  const alot = gen.generate(ctx('I like it alot.', 'alot'));
  assert.ok(texts(alot).includes('a lot'), texts(alot).join(', '));
  const c = ctx('We meet some times a week.', 'some');
  const joined = gen.generate(c).find((x) => x.text === 'sometimes');
  assert.ok(joined, 'some times → sometimes');
  assert.equal(c.text.slice(joined.start, joined.end), 'some times');
  // A prefix English never writes alone is not split off: "unarchived" is no "un archived".
  for (const w of ['unarchived', 'rethrowing']) assert.ok(!texts(gen.generate(ctx(`It is ${w} now.`, w))).some((t) => /\s/.test(t)), w);
  // A split needs a function word on one side: two content words run together are a compound or an identifier.
  assert.ok(texts(gen.generate(ctx('It will be removed inthe next release.', 'inthe'))).includes('in the'));
  for (const w of ['statusmessage', 'heapsnapshot', 'styleguides']) assert.ok(!texts(gen.generate(ctx(`The ${w} is set.`, w))).some((t) => /\s/.test(t)), w);
});

test('the cloze proposals become candidates (whole words only)', () => {
  const id = (p: string) => wp.id(p)!;
  const proposals = { ids: [id('there'), id('##s'), id('.'), id('here')], logq: [-0.5, -1, -1.5, -2] };
  const got = texts(gen.generate(ctx('It is over thier.', 'thier'), proposals));
  assert.ok(got.includes('there') && got.includes('here'));
  assert.ok(!got.includes('s') && !got.includes('.') && !got.includes('##s'));
  assert.ok(got.length <= 30);
});

test('suspects: doubled words get a delete candidate, a/an mismatches their fix, pNoise over the gate', () => {
  const text = 'I saw the the cat and a apple and an hour.';
  const words = [...text.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0], sentence: 0 }));
  const pNoise = words.map((w) => (w.text === 'cat' ? 0.9 : 0));
  const zeros = words.map(() => 0);
  const sounds = { firstSound: (w: string) => (/^(apple|hour)$/i.test(w) ? 'vowel' as const : 'consonant' as const) };
  const s = suspectsOf({ text, words, energy: zeros, surprisal: zeros, pNoise, checkable: words.map(() => true), isWord: () => true, sounds }, 0.5);
  const dbl = s.find((x) => x.forced.some((c) => c.sources.includes('delete')))!;
  assert.equal(text.slice(dbl.forced[0].start, dbl.forced[0].end), 'the the');
  assert.equal(dbl.forced[0].text, 'the');
  const art = s.find((x) => words[x.word].text === 'a' && x.forced.length)!;
  assert.equal(art.forced[0].text, 'an');
  assert.deepEqual(art.forced[0].sources, ['a/an'], 'priced as the a/an kind (channel.ts), reported as grammar');
  assert.ok(!s.some((x) => words[x.word].text === 'an'), '"an hour" is right');
  assert.ok(s.some((x) => words[x.word].text === 'cat' && x.byNoise));
  assert.ok(s.filter((x) => x.byNoise).length === 1, 'only cat passed the gate');
  // A new line that begins with a capital only the second copy has is a new sentence or item ("args : tuple\n Tuple of
  // arguments"); "The the" and "how test Test Results" are slips.
  const two = 'It takes a tuple\n  Tuple of arguments. The the list, and how test Test Results view is set.';
  const ws = [...two.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0], sentence: 0 }));
  const z = ws.map(() => 0);
  const deletes = suspectsOf({ text: two, words: ws, energy: z, surprisal: z, pNoise: z, checkable: ws.map(() => true), isWord: () => true }, 0.5)
    .flatMap((x) => x.forced.filter((c) => c.sources.includes('delete')).map((c) => two.slice(c.start, c.end)));
  assert.deepEqual(deletes, ['The the', 'test Test']);
});

test('suspects: a lower-case "i" standing alone, or its contraction, is offered the capital of the pronoun whatever its pNoise; a letter joined to a word is not', () => {
  const text = "Then i ran it, and i'm sure i’ve seen the i-th row of i/o fail. I did.";
  const words = [...text.matchAll(/[\p{L}'’]+|\//gu)].filter((m) => m[0] !== '/').map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0], sentence: 0 }));
  const zeros = words.map(() => 0);
  const s = suspectsOf({ text, words, energy: zeros, surprisal: zeros, pNoise: zeros, checkable: words.map(() => true), isWord: () => true }, 0.5);
  const offered = s.flatMap((x) => x.forced.filter((c) => c.sources.includes('pronoun')).map((c) => [text.slice(c.start, c.end), c.text]));
  assert.deepEqual(offered, [['i', 'I'], ["i'm", "I'm"], ['i’ve', 'I’ve']], '"i-th" and "i/o" are no pronoun, "I" needs nothing');
});

test('suspects: a doubled phrase of two or three words gets one copy deleted; a run of one word is the doubled word alone, a name said twice a title', () => {
  // Not a phrase or word that runs on into a compound ("vs Async vs Async/Await", "minimum minimum-number"), nor a phrase that begins with an auxiliary,
  // where one clause may end as the next goes on ("whose directory is ignored is ignored too").
  const text = 'But during the during the move we put it in the box in the box and then the the the file. Not in the\nin the end. We sang New York New York. Sync vs Async vs Async/Await and a file whose directory is ignored is ignored too, at a minimum minimum-number value.';
  const words = [...text.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0], sentence: m.index! < text.indexOf('Not') ? 0 : 1 }));
  const zeros = words.map(() => 0);
  const s = suspectsOf({ text, words, energy: zeros, surprisal: zeros, pNoise: zeros, checkable: words.map(() => true), isWord: () => true }, 0.5);
  const deletes = s.flatMap((x) => x.forced.filter((c) => c.sources.includes('delete')).map((c) => [text.slice(c.start, c.end), c.text]));
  assert.deepEqual(deletes, [['during the during the', 'during the'], ['in the box in the box', 'in the box'], ['the the', 'the'], ['the the', 'the'], ['in the\nin the', 'in the']]);
});

test('suspects: two articles in a row, or an article before a determiner, get both ways of leaving one out, an "a" or "an" kept as the next sound asks; names and letters are no articles', () => {
  const text = 'If a an if block. Call the a function. An the list. Use a the hour. The A record and Plan A. An example. A an `if` block. Given the those options. Copy it to a your calendar. Keep the this pointer. Edit the your-app config and the my.cnf file. The articles are a an and the.';
  const words = [...text.matchAll(/`[^`]*`|\p{L}+/gu)].filter((m) => m[0][0] !== '`').map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0], sentence: 0 }));
  let sentence = 0;
  words.forEach((w, k) => { if (k && /\.\s*$/.test(text.slice(words[k - 1].end, w.start))) sentence++; w.sentence = sentence; });
  const zeros = words.map(() => 0);
  const sounds = { firstSound: (w: string) => (/^(if|hour|example|and)$/i.test(w) ? 'vowel' as const : 'consonant' as const) };
  const s = suspectsOf({ text, words, energy: zeros, surprisal: zeros, pNoise: zeros, checkable: words.map(() => true), isWord: () => true, sounds }, 0.5);
  const pairs = s.flatMap((x) => x.forced.filter((c) => c.sources.includes('leftover')).map((c) => [text.slice(c.start, c.end), c.text]));
  assert.deepEqual(pairs, [['a an', 'an'], ['An the', 'The'], ['An the', 'A'], ['a the', 'the'], ['a the', 'an'], ['A an', 'An'], ['the those', 'those'], ['the those', 'the'], ['a your', 'your'], ['a your', 'a']],
    'inline code after the pair is read aloud; "the this pointer" is the keyword; "the a" is a letter or a variable as often; a compound or a path is no determiner, and words listed are not used');
  assert.ok(!s.some((x) => x.forced.some((c) => c.sources.includes('a/an'))), '"a an" is the pair, not "an an"');
});

test('a double English writes on purpose ("had had", "that that", "long long") is no doubled word, a third copy is', () => {
  const text = 'She had had enough, so we know that that fails in unsigned long long int and that that that was wrong.';
  const words = [...text.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0], sentence: 0 }));
  const zeros = words.map(() => 0);
  const s = suspectsOf({ text, words, energy: zeros, surprisal: zeros, pNoise: zeros, checkable: words.map(() => true), isWord: () => true }, 0.5);
  const deletes = s.flatMap((x) => x.forced.filter((c) => c.sources.includes('delete')).map((c) => [c.start, text.slice(c.start, c.end)]));
  assert.deepEqual(deletes, [[text.lastIndexOf('that that'), 'that that']], 'only the third "that" doubles one to delete');
  // The generator reads the same rule for a suspect it generates for, with the word before the pair beside it.
  const del = (c: WordContext) => gen.generate(c, undefined).filter((x) => x.sources.includes('delete'));
  assert.deepEqual(del(ctx(text, 'had', 1)), [], '"had had"');
  const third = ctx(text, 'that', 4);
  const before = { start: text.lastIndexOf('that that that'), end: text.lastIndexOf('that that that') + 4, text: 'that' };
  assert.equal(del({ ...third, beforePrev: before }).length, 1, 'a third "that" after "that that"');
  assert.equal(del(ctx('Check the the file.', 'the', 1)).length, 1, '"the the" stays a doubled word');
  // Three copies or more of a word English does not double are meant ("very very very old", "blah blah blah").
  const run = 'It was fried in very very very old oil.';
  assert.deepEqual(del(ctx(run, 'very', 1)), [], 'the first pair of three');
  const second = ctx(run, 'very', 2);
  assert.deepEqual(del({ ...second, beforePrev: { start: run.indexOf('very'), end: run.indexOf('very') + 4, text: 'very' } }), [], 'the second pair of three');
  assert.deepEqual(del(ctx('Set a minimum minimum-number-of-calls value.', 'minimum', 1)), [], 'a copy that runs on into a compound differs');
});

test('looksLikeCode skips identifiers, paths and URLs but not words', () => {
  for (const w of ['getElementById', 'snake_case', 'v1.2', 'a/b', 'x86', 'http://x', 'JSONParser']) assert.ok(looksLikeCode(w), w);
  for (const w of ['their', 'Hello', "don't", 'well-known', 'NASA']) assert.ok(!looksLikeCode(w), w);
});

test('suspects: a non-word with a close correction is one whatever its pNoise; a known word below the gate is not', () => {
  const text = 'We definately parsed it.';
  const words = [...text.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0], sentence: 0 }));
  const zeros = words.map(() => 0);
  const table = { text, words, energy: zeros, surprisal: zeros, pNoise: zeros, checkable: words.map(() => true), isWord: (w: string) => w !== 'definately' };
  assert.deepEqual(suspectsOf(table, 0.5), []);
  const s = suspectsOf({ ...table, mustCheck: (w: string) => w === 'definately' }, 0.5);
  assert.deepEqual(s.map((x) => [words[x.word].text, x.byNoise]), [['definately', true]]);
  assert.deepEqual(suspectsOf({ ...table, checkable: words.map((w) => w.text !== 'definately'), mustCheck: () => true }, 0.5)
    .map((x) => words[x.word].text), ['We', 'parsed', 'it'], 'an ignored word is never a suspect');
});

test('suspects: a confusion-set member below the gate but over CONFUSABLE_GATE of it is one, with its set alone; capped as a real word', () => {
  const text = 'Fetch it form the server.';
  const words = [...text.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0], sentence: 0 }));
  const pNoise = words.map((w) => (w.text === 'form' || w.text === 'Fetch' ? 0.2 : 0.01));
  const table = { text, words, energy: pNoise, surprisal: pNoise, pNoise, checkable: words.map(() => true), isWord: () => true };
  const s = suspectsOf(table, 0.5);
  assert.deepEqual(s.map((x) => words[x.word].text), ['form'], 'Fetch (in no set) stays below the gate; the rest are far below');
  assert.equal(s[0].byNoise, false, 'no generated candidates');
  assert.deepEqual(s[0].forced.map((c) => [c.text, c.sources[0], text.slice(c.start, c.end)]), [['from', 'quiet-confusable', 'form']]);
  assert.deepEqual(suspectsOf(table, 0.5 * CONFUSABLE_GATE * 1.01), suspectsOf(table, 0.5 * CONFUSABLE_GATE * 1.01).filter((x) => x.byNoise), 'over the gate: generated as any word');
  assert.deepEqual(suspectsOf({ ...table, pNoise: pNoise.map((p) => p / 2) }, 0.5), [], 'under a third of the gate: none');
  const many = Array.from({ length: 40 }, (_, i) => ({ word: 2, byNoise: false, forced: s[0].forced }));
  assert.ok(many.every((x) => isRealWord(x, table)), 'a confusion set is no forced fix: capped with the real words');
  assert.equal(prioritise([...many, { word: 0, byNoise: true, forced: [] }], table).length, MIN_SUSPECTS);
});

test('suspects: a word below the gate with an agreement fix is one, its fix of the quiet-agreement kind; capped as a real word', () => {
  const text = 'The list contain the items.';
  const words = [...text.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0], sentence: 0 }));
  const pNoise = words.map((w) => (w.text === 'contain' || w.text === 'items' ? 0.2 : 0.01));
  const agreement = { agreementFixes: (w: string, prev?: string) => (w === 'contain' && prev === 'list' ? ['contains'] : []) };
  const table = { text, words, energy: pNoise, surprisal: pNoise, pNoise, checkable: words.map(() => true), isWord: () => true, agreement };
  const s = suspectsOf(table, 0.5);
  assert.deepEqual(s.map((x) => words[x.word].text), ['contain'], '"items" has no agreement fix and is in no set');
  assert.deepEqual(s[0].forced.map((c) => [c.text, c.sources[0], text.slice(c.start, c.end)]),
    [['contains', 'quiet-agreement', 'contain'], ['contained', 'quiet-usage', 'contain']], 'its usage set\'s other members are quiet-usage');
  assert.ok(isRealWord(s[0], table));
  assert.deepEqual(suspectsOf({ ...table, agreement: undefined }, 0.5)[0].forced.map((c) => `${c.text}:${c.sources.join('+')}`),
    ['contains:quiet-usage', 'contained:quiet-usage'], 'without the lexicon\'s hook: its usage set alone');
  // An auxiliary is in a usage set too: its agreement fix is one candidate, of the agreement kind.
  const aux = { ...table, agreement: { agreementFixes: (w: string) => (w === 'are' ? ['is'] : []) } };
  const t2 = 'The lease are stored.';
  const w2 = [...t2.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0], sentence: 0 }));
  const s2 = suspectsOf({ ...aux, text: t2, words: w2, pNoise: w2.map((w) => (w.text === 'are' ? 0.2 : 0.01)), energy: w2.map(() => 0), surprisal: w2.map(() => 0), checkable: w2.map(() => true) }, 0.5);
  assert.deepEqual(s2[0].forced.map((c) => `${c.text}:${c.sources.join('+')}`), ['is:quiet-agreement', 'our:quiet-confusable', 'be:quiet-usage'],
    'a homophone\'s set is quiet-confusable, a usage set\'s quiet-usage');
});

test('prioritise: doubled words, a/an and non-words are all kept; real words over the gate are capped, highest pNoise first', () => {
  const n = 60;
  const words = Array.from({ length: n }, (_, i) => ({ start: i * 6, end: i * 6 + 5, text: i % 3 === 0 ? `wrdx${i}` : `word${i}`, sentence: 0 }));
  const pNoise = words.map((_, i) => i / n);
  const table = { text: '', words, energy: pNoise, surprisal: pNoise, pNoise, checkable: words.map(() => true), isWord: (w: string) => w.startsWith('word') };
  const all = words.map((_, i) => ({ word: i, byNoise: true, forced: [] as never[] }));
  all[1] = { word: 1, byNoise: false, forced: [{ text: 'x', start: 0, end: 1, prior: 3, sources: ['delete'] }] as never[] };
  const kept = prioritise(all, table);
  assert.equal(kept[0].word, 1, 'the doubled word first');
  const nonWords = kept.filter((s) => words[s.word].text.startsWith('wrdx'));
  assert.equal(nonWords.length, 20, 'every non-word kept');
  const real = kept.filter((s) => s.forced.length === 0 && words[s.word].text.startsWith('word'));
  assert.equal(real.length, MIN_SUSPECTS, 'real words capped');
  assert.ok(real.every((s, k) => k === 0 || pNoise[real[k - 1].word] >= pNoise[s.word]), 'highest pNoise first');
  assert.equal(Math.min(...real.map((s) => pNoise[s.word])) > pNoise[2], true, 'the lowest real words are the ones left out');
});

test('prioritise: a real word the words around read as one of its alternatives makes the cap before uncued ones', () => {
  // Twenty sentences "The value are here." and twenty "The value is here.": every auxiliary a real-word suspect
  // by its agreement fix; the "are"s (cued: the subject is singular) have the lower pNoise.
  const text = Array.from({ length: 40 }, (_, k) => (k % 2 ? 'The value is here.' : 'The value are here.')).join(' ');
  const words = [...text.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0],
    sentence: (text.slice(0, m.index).match(/\./g) ?? []).length }));
  const pNoise = words.map((w) => (w.text === 'are' ? 0.1 : w.text === 'is' ? 0.2 : 0.001));
  const table = { text, words, energy: pNoise, surprisal: pNoise, pNoise, checkable: words.map(() => true), isWord: () => true, agreement: gen, grammar: gen };
  const suspects = suspectsOf(table, 0.05);
  assert.equal(suspects.filter((s) => isRealWord(s, table)).length, 40);
  const kept = prioritise(suspects, table).map((s) => words[s.word].text);
  assert.equal(kept.length, MIN_SUSPECTS);
  assert.ok(kept.every((w) => w === 'are'), `the cued "are"s first: ${kept.join(' ')}`);
  assert.ok(realWordRank(suspects.find((s) => words[s.word].text === 'are')!, table) >= 1);
  const plain = { ...table, grammar: undefined };
  assert.deepEqual(prioritise(suspectsOf(plain, 0.05), plain).map((s) => words[s.word].text), Array(MIN_SUSPECTS).fill('is'),
    'without the cues: by pNoise alone');
});

test('below the confusable gate, a confusion-set member is a suspect only where its neighbours read another member (readMembers)', () => {
  const text = "It makes a commit, who's parent is c. Ask who's responsible. Read on to see weather someone answered. The weather is fine.";
  const words = [...text.matchAll(/[\p{L}']+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0],
    sentence: (text.slice(0, m.index).match(/\./g) ?? []).length }));
  // Every word far below the gate's third: the model reads them all as fitting.
  const pNoise = words.map(() => 0.001);
  const table = { text, words, energy: pNoise, surprisal: pNoise, pNoise, checkable: words.map(() => true), isWord: () => true, agreement: gen, grammar: gen };
  const suspects = suspectsOf(table, 0.3);
  assert.deepEqual(suspects.map((s) => [words[s.word].text, words[s.word].sentence, s.forced.map((c) => c.text)]),
    [["who's", 0, ['whose']], ['weather', 2, ['whether']]], 'the cued ones alone, with the member their words read');
  assert.ok(suspects.every((s) => s.cued && isRealWord(s, table)), 'cued real words, which a long document\'s cap takes first');
  assert.deepEqual(suspectsOf({ ...table, grammar: undefined }, 0.3), [], 'without the word classes, none');
});

test('below the gate, a noun whose determiner tells the other number is a suspect with that number (readNumber)', () => {
  const text = 'There are several reason. Each files is read. The files are read. Use a users guide. Every option counts.';
  const words = [...text.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0],
    sentence: (text.slice(0, m.index).match(/\./g) ?? []).length }));
  // Every word far below the gate: the model reads them all as fitting.
  const pNoise = words.map(() => 0.001);
  const table = { text, words, energy: pNoise, surprisal: pNoise, pNoise, checkable: words.map(() => true), isWord: () => true, agreement: gen, grammar: gen };
  const suspects = suspectsOf(table, 0.3);
  assert.deepEqual(suspects.map((s) => [words[s.word].text, words[s.word].sentence, s.forced.map((c) => `${c.text}:${c.sources.join('+')}`)]),
    [['reason', 0, ['reasons:number']], ['files', 1, ['file:number']]],
    'the determiner\'s number alone: not after "the", nor a noun that modifies the next ("a users guide"), nor one that agrees');
  assert.ok(suspects.every((s) => !isRealWord(s, table)), 'its fix is the determiner\'s, as a/an\'s is: never capped');
  assert.deepEqual(suspectsOf({ ...table, grammar: undefined }, 0.3), [], 'without the word classes, none');
  // Over a third of the gate a word is asked for its agreement fixes too: a fix both kinds offer is one candidate of both.
  const t2 = 'There are two test.';
  const w2 = [...t2.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0], sentence: 0 }));
  const quiet = { ...table, text: t2, words: w2, pNoise: w2.map((w) => (w.text === 'test' ? 0.2 : 0.001)), energy: w2.map(() => 0), surprisal: w2.map(() => 0),
    checkable: w2.map(() => true), agreement: { agreementFixes: (w: string) => (w === 'test' ? ['tests'] : []) } };
  assert.deepEqual(suspectsOf(quiet, 0.5).map((s) => s.forced.map((c) => `${c.text}:${c.sources.join('+')}`)), [['tests:quiet-agreement+number']]);
});

test('prioritise: a real word whose cloze row reads one of its alternatives likelier makes the cap before the others', () => {
  // Forty sentences "Fetch it form here.": every "form" a quiet suspect (its set: "from"), none cued by its words;
  // the cloze model reads "from" likelier at the odd ones alone, which have the lower pNoise.
  const text = Array.from({ length: 40 }, () => 'Fetch it form here.').join(' ');
  const words = [...text.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0],
    sentence: (text.slice(0, m.index).match(/\./g) ?? []).length }));
  const pNoise = words.map((w) => (w.text === 'form' ? (w.sentence % 2 ? 0.1 : 0.12) : 0.001));
  const asked: string[][] = [];
  const prefers = (i: number, texts: readonly string[]) => { asked.push([...texts]); return words[i].sentence % 2 === 1 && texts.includes('from'); };
  const table = { text, words, energy: pNoise, surprisal: pNoise, pNoise, checkable: words.map(() => true), isWord: () => true, prefers };
  const suspects = suspectsOf(table, 0.25);
  assert.equal(suspects.length, 40);
  assert.ok(asked.every((t) => t.includes('from')), 'asked about the set\'s other members');
  const favoured = suspects.filter((s) => s.favoured);
  assert.equal(favoured.length, 20);
  assert.ok(favoured.every((s) => words[s.word].sentence % 2 === 1));
  const kept = prioritise(suspects, table);
  assert.equal(kept.length, MIN_SUSPECTS);
  assert.ok(kept.every((s) => s.favoured), `the favoured ones first: ${kept.map((s) => words[s.word].sentence).join(' ')}`);
  assert.ok(realWordRank(favoured[0], table) >= 1);
  const plain = { ...table, prefers: undefined };
  assert.ok(prioritise(suspectsOf(plain, 0.25), plain).every((s) => words[s.word].sentence % 2 === 0), 'without the cloze rows: by pNoise alone');
});

test('prioritise keeps what a sort of every suspect keeps, in the same order, ties in text order', () => {
  // The order prioritise promises, written as the plain sort it replaces.
  const sorted = (suspects: { word: number; byNoise: boolean; forced: never[] }[], t: { pNoise: number[]; words: { text: string }[] }, cap: number) => {
    const real = (s: { word: number; forced: never[] }) => s.forced.length === 0 && t.words[s.word].text.startsWith('word');
    const rank = (s: { word: number; forced: never[] }) => (s.forced.length ? 2e6 : 0) + (real(s) ? 0 : 1e6) + t.pNoise[s.word];
    let realWords = 0;
    return [...suspects].sort((a, b) => rank(b) - rank(a) || a.word - b.word).filter((s) => !real(s) || ++realWords <= cap);
  };
  let seed = 7;
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (const n of [10, 40, 300, 5000]) {
    const words = Array.from({ length: n }, (_, i) => ({ start: i * 6, end: i * 6 + 5, text: random() < 0.1 ? `wrdx${i}` : `word${i}`, sentence: 0 }));
    // Few distinct values, so that many suspects tie.
    const pNoise = words.map(() => Math.round(random() * 20) / 20);
    const table = { text: '', words, energy: pNoise, surprisal: pNoise, pNoise, checkable: words.map(() => true), isWord: (w: string) => w.startsWith('word') };
    const all = words.flatMap((_, i) => (random() < 0.6 ? [{ word: i, byNoise: true, forced: [] as never[] }] : []));
    for (const s of all) if (random() < 0.05) s.forced = [{ text: 'x', start: 0, end: 1, prior: 3, sources: ['delete'] }] as never[];
    const cap = Math.max(MIN_SUSPECTS, Math.floor(n / 250));
    const kept = prioritise(all, table);
    assert.deepEqual(kept, sorted(all, table, cap), `${n} words`);
    // The rounds after it: the real words it left out, in the same order, a cap at a time; together, every suspect.
    const { kept: keptToo, next } = suspectRounds(all, table), later: { word: number }[][] = [];
    assert.deepEqual(keptToo, kept, `${n} words: suspectRounds keeps what prioritise keeps`);
    for (let round = next(); round.length > 0; round = next()) later.push(round);
    assert.deepEqual(next(), [], `${n} words: no round after the last`);
    assert.ok(later.every((r, k) => r.length === cap || (k === later.length - 1 && r.length > 0 && r.length <= cap)), `${n} words: rounds of ${cap}`);
    assert.deepEqual([...kept, ...later.flat()], sorted(all, table, Infinity), `${n} words: every suspect in the rounds`);
  }
});
