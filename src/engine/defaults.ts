// The settings' defaults, in one place: src/config.ts (the extension), the CLI's flags and the engine's
// CheckOptions read them, and a unit test holds package.json's contributes.configuration to them (VS Code
// shows that file's defaults in its settings editor, so they cannot be computed there).
import type { Dialect } from './dialects';
import type { ProviderChoice } from './protocol';

/** Keyed by the setting's name after `electricProofreader.`. */
export const SETTING_DEFAULTS = {
  enable: true,
  sensitivity: 0.5,
  executionProvider: 'auto' as ProviderChoice,
  maxFileSize: 500_000,
  ignoredWords: [] as readonly string[],
  modelPath: '',
  dialect: 'en-US' as Dialect,
} as const;

/** Suggestions per finding: the engine's CheckOptions.maxSuggestions and the CLI's --max-suggestions. */
export const MAX_SUGGESTIONS = 5;
