import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { proseRegions } from '../../../src/text/regions';
import { readSpans, splitSentences } from '../../../src/text/sentences';

function sentences(text: string, languageId = 'plaintext'): string[] {
  return splitSentences(text, proseRegions(text, languageId)).map((s) => s.parts.map((p) => text.slice(p.start, p.end)).join('|'));
}

test('sentences: split on . ! ? … followed by a capital', () => {
  assert.deepEqual(sentences('It works. Does it? Yes! Wait… Then go.'), ['It works.', 'Does it?', 'Yes!', 'Wait…', 'Then go.']);
  assert.deepEqual(sentences('He said "Stop." Then left.'), ['He said "Stop."', 'Then left.']);
});

test('sentences: no split after abbreviations, initials, decimals, versions, file names or mid ellipses', () => {
  assert.deepEqual(sentences('Use e.g. Python, i.e. The best. Dr. Smith vs. Mr. Jones.'), ['Use e.g. Python, i.e. The best.', 'Dr. Smith vs. Mr. Jones.']);
  assert.deepEqual(sentences('See Fig. 3 and the U.S. Army, J. R. Tolkien etc. Done.'), ['See Fig. 3 and the U.S. Army, J. R. Tolkien etc. Done.']);
  assert.deepEqual(sentences('Pi is 3.14 and v1.2.3 is out. Edit config.json now.'), ['Pi is 3.14 and v1.2.3 is out.', 'Edit config.json now.']);
  assert.deepEqual(sentences('Wait... what now. Fine.'), ['Wait... what now.', 'Fine.']);
  assert.deepEqual(sentences('lower case. after a stop'), ['lower case. after a stop']);
});

test('sentences: never cross blocks; the end of a block ends a sentence', () => {
  assert.deepEqual(sentences('# Title\nBody without a stop\n\nNext para.', 'markdown'), ['Title', 'Body without a stop', 'Next para.']);
});

test('sentences: parts are the prose pieces inside, skipping inline code', () => {
  const text = 'Run `npm test` first. Then `ship` it.';
  const s = splitSentences(text, proseRegions(text, 'markdown'));
  assert.equal(s.length, 2);
  assert.deepEqual(s[0].parts.map((p) => text.slice(p.start, p.end)), ['Run', 'first.']);
  assert.equal(text.slice(s[0].start, s[0].end), 'Run `npm test` first.');
  assert.deepEqual(s[1].parts.map((p) => text.slice(p.start, p.end)), ['Then', 'it.']);
  assert.equal(s[0].block, s[1].block);
});

test('readSpans: the model reads the inline code between a sentence\'s parts, without its backticks, never other gaps', () => {
  const read = (text: string, languageId = 'markdown') =>
    splitSentences(text, proseRegions(text, languageId)).map((s) => readSpans(text, s).map((p) => text.slice(p.start, p.end)));
  assert.deepEqual(read('Run `npm test` first. Then `ship` it.'), [['Run', 'npm test', 'first.'], ['Then', 'ship', 'it.']]);
  // Double backticks, a space inside them, two spans side by side, and a quote around one (the quotes are prose).
  assert.deepEqual(read('Call `` a`b `` or `x` `y` with \'`newListener`\' set.'), [['Call', 'a`b', 'or', 'x', 'y', 'with \'', 'newListener', '\' set.']]);
  // A link's target, a URL or an HTML tag between two parts is not read.
  assert.deepEqual(read('See [the guide](https://x.org/`a`) and <b>this</b> now.'), [['See', 'the guide', 'and', 'this', 'now.']]);
  // A link's label that holds code alone reads as the code; its reference or target is not read.
  assert.deepEqual(read('Then an [`Error`][] may be thrown, or [`fs.open()`](#fsopen) fails, or [`x`] does.'),
    [['Then an', 'Error', 'may be thrown, or', 'fs.open()', 'fails, or', 'x', 'does.']]);
  // A label with prose besides its code is read as prose and code, as without the link.
  assert.deepEqual(read('Then [the `x` one][] and [`y`](https://z.org/a b c) do.'), [['Then', 'the', 'x', 'one', 'and', 'y', 'do.']]);
  // Code before a sentence's first part or after its last is not between its parts.
  assert.deepEqual(read('`fs.readFile` reads a file with `fs`'), [['reads a file with']]);
  // One part: nothing between.
  assert.deepEqual(read('Plain `text` here.', 'plaintext'), [['Plain `text` here.']]);
});

test('readSpans: a doc comment\'s inline tag between two parts reads as the text it shows', () => {
  const read = (comment: string) => {
    const text = `/**\n * ${comment}\n */\nlet x = 1;\n`;
    return splitSentences(text, proseRegions(text, 'typescript')).map((s) => readSpans(text, s).map((p) => text.slice(p.start, p.end)));
  };
  // {@link Target} shows its target, {@link Target label} its label.
  assert.deepEqual(read('An {@link Event} which fires when the {@link window.activeTextEditor active editor} changes.'),
    [['An', 'Event', 'which fires when the', 'active editor', 'changes.']]);
  // {@link Target | label}, the label's code without its backticks; {@code x} its code.
  assert.deepEqual(read('The {@link Init | `init` callback} to call, and {@code x + 1} then.'),
    [['The', 'init', 'callback', 'to call, and', 'x + 1', 'then.']]);
  // A label's code span is read once, with its tag; a code span after the tag in the same gap is read too.
  assert.deepEqual(read('The {@link Init | `init` callback} `x` to call.'), [['The', 'init', 'callback', 'x', 'to call.']]);
  // A tag that shows nothing leaves nothing to read; a tag beside other markup leaves the gap unread.
  assert.deepEqual(read('Returns {@inheritDoc} and then <b>{@link Foo}</b> too.'), [['Returns', 'and then', 'too.']]);
});

test('sentences: CJK full stops and caseless scripts', () => {
  assert.deepEqual(sentences('今日は晴れ。明日は雨！'), ['今日は晴れ。', '明日は雨！']);
  assert.deepEqual(sentences('Hello there. مرحبا بك. Bye.'), ['Hello there.', 'مرحبا بك.', 'Bye.']);
});
