// The energy heat map: every scored word tinted by how likely the model thinks it is out of place
// (pNoise), in four steps whose colours themes can override (contributes.colors). Off until toggled.
import * as vscode from 'vscode';
import { FindingsStore } from './findings';

/** Lowest pNoise of each step; words below the first are left alone so the page stays readable. */
const STEPS = [
  { from: 0.1, color: 'electricProofreader.heatLow' },
  { from: 0.3, color: 'electricProofreader.heatMedium' },
  { from: 0.6, color: 'electricProofreader.heatHigh' },
  { from: 0.85, color: 'electricProofreader.heatVeryHigh' },
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
    for (const w of current?.result.words ?? []) {
      let step = -1;
      STEPS.forEach((s, i) => { if (w.pNoise >= s.from) step = i; });
      if (step >= 0) buckets[step].push(new vscode.Range(editor.document.positionAt(w.start), editor.document.positionAt(w.end)));
    }
    this.types.forEach((t, i) => editor.setDecorations(t, buckets[i]));
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.types.forEach((t) => t.dispose());
  }
}
