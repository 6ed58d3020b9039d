// The engine on the shipped model (models/, or ELECTRIC_MODEL_DIR): the quality claims the product makes,
// through the real onnxruntime runner.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { OrtRunner } from '../../../src/engine/session';
import type { ClozeWant } from '../../../src/engine/types';
import { check, checkMany, rank } from '../../../src/engine/pipeline';
import { MIN_SUSPECTS, suspectsOf } from '../../../src/engine/findings';
import { scoreWords } from '../../../src/engine/wordScores';
import { WordPiece } from '../../../src/text/wordpiece';
import { openShipped } from './runtimeFixtures';

let runner: OrtRunner;
let wp: WordPiece;

before(async () => { ({ runner, wp } = await openShipped()); });
after(async () => { await runner?.dispose(); });

const at = (text: string, word: string) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length });

test('rank gives the fix check gives: same candidates, totals and p (one REPLACE scorer)', async () => {
  for (const [text, wrong, right] of [
    ['Keep the files in a seperate directory.', 'seperate', 'separate'],
    ['Make sure their is enough space on the disk before you start.', 'their', 'there'],
    ['This setting effects every request the server handles.', 'effects', 'affects'],
  ]) {
    const f = (await check(text, 'plaintext', { sensitivity: 0.5 }, runner, wp)).findings.find((x) => x.word === wrong);
    assert.ok(f, `${wrong} flagged`);
    assert.equal(f.suggestions[0].text, right);
    // A runner object of its own has caches of its own: rank scores its rows afresh, in a batch of its own.
    const uncached = { meta: runner.meta, provider: runner.provider, energies: (b: number[][]) => runner.energies(b), cloze: (b: number[][], w?: ClozeWant) => runner.cloze(b, w) };
    const r = await rank(text, 'plaintext', f.start, f.end, { sensitivity: 0.5 }, uncached, wp);
    assert.ok(r?.flagged, `${wrong} flagged by rank's verdict too`);
    // The CPU graphs' activation scales are fixed (training/quantize.py, static_matmul): rows scored in another
    // batch give the same numbers, so the same fixes with the same p, bit for bit. A GPU graph runs in floating
    // point, where another batch shape may sum in another order: the same first fix, and every fix either gives
    // a p of 0.01 or more in both, each p within 0.01.
    if (runner.provider === 'cpu') {
      assert.deepEqual(r.suggestions, f.suggestions);
      assert.equal(r.score, f.score);
      continue;
    }
    assert.equal(r.suggestions[0].text, f.suggestions[0].text);
    const likely = (xs: { text: string; p: number }[]) => xs.filter((s) => s.p >= 0.01).map((s) => s.text);
    for (const text of new Set([...likely(r.suggestions), ...likely(f.suggestions)])) {
      const a = r.suggestions.find((x) => x.text === text), b = f.suggestions.find((x) => x.text === text);
      assert.ok(a && b, `${text}: offered by both`);
      assert.ok(Math.abs(a.p - b.p) < 0.01, `${text}: ${a.p} vs ${b.p}`);
    }
    assert.ok(Math.abs(r.score - f.score) < 0.01);
  }
});

test('checkMany (the CLI\'s --jsonl) gives each text what check gives it alone: bit for bit on the CPU graphs', async () => {
  // Texts whose windows and REPLACE rows differ in length, so the batches they share pad every row.
  const items = [
    'You should recieve an email when teh build finishes.',
    'Make sure their is enough space on the disk before you start, or the copy stops half way.',
    'This setting effects every request.',
    'The the parser handle nested lists and the function return a list of the results it found in them.',
  ].map((text) => ({ text, languageId: 'plaintext' }));
  const fresh = () => ({ meta: runner.meta, provider: runner.provider, energies: (b: number[][]) => runner.energies(b), cloze: (b: number[][], w?: ClozeWant) => runner.cloze(b, w) });
  const many = await checkMany(items, { sensitivity: 0.5 }, fresh(), wp);
  for (let i = 0; i < items.length; i++) {
    const alone = await check(items[i].text, items[i].languageId, { sensitivity: 0.5 }, fresh(), wp);
    if (runner.provider === 'cpu') {
      assert.deepEqual({ ...many[i], ms: 0 }, { ...alone, ms: 0 }, items[i].text);
    } else {
      // a GPU graph runs in floating point, where another batch may sum in another order: the same flags and fixes
      const flags = (r: typeof alone) => r.findings.map((f) => `${f.word} -> ${f.suggestions[0]?.text}`);
      assert.deepEqual(flags(many[i]), flags(alone), items[i].text);
    }
  }
  assert.ok(many.every((r) => r.findings.length > 0), 'every text has findings to compare');
});

test("a name in a Markdown link's label that its target spells is no slip; a label its target does not spell is checked", async () => {
  const text = '- [Sindre Sorhus](https://github.com/sindresorhus) wrote [cpy](https://github.com/sindresorhus/cpy).\n\nSee the [Instalation](https://x.org/install) guide.';
  const r = await check(text, 'markdown', { sensitivity: 0.5 }, runner, wp);
  assert.deepEqual(r.findings.map((f) => f.word), ['Instalation']);
  // A badge's alt text names what it shows: not checked, where an image's own alt text is.
  const badges = '[![neostandard javascript style](https://img.shields.io/badge/x.svg)](https://example.org/style)\n\n' +
    'A diagram: ![neostandard javascript style](style.png)';
  const badge = await check(badges, 'markdown', { sensitivity: 0.5 }, runner, wp);
  assert.deepEqual(badge.findings.map((f) => `${f.start} ${f.word}`), [`${badges.lastIndexOf('neostandard')} neostandard`]);
  // The same words in plain text are checked as any: a plain text has no links.
  const plain = await check('Sindre Sorhus wrote cpy.', 'plaintext', { sensitivity: 1 }, runner, wp);
  assert.ok(plain.findings.some((f) => f.word === 'Sindre' || f.word === 'cpy'), JSON.stringify(plain.findings.map((f) => f.word)));
});

test('a handle after its "@" and the items of a "|" list are not checked; the same words in a sentence are', async () => {
  const text = 'Working on open source software @ecosyste-ms and its zones biz|com|aero|asia are fine.';
  const r = await check(text, 'plaintext', { sensitivity: 1 }, runner, wp);
  assert.deepEqual(r.findings.map((f) => f.word), []);
  const prose = await check('Working on the ecosyste of open source and the aero zones.', 'plaintext', { sensitivity: 1 }, runner, wp);
  assert.deepEqual(prose.findings.map((f) => `${f.word} -> ${f.suggestions[0]?.text}`).sort(), ['aero -> zero', 'ecosyste -> ecosystem']);
});

test('a suffix a hyphen joins to a word is not checked alone ("tree-ish" is no "tree-fish")', async () => {
  const r = await check('This mode reads three tree-ish objects and outputs trivial merge results.', 'plaintext', { sensitivity: 0.5 }, runner, wp);
  assert.deepEqual(r.findings.map((f) => f.word), []);
});

test('a function\'s or a manual page\'s name written as a call is not checked ("ftruncate(2)" is no "truncate")', async () => {
  const r = await check('Asynchronous ftruncate(2) truncates a file, and fchown(2) changes its owner; see flsh() too.', 'plaintext', { sensitivity: 1 }, runner, wp);
  assert.deepEqual(r.findings.map((f) => f.word), []);
  const prose = await check('Asynchronous ftruncate truncates a file, and fchown changes its owner.', 'plaintext', { sensitivity: 1 }, runner, wp);
  assert.ok(prose.findings.length > 0, 'read as prose, the same names are suspects');
});

test('a real word a slash joins to another is named, not checked ("a from/to pair"); a slip there still is', async () => {
  const r = await check('Collect the lines until we have a from/to pair, then take the read/wirte lock.', 'plaintext', { sensitivity: 0.5 }, runner, wp);
  assert.deepEqual(r.findings.map((f) => f.word), ['wirte']);
  assert.equal(r.words.find((w) => w.word === 'from')?.posterior, undefined, 'not scored');
});

test('a word that negates one its sentence holds is coined on purpose ("abortable and nonabortable"); a slip of one is read', async () => {
  const text = 'It declares types for abortable and nonabortable options objects.\n\nIt declares types for nonabortabel options objects.';
  const r = await check(text, 'markdown', { sensitivity: 0.5 }, runner, wp);
  assert.ok(!r.words.find((w) => w.word === 'nonabortable')?.posterior, 'not scored');
  assert.ok(!r.findings.some((f) => f.word === 'nonabortable'));
  const doc = await scoreWords({ text, languageId: 'markdown' }, { runner, wp });
  const at = (w: string) => doc.checkable[doc.words.findIndex((x) => x.text === w)];
  assert.deepEqual([at('nonabortable'), at('nonabortabel')], [false, true], 'only beside the word it negates');
});

test('a person\'s name the lexicon lacks beside another name is not checked ("Daniil Pletnev", "James Hight"); one beside a word or alone is', async () => {
  const text = 'Replace var with let (Daniil Pletnev) and allow patching again (Jimb Esser), thanks to James Hight.\n\nThanks to Daniil for it.\n\n' +
    'The Microsft Windows build is broken.\n\nSee the Tradtional Chinese page.';
  const doc = await scoreWords({ text, languageId: 'markdown' }, { runner, wp });
  const at = (w: string) => doc.checkable[doc.words.findIndex((x) => x.text === w)];
  assert.deepEqual(['Pletnev', 'Jimb', 'Esser', 'Hight'].map(at), [false, false, false, false], 'beside a word no lexicon holds or a name');
  const daniil = doc.words.flatMap((x, i) => (x.text === 'Daniil' ? [doc.checkable[i]] : []));
  assert.deepEqual(daniil, [false, true], 'in the name, then alone');
  assert.deepEqual(['Microsft', 'Tradtional'].map(at), [true, true], 'beside a word, or a name that is an adjective ("Chinese")');
  const r = await check(text, 'markdown', { sensitivity: 0.5 }, runner, wp);
  assert.ok(r.findings.some((f) => f.word === 'Microsft'));
});

test('a name a changelog credits in parentheses before a reference is not checked; a slip in parentheses inside a sentence is', async () => {
  const text = '- **doc**: add ESM examples in http.md (btea) [#47763](https://github.com/nodejs/node/pull/47763)\n' +
    '- **esm**: fix a crash (Gilles De Mey) [#23818](https://github.com/nodejs/node/pull/23818)\n' +
    '- **deps**: avoid single-byte buffer overwrite in ares\\_create\\_query\n\n' +
    'It returns an iterator of the keys (idices).';
  const doc = await scoreWords({ text, languageId: 'markdown' }, { runner, wp });
  const at = (w: string) => doc.checkable[doc.words.findIndex((x) => x.text === w)];
  assert.deepEqual(['btea', 'Mey', 'ares'].map(at), [false, false, false], 'credits, and an identifier whose underscores are escaped');
  assert.equal(at('idices'), true);
  const r = await check(text, 'markdown', { sensitivity: 0.5 }, runner, wp);
  assert.deepEqual(r.findings.map((f) => f.word), ['idices']);
});

test('a dictionary word quoted alone is mentioned, not checked; a quoted slip still is', async () => {
  const text = 'It is faster then before.\n\nIt is faster \'then\' before.\n\nIt is faster “then” before.\n\nListen for the \'uprgade\' event.';
  const r = await check(text, 'markdown', { sensitivity: 0.5 }, runner, wp);
  assert.deepEqual(r.findings.map((f) => `${f.start} ${f.word} -> ${f.suggestions[0]?.text}`),
    [`${text.indexOf('then')} then -> than`, `${text.indexOf('uprgade')} uprgade -> upgrade`]);
});

test('typographic apostrophes read as straight ones; the fixes keep the writer\'s', async () => {
  const curly = 'It doens’t matter: the function creates it’s own copy. Its fine.';
  const straight = curly.replace(/’/g, "'");
  const [c, s] = [await check(curly, 'markdown', { sensitivity: 0.5 }, runner, wp), await check(straight, 'markdown', { sensitivity: 0.5 }, runner, wp)];
  assert.deepEqual(c.findings.map((f) => `${f.start} ${f.word} -> ${f.suggestions[0]?.text}`),
    [`3 doens’t -> doesn’t`, `${curly.indexOf('it’s')} it’s -> its`, `${curly.indexOf('Its')} Its -> It’s`]);
  assert.deepEqual(c.findings.map((f) => f.score), s.findings.map((f) => f.score));
  assert.deepEqual(s.findings.map((f) => f.suggestions[0]?.text), ["doesn't", 'its', "It's"]);
  assert.equal(c.words.find((w) => w.start === 3)?.word, 'doens’t');
  const r = await rank(curly, 'markdown', 3, 10, { sensitivity: 0.5 }, runner, wp);
  assert.equal(r?.word, 'doens’t');
  assert.equal(r?.suggestions[0].text, 'doesn’t');
});

test('a paragraph wrapped in its source reads as one line: the same findings', async () => {
  const line = 'If the option is set to true, Git verifies if the conversion are reversible for the current setting.';
  const wrapped = line.replace(' the conversion', '\nthe conversion').replace('conversion are', 'conversion\n  are');
  const [a, b] = [await check(line, 'markdown', { sensitivity: 0.5 }, runner, wp), await check(wrapped, 'markdown', { sensitivity: 0.5 }, runner, wp)];
  assert.deepEqual(a.findings.map((f) => `${f.word} -> ${f.suggestions[0]?.text}`), ['are -> is']);
  assert.deepEqual(b.findings.map((f) => `${f.word} -> ${f.suggestions[0]?.text}`), ['are -> is']);
});

test('inline markup between two words leaves them neighbours for the rules that read them', async () => {
  const plain = await check('If you uses this, the log is kept.', 'markdown', { sensitivity: 0.5 }, runner, wp);
  const marked = await check('If you **uses** this, the log is kept.', 'markdown', { sensitivity: 0.5 }, runner, wp);
  assert.deepEqual(plain.findings.map((f) => `${f.word} -> ${f.suggestions[0]?.text}`), ['uses -> use']);
  assert.deepEqual(marked.findings.map((f) => `${f.word} -> ${f.suggestions[0]?.text}`), ['uses -> use']);
});

/** The finding on `word` when check flags it in `text` (plaintext, the default sensitivity); fails the test otherwise. */
async function flagged(text: string, word: string) {
  const r = await check(text, 'plaintext', { sensitivity: 0.5 }, runner, wp);
  const f = r.findings.find((x) => x.word === word);
  assert.ok(f, `${word} flagged: ${JSON.stringify(r.findings)}`);
  return f;
}

/** Each [text, word, fix]: check flags the word with the fix first. */
async function fixedFirst(rows: [string, string, string][]) {
  for (const [text, word, right] of rows) assert.equal((await flagged(text, word)).suggestions[0].text, right, `${word} in "${text}"`);
}

test('a misspelling gets its correction in the top 3', async () => {
  for (const [text, typo, right] of [
    ['The file is recieved by the server before it is written to disk.', 'recieved', 'received'],
    ['Run the command again to see the diffrent output.', 'diffrent', 'different'],
    ['Keep the files in a seperate directory.', 'seperate', 'separate'],
    ['The error occured while the build was running.', 'occured', 'occurred'],
  ]) {
    const f = await flagged(text, typo);
    assert.ok(f.suggestions.slice(0, 3).some((s) => s.text === right), `${right} in ${JSON.stringify(f.suggestions)}`);
  }
});

test('a contraction typed without its apostrophe is flagged with it back', () => fixedFirst([
  ['Even if you dont see a difference, some of your users may.', 'dont', "don't"],
  ['We didnt change the default.', 'didnt', "didn't"],
  ['If youre using a proxy, set the variable first.', 'youre', "you're"],
]));

test('a misspelt everyday word the model barely knows is flagged, its common fix first (the common-word cue)', () => fixedFirst([
  ['The docters said the results were fine.', 'docters', 'doctors'],
  ['Many peples think the tool is too slow.', 'peples', 'people'],
  ['Tell me the trueth about the release.', 'trueth', 'truth'],
]));

test('two words run together that the list of known misspellings names are flagged with the two words', () => fixedFirst([
  ['There are alot of options in the config file.', 'alot', 'a lot'],
  ['You can pass the flag aswell.', 'aswell', 'as well'],
]));

test('a listed misspelling is flagged where the model splits its fix into more pieces (channel.ts, LISTED_OWN)', () => fixedFirst([
  ['The plugins work seemlessly with the editor.', 'seemlessly', 'seamlessly'],
  ['The new layout is more accomodating of small screens.', 'accomodating', 'accommodating'],
]));

test('a swapped confusable is flagged with the right fix first', () => fixedFirst([
  ['The new version is faster then the old one.', 'then', 'than'],
  ['Make sure their is enough space on the disk before you start.', 'their', 'there'],
]));

test('two articles in a row are flagged as grammar, the one the next word asks for kept', async () => {
  await fixedFirst([
    ['If a an if block contains a return, it fails.', 'a an', 'an'],
    ['This is an the best way to start the server.', 'an the', 'the'],
  ]);
  assert.equal((await flagged('Copy the meetings over to a your personal calendar.', 'a your')).kind, 'grammar');
  const variables = await check('Compute the a coefficient from the b coefficient, then swap the a and b values.', 'plaintext', { sensitivity: 0.5 }, runner, wp);
  assert.deepEqual(variables.findings.map((f) => f.word), [], '"the a" names a variable as often');
});

test('the pronoun written "i" is flagged with its capital; a letter or variable named i is not', async () => {
  await fixedFirst([
    ['When i run the tests, they fail.', 'i', 'I'],
    ['i think this is fine.', 'i', 'I'],
    ["i'm not sure it works.", "i'm", "I'm"],
  ]);
  assert.equal((await flagged('When i run the tests, they fail.', 'i')).kind, 'grammar');
  const letters = await check('Loop over the rows, and for row i, add it. The value at index i is returned. The variable i counts the lines.', 'plaintext',
    { sensitivity: 0.5 }, runner, wp);
  assert.deepEqual(letters.findings.map((f) => f.word), []);
});

test('a verb after a verb of perception and its object may be a bare infinitive: not flagged as an agreement slip', async () => {
  const r = await check('I have seen it fail twice. We saw the build fail again.', 'plaintext', { sensitivity: 0.5 }, runner, wp);
  assert.deepEqual(r.findings.map((f) => f.word), []);
  await fixedFirst([['You will see the tests is run twice.', 'is', 'are']]);
});

test('pNoise and surprisal are higher for a planted error than for the same word slot in its clean twin', async () => {
  for (const [bad, good, wrong, right] of [
    ['The new version is faster then the old one.', 'The new version is faster than the old one.', 'then', 'than'],
    ['The file is recieved by the server before it is written to disk.', 'The file is received by the server before it is written to disk.', 'recieved', 'received'],
    ['The tests passes when the build is clean.', 'The tests pass when the build is clean.', 'passes', 'pass'],
  ]) {
    const b = (await check(bad, 'plaintext', { sensitivity: 0.5 }, runner, wp)).words.find((w) => w.word === wrong)!;
    const g = (await check(good, 'plaintext', { sensitivity: 0.5 }, runner, wp)).words.find((w) => w.word === right)!;
    assert.ok(b.pNoise > g.pNoise && b.surprisal > g.surprisal, `${wrong} ${b.pNoise} ${b.surprisal} vs ${right} ${g.pNoise} ${g.surprisal}`);
  }
});

test('clean sentences yield no findings at the default sensitivity', async () => {
  const text = [
    'The server writes the log file to disk before it exits.',
    'You can install the package with the following command.',
    'This function returns a list of the files in the directory.',
    'If the connection fails, the client tries again after a short delay.',
  ].join(' ');
  const r = await check(text, 'plaintext', { sensitivity: 0.5 }, runner, wp);
  assert.deepEqual(r.findings.map((f) => f.word), []);
  assert.equal(r.provider, 'cpu');
});

test('more real-word slips than the cap holds: later rounds take the rest while a round flags one; rank agrees', async () => {
  // Fifteen slips, each flagged in its sentence alone, twice: thirty in a text whose cap is MIN_SUSPECTS real words.
  const slips: [string, string, string][] = [
    ['The data comes form the server.', 'form', 'from'], ['Read the value form the file.', 'form', 'from'],
    ['The list of users comes form the database.', 'form', 'from'], ['This is faster then the old parser.', 'then', 'than'],
    ['The new build is smaller then the old one.', 'then', 'than'], ['Make sure their is enough space on the disk.', 'their', 'there'],
    ['I think their is a problem with the cache.', 'their', 'there'], ['The module exports it\'s own parser.', 'it\'s', 'its'],
    ['Each plugin has it\'s own settings.', 'it\'s', 'its'], ['The file is to large to open.', 'to', 'too'],
    ['The queue is to long to process.', 'to', 'too'], ['The servers was restarted yesterday.', 'was', 'were'],
    ['The results is stored in the cache.', 'is', 'are'], ['Set the flag weather or not the file exists.', 'weather', 'whether'],
    ['The files is ready.', 'is', 'are'],
  ];
  const dirty = [...slips, ...slips].map(([s]) => s).join(' ');
  let rounds = 0;
  const r = await check(dirty, 'plaintext', { sensitivity: 0.5 }, runner, wp, undefined, { onChunk: () => rounds++ });
  assert.ok(r.findings.length > 1.5 * MIN_SUSPECTS, `${r.findings.length} of ${2 * slips.length} flagged`);
  assert.ok(r.findings.every((f) => slips.some(([, wrong]) => wrong === f.word)), r.findings.map((f) => f.word).join(' '));
  assert.ok(rounds > 1, `${rounds} rounds`);
  // A slip of the last round: rank answers as check did, remembered or (a runner of its own) found again.
  const last = r.findings.at(-1)!;
  const uncached = { meta: runner.meta, provider: runner.provider, energies: (b: number[][]) => runner.energies(b), cloze: (b: number[][], w?: ClozeWant) => runner.cloze(b, w) };
  for (const by of [runner, uncached]) {
    const ranked = await rank(dirty, 'plaintext', last.start, last.end, { sensitivity: 0.5 }, by, wp);
    assert.ok(ranked?.flagged);
    assert.equal(ranked.suggestions[0].text, last.suggestions[0].text);
  }
  // The same text with every slip fixed: the first round flags no real word, and it is the only one.
  const clean = [...slips, ...slips].map(([s, wrong, right]) => s.replace(` ${wrong} `, ` ${right} `)).join(' ');
  rounds = 0;
  const short = await check(clean, 'plaintext', { sensitivity: 0.5 }, runner, wp, undefined, { onChunk: () => rounds++ });
  assert.deepEqual(short.findings, []);
  assert.equal(rounds, 1);
  // It says how many real words it left (the editor checks the rest when the user pauses: core/restOfDocument.ts),
  // none of them a word it scored.
  const judged = short.words.filter((w) => w.posterior !== undefined).length;
  assert.ok(short.unscored > 0 && judged + short.unscored <= short.words.length, `${short.unscored} left, ${judged} scored`);
  // thorough: the rounds go on past one that flags nothing, and the clean words they score stay unflagged.
  rounds = 0;
  const whole = await check(clean, 'plaintext', { sensitivity: 0.5, thorough: true }, runner, wp, undefined, { onChunk: () => rounds++ });
  assert.deepEqual(whole.findings, []);
  assert.ok(rounds > 1, `${rounds} rounds`);
  assert.equal(whole.unscored, 0);
});

test('a word whose window\'s cloze row reads an alternative far likelier is favoured, others not (wordScores.ts, clozePrefers)', async () => {
  const text = 'Download the archive form the project page and unpack it.';
  const doc = await scoreWords({ text, languageId: 'plaintext' }, { runner, wp });
  const idx = (w: string) => doc.words.findIndex((x) => x.text === w);
  assert.ok(doc.prefers(idx('form'), ['from']), '"from" for "form"');
  assert.ok(!doc.prefers(idx('form'), ['fork']), 'an alternative q does not read there');
  assert.ok(!doc.prefers(idx('archive'), ['achieve']), 'the word q reads as it stands');
  // A suspect of the document carries it, and ranks by it in a long document's cap (findings.ts, realWordRank).
  const form = suspectsOf(doc, 0.03).find((s) => s.word === idx('form'));   // the default's pNoise gate
  assert.ok(form?.favoured, 'favoured as a suspect');
});

test('a word emphasised alone in Markdown is named, not used: not checked; a slip emphasised so still is', async () => {
  const named = 'Simply get the property of the _from_ and _to_ conversion that you are looking for.';
  assert.deepEqual((await check(named, 'markdown', { sensitivity: 0.5 }, runner, wp)).findings.map((f) => f.word), []);
  const slip = await check('Set the _teh_ value first.', 'markdown', { sensitivity: 0.5 }, runner, wp);
  assert.deepEqual(slip.findings.map((f) => [f.word, f.suggestions[0].text]), [['teh', 'the']]);
});
