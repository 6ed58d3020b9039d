import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { blocks } from './render';
import { linkedImageAlts, linkIsAName, linkNamesItsTarget } from '../../../src/text/markdownInline';

const md = (text: string): string[] => blocks(text, 'markdown');

test('markdown: paragraphs are blocks, lines of one paragraph share a block', () => {
  assert.deepEqual(md('One line\nand the next.\n\nSecond paragraph.'), ['One line|and the next.', 'Second paragraph.']);
});

test('markdown: YAML and TOML front matter are skipped, an unclosed one is not front matter', () => {
  assert.deepEqual(md('---\ntitle: Hello there\ntags: [a]\n---\nBody text.'), ['Body text.']);
  assert.deepEqual(md('+++\ntitle = "x"\n+++\nBody text.'), ['Body text.']);
  assert.deepEqual(md('---\nNot front matter'), ['Not front matter']);
});

test('markdown: fenced code of any length, with info strings, tildes, nested shorter fences', () => {
  assert.deepEqual(md('Before.\n```js title="x"\nconst a = 1;\n```\nAfter.'), ['Before.', 'After.']);
  assert.deepEqual(md('````md\n```\ninner code\n```\nstill code\n````\nOut.'), ['Out.']);
  assert.deepEqual(md('~~~\ncode ```\n~~~\nText.'), ['Text.']);
  assert.deepEqual(md('```\nunclosed code\nruns to the end'), []);
  // A backtick in the info string of a backtick fence means it is not a fence (here: literal backticks).
  assert.deepEqual(md('``` a ` b\nprose'), ['``` a ` b|prose']);
});

test('markdown: fences inside lists and blockquotes', () => {
  assert.deepEqual(md('- Item text\n  ```\n  code in item\n  ```\n  More item text.'), ['Item text', 'More item text.']);
  assert.deepEqual(md('> Quote.\n> ```\n> quoted code\n> ```\n> After.'), ['Quote.', 'After.']);
  assert.deepEqual(md('> ```\n> code\nLeaves the quote.'), ['Leaves the quote.']);
});

test('markdown: indented code blocks, but not list continuations or paragraph continuations', () => {
  assert.deepEqual(md('Para.\n\n    code here\n\nNext.'), ['Para.', 'Next.']);
  assert.deepEqual(md('Para\n    lazy continuation'), ['Para|lazy continuation']);
  assert.deepEqual(md('- item\n\n    still the item'), ['item', 'still the item']);
  assert.deepEqual(md('- item\n\n      code in item'), ['item']);
});

test('markdown: inline code with any number of backticks', () => {
  assert.deepEqual(md('Use `npm test` now.'), ['Use|now.']);
  assert.deepEqual(md('Run ``a ` b`` here.'), ['Run|here.']);
  // `` has no closer of length 2 so it is literal; the single ticks pair up (CommonMark).
  assert.deepEqual(md('An ``unmatched ` tick and `code` end.'), ['An ``unmatched|code` end.']);
  assert.deepEqual(md('Code `across\nlines` ends.'), ['Code|ends.']);
});

test('markdown: links keep their text, targets and reference definitions are skipped', () => {
  assert.deepEqual(md('See [the docs](https://x.org/a_(b) "Title here") now.'), ['See|the docs|now.']);
  assert.deepEqual(md('A [reference][ref] and [another][].\n\n[ref]: https://x.org "t"'), ['A|reference|and|another|.']);
  assert.deepEqual(md('Image ![alt words](img.png) here.'), ['Image|alt words|here.']);
  assert.deepEqual(md('Note[^1] here.\n\n[^1]: The footnote text.'), ['Note|here.', 'The footnote text.']);
});

test("markdown: a link's label that names its target (a package, a repository, a person) is told apart", () => {
  const t = '- [cpy](https://github.com/sindresorhus/cpy) by [Sindre Sorhus](https://github.com/sindresorhus), see [Instalation](https://x.org/install), [go](https://go.dev), [cpy][1] or cpy.';
  const at = (w: string, nth = 0) => { let i = -1; for (let k = 0; k <= nth; k++) i = t.indexOf(w, i + 1); return linkNamesItsTarget(t, i, i + w.length); };
  assert.ok(at('cpy') && at('Sindre') && at('Sorhus'), 'the label is spelt in its target');
  assert.ok(!at('Instalation'), 'a label its target does not spell');
  assert.ok(!at('go'), 'a label of two letters says too little');
  assert.ok(!at('cpy', 2) && !at('cpy', 3), 'a reference link, and the word outside any label');
});

test("markdown: a capitalised word that is a link's whole label, to a page whose address does not spell it, is a name", () => {
  const t = '- [Nermal](https://arjunaditya.vercel.app)\n- [Instalation](https://x.org/install)\n- [Instalation](#installation)\n' +
    '- [The Nermal page](https://a.b)\n- [nermal](https://a.b)\n- [Nermal] (https://a.b)';
  const at = (w: string, nth = 0) => { let i = -1; for (let k = 0; k <= nth; k++) i = t.indexOf(w, i + 1); return linkIsAName(t, i, i + w.length); };
  assert.ok(at('Nermal'), "a contributor's name linking to their site");
  assert.ok(!at('Instalation'), 'a slip whose link begins to spell the word');
  assert.ok(!at('Instalation', 1), "a contents list's anchor");
  assert.ok(!at('Nermal', 1), 'a word among others in its label');
  assert.ok(!at('nermal'), 'in lower case');
  assert.ok(!at('Nermal', 2), 'brackets that are no link');
});

test("markdown: the alt text of an image that is a link's whole label (a badge, a logo) is told apart", () => {
  const t = '[![neostandard javascript style](https://img.shields.io/badge/x.svg)](https://github.com/neostandard/neostandard) ' +
    '[![Build Status](a.svg)](https://ci.example.org)\n\nA ![diagram of teh flow](flow.png), a [link](x) and [![half](a.svg) open.';
  assert.deepEqual(linkedImageAlts(t).map(([a, z]) => t.slice(a, z)), ['neostandard javascript style', 'Build Status']);
});

test('markdown: autolinks, bare URLs and e-mails are skipped', () => {
  assert.deepEqual(md('Go to <https://example.com/x> or https://a.b/c?d=e, www.foo.org. Mail <me@x.io> or you@y.com.'),
    ['Go to|or|,|. Mail|or|.']);
});

test('markdown: HTML tags, comments and blocks are skipped', () => {
  assert.deepEqual(md('Some <b>bold</b> and <!-- hidden --> text.'), ['Some|bold|and|text.']);
  assert.deepEqual(md('<div align="center">\n  <img src="x.png">\n</div>\n\nAfter.'), ['After.']);
  assert.deepEqual(md('<!--\nmulti-line comment\n-->\nText.'), ['Text.']);
  assert.deepEqual(md('<script>\nvar a = "x";\n\n</script>\nText.'), ['Text.']);
  assert.deepEqual(md('Costs 5 < 6 dollars & more.'), ['Costs 5 < 6 dollars & more.']);
  assert.deepEqual(md('Use &amp; and &#169; here.'), ['Use|and|here.']);
});

test('markdown: math is skipped, prices are not math', () => {
  assert.deepEqual(md('Energy $E = mc^2$ holds.'), ['Energy|holds.']);
  assert.deepEqual(md('Display $$\\sum_i x_i$$ inline.'), ['Display|inline.']);
  assert.deepEqual(md('Text.\n$$\nx = 1\n$$\nMore.'), ['Text.', 'More.']);
  assert.deepEqual(md('It costs $5 and $10 today.'), ['It costs $5 and $10 today.']);
});

test('markdown: headings, lists, blockquotes and table cells are blocks; markers are skipped', () => {
  assert.deepEqual(md('# Title here #\n## Second *level*\nSetext\n======'), ['Title here', 'Second|level', 'Setext']);
  assert.deepEqual(md('- one\n- two\n  * nested\n1. first\n2) second\n- [x] done task'),
    ['one', 'two', 'nested', 'first', 'second', 'done task']);
  assert.deepEqual(md('> quoted\n> > nested quote\n\n> other'), ['quoted', 'nested quote', 'other']);
  assert.deepEqual(md('| Name | Value |\n|:---|---:|\n| first `x` cell | second \\| cell |\nNext row | here'),
    ['Name', 'Value', 'first|cell', 'second|| cell', 'Next row', 'here']);
  assert.deepEqual(md('Text\n***\nMore'), ['Text', 'More']);
});

test('markdown: emphasis markers are skipped, the words inside are prose; snake_case stays whole', () => {
  assert.deepEqual(md('A **bold** and _em_ and ~~gone~~ word, my_var here.'), ['A|bold|and|em|and|gone|word, my_var here.']);
  assert.deepEqual(md('Escaped \\*star\\* stays.'), ['Escaped|*star|* stays.']);
});

test('markdown: ordered lists interrupt paragraphs only from 1, bullets always', () => {
  assert.deepEqual(md('Intro:\n- a item\n- b item'), ['Intro:', 'a item', 'b item']);
  assert.deepEqual(md('In 2019\n2019. was a year'), ['In 2019|2019. was a year']);
});

test('markdown: a delimiter row must match the header cell count to make a table', () => {
  assert.deepEqual(md('a | b\n---'), ['a | b']); // a setext heading, not a table
  assert.deepEqual(md('x | y\n--|--\nc | d'), ['x', 'y', 'c', 'd']);
});

test('markdown: template tags of docs sites and emoji shortcodes are skipped', () => {
  assert.deepEqual(md('Hello {{ site.name }} and {% include x.html %} :tada: done.'), ['Hello|and|done.']);
  assert.deepEqual(md('Ratio 3:4 and note:this stay.'), ['Ratio 3:4 and note:this stay.']);
});
