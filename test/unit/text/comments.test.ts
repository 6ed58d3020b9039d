import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { blocks } from './render';

test('code: consecutive line comments are one block; code or a blank line ends it', () => {
  const src = '// First line\n// continues here.\nconst a = 1; // trailing\n// next one\n\n// after blank\nx(); // t1\ny(); // t2\n';
  assert.deepEqual(blocks(src, 'typescript'), ['First line|continues here.', 'trailing', 'next one', 'after blank', 't1', 't2']);
});

test('code: comment markers inside strings, templates, regexes and chars are not comments', () => {
  const ts = 'const u = "http://x.org"; const s = \'a // b\';\nconst t = `x ${ "y" /* inner */ } // no`;\n' +
    'const r = /\\/\\/ no/g; const d = a / b; // real\n';
  assert.deepEqual(blocks(ts, 'typescript'), ['inner', 'real']);
  assert.deepEqual(blocks('let n = `a ${ `b ${c}` } // no`; // yes', 'javascript'), ['yes']);
  assert.deepEqual(blocks('char c = \'"\'; // c comment\nchar *s = "/* no */";', 'c'), ['c comment']);
  assert.deepEqual(blocks('auto s = R"x(raw // no)x"; // cpp', 'cpp'), ['cpp']);
  assert.deepEqual(blocks('var p = @"C:\\dir\\"; // cs', 'csharp'), ['cs']);
  assert.deepEqual(blocks('var s = `raw // no\n`; r := \'/\' // go', 'go'), ['go']);
});

test('code: JSDoc tags, types, names and inline tags are skipped; descriptions kept', () => {
  const src = '/**\n * Computes the thing.\n *\n * @param {string} name - The name to use.\n' +
    ' * @param [opt=1] Optional value.\n * @returns {number} The result, see {@link Foo}.\n' +
    ' * @throws {Error} When it fails.\n * @example\n * compute(\'x\');\n * @deprecated Use other.\n * @since 1.2\n */';
  assert.deepEqual(blocks(src, 'typescript'),
    ['Computes the thing.', 'The name to use.', 'Optional value.', 'The result, see|.', 'When it fails.', 'Use other.']);
  assert.deepEqual(blocks('/** Javadoc <code>x</code> text.\n * @throws IOException if reading fails */', 'java'),
    ['Javadoc|text.', 'if reading fails']);
});

test('code: inline code, URLs and pragmas in comments are skipped', () => {
  assert.deepEqual(blocks('// Call `foo()` first, see https://x.org/a.\n// eslint-disable-next-line no-console\n', 'javascript'),
    ['Call|first, see|.']);
  assert.deepEqual(blocks('x = 1  # noqa: E501\n# type: ignore\n', 'python'), []);
});

test('python: docstrings of module, class and def only; # comments; strings are not comments', () => {
  const py = '#!/usr/bin/env python3\n"""Module doc."""\nimport os  # note\nx = "# no"\ny = f\'{x} # no\'\n' +
    'z = """not a docstring"""\nclass A(B):\n    """Class doc."""\n    def f(self, a: int = 1) -> dict[str, int]:\n' +
    '        r"""Compute f.\n\n        Args:\n            a (int): The value.\n\n        >>> f(1)\n        {1: 2}\n\n' +
    '        :param a: the value.\n        :rtype: dict\n        """\n        s = """no"""\n        return {}\n' +
    'def g(): "One-liner."\n';
  assert.deepEqual(blocks(py, 'python'),
    ['Module doc.', 'note', 'Class doc.', 'Compute f.', 'The value.', 'the value.', 'One-liner.']);
});

test('rust: doc comments, raw strings, lifetimes vs chars, nested block comments', () => {
  const rs = '//! Crate docs.\n/// Doc for `foo`.\n///\n/// # Examples\n/// ```\n/// let x = 1; // no\n/// ```\n' +
    'fn foo<\'a>(s: &\'a str) -> char {\n    let r = r#"raw "// no" string"#;\n    let c = \'"\'; // quote char\n' +
    '    /* outer /* nested */ done */\n    \'x\'\n}\n';
  assert.deepEqual(blocks(rs, 'rust'), ['Crate docs.', 'Doc for|.', 'Examples', 'quote char', 'outer /* nested */ done']);
});

test('shell: comments at word starts only, not shebang, $#, ${#x} or here-documents', () => {
  const sh = '#!/bin/bash\n# Install things.\necho "# no" $# ${#arr} \'# no\' # yes\ncat <<-EOF\n\t# heredoc\n\tEOF\n# after\n';
  assert.deepEqual(blocks(sh, 'shellscript'), ['Install things.', 'yes', 'after']);
});

test('code: decorations, bullets and blank lines inside comments separate blocks', () => {
  assert.deepEqual(blocks('/*\n * Title\n * -----\n * - first item\n * - second item\n */', 'c'),
    ['Title', 'first item', 'second item']);
  assert.deepEqual(blocks('// Intro text:\n//   if (x) {\n// done\n', 'go'), ['Intro text:', 'done']);
});

test('code: a language without comment syntax is rejected clearly', () => {
  assert.throws(() => blocks('x', 'brainfuck'), /unsupported language 'brainfuck'/);
});
