// markdown.ts remembers each paragraph's inline parse by content: a document parsed after an edit (most of
// its paragraphs remembered, at new offsets) must give exactly the regions of a cold parse.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { clearInlineMemo, markdownRegions } from '../../../src/text/markdown';

const DOC = [
  '# A `heading` with :tada: and $x$', '',
  'A paragraph with `code`, a [link](http://example.com/a_b) and <span>html</span>. Another sentence.',
  'Its second line: costs $5 and $6, see https://example.com/x.', '',
  '> A quote with **bold** and a footnote[^1].', '',
  '- an item with `code`', '- another: :smile:', '',
  '| cell `a` | cell b |', '| --- | --- |', '| x $y$ | z |', '',
  '```', 'not prose', '```', '',
  'word$5 and a:shortcode: glued; x:tada: too.', '',
].join('\n');

function cold(text: string) {
  clearInlineMemo();
  return markdownRegions(text);
}

test('a re-parse after edits equals a cold parse, edit after edit', () => {
  const edits: ((t: string) => string)[] = [
    (t) => t.replace('Another sentence', 'Another  sentence'),   // one paragraph changes length
    (t) => 'Intro.\n\n' + t,                                        // every paragraph moves
    (t) => t.replace('word$5', 'word $5'),                           // the character before a `$` changes
    (t) => t.replace('\n\nword', '\nword'),                          // two paragraphs become one
    (t) => t.replace('x:tada:', 'x :tada:'),
    (t) => t.replace('```\nnot prose\n```', 'prose again'),
  ];
  let text = DOC;
  markdownRegions(text);
  for (const edit of edits) {
    text = edit(text);
    const warm = markdownRegions(text);
    assert.deepEqual(warm, cold(text), text);
    markdownRegions(DOC);   // the memo also holds the original's paragraphs
  }
});
