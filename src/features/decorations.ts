// The heat map: every word REPLACE scored tinted by its posterior, the number its squiggle and hover show,
// in four steps whose colours themes can override (contributes.colors); the top step is "flagged at this
// document's sensitivity, or nearly" (src/core/heatSteps.ts). Off until toggled.
import * as vscode from 'vscode';
import { documentSettings } from '../config';
import { flagFloor, HEAT_STEPS, heatStep } from '../core/heatSteps';
import { FindingsStore } from './findingsStore';

export class HeatMap implements vscode.Disposable {
  private on = false;
  private readonly types = HEAT_STEPS.map((s) => vscode.window.createTextEditorDecorationType({
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
    const buckets: vscode.Range[][] = this.types.map(() => []);
    const current = this.on ? this.store.current(editor.document) : undefined;
    if (current) {
      const doc = editor.document;
      const floor = flagFloor(documentSettings(doc).sensitivity);
      const flagged = current.result.findings;
      for (const w of current.result.words) {
        const step = heatStep(w.posterior, flagged.some((f) => f.start < w.end && w.start < f.end), floor);
        if (step >= 0) buckets[step].push(new vscode.Range(doc.positionAt(w.start), doc.positionAt(w.end)));
      }
    }
    this.types.forEach((t, i) => editor.setDecorations(t, buckets[i]));
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.types.forEach((t) => t.dispose());
  }
}
