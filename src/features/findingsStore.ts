// The findings cache (one CheckResult per open document, tagged with the document version it was computed
// for) and the one mapping from a Finding to a Diagnostic (its words from engine/messages.ts). Quick fixes, hover and the heat map read from
// here, so they all agree with the squiggles and all refuse stale results.
import * as vscode from 'vscode';
import { findingMessage, severityOf } from '../engine/messages';
import type { CheckResult, Finding } from '../engine/types';

export const SOURCE = 'Electric';

export interface DocFindings { version: number; result: CheckResult }

export class FindingsStore implements vscode.Disposable {
  private readonly byUri = new Map<string, DocFindings>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, entry: DocFindings): void {
    this.byUri.set(uri.toString(), entry);
    this.changed.fire(uri);
  }

  delete(uri: vscode.Uri): void {
    if (this.byUri.delete(uri.toString())) this.changed.fire(uri);
  }

  /** The findings for this document, only if they were computed for its current version. */
  current(doc: vscode.TextDocument): DocFindings | undefined {
    const entry = this.byUri.get(doc.uri.toString());
    return entry && entry.version === doc.version ? entry : undefined;
  }

  /** The document version the stored results were computed for; -1 when there are none. */
  checkedVersion(uri: vscode.Uri): number {
    return this.byUri.get(uri.toString())?.version ?? -1;
  }

  dispose(): void {
    this.byUri.clear();
    this.changed.dispose();
  }
}

export function toDiagnostic(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const range = new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end));
  const severity = severityOf(f) === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const d = new vscode.Diagnostic(range, findingMessage(f), severity);
  d.source = SOURCE;
  d.code = f.kind; // stable: one of spelling | word-choice | grammar | repeated
  return d;
}
