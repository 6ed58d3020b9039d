// Hover: the model explained in one line for a flagged word (energy, probability it does not belong, best
// alternative); with the heat map on, every scored word gets its line too.
import * as vscode from 'vscode';
import type { Finding, WordScore } from '../engine/types';
import { describeSuggestion, percent } from '../engine/messages';
import { FindingsStore } from './findingsStore';

export function hoverLine(w: WordScore, f: Finding | undefined): string {
  const best = f?.suggestions[0];
  const alternative = best ? ` · best alternative ${describeSuggestion(best.text)} (${percent(best.p)})` : '';
  return `**Electric** “${w.word}”: energy ${w.energy.toFixed(2)} · ${percent(w.pNoise)} likely out of place${alternative}`;
}

export function registerHover(store: FindingsStore, selector: vscode.DocumentSelector, heatMapOn: () => boolean): vscode.Disposable {
  return vscode.languages.registerHoverProvider(selector, {
    provideHover(doc, position) {
      const current = store.current(doc);
      if (!current) return undefined;
      const offset = doc.offsetAt(position);
      const finding = current.result.findings.find((f) => f.start <= offset && offset < f.end);
      if (!finding && !heatMapOn()) return undefined;
      const word = finding ?? current.result.words.find((w) => w.start <= offset && offset < w.end);
      if (!word) return undefined;
      const range = new vscode.Range(doc.positionAt(word.start), doc.positionAt(word.end));
      return new vscode.Hover(new vscode.MarkdownString(hoverLine(word, finding)), range);
    },
  });
}
