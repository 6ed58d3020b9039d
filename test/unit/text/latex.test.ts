import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { blocks } from './render';

const tex = (text: string): string[] => blocks(text, 'latex');

test('latex: comments, commands and non-prose arguments are skipped; prose arguments are kept', () => {
  assert.deepEqual(tex('We study \\emph{energy} models~\\cite[p.~3]{clark2020}. % a comment\nNext line.'),
    ['We study|energy|models|.|Next line.']);
  assert.deepEqual(tex('See Section~\\ref{sec:intro} and \\textbf{bold} text\\label{x}.'), ['See Section|and|bold|text|.']);
  assert.deepEqual(tex('Visit \\url{http://x.org} or \\href{http://y.org}{our site}.'), ['Visit|or|our site|.']);
  assert.deepEqual(tex('Use \\texttt{make all} then \\textcolor{red}{stop}.'), ['Use|then|stop|.']);
});

test('latex: sectioning, captions and footnotes are blocks of their own', () => {
  assert.deepEqual(tex('\\section{Introduction}\\label{sec:intro}\nText here.'), ['Introduction', 'Text here.']);
  assert.deepEqual(tex('\\subsection*[Short]{Long Title}'), ['Long Title']);
  assert.deepEqual(tex('Results\\footnote{See the appendix.} are good.'), ['Results', 'See the appendix.', 'are good.']);
  assert.deepEqual(tex('\\caption{A \\emph{nice} caption.}'), ['A|nice|caption.']);
});

test('latex: math in all its forms is skipped', () => {
  assert.deepEqual(tex('The loss $L = \\sum_i x_i$ and $$y$$ and \\(a\\) and \\[b\\] end.'),
    ['The loss|and|and|and|end.']);
  assert.deepEqual(tex('Before.\n\\begin{equation}\n  E = mc^2 \\text{words}\n\\end{equation}\nAfter.'), ['Before.', 'After.']);
  assert.deepEqual(tex('Before.\n\\begin{align*}\na &= b\n\\end{align*}\nAfter.'), ['Before.', 'After.']);
  // An unclosed $ stops at the paragraph break.
  assert.deepEqual(tex('Bad $x + y\n\nNext paragraph.'), ['Bad', 'Next paragraph.']);
});

test('latex: verbatim-like environments and \\verb are skipped', () => {
  assert.deepEqual(tex('A \\verb|x % y| b.\n\\begin{verbatim}\n\\section{no} $\n\\end{verbatim}\nC.'), ['A|b.', 'C.']);
  assert.deepEqual(tex('\\begin{lstlisting}[language=C]\nint x; // no\n\\end{lstlisting}\nD.'), ['D.']);
  assert.deepEqual(tex('\\begin{minted}{python}\nx = 1\n\\end{minted}\nE.'), ['E.']);
});

test('latex: blank lines, items and table cells separate blocks; escapes are literal', () => {
  assert.deepEqual(tex('One.\n\nTwo.'), ['One.', 'Two.']);
  assert.deepEqual(tex('\\begin{itemize}\n\\item First point.\n\\item[b)] Second point.\n\\end{itemize}'),
    ['First point.', 'Second point.']);
  assert.deepEqual(tex('\\begin{tabular}{lc}\nName & Value \\\\\nfoo & bar\n\\end{tabular}'), ['Name', 'Value', 'foo', 'bar']);
  assert.deepEqual(tex('Costs 50\\% more for R\\&D.'), ['Costs 50|% more for R|&D.']);
});

test('latex: the preamble contributes only its title; text after \\end{document} is ignored', () => {
  const doc = '\\documentclass[11pt]{article}\n\\usepackage[utf8]{inputenc}\n\\hypersetup{pdftitle={No}}\n' +
    '\\newcommand{\\foo}[1]{Not prose #1}\n\\title{Energy Models}\n\\author{A. Person}\n' +
    '\\begin{document}\n\\maketitle\nBody text.\n\\end{document}\nJunk after.';
  assert.deepEqual(tex(doc), ['Energy Models', 'Body text.']);
});

test('latex: without \\begin{document} a fragment is read whole; definitions are skipped', () => {
  assert.deepEqual(tex('\\def\\x#1{hidden}\\let\\a\\b Shown text.'), ['Shown text.']);
  assert.deepEqual(tex('\\begin{figure}[htbp]\n\\centering\n\\includegraphics[width=0.5\\linewidth]{a.png}\n\\end{figure}'), []);
});
