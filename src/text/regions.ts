import type { Region, ShouldStop } from './types';
import { LANGUAGES, languageById, type ParserKind } from './languages';
import { markdownRegions } from './markdown';
import { mdxRegions } from './mdx';
import { rstRegions } from './rst';
import { asciidocRegions } from './asciidoc';
import { plaintextRegions } from './plaintext';
import { latexRegions } from './latex';
import { gitCommitRegions } from './gitCommit';
import { commentRegions, hasCommentSyntax } from './comments';

export type { Region, ShouldStop } from './types';
export { Cancelled } from './types';

type Parser = (text: string, languageId: string, shouldStop?: ShouldStop) => Region[];

const PARSERS: Record<ParserKind, Parser> = {
  'markdown': (text, _id, stop) => markdownRegions(text, stop),
  'mdx': (text, _id, stop) => mdxRegions(text, stop),
  'restructuredtext': (text, _id, stop) => rstRegions(text, stop),
  'asciidoc': (text, _id, stop) => asciidocRegions(text, stop),
  'plaintext': (text, _id, stop) => plaintextRegions(text, stop),
  'latex': (text, _id, stop) => latexRegions(text, stop),
  'git-commit': (text, _id, stop) => gitCommitRegions(text, stop),
  'comments': commentRegions,
};

/**
 * Prose regions of a document in the given VS Code language (see languages.ts). Throws for a language it does not
 * support. `shouldStop`, when given, is asked every few thousand characters; a yes throws `Cancelled`.
 */
export function proseRegions(text: string, languageId: string, shouldStop?: ShouldStop): Region[] {
  const language = languageById(languageId);
  if (language === undefined) {
    throw new Error(`unsupported language '${languageId}'; supported: ${LANGUAGES.map((l) => l.id).join(', ')}`);
  }
  if (language.parser === 'comments' && !hasCommentSyntax(languageId)) {
    throw new Error(`language '${languageId}' is read by its comments but has no comment syntax`);
  }
  return PARSERS[language.parser](text, languageId, shouldStop);
}
