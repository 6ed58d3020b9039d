// The languages Electric Proofreader reads, in one table: the parsers' dispatcher, the editor's document
// selector and activation events (package.json, checked by a unit test), the workspace-check glob and the
// CLI's file-name mapping all derive from it. A leaf module: the extension host imports it for names only and
// must not pull the parsers into its bundle.

/** How a language's text becomes prose: a document format's own parser, or the comments of source code. */
export type ParserKind =
  'markdown' | 'mdx' | 'restructuredtext' | 'asciidoc' | 'plaintext' | 'latex' | 'git-commit' | 'comments';

export interface Language {
  /** VS Code language id. */
  readonly id: string;
  /** Name shown to people. */
  readonly name: string;
  /** File extensions with the dot, lower case (matched case-insensitively). */
  readonly extensions: readonly string[];
  /** Whole file names (matched exactly) for files that have no telling extension. */
  readonly fileNames: readonly string[];
  readonly parser: ParserKind;
}

function lang(id: string, name: string, parser: ParserKind, extensions: string[], fileNames: string[] = []): Language {
  return Object.freeze({ id, name, parser, extensions: Object.freeze(extensions), fileNames: Object.freeze(fileNames) });
}

export const LANGUAGES: readonly Language[] = Object.freeze([
  lang('markdown', 'Markdown', 'markdown', ['.md', '.markdown', '.mdown', '.mkd', '.mkdn']),
  lang('mdx', 'MDX', 'mdx', ['.mdx']),
  lang('restructuredtext', 'reStructuredText', 'restructuredtext', ['.rst', '.rest']),
  lang('asciidoc', 'AsciiDoc', 'asciidoc', ['.adoc', '.asciidoc']),
  lang('plaintext', 'Plain Text', 'plaintext', ['.txt', '.text']),
  lang('latex', 'LaTeX', 'latex', ['.tex', '.latex', '.ltx', '.ctx']),
  lang('tex', 'TeX', 'latex', ['.sty', '.cls', '.dtx']),
  lang('git-commit', 'Git Commit Message', 'git-commit', [], ['COMMIT_EDITMSG', 'MERGE_MSG', 'TAG_EDITMSG']),
  lang('typescript', 'TypeScript', 'comments', ['.ts', '.mts', '.cts']),
  lang('typescriptreact', 'TypeScript JSX', 'comments', ['.tsx']),
  lang('javascript', 'JavaScript', 'comments', ['.js', '.mjs', '.cjs']),
  lang('javascriptreact', 'JavaScript JSX', 'comments', ['.jsx']),
  lang('c', 'C', 'comments', ['.c', '.h']),
  lang('cpp', 'C++', 'comments', ['.cc', '.cpp', '.cxx', '.c++', '.hpp', '.hh', '.hxx', '.h++', '.ino']),
  lang('cuda-cpp', 'CUDA C++', 'comments', ['.cu', '.cuh']),
  lang('objective-c', 'Objective-C', 'comments', ['.m']),
  lang('objective-cpp', 'Objective-C++', 'comments', ['.mm']),
  lang('json', 'JSON', 'comments', ['.json']),
  lang('jsonc', 'JSON with Comments', 'comments', ['.jsonc'], ['tsconfig.json', 'jsconfig.json', '.eslintrc.json']),
  lang('java', 'Java', 'comments', ['.java']),
  lang('csharp', 'C#', 'comments', ['.cs']),
  lang('go', 'Go', 'comments', ['.go']),
  lang('rust', 'Rust', 'comments', ['.rs']),
  lang('swift', 'Swift', 'comments', ['.swift']),
  lang('kotlin', 'Kotlin', 'comments', ['.kt', '.kts']),
  lang('scala', 'Scala', 'comments', ['.scala', '.sc']),
  lang('dart', 'Dart', 'comments', ['.dart']),
  lang('php', 'PHP', 'comments', ['.php']),
  lang('css', 'CSS', 'comments', ['.css']),
  lang('scss', 'SCSS', 'comments', ['.scss']),
  lang('less', 'Less', 'comments', ['.less']),
  lang('python', 'Python', 'comments', ['.py', '.pyi', '.pyw']),
  lang('shellscript', 'Shell Script', 'comments', ['.sh', '.bash', '.zsh', '.ksh'], ['.bashrc', '.zshrc', '.profile', '.bash_profile']),
  lang('dockerfile', 'Dockerfile', 'comments', ['.dockerfile'], ['Dockerfile', 'Containerfile']),
  lang('makefile', 'Makefile', 'comments', ['.mk'], ['Makefile', 'makefile', 'GNUmakefile']),
  lang('yaml', 'YAML', 'comments', ['.yaml', '.yml']),
  lang('toml', 'TOML', 'comments', ['.toml']),
  lang('ruby', 'Ruby', 'comments', ['.rb'], ['Gemfile', 'Rakefile']),
  lang('r', 'R', 'comments', ['.r']),
  lang('powershell', 'PowerShell', 'comments', ['.ps1', '.psm1', '.psd1']),
  lang('lua', 'Lua', 'comments', ['.lua']),
  lang('sql', 'SQL', 'comments', ['.sql']),
]);

/** URI schemes of documents the extension checks: files, unsaved buffers and VS Code's own settings files. */
export const URI_SCHEMES: readonly string[] = Object.freeze(['file', 'untitled', 'vscode-userdata']);

/** VS Code language ids of every language in the table, in table order. */
export const SUPPORTED_LANGUAGES: readonly string[] = Object.freeze(LANGUAGES.map((l) => l.id));

const BY_ID = new Map(LANGUAGES.map((l) => [l.id, l]));
const BY_EXTENSION = new Map(LANGUAGES.flatMap((l) => l.extensions.map((e) => [e, l] as const)));
const BY_FILE_NAME = new Map(LANGUAGES.flatMap((l) => l.fileNames.map((n) => [n, l] as const)));

export function languageById(id: string): Language | undefined {
  return BY_ID.get(id);
}

/** The language of a file name or path ('/' or '\\' separated), or undefined when neither its name nor its
 *  extension is in the table. A whole-name match wins over the extension (tsconfig.json is JSON with Comments). */
export function languageOfFile(file: string): Language | undefined {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const named = BY_FILE_NAME.get(base);
  if (named !== undefined) return named;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? BY_EXTENSION.get(base.slice(dot).toLowerCase()) : undefined;
}

/** A VS Code DocumentSelector (plain objects, so this module needs no vscode import): every language in every
 *  checked scheme. */
export function documentSelector(): { language: string; scheme: string }[] {
  return LANGUAGES.flatMap((l) => URI_SCHEMES.map((scheme) => ({ language: l.id, scheme })));
}

/** package.json's activationEvents for the table. */
export function activationEvents(): string[] {
  return LANGUAGES.map((l) => `onLanguage:${l.id}`);
}

/** A glob for vscode.workspace.findFiles matching every file the table names. Extensions are matched in
 *  both cases as written on disk most often (".r" and ".R"), since findFiles globs are case-sensitive. */
export function workspaceGlob(): string {
  const names = new Set<string>();
  for (const l of LANGUAGES) {
    for (const e of l.extensions) { names.add(`*${e}`); names.add(`*${e.toUpperCase()}`); }
    for (const n of l.fileNames) names.add(n);
  }
  return `**/{${[...names].join(',')}}`;
}
