// Hover: a flagged word explained in one line (how sure, every fix with its p: messages.ts, hoverText); with
// the heat map on, every word REPLACE scored gets its line too, with the number the heat map tints it by.
import * as vscode from 'vscode';
import { hoverText } from '../engine/messages';
import { FindingsStore } from './findingsStore';

export function registerHover(store: FindingsStore, selector: vscode.DocumentSelector, heatMapOn: () => boolean): vscode.Disposable {
  return vscode.languages.registerHoverProvider(selector, {
    provideHover(doc, position) {
      const current = store.current(doc);
      if (!current) return undefined;
      const offset = doc.offsetAt(position);
      const finding = current.result.findings.find((f) => f.start <= offset && offset < f.end);
      if (!finding && !heatMapOn()) return undefined;
      const word = finding ? undefined : current.result.words.find((w) => w.start <= offset && offset < w.end);
      const text = hoverText(word, finding);
      const span = finding ?? word;
      if (!text || !span) return undefined;
      const range = new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end));
      return new vscode.Hover(new vscode.MarkdownString(text), range);
    },
  });
}
