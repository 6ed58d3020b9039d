import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { proseRegions } from '../../../src/text/regions';
import { blocks } from './render';

test('rst: "Paragraph::" keeps one colon, "Paragraph ::" none, and the indented block after it is skipped', () => {
  assert.deepEqual(blocks('See this::\n\n   code here\n\nAfter.', 'restructuredtext'), ['See this:', 'After.']);
  assert.deepEqual(blocks('See this ::\n\n   code here\n\nAfter.', 'restructuredtext'), ['See this', 'After.']);
});

test('rst: roles, inline literals, substitutions, footnote and anonymous references are not prose', () => {
  assert.deepEqual(blocks('Call :py:func:`webb.x` or ``enviroment`` with |sub| and [1]_ or `ref`__ now.', 'restructuredtext'),
    ['Call|or|with|and|or|ref|now.']);
  assert.deepEqual(blocks('.. _target: https://example.org\n.. |x| image:: webb.png\n..\n   a comment\n\nText.', 'restructuredtext'), ['Text.']);
});

test('asciidoc: attribute entries, [source] paragraphs, comments and inline passthroughs are not prose', () => {
  assert.deepEqual(blocks(':webb: x\n\n[source]\nenviroment = 1\n\n// typpo\nUse pass:[<b>x</b>] and +{webb}+ and {webb} here.', 'asciidoc'),
    ['Use|and|and|here.']);
  assert.deepEqual(blocks('* item\n+\ncontinued text', 'asciidoc'), ['item', 'continued text']);
});

test('mdx: braces and angle brackets inside code are literal; an unclosed "<" or "{" is prose', () => {
  assert.deepEqual(blocks('Use `{x}` and `<A>` here.', 'mdx'), ['Use|and|here.']);
  assert.deepEqual(blocks('If a < b then { it holds', 'mdx'), ['If a < b then { it holds']);
  assert.deepEqual(blocks('<Note>\n    Indented text is not code in MDX.\n</Note>', 'mdx'), ['Indented text is not code in MDX.']);
});

test('doc formats: offsets are UTF-16 code units of the original text', () => {
  for (const [id, text] of [['mdx', '<A b="😀">Über 😀 naïve</A>'], ['asciidoc', '😀 `x` Über naïve'], ['restructuredtext', '😀 ``x`` Über naïve']]) {
    for (const r of proseRegions(text, id)) assert.equal(text.slice(r.start, r.end).trim(), text.slice(r.start, r.end));
    assert.ok(proseRegions(text, id).some((r) => text.slice(r.start, r.end).includes('Über')), id);
  }
});
