// Every region parser is linear on adversarial input (see complexity.ts for how this is measured).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ladderGrowth, MAX_GROWTH, superlinearInputs } from './complexity';

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

test('complexity: the growth ladder calls a quadratic scan superlinear and a linear one not', () => {
  const text = (n: number) => 'ab\n'.repeat(n / 3);
  // Every 8,192nd character looks back over everything before it: O(n²/8192), under 1 ms at LARGE.
  let sink = 0; // what each scan found, kept so that no scan can be optimised away
  const quadratic = (t: string) => () => { for (let i = 0; i < t.length; i += 8192) sink += t.lastIndexOf('\0', i); };
  // One pass that allocates per line, as the parsers do.
  const linear = (t: string) => () => { sink += t.split('\n').map((l) => ({ l, n: l.length })).length; };
  // Up to three ladders for the quadratic scan, as superlinearInputs gives a suspect three rounds the other way: a
  // ladder climbed beside another CPU-heavy job read it once at 12.7× (the quality bench running, 2026-12-06).
  let q = 0;
  for (let round = 0; round < 3 && q <= MAX_GROWTH; round++) q = Math.max(q, ladderGrowth(text, quadratic));
  const l = ladderGrowth(text, linear);
  assert.ok(q > MAX_GROWTH, `quadratic: ${q}`);
  assert.ok(l <= MAX_GROWTH, `linear: ${l}`);
  assert.ok(sink !== 0);
});
