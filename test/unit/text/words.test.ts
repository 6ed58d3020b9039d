import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { afterLetterHyphen, besideArrow, calledAsFunction, commandOption, credited, hyphenSuffix, isBlankGap, isCheckable, joinedAsCode, quotedAlone, readsBlank, slashPair, wordsIn } from '../../../src/text/words';

const words = (text: string): string[] => wordsIn(text, [{ start: 0, end: text.length }]).map((w) => w.text);

test('words: letters and inner apostrophes; dotted and slashed tokens stay whole', () => {
  assert.deepEqual(words("Don't stop, it’s the dogs' well-known config.json src/text/ usr/lib/x86 v1.2.3."),
    ["Don't", 'stop', 'it’s', 'the', 'dogs', 'well', 'known', 'config.json', 'src/text', 'usr/lib/x86', 'v1.2.3']);
  assert.deepEqual(words('snake_case camelCase naïve Zürich'), ['snake_case', 'camelCase', 'naïve', 'Zürich']);
});

test('words: two words of letters joined by one slash are two words, with their own offsets', () => {
  const text = 'Keep it in the Kubernetes/Kuberenetes repo, and/or Vue/Svelte; not /usr/lib nor a/b.';
  const ws = wordsIn(text, [{ start: 0, end: text.length }]);
  for (const w of ws) assert.equal(text.slice(w.start, w.end), w.text);
  assert.deepEqual(ws.map((w) => w.text), ['Keep', 'it', 'in', 'the', 'Kubernetes', 'Kuberenetes', 'repo', 'and', 'or', 'Vue', 'Svelte',
    'not', 'usr/lib', 'nor', 'a/b']);
});

test('words: a dot that opens a token stays with it (file extensions, dotfiles); an ellipsis or a full stop does not', () => {
  assert.deepEqual(words('Support for .scss, .less, (.styl) and ".env" files; see .gitignore.'),
    ['Support', 'for', '.scss', '.less', '.styl', 'and', '.env', 'files', 'see', '.gitignore']);
  assert.deepEqual(words('Wait...and see. It ends.Then'), ['Wait', 'and', 'see', 'It', 'ends.Then']);
  const text = 'x .styl';
  assert.deepEqual(wordsIn(text, [{ start: 2, end: 7 }]).map((w) => w.text), ['.styl'], "at a part's start");
  assert.deepEqual(wordsIn(text, [{ start: 3, end: 7 }]).map((w) => w.text), ['styl'], "the dot outside the part");
  assert.equal(isCheckable('.styl'), false);
});

test('words: offsets are exact UTF-16 with emoji, combining marks and astral letters', () => {
  const text = '😀 café 𝐀bc e\u0301t\u00e9 東京';
  const ws = wordsIn(text, [{ start: 0, end: text.length }]);
  for (const w of ws) assert.equal(text.slice(w.start, w.end), w.text);
  assert.deepEqual(ws.map((w) => [w.start, w.text]), [[3, 'café'], [8, '𝐀bc'], [13, 'e\u0301t\u00e9'], [18, '東京']]);
});

test('words: only inside the given parts', () => {
  const text = 'one `two` three';
  assert.deepEqual(wordsIn(text, [{ start: 0, end: 4 }, { start: 10, end: 15 }]).map((w) => w.text), ['one', 'three']);
});

test('isCheckable: ordinary words yes, identifiers and codes no', () => {
  for (const w of ['the', 'a', 'I', 'Their', "don't", 'naïve', 'is', 'defaced']) assert.equal(isCheckable(w), true, w);
  for (const w of ['camelCase', 'iPhone', 'snake_case', 'HTTPServer', 'NASA', 'abc123', 'x', 'config.json', 'src/text',
    'deadbeefcafe0', 'deadbeefcafebabe', '東京', '', 'a'.repeat(41)]) {
    assert.equal(isCheckable(w), false, w);
  }
});

test('joinedAsCode: a handle after its "@" and the items of a list joined by "|"; not a word spaced from them', () => {
  const t = 'Mapping software @ecosyste-ms with @octobox; zones biz|com|aero are ok | not these, nor me@ home.';
  const at = (w: string) => { const i = t.indexOf(w); return joinedAsCode(t, i, i + w.length); };
  for (const w of ['ecosyste', 'ms', 'octobox', 'biz', 'com', 'aero']) assert.ok(at(w), w);
  for (const w of ['Mapping', 'software', 'with', 'zones', 'are', 'ok', 'not', 'these', 'home']) assert.ok(!at(w), w);
});

test('joinedAsCode: the first part of an identifier whose underscores Markdown escapes; not a word before a lone escape', () => {
  const t = 'The function ares\\_parse\\_reply() and a word\\_ or this\\* here.';
  const at = (w: string) => { const i = t.indexOf(w); return joinedAsCode(t, i, i + w.length); };
  assert.ok(at('ares'));
  for (const w of ['function', 'word', 'this']) assert.ok(!at(w), w);
});

test('quotedAlone: a word alone between a pair of quotes; not an apostrophe, a quote left open or a quoted phrase', () => {
  const t = `All 'from' functions, the "then" branch, a “when” or ‘while’ ('loop'); don't 'til 'two words' x'y' "end".`;
  const at = (w: string, from = 0) => { const i = t.indexOf(w, from); return quotedAlone(t, i, i + w.length); };
  for (const w of ['from', 'then', 'when', 'while', 'loop', 'end']) assert.ok(at(w), w);
  for (const w of ['All', 'functions', 'don', 't', 'til', 'two', 'words', 'y']) assert.ok(!at(w, w === 't' ? t.indexOf("don't") : 0), w);
  // Markdown's single emphasis on one word names it too; bold, an identifier's underscores and a list's bullet do not.
  const m = 'the _from_ and *to* fields; **bold** text, snake_case_name, *two words*, * item, _open';
  const em = (w: string) => { const i = m.indexOf(w); return quotedAlone(m, i, i + w.length); };
  for (const w of ['from', 'to']) assert.ok(em(w), w);
  for (const w of ['bold', 'case', 'two', 'words', 'item', 'open']) assert.ok(!em(w), w);
});

test('hyphenSuffix: "-ish" or "-esque" joined by a hyphen to a word; not alone, nor after a space or another word', () => {
  const t = 'three tree-ish objects, the Array-ISH methods, Kafka-esque docs; ish alone, a - ish gap, a fish-bowl, -ish';
  const at = (w: string, from = 0) => { const i = t.indexOf(w, from); return hyphenSuffix(t, i, i + w.length); };
  assert.ok(at('ish'));
  assert.ok(at('ISH'));
  assert.ok(at('esque'));
  assert.ok(!at('ish', t.indexOf('ish alone')), 'alone');
  assert.ok(!at('ish', t.indexOf('- ish')), 'after a space');
  assert.ok(!at('bowl'), 'another word after a hyphen');
  assert.ok(!at('ish', t.lastIndexOf('-ish')), 'no word before the hyphen');
  const c = 'Native add-ons and pop-ups; ons alone';
  assert.ok(hyphenSuffix(c, c.indexOf('ons'), c.indexOf('ons') + 3), 'a phrasal compound\'s plural particle');
  assert.ok(hyphenSuffix(c, c.indexOf('ups'), c.indexOf('ups') + 3));
  assert.ok(!hyphenSuffix(c, c.lastIndexOf('ons'), c.lastIndexOf('ons') + 3), 'alone');
  const v = 'Crate-ify the runtime, JSON-ified output';
  assert.ok(hyphenSuffix(v, v.indexOf('ify'), v.indexOf('ify') + 3), 'a verb coined with "-ify"');
  assert.ok(hyphenSuffix(v, v.indexOf('ified'), v.indexOf('ified') + 5));
});

test('calledAsFunction: a name right before "()" or a manual section; not "(s)", a spaced or a filled parenthesis', () => {
  const t = 'Call flush() or see fchown(2) and printf(3p); keep the file(s), a note (2) and foo(bar).';
  const at = (w: string) => { const i = t.indexOf(w); return calledAsFunction(t, i, i + w.length); };
  assert.ok(at('flush'));
  assert.ok(at('fchown'));
  assert.ok(at('printf'));
  assert.ok(!at('file'), 'a plural in parentheses is prose');
  assert.ok(!at('note'), 'a space before the parenthesis');
  assert.ok(!at('foo'), 'a call with arguments is left to the rest');
});

test('commandOption: the words of a token that begins with "-" or "--" and a letter; not a hyphenated word, a dash or a list\'s "- "', () => {
  const t = 'Pass -ffunction-sections and --no-verify (-v) to it; a well-known -- dash, - list, e-mail, -5 times.';
  const at = (w: string) => commandOption(t, t.indexOf(w));
  for (const w of ['ffunction', 'sections', 'no-verify', 'verify', 'v) to']) assert.ok(at(w), w);
  for (const w of ['Pass', 'well', 'known', 'dash', 'list', 'mail', 'times']) assert.ok(!at(w), w);
  // A long run of hyphen-joined words costs each word a bounded look back, not one to the run's start.
  const run = `-x${'-ab'.repeat(100_000)}`;
  const t0 = performance.now();
  for (let i = run.length - 2; i > run.length - 20_002; i -= 3) commandOption(run, i);
  assert.ok(!commandOption(run, run.length - 2), 'a word far past the token\'s start');
  assert.ok(commandOption(run, 2), 'the option\'s first words');
  assert.ok(performance.now() - t0 < 1000, 'bounded');
});

test('afterLetterHyphen: the word a single letter opens with a hyphen; not one after a word\'s hyphen or a spaced one', () => {
  const t = 'The c-ares library, k-means and x-axis; a well-known e- mail, ab-cd and 2-way.';
  const at = (w: string) => afterLetterHyphen(t, t.indexOf(w));
  for (const w of ['ares', 'means', 'axis']) assert.ok(at(w), w);
  for (const w of ['The', 'library', 'known', 'mail', 'cd', 'way']) assert.ok(!at(w), w);
});

test('besideArrow: a word right before or after "->", "=>" or "→" on its line; not one a word or a line away', () => {
  const t = 'Fix typo Wierd -> Weird, idle → running and alpha=>beta; then -> \nnext word, an arrow - > here.';
  const at = (w: string) => { const i = t.indexOf(w); return besideArrow(t, i, i + w.length); };
  for (const w of ['Wierd', 'Weird', 'idle', 'running', 'alpha', 'beta', 'then']) assert.ok(at(w), w);
  for (const w of ['typo', 'Fix', 'and', 'next', 'word', 'arrow', 'here']) assert.ok(!at(w), w);
});

test('credited: a name in parentheses before a link or an issue number, or one word of it at the line\'s end; not a remark or a slip in a sentence', () => {
  const t = '- add ESM examples (btea) [#47763](https://x.y/1)\n- expose it (osher) #33119\n- docs (woj)\n- see <https://a.b> (Azard) <https://c.d>\n' +
    '- fix it (Gilles De Mey) [#23818](https://x.y/2)\n- typo (Ye-hyoung Kang) [#3]\n- (anlex N.) [#4]\n' +
    'An iterator of keys (idices). A (tpyo) here, (see teh docs)\n(one two three four five) [#5] and (bare)[#2]';
  const at = (w: string) => { const i = t.indexOf(w); return credited(t, i, i + w.length); };
  for (const w of ['btea', 'osher', 'woj', 'Azard', 'Gilles', 'Mey', 'hyoung', 'Kang', 'anlex']) assert.ok(at(w), w);
  for (const w of ['idices', 'tpyo', 'teh', 'three', 'bare', 'examples', 'typo']) assert.ok(!at(w), w);
});

test('slashPair: a word a slash joins to another with no space, either side; not one a spaced slash or a lone slash sets apart', () => {
  const t = 'a from/to pair, is/are/was, x / y, a/ b and /root';
  const at = (w: string, from = 0) => { const i = t.indexOf(w, from); return slashPair(t, i, i + w.length); };
  assert.ok(at('from') && at('to'));
  assert.ok(at('is') && at('are') && at('was'));
  assert.ok(!at('x') && !at('y'), 'spaced');
  assert.ok(!at('b') && !at('root'), 'a slash with nothing on one side');
});

test('isBlankGap: spaces, tabs and one line break between two words (a wrapped paragraph); not two, nor anything else', () => {
  for (const g of [' ', '  ', '\t', '\n', ' \n  ', '\r\n\t']) assert.ok(isBlankGap(g), JSON.stringify(g));
  for (const g of ['', '\n\n', ' \n \n ', ', ', '\n> ', ' - ']) assert.ok(!isBlankGap(g), JSON.stringify(g));
});

test('readsBlank: blank once emphasis markers and a link\'s brackets and target are left out; isBlankGap is not', () => {
  for (const g of [' **', '** ', '_ ', ' ~~', '](https://example.org/x) ', '][ref] ', ' [', '\n**']) {
    assert.ok(readsBlank(g), JSON.stringify(g));
    assert.ok(!isBlankGap(g), JSON.stringify(g));
  }
  for (const g of ['**', ', **', ' `x` ', '](a b) ', ' - ']) assert.ok(!readsBlank(g), JSON.stringify(g));
});
