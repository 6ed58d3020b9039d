// Composition root: builds the features and hands their Disposables to VS Code. No logic lives here.
// Activation loads no model: the engine (and its worker) starts on the first check.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { documentSettings, onSettingsChange } from './config';
import { disposeLog, getLog } from './log';
import { documentSelector } from './text/languages';
import { registerCommands } from './features/commands';
import { HeatMap } from './features/decorations';
import { DocumentChecker } from './features/diagnostics';
import { EngineHost } from './features/engineHost';
import { FindingsStore } from './features/findingsStore';
import { registerHover } from './features/hover';
import { UserExclusions } from './features/ignoredWords';
import { registerQuickFixes } from './features/quickFixes';
import { StatusBar } from './features/statusBar';
import { WorkspaceCheck } from './features/workspaceCheck';

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const selector: vscode.DocumentFilter[] = documentSelector();
  const engine = new EngineHost(context.extensionPath, path.join(context.globalStorageUri.fsPath, 'graphs'));
  const store = new FindingsStore();
  const exclusions = new UserExclusions(context.workspaceState);
  const status = new StatusBar(engine);
  const heatMap = new HeatMap(store);
  const checker = new DocumentChecker(engine, store, exclusions, status);
  const workspaceCheck = new WorkspaceCheck(engine, exclusions, checker.collection);
  context.subscriptions.push(
    engine, store, exclusions, status, heatMap, checker, workspaceCheck,
    registerQuickFixes(store, selector),
    registerHover(store, selector, () => heatMap.enabled),
    registerCommands({ engine, heatMap, exclusions, workspaceCheck }),
    onSettingsChange((kind) => (kind === 'engine' ? engine.reset('settings changed') : checker.recheckAll())),
    { dispose: disposeLog },
  );
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    // Hidden (not in package.json): let the integration suite crash the worker the way a bug would, and
    // know when a check has finished (an empty Problems list alone cannot say "checked, nothing found").
    context.subscriptions.push(
      vscode.commands.registerCommand('electricProofreader.test.killWorker', () => engine.killWorkerForTest()),
      vscode.commands.registerCommand('electricProofreader.test.checkedVersion', (uri: string) => store.checkedVersion(vscode.Uri.parse(uri))),
      vscode.commands.registerCommand('electricProofreader.test.documentSettings', (uri: string) => {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
        return doc && documentSettings(doc);
      }),
    );
  }
  getLog().info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
}

export function deactivate(): void {
  // Everything is in context.subscriptions; the engine's dispose() terminates the worker.
}
