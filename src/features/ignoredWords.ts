// Words the user does not want flagged, and files they turned the checker off for.
// Session ignores live in memory; the workspace dictionary is the electricProofreader.ignoredWords setting
// written to the document's folder (.vscode/settings.json), a file a team can commit; "disable for this file"
// is remembered per workspace in workspaceState.
import * as vscode from 'vscode';
import { SECTION } from '../config';
import { dictionaryTarget, withWord, type DictionaryTarget } from '../core/settingsPolicy';
import { getLog } from '../log';

const DISABLED_KEY = 'electricProofreader.disabledFiles';
const TARGETS: Record<DictionaryTarget, vscode.ConfigurationTarget> = {
  folder: vscode.ConfigurationTarget.WorkspaceFolder,
  workspace: vscode.ConfigurationTarget.Workspace,
  user: vscode.ConfigurationTarget.Global,
};

export class UserExclusions implements vscode.Disposable {
  private readonly session = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  /** Session words, lower-cased; the configured ones are added per document (they are resource scoped). */
  sessionWords(): string[] {
    return [...this.session];
  }

  ignoreForSession(word: string): void {
    this.session.add(word.toLowerCase());
    this.changed.fire();
  }

  /**
   * Adds the word to electricProofreader.ignoredWords where src/core/settingsPolicy.ts says: the settings of the
   * document's workspace folder (<folder>/.vscode/settings.json), the workspace's for a document outside every
   * folder, user settings when no folder is open (said in a notification, since it then applies everywhere).
   * Returns where it went, for the tests; undefined when the word was there already.
   */
  async addToWorkspaceDictionary(word: string, scope: vscode.Uri | undefined): Promise<DictionaryTarget | undefined> {
    const folder = scope && vscode.workspace.getWorkspaceFolder(scope);
    const where = dictionaryTarget(folder !== undefined, vscode.workspace.workspaceFolders?.length ?? 0);
    const config = vscode.workspace.getConfiguration(SECTION, folder?.uri ?? scope);
    const inspected = config.inspect<string[]>('ignoredWords');
    const current = where === 'folder' ? inspected?.workspaceFolderValue : where === 'workspace' ? inspected?.workspaceValue : inspected?.globalValue;
    const next = withWord(current, word);
    if (!next) return undefined;
    await config.update('ignoredWords', next, TARGETS[where]);
    // the configuration listener re-checks; nothing to fire here
    const file = where === 'folder' ? `${folder!.name}/.vscode/settings.json`
      : where === 'workspace' ? (vscode.workspace.workspaceFile ? 'the .code-workspace file' : '.vscode/settings.json') : 'your user settings';
    getLog().info(`"${word}" added to electricProofreader.ignoredWords in ${file}`);
    if (where === 'user') {
      void vscode.window.showInformationMessage(`Electric Proofreader: no folder is open, so "${word}" was added to your user ` +
        'settings (electricProofreader.ignoredWords) and is not flagged in any window.');
    } else {
      vscode.window.setStatusBarMessage(`Electric: "${word}" added to the dictionary in ${file}`, 4000);
    }
    return where;
  }

  isDisabled(uri: vscode.Uri): boolean {
    return this.state.get<string[]>(DISABLED_KEY, []).includes(uri.toString());
  }

  async setDisabled(uri: vscode.Uri, disabled: boolean): Promise<void> {
    const list = new Set(this.state.get<string[]>(DISABLED_KEY, []));
    if (disabled) list.add(uri.toString());
    else list.delete(uri.toString());
    await this.state.update(DISABLED_KEY, [...list]);
    this.changed.fire();
  }

  /** Clears the session's ignores; the workspace dictionary is a setting the user edits (and commits). */
  clearSession(): number {
    const n = this.session.size;
    this.session.clear();
    this.changed.fire();
    return n;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
