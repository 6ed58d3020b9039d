/** How many brace arguments of a command are not prose (options in [...] are always skipped); -1 = all of them. */
export const SKIP_ARGS = new Map<string, number>(Object.entries({
  label: 1, ref: 1, eqref: 1, pageref: 1, autoref: 1, cref: 1, Cref: 1, vref: 1, nameref: 1, hyperref: 0,
  cite: 1, citep: 1, citet: 1, citealp: 1, citeauthor: 1, citeyear: 1, parencite: 1, textcite: 1, autocite: 1,
  footcite: 1, nocite: 1, bibitem: 1, bibliography: 1, bibliographystyle: 1, addbibresource: 1, printbibliography: 0,
  usepackage: 1, RequirePackage: 1, documentclass: 1, input: 1, include: 1, includeonly: 1, includegraphics: 1,
  graphicspath: 1, url: 1, href: 1, nolinkurl: 1, path: 1, texttt: 1, lstinline: 1, mintinline: 2,
  color: 1, textcolor: 1, colorbox: 1, fcolorbox: 2, pagecolor: 1, definecolor: 3,
  vspace: 1, hspace: 1, setlength: 2, addtolength: 2, settowidth: 2, newlength: 1, linespread: 1, fontsize: 2,
  setcounter: 2, addtocounter: 2, stepcounter: 1, refstepcounter: 1, newcounter: 1,
  pagestyle: 1, thispagestyle: 1, pagenumbering: 1, lstinputlisting: 1, inputminted: 2,
  multicolumn: 2, multirow: 2, parbox: 1, resizebox: 2, scalebox: 1, rotatebox: 1, raisebox: 1, rule: 2,
  cline: 1, cmidrule: 1, author: 1, affiliation: 1, affil: 1, email: 1, address: 1, institute: 1, date: 1,
  hypersetup: 1, geometry: 1, setmainfont: 1, setsansfont: 1, setmonofont: 1, lstset: 1, tikzset: 1,
  pgfplotsset: 1, captionsetup: 1, usetheme: 1, usecolortheme: 1, usetikzlibrary: 1, newtheorem: 2,
  index: 1, glossary: 1, gls: 1, Gls: 1, glspl: 1, ac: 1, acs: 1, acl: 1, acf: 1, acp: 1, newacronym: 3,
  SI: 2, si: 1, num: 1, qty: 2, unit: 1, ang: 1, ensuremath: 1, tag: 1,
  newcommand: -1, renewcommand: -1, providecommand: -1, newenvironment: -1, renewenvironment: -1,
  DeclareMathOperator: -1, DeclareRobustCommand: -1, NewDocumentCommand: -1, RenewDocumentCommand: -1,
  setbeamertemplate: -1, setbeamercolor: -1, setbeamerfont: -1,
}));

/** Commands whose argument is prose of its own: a block starts before it and after it. */
export const BLOCK_ARGS = new Set([
  'part', 'chapter', 'section', 'subsection', 'subsubsection', 'paragraph', 'subparagraph', 'caption',
  'footnote', 'footnotetext', 'title', 'subtitle', 'thanks', 'marginpar', 'todo', 'frametitle', 'framesubtitle',
]);

/** Commands that end a block without taking a prose argument. */
export const BREAKS = new Set(['par', 'item', 'newline', 'linebreak', 'newpage', 'clearpage', 'maketitle', 'bigskip',
  'medskip', 'smallskip', 'noindent', 'centering', 'hline', 'toprule', 'midrule', 'bottomrule', 'tableofcontents']);

/** Environments skipped whole: math, code, pictures, bibliographies. */
export const SKIP_ENVS = new Set([
  'equation', 'equation*', 'align', 'align*', 'alignat', 'alignat*', 'flalign', 'flalign*', 'gather', 'gather*',
  'multline', 'multline*', 'eqnarray', 'eqnarray*', 'math', 'displaymath', 'dmath', 'dmath*', 'split', 'array',
  'verbatim', 'verbatim*', 'Verbatim', 'BVerbatim', 'lstlisting', 'minted', 'comment', 'alltt', 'filecontents',
  'filecontents*', 'tikzpicture', 'pgfpicture', 'picture', 'thebibliography', 'algorithmic', 'tabbing',
]);

/** Brace arguments of an environment's \begin that are not prose (column specs, widths). */
export const ENV_ARGS = new Map<string, number>(Object.entries({
  tabular: 1, 'tabular*': 2, tabularx: 2, tabulary: 2, longtable: 1, minipage: 1, wrapfigure: 2, wraptable: 2,
  multicols: 1, 'multicols*': 1, subfigure: 1, list: 2, otherlanguage: 1,
}));
