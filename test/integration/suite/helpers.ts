// Shared by the suite: open fixtures from the test workspace, poll (never sleep) for the extension's results.
import * as assert from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'electric-proofreader.electric-proofreader';

export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run opens the fixtures folder as its workspace');
  return vscode.Uri.file(path.join(folder.uri.fsPath, name));
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function electricDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Electric');
}

/** The version of the document the extension last published results for (-1: none). Test-only command. */
export async function checkedVersion(uri: vscode.Uri): Promise<number> {
  return vscode.commands.executeCommand<number>('electricProofreader.test.checkedVersion', uri.toString());
}

/** Waits until the extension has published results for the document's current version. */
export async function whenChecked(doc: vscode.TextDocument, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  await waitFor(`a check of ${path.basename(doc.uri.fsPath)} v${doc.version}`,
    async () => (await checkedVersion(doc.uri)) === doc.version, timeoutMs);
  return electricDiagnostics(doc.uri);
}

export async function show(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(doc);
}

export function flaggedWords(doc: vscode.TextDocument, diagnostics: vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => doc.getText(d.range)).sort();
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
