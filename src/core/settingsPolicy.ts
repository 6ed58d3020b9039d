// Decisions about settings that do not need VS Code to be made: what an untrusted workspace may change,
// and where "Add to workspace dictionary" writes. src/config.ts and src/features/ignoredWords.ts apply them.

const validSize = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * electricProofreader.maxFileSize as applied. A workspace may lower it but, untrusted, not raise it: a
 * workspace that raised it to fit a 50 MB file would run the engine out of memory in a loop. The ceiling is
 * the user's own value (user settings), else the default.
 */
export function effectiveMaxFileSize(value: unknown, userValue: unknown, trusted: boolean, defaultValue: number): number {
  const configured = validSize(value) ? value : defaultValue;
  if (trusted) return configured;
  return Math.min(configured, validSize(userValue) ? userValue : defaultValue);
}

/**
 * Where a dictionary word goes: the settings of the workspace folder that holds the document
 * (<folder>/.vscode/settings.json, in multi-root workspaces too); the workspace's settings for a document
 * outside every folder (the folder's .vscode/settings.json, or the .code-workspace file of a multi-root
 * workspace); user settings when no folder is open at all, which then apply in every window.
 */
export type DictionaryTarget = 'folder' | 'workspace' | 'user';

export function dictionaryTarget(documentInFolder: boolean, openFolders: number): DictionaryTarget {
  if (documentInFolder) return 'folder';
  return openFolders > 0 ? 'workspace' : 'user';
}

/** The words already at that target plus the new one, sorted; undefined when it is there already (any case). */
export function withWord(current: readonly string[] | undefined, word: string): string[] | undefined {
  const list = (current ?? []).filter((w) => typeof w === 'string');
  if (list.some((w) => w.toLowerCase() === word.toLowerCase())) return undefined;
  return [...list, word].sort((a, b) => a.localeCompare(b));
}
