// The status bar item: which model runs on which execution provider (GPU or CPU), a spinner while a large
// document is scored, and the state of the last check. A click shows the log.
import * as vscode from 'vscode';
import { providerName } from '../engine/providers';
import { SUPPORTED_LANGUAGES } from '../text/languages';
import type { EngineHost } from './engineHost';

/** Below this many characters a check takes well under a second: no spinner, no flicker while typing. */
const LARGE_DOCUMENT_CHARS = 20_000;
const supported = new Set<string>(SUPPORTED_LANGUAGES);

export function providerLabel(provider: string): string {
  return provider === 'cpu' ? 'CPU' : `GPU (${providerName(provider)})`;
}

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('electricProofreader.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  private busy = 0;
  private busyWords = 0;
  private provider: string | undefined;
  private model: string | undefined;
  private problem: string | undefined;
  private skippedUri: string | undefined;

  constructor(private readonly engine: EngineHost) {
    this.item.name = 'Electric Proofreader';
    this.item.command = 'electricProofreader.showLog';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      engine.onDidRestart(() => { this.provider = undefined; this.model = undefined; this.render(); }),
      engine.onDidFail(() => this.failed()),
    );
    this.render();
  }

  /** Marks a check as running; the returned function ends it. */
  checking(doc: vscode.TextDocument, chars: number): () => void {
    if (chars < LARGE_DOCUMENT_CHARS) return () => undefined;
    this.busy++;
    this.busyWords += Math.round(chars / 6); // ~6 characters per English word incl. the space
    this.render();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.busy--;
      this.busyWords = Math.max(0, this.busyWords - Math.round(chars / 6));
      this.render();
    };
  }

  checked(provider: string): void {
    this.problem = undefined;
    this.skippedUri = undefined;
    if (provider !== this.provider || !this.model) {
      this.provider = provider;
      this.model = this.engine.lastKnown?.model;
      if (!this.model) void this.engine.info().then((info) => { this.model = info.model; this.render(); }, () => undefined);
    }
    this.render();
  }

  failed(): void {
    this.problem = 'the last check failed';
    this.render();
  }

  skipped(doc: vscode.TextDocument, reason: string): void {
    this.skippedUri = `${doc.uri.toString()}\u0000${reason}`;
    this.render();
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !supported.has(doc.languageId)) {
      this.item.hide();
      return;
    }
    const where = this.provider ? providerLabel(this.provider) : 'model loads on first check';
    const model = this.model ? `model ${this.model}` : 'bundled model';
    this.item.backgroundColor = undefined;
    if (this.busy > 0) {
      this.item.text = `$(sync~spin) Electric: checking ~${this.busyWords.toLocaleString('en')} words`;
    } else if (this.problem) {
      this.item.text = '$(error) Electric';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else if (this.skippedUri?.startsWith(`${doc.uri.toString()}\u0000`)) {
      this.item.text = `$(circle-slash) Electric: ${this.skippedUri.split('\u0000')[1]}`;
    } else {
      this.item.text = `$(zap) Electric · ${this.provider ? providerLabel(this.provider).split(' ')[0] : 'idle'}`;
    }
    this.item.tooltip = `Electric Proofreader: ${model}, ${where}${this.problem ? ` — ${this.problem}` : ''}. Click to show the log.`;
    this.item.show();
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.item.dispose();
  }
}
