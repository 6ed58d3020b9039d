import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { proseRegions } from '../../../src/text/regions';
import { assertWellFormed, render } from './render';

const dir = resolve(__dirname, '../../../../test/fixtures/text');

function check(file: string, languageId: string, expected: string[]): void {
  const text = readFileSync(resolve(dir, file), 'utf8');
  const regions = proseRegions(text, languageId);
  assertWellFormed(text, regions);
  assert.deepEqual(render(text, regions), expected);
  // The same document with CRLF line endings and a BOM gives the same prose.
  const crlf = '\uFEFF' + text.replace(/\n/g, '\r\n');
  assert.deepEqual(render(crlf, proseRegions(crlf, languageId)).map((s) => s.replace(/\r\n/g, '\n')), expected);
}

test('fixture: a README with code, tables, HTML, math and footnotes', () => {
  check('README.md', 'markdown', [
    'Electric Proofreader',
    'Build',
    "Finds words that don't fit their context, using an|Electric|model that runs|locally. Install it with|or grab a VSIX from|.",
    'Quick start',
    'Install the extension.',
    'Open a Markdown file and wait for the squiggles.',
    'Press|Ctrl|+|.|to see the fixes.',
    'Note:|the model never leaves your machine.|It is loaded lazily.',
    'Setting', 'Meaning', 'How eager the checker is.', 'Which execution provider runs the model.',
    'The score is|for each token|.',
    'See the paper by Clark et al. for the derivation.',
  ]);
});

test('fixture: a LaTeX paper fragment', () => {
  check('paper.tex', 'latex', [
    'Proofreading with Energy Models',
    'We show that an energy model trained with noise contrastive estimation finds\nreal-word errors that spell checkers miss.',
    'Introduction',
    "Spell checkers flag strings that are not in a dictionary|.|They cannot see that|their|is wrong in ``their is a problem''.\nWe use the Electric objective of Clark et al.|instead.",
    'Method and Data',
    'The energy of a token|is|, and',
    'gives the posterior',
    'Under the noise distribution|.',
    'used in Fig.|.',
    'Precision against recall on the|jfleg|set.',
  ]);
});

test('fixture: a commit message with trailers, comments and a diff', () => {
  check('COMMIT_EDITMSG', 'git-commit', [
    'engine: rank replacements with one batched REPLACE pass',
    'Scoring each candidate sentence separately cost one forward pass per|candidate. Batch them instead, and normalise the summed energies over|the candidate set (see|).',
  ]);
});

test('fixture: a TypeScript file with JSDoc, templates and regexes', () => {
  check('sample-ts.txt', 'typescript', [
    'Loads the model metadata and checks that every file it names exists.',
    'The folder that holds|.',
    'The parsed metadata; see|.',
    'When a file is missing.',
    'the template holds "//" but this is a comment',
    'Parse it, then validate the shape|before anyone relies on it.',
    'trust but verify',
    'not a comment inside the regex',
  ]);
});

test('fixture: a Python module with docstrings', () => {
  check('sample.py', 'python', [
    'Prepare the training corpus.',
    'Reads Debian documentation and writes shards of sentences.',
    'regular expressions',
    'the hash in the string is not a comment',
    'One shard of sentences on disk.',
    'Open a shard.',
    'Where the shard lives.',
    'How many sentences it may hold.',
    'Sentences longer than the limit are dropped,|because they are usually tables.',
  ]);
});

// The documentation formats' fixtures hide misspellings (webb, enviroment, typpo, recieve...) in every kind of
// markup that is not prose; none may reach the prose.
const HIDDEN = /webb|enviroment|typpo|recieve|texxt|htmml|diagramm|confg|strr|frobnicate|maxdepth|product-name/i;

test('fixture: a reStructuredText guide (directives, roles, literal blocks, fields, substitutions, comments, targets)', () => {
  const expected = [
    'Installation Guide',
    'Ada Lovelace',
    'This guide explains how to install the|proofreader|with|and configure it with|. See|the manual|or the|Usage|section, and the footnote|and|itself.',
    'Keep your environment clean.',
    'Use a virtual environment for every project.',
    'Usage',
    'Run the command:',
    'First item of the list|which continues here.',
    'Second item with|inside.',
    'The file to check.',
    'A footnote with real prose.',
    'The option works with folders.',
    'Term', 'The definition of the term.',
    'Name', 'Meaning', 'fast', 'Checks quickly.',
  ];
  check('guide.rst', 'restructuredtext', expected);
  assert.ok(!expected.some((s) => HIDDEN.test(s)));
});

test('fixture: an AsciiDoc guide (header, attributes, delimited blocks, block titles, macros, admonitions, tables)', () => {
  const expected = [
    'Electric Proofreader Guide',
    'Getting started',
    'The proofreader checks|and|without fuss.|Read the|online documentation|or|the intro|.|See|the usage section|and|for details.|Footnotes are prose too.',
    'Installing the package',
    'Back up your files first.',
    'Admonition blocks hold prose.',
    'First item', 'Nested item with|keys', 'Done item',
    'CPU', 'The processor runs the model.', 'GPU', 'Only when available.',
    'Setting', 'Meaning', 'sensitivity', 'How eager the checker is.',
  ];
  check('guide.adoc', 'asciidoc', expected);
  assert.ok(!expected.some((s) => HIDDEN.test(s)));
});

test('fixture: an MDX page (front matter, imports, exports, JSX elements and expressions, code)', () => {
  const expected = [
    'Welcome to',
    'The proofreader checks your docs while you write.',
    'Admonitions hold prose that is checked.',
    'Install it with the package manager.',
    'Hello|, welcome to|new|features.',
    'A list item with|and a|link|.',
  ];
  check('intro.mdx', 'mdx', expected);
  assert.ok(!expected.some((s) => HIDDEN.test(s)));
});
