// The findings cache (one CheckResult per open document, tagged with the document version it was computed
// for) and the one mapping from a Finding to a Diagnostic. Quick fixes, hover and the heat map read from
// here, so they all agree with the squiggles and all refuse stale results.
import * as vscode from 'vscode';
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

  /** The finding whose word covers this offset, in a current result. */
  findingAt(doc: vscode.TextDocument, offset: number): Finding | undefined {
    return this.current(doc)?.result.findings.find((f) => f.start <= offset && offset <= f.end);
  }

  dispose(): void {
    this.byUri.clear();
    this.changed.dispose();
  }
}

/** Warnings for findings the model is sure about, information for the rest (sensitivity lets more in). */
export const WARNING_SCORE = 0.5;

export function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}

export function describeSuggestion(text: string): string {
  return text === '' ? 'delete it' : `“${text}”`;
}

export function diagnosticMessage(f: Finding): string {
  const best = f.suggestions[0];
  const what = f.kind === 'repeated' ? `Repeated word “${f.word}”` : `“${f.word}” doesn't fit here`;
  if (!best) return `${what} (energy ${f.energy.toFixed(2)})`;
  const verb = best.text === '' ? 'delete it?' : `did you mean ${describeSuggestion(best.text)}?`;
  return `${what} — ${verb} (${percent(best.p)})`;
}

export function toDiagnostic(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const range = new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end));
  const severity = f.score >= WARNING_SCORE ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const d = new vscode.Diagnostic(range, diagnosticMessage(f), severity);
  d.source = SOURCE;
  d.code = f.kind; // stable: one of spelling | word-choice | grammar | repeated
  return d;
}

/** Words the user asked us to ignore match case-insensitively: "Teh" ignored means "teh" too. */
export function isIgnored(word: string, ignored: ReadonlySet<string>): boolean {
  return ignored.has(word.toLowerCase());
}
