// "Check Workspace": every supported file in the workspace, under a cancellable progress notification,
// results in the Problems panel. Kept in their own collection: these documents are not open in editors,
// so the live checker's clear-on-close must not wipe them; opening a file hands it to the live checker.
import * as vscode from 'vscode';
import { documentSettings } from '../config';
import { SUPPORTED_LANGUAGES, workspaceGlob } from '../text/languages';
import { getLog, reportError } from '../log';
import type { EngineHost } from './engineHost';
import { checkDocument } from './diagnostics';
import { toDiagnostic } from './findingsStore';
import type { UserExclusions } from './ignoredWords';

/**
 * File names of the languages the engine reads (the language table); code is checked in its comments only.
 * A file whose language turns out unsupported once opened (a user's files.associations) is skipped.
 */
const INCLUDE = workspaceGlob();
const EXCLUDE = '**/{node_modules,.git,dist,out,build,target,.vscode-test,__pycache__}/**';
const MAX_FILES = 5000;
const supported = new Set<string>(SUPPORTED_LANGUAGES);

export class WorkspaceCheck implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('electric-workspace');
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly engine: EngineHost, private readonly exclusions: UserExclusions, live: vscode.DiagnosticCollection) {
    this.subscriptions = [
      // Once a file is shown in an editor, the live checker's results (kept current while typing) win.
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => {
        if (live.has(e.document.uri) || this.collection.has(e.document.uri)) this.collection.delete(e.document.uri);
      })),
    ];
  }

  run(): Thenable<{ files: number; findings: number }> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Electric Proofreader: checking workspace', cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        const started = Date.now();
        let files = 0;
        let findings = 0;
        try {
          this.collection.clear();
          const uris = await vscode.workspace.findFiles(INCLUDE, EXCLUDE, MAX_FILES, token);
          for (const uri of uris) {
            if (token.isCancellationRequested) break;
            progress.report({ message: `${files + 1}/${uris.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / uris.length });
            const n = await this.checkFile(uri, controller.signal);
            if (n >= 0) { files++; findings += n; }
          }
          getLog().info(`workspace check: ${files} files, ${findings} findings in ${((Date.now() - started) / 1000).toFixed(1)} s` +
            (token.isCancellationRequested ? ' (cancelled)' : ''));
          if (!token.isCancellationRequested && findings > 0) void vscode.commands.executeCommand('workbench.actions.view.problems');
          return { files, findings };
        } catch (err) {
          if (!controller.signal.aborted) reportError('workspace check failed', err);
          return { files, findings };
        } finally {
          cancel.dispose();
        }
      });
  }

  /** Findings in one file, or -1 when it was skipped (disabled, too large, not a checked language). */
  private async checkFile(uri: vscode.Uri, signal: AbortSignal): Promise<number> {
    if (this.exclusions.isDisabled(uri)) return -1;
    const doc = await vscode.workspace.openTextDocument(uri);
    if (!supported.has(doc.languageId)) return -1;
    const settings = documentSettings(doc);
    const text = doc.getText();
    if (!settings.enabled || text.length > settings.maxFileSize) return -1;
    const { findings } = await checkDocument(this.engine, this.exclusions, doc, settings, text, signal);
    this.collection.set(uri, findings.map((f) => toDiagnostic(doc, f)));
    return findings.length;
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.collection.dispose();
  }
}
