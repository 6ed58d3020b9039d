// Words the user does not want flagged, and files they turned the checker off for.
// Session ignores live in memory; the workspace dictionary is the electricProofreader.ignoredWords setting
// written to the workspace (.vscode/settings.json), a file a team can commit; "disable for this file"
// is remembered per workspace in workspaceState.
import * as vscode from 'vscode';
import { SECTION } from '../config';

const DISABLED_KEY = 'electricProofreader.disabledFiles';

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

  async addToWorkspaceDictionary(word: string, scope: vscode.Uri | undefined): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION, scope);
    const inspected = config.inspect<string[]>('ignoredWords');
    const current = inspected?.workspaceValue ?? [];
    if (current.some((w) => w.toLowerCase() === word.toLowerCase())) return;
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update('ignoredWords', [...current, word].sort((a, b) => a.localeCompare(b)), target);
    // the configuration listener re-checks; nothing to fire here
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
