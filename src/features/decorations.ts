// The energy heat map: every scored word tinted by how likely the model thinks it is out of place
// (pNoise), in four steps whose colours themes can override (contributes.colors). Off until toggled.
import * as vscode from 'vscode';
import { FindingsStore } from './findingsStore';

/**
 * Lowest pNoise of each step; words below the first are left alone so the page stays readable. pNoise is a
 * calibrated probability and errors are rare, so clean prose sits near 0.01 (median 0.014, 95th percentile
 * 0.056 on samples/README.md): the steps are set where words start to stand out. Flagged words are always
 * painted in the top step.
 */
const STEPS = [
  { from: 0.03, color: 'electricProofreader.heatLow' },
  { from: 0.05, color: 'electricProofreader.heatMedium' },
  { from: 0.08, color: 'electricProofreader.heatHigh' },
  { from: 0.2, color: 'electricProofreader.heatVeryHigh' },
];

export class HeatMap implements vscode.Disposable {
  private on = false;
  private readonly types = STEPS.map((s) => vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor(s.color),
    borderRadius: '2px',
  }));
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: FindingsStore) {
    this.subscriptions = [
      store.onDidChange((uri) => vscode.window.visibleTextEditors
        .filter((e) => e.document.uri.toString() === uri.toString()).forEach((e) => this.paint(e))),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.paint(e))),
    ];
  }

  get enabled(): boolean {
    return this.on;
  }

  toggle(): boolean {
    this.on = !this.on;
    vscode.window.visibleTextEditors.forEach((e) => this.paint(e));
    return this.on;
  }

  private paint(editor: vscode.TextEditor): void {
    const buckets: vscode.Range[][] = STEPS.map(() => []);
    const current = this.on ? this.store.current(editor.document) : undefined;
    const flagged = current?.result.findings ?? [];
    for (const w of current?.result.words ?? []) {
      let step = -1;
      STEPS.forEach((s, i) => { if (w.pNoise >= s.from) step = i; });
      if (flagged.some((f) => f.start < w.end && w.start < f.end)) step = STEPS.length - 1;
      if (step >= 0) buckets[step].push(new vscode.Range(editor.document.positionAt(w.start), editor.document.positionAt(w.end)));
    }
    this.types.forEach((t, i) => editor.setDecorations(t, buckets[i]));
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.types.forEach((t) => t.dispose());
  }
}
