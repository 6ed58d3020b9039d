// Every region parser is linear on adversarial input (see complexity.ts for how this is measured).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { superlinearInputs } from './complexity';

// One language per parser; for the comment lexer, one per family of comment and string syntax (the patterns
// hold the openers of every language, so each family meets all of them).
const DOCUMENTS = ['markdown', 'mdx', 'restructuredtext', 'asciidoc', 'latex', 'plaintext', 'git-commit'];
const CODE = ['typescript', 'cpp', 'csharp', 'go', 'rust', 'python', 'shellscript', 'powershell', 'lua', 'toml'];

for (const id of DOCUMENTS) {
  test(`complexity: ${id} parses every adversarial input in linear time`, () => {
    assert.deepEqual(superlinearInputs(id, false), []);
  });
}

test('complexity: the comment lexer parses every adversarial input in linear time, in every syntax family', () => {
  const slow = CODE.flatMap((id) => superlinearInputs(id, true).map((s) => ({ language: id, ...s })));
  assert.deepEqual(slow, []);
});
