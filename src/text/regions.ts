import { markdownRegions } from './markdown';
import { plaintextRegions } from './plaintext';
import { latexRegions } from './latex';
import { gitCommitRegions } from './gitCommit';
import { COMMENT_LANGUAGES, commentRegions } from './comments';

/**
 * UTF-16 offsets of prose in the original text (end exclusive). `block` numbers paragraphs: regions of one block
 * are one run of prose interrupted only by inline things we skip (inline code, URLs, inline math, link
 * targets...), so they may be read together as one sentence; different blocks must never be joined.
 * Regions are sorted, do not overlap, are trimmed of whitespace, and block numbers never decrease.
 */
export interface Region { start: number; end: number; block: number }

const PROSE_LANGUAGES = new Map<string, (text: string) => Region[]>([
  ['markdown', markdownRegions],
  ['plaintext', plaintextRegions],
  ['latex', latexRegions],
  ['tex', latexRegions],
  ['git-commit', gitCommitRegions],
]);

/** VS Code language ids that proseRegions understands. */
export const SUPPORTED_LANGUAGES: readonly string[] = Object.freeze([
  ...PROSE_LANGUAGES.keys(),
  ...COMMENT_LANGUAGES,
]);

/** Prose regions of a document in the given VS Code language. Throws for a language it does not support. */
export function proseRegions(text: string, languageId: string): Region[] {
  const prose = PROSE_LANGUAGES.get(languageId);
  if (prose !== undefined) return prose(text);
  if (COMMENT_LANGUAGES.includes(languageId)) return commentRegions(text, languageId);
  throw new Error(`unsupported language '${languageId}'; supported: ${SUPPORTED_LANGUAGES.join(', ')}`);
}
