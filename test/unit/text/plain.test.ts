import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { blocks } from './render';

test('plaintext: paragraphs split by blank lines, list lines are blocks, URLs and e-mails skipped', () => {
  assert.deepEqual(blocks('First line\nsecond line.\n\n  \nNext para at https://x.org/a.\n- item one\n2) item two\nMail a.b@c.de now.', 'plaintext'),
    ['First line|second line.', 'Next para at|.', 'item one', 'item two|Mail|now.']);
});

test('git-commit: subject, body, comments, scissors, diff and trailers', () => {
  const msg = 'Fix offsets for emoji\n\nThe old code counted code points. See `wordpiece.ts`\nand https://x.org for details.\n\n' +
    '- Add a test\n- Update docs\n    indented log output\nNote: this stays.\n\n' +
    'Signed-off-by: A Person <a@b.com>\nCo-authored-by: B <b@c.com>\n' +
    '# Please enter the commit message.\n# ------------------------ >8 ------------------------\nNot part of it.\n';
  assert.deepEqual(blocks(msg, 'git-commit'),
    ['Fix offsets for emoji', 'The old code counted code points. See|and|for details.', 'Add a test', 'Update docs',
      'Note: this stays.']);
});

test('git-commit: a diff --git line ends the message; a lone "Key: value" paragraph is prose', () => {
  assert.deepEqual(blocks('Subject line\n\nNote: keep this.\ndiff --git a/x b/x\n+added prose line\n', 'git-commit'),
    ['Subject line', 'Note: keep this.']);
  assert.deepEqual(blocks('Subject\n\nBody.\n\nFixes: #12\nReviewed-by: X <x@y.z>', 'git-commit'), ['Subject', 'Body.']);
  assert.deepEqual(blocks('\r\n# only comments\r\n', 'git-commit'), []);
});
