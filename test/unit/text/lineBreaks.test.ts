import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { proseRegions } from '../../../src/text/regions';
import { splitSentences } from '../../../src/text/sentences';
import { SUPPORTED_LANGUAGES } from '../../../src/text/languages';
import { render } from './render';

const EOLS = ['\n', '\r\n', '\r'];

/** Prose blocks and sentences of a text written with `eol`, its line breaks shown as '\n' again. */
function read(lfText: string, languageId: string, eol: string): { blocks: string[]; sentences: string[] } {
  const text = lfText.replace(/\n/g, eol);
  const regions = proseRegions(text, languageId);
  const back = (s: string): string => s.split(eol).join('\n');
  return {
    blocks: render(text, regions).map(back),
    sentences: splitSentences(text, regions).map((s) => back(s.parts.map((p) => text.slice(p.start, p.end)).join('|'))),
  };
}

const SAMPLES: Record<string, string> = {
  markdown: '# Title\n\nOne sentence here.\nIt goes on. Another one\nends here.\n\n- item one\n- item two\n\n```\ncode\n```\n',
  mdx: 'import X from "x";\n\n<X>\n  Inside a tag.\n</X>\n\nOne line\nand the next.\n',
  restructuredtext: 'Title\n=====\n\nOne line\nand the next.\n\n::\n\n   literal\n\nAfter it.\n',
  asciidoc: '= Title\n\nOne line\nand the next.\n\n----\ncode\n----\n\nAfter it.\n',
  plaintext: 'One line\nand the next.\n\nA new paragraph.\n',
  latex: 'One line\nand the next.\n\nA new paragraph. % comment\n',
  'git-commit': 'Subject line\n\nBody line one\nand two.\n# comment\n',
  python: '"""A module\ndocstring."""\n# One comment\n# goes on.\nx = 1\n',
  typescript: '// One comment\n// goes on.\nconst x = 1;\n/*\n * Block\n * text.\n */\n',
};

test('line breaks: LF, CRLF and CR-only give the same blocks and sentences in every kind of parser', () => {
  for (const [id, sample] of Object.entries(SAMPLES)) {
    const lf = read(sample, id, '\n');
    assert.ok(lf.blocks.length >= 2, `${id}: the sample reads as prose`);
    for (const eol of EOLS.slice(1)) assert.deepEqual(read(sample, id, eol), lf, `${id} with ${JSON.stringify(eol)}`);
  }
});

test('line breaks: a blank line ends a paragraph whatever the break (CR CR, CRLF CRLF, LF LF, mixed)', () => {
  for (const gap of ['\r\r', '\r\n\r\n', '\n\n', '\r\n\r', '\n\r\n']) {
    const text = `First paragraph${gap}Second paragraph`;
    assert.deepEqual(render(text, proseRegions(text, 'plaintext')), ['First paragraph', 'Second paragraph'], JSON.stringify(gap));
    assert.deepEqual(render(text, proseRegions(text, 'markdown')), ['First paragraph', 'Second paragraph'], JSON.stringify(gap));
  }
});

test('line breaks: every language gives the same prose for LF, CRLF and CR input', () => {
  const sample = '# A comment line\n// A comment line\n-- A comment line\n/* A block\ncomment. */\nSome text.\n\nMore text.\n';
  for (const id of SUPPORTED_LANGUAGES) {
    const lf = read(sample, id, '\n');
    for (const eol of EOLS.slice(1)) assert.deepEqual(read(sample, id, eol), lf, `${id} with ${JSON.stringify(eol)}`);
  }
});
