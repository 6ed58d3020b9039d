import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Cancelled, proseRegions } from '../../../src/text/regions';
import { SUPPORTED_LANGUAGES } from '../../../src/text/languages';
import { STOP_EVERY_CHARS } from '../../../src/text/types';

/** A long document of each kind, with prose in the form its parser reads (comments for code). */
function longDocument(languageId: string): string {
  const prose = 'The cat sat on the mat and looked at the door.';
  const line = languageId === 'latex' || languageId === 'tex' ? `${prose} % note\n`
    : ['markdown', 'mdx', 'restructuredtext', 'asciidoc', 'plaintext', 'git-commit'].includes(languageId) ? `${prose}\n\n`
      : languageId === 'css' ? `/* ${prose} */\n` : `# ${prose}\n// ${prose}\n-- ${prose}\n`;
  return line.repeat(Math.ceil((20 * STOP_EVERY_CHARS) / line.length));
}

test('cancel: every parser asks shouldStop while it parses a long document and stops with Cancelled', () => {
  for (const id of SUPPORTED_LANGUAGES) {
    const text = longDocument(id);
    let asked = 0;
    assert.throws(() => proseRegions(text, id, () => ++asked >= 3), (err) => err instanceof Cancelled && err.name === 'Cancelled', id);
    assert.equal(asked, 3, id);
  }
});

test('cancel: a shouldStop that never says yes changes nothing, and is asked about once per STOP_EVERY_CHARS', () => {
  for (const id of ['markdown', 'rust', 'latex', 'restructuredtext']) {
    const text = longDocument(id);
    let asked = 0;
    const regions = proseRegions(text, id, () => { asked++; return false; });
    assert.deepEqual(regions, proseRegions(text, id), id);
    assert.ok(asked >= 10 && asked <= 4 * Math.ceil(text.length / STOP_EVERY_CHARS), `${id}: asked ${asked} times`);
  }
});

test('cancel: a short document never asks', () => {
  let asked = 0;
  proseRegions('A short note.', 'markdown', () => { asked++; return true; });
  assert.equal(asked, 0);
});
