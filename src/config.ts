// Typed access to the electricProofreader.* settings and the one place that listens for their changes.
import * as vscode from 'vscode';
import { effectiveMaxFileSize } from './core/settingsPolicy';
import { SETTING_DEFAULTS as D } from './engine/defaults';
import { DIALECTS, isDialect, type Dialect } from './engine/dialects';
import { reportError } from './log';

export const SECTION = 'electricProofreader';
export type ProviderSetting = 'auto' | 'cpu' | 'gpu';

/** Settings that decide how one document is checked (language-overridable / resource scoped). */
export interface DocumentSettings {
  enabled: boolean;
  sensitivity: number;
  dialect: Dialect;
  maxFileSize: number;
  ignoredWords: string[];
}

/** Settings that decide how the engine is started (machine scoped: one engine per window). */
export interface EngineSettings {
  provider: ProviderSetting;
  modelPath: string;
}

export function documentSettings(doc: vscode.TextDocument): DocumentSettings {
  // Passing the document (not just its uri) lets "[markdown]": { ... } language overrides apply.
  const c = vscode.workspace.getConfiguration(SECTION, doc);
  const sensitivity = c.get<number>('sensitivity', D.sensitivity);
  return {
    enabled: c.get<boolean>('enable', D.enable),
    sensitivity: Math.min(1, Math.max(0, Number.isFinite(sensitivity) ? sensitivity : D.sensitivity)),
    dialect: dialectOf(c.get<string>('dialect', D.dialect)),
    maxFileSize: maxFileSize(c),
    ignoredWords: c.get<string[]>('ignoredWords', [...D.ignoredWords]).filter((w) => typeof w === 'string' && w.length > 0),
  };
}

/**
 * A dialect the engine has no lexicon for (a hand-edited settings.json; the settings editor offers only the
 * enum) is checked as the default, and said once in a notification: the document is English all the same.
 */
function dialectOf(value: string): Dialect {
  if (isDialect(value)) return value;
  reportError('electricProofreader.dialect', new Error(`unknown dialect '${value}' (known: ${DIALECTS.join(', ')}); checking as ${D.dialect}`));
  return D.dialect;
}

/** Untrusted workspaces may lower the size limit but not raise it (it is also a restricted setting). */
function maxFileSize(c: vscode.WorkspaceConfiguration): number {
  const inspected = c.inspect<number>('maxFileSize');
  const user = inspected?.globalLanguageValue ?? inspected?.globalValue;
  return effectiveMaxFileSize(c.get<number>('maxFileSize'), user, vscode.workspace.isTrusted, D.maxFileSize);
}

export function engineSettings(): EngineSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const provider = c.get<string>('executionProvider', D.executionProvider);
  // modelPath is machine scoped and restricted in untrusted workspaces (package.json), so a workspace
  // cannot point the engine at a model file of its choosing.
  const modelPath = vscode.workspace.isTrusted ? c.get<string>('modelPath', D.modelPath).trim() : '';
  return { provider: provider === 'cpu' || provider === 'gpu' ? provider : D.executionProvider, modelPath };
}

export type ChangeKind = 'engine' | 'documents';

/** One listener for every settings change we care about, told whether the engine must restart. */
export function onSettingsChange(listener: (kind: ChangeKind) => void): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      const engine = e.affectsConfiguration(`${SECTION}.executionProvider`) || e.affectsConfiguration(`${SECTION}.modelPath`);
      listener(engine ? 'engine' : 'documents');
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => listener('engine')),
  );
}
