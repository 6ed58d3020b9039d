// The extension's one log channel. Everything (engine messages included) goes here, so "Show Log" on any
// notification and a click on the status bar land in the same place.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function getLog(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Electric Proofreader', { log: true });
  return channel;
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}

/** Errors already shown, so one failure gives one notification however often it repeats. */
const shown = new Set<string>();

/** Logs an error and shows it once, with a "Show Log" action. */
export function reportError(context: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  getLog().error(`${context}: ${message}`);
  if (err instanceof Error && err.stack) getLog().debug(err.stack);
  const key = `${context}\u0000${message}`;
  if (shown.has(key)) return;
  shown.add(key);
  void vscode.window.showErrorMessage(`Electric Proofreader: ${context}: ${message}`, 'Show Log').then((pick) => {
    if (pick) getLog().show(true);
  });
}

/** Lets a failure that was fixed (e.g. the model was replaced) be reported again if it comes back. */
export function forgetErrors(): void {
  shown.clear();
}
