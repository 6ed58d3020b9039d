// Squiggles: checks the documents shown in editors, debounced while typing, one request in flight per
// document (a newer edit aborts the older request), results for an old version dropped, cleared on close.
// The engine caches scores by window, so sending the whole text re-scores only the paragraphs that changed.
import * as vscode from 'vscode';
import { SUPPORTED_LANGUAGES, URI_SCHEMES } from '../text/languages';
import type { CheckResult } from '../engine/types';
import { documentSettings, type DocumentSettings } from '../config';
import { forgetErrors, getLog, reportError } from '../log';
import { ENGINE_ERROR, type EngineHost } from './engineHost';
import { FindingsStore, isIgnored, toDiagnostic } from './findings';
import type { UserExclusions } from './ignoredWords';
import type { StatusBar } from './statusBar';

const TYPING_DEBOUNCE_MS = 350;
const CHECKED_SCHEMES = new Set(URI_SCHEMES);
const supported = new Set<string>(SUPPORTED_LANGUAGES);

/** One check of a document's text with its settings and the user's ignores; ignored words never come back. */
export async function checkDocument(engine: EngineHost, exclusions: UserExclusions, doc: vscode.TextDocument,
  settings: DocumentSettings, text: string, signal: AbortSignal): Promise<CheckResult> {
  const ignoredWords = [...settings.ignoredWords, ...exclusions.sessionWords()];
  const result = await engine.get().check(text, doc.languageId, { sensitivity: settings.sensitivity, ignoredWords }, signal);
  const ignored = new Set(ignoredWords.map((w) => w.toLowerCase()));
  return { ...result, findings: result.findings.filter((f) => !isIgnored(f.word, ignored)) };
}

interface Pending { timer?: ReturnType<typeof setTimeout>; controller?: AbortController }

export class DocumentChecker implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('electric');
  private readonly pending = new Map<string, Pending>();
  private readonly warnedTooLarge = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly engine: EngineHost,
    private readonly store: FindingsStore,
    private readonly exclusions: UserExclusions,
    private readonly status: StatusBar,
  ) {
    this.subscriptions.push(
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.schedule(e.document, 0))),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.isShown(e.document)) this.schedule(e.document, TYPING_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      // Closing an editor does not close its TextDocument (VS Code keeps it for a while): forget a document
      // when its last tab closes, so closing the file clears its squiggles at once.
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of e.closed) {
          const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
          if (uri && !isOpenInTab(uri)) this.forget(uri);
        }
      }),
      exclusions.onDidChange(() => this.recheckAll()),
      engine.onDidRestart(() => this.recheckAll()),
    );
    this.recheckAll();
  }

  /** Settings changed, words were ignored or the engine restarted: check every shown document again. */
  recheckAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document, 0);
  }

  schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (!CHECKED_SCHEMES.has(doc.uri.scheme) || !supported.has(doc.languageId)) return;
    const key = doc.uri.toString();
    const entry = this.pending.get(key) ?? {};
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.check(doc);
    }, delayMs);
    this.pending.set(key, entry);
  }

  private async check(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const entry = this.pending.get(key) ?? {};
    entry.controller?.abort();
    const controller = new AbortController();
    entry.controller = controller;
    this.pending.set(key, entry);

    const settings = documentSettings(doc);
    const text = doc.getText();
    if (!this.wanted(doc, settings, text)) {
      this.clear(doc.uri);
      return;
    }
    const version = doc.version;
    const done = this.status.checking(doc, text.length);
    try {
      const result = await checkDocument(this.engine, this.exclusions, doc, settings, text, controller.signal);
      // Superseded, closed or edited while the model ran: a newer check owns this document now.
      if (controller.signal.aborted || doc.isClosed || doc.version !== version) return;
      this.store.set(doc.uri, { version, result });
      this.collection.set(doc.uri, result.findings.map((f) => toDiagnostic(doc, f)));
      this.status.checked(result.provider);
      forgetErrors(); // it works again: a later failure deserves a new notification
      getLog().debug(`${vscode.workspace.asRelativePath(doc.uri)} v${version}: ${result.findings.length} findings, ` +
        `${result.words.length} words, ${result.ms.toFixed(0)} ms (${result.provider})`);
    } catch (err) {
      if (controller.signal.aborted) return;
      this.status.failed();
      // Engine failures (crash, model that will not load) reach onError too: one context, one notification.
      reportError(ENGINE_ERROR, err);
    } finally {
      done();
      if (entry.controller === controller) entry.controller = undefined;
    }
  }

  private wanted(doc: vscode.TextDocument, settings: DocumentSettings, text: string): boolean {
    if (!settings.enabled || this.exclusions.isDisabled(doc.uri)) return false;
    if (text.length <= settings.maxFileSize) return true;
    const key = doc.uri.toString();
    const name = vscode.workspace.asRelativePath(doc.uri);
    getLog().info(`${name}: ${text.length} characters, over electricProofreader.maxFileSize (${settings.maxFileSize}); not checked`);
    this.status.skipped(doc, 'file too large');
    if (!this.warnedTooLarge.has(key)) {
      this.warnedTooLarge.add(key);
      void vscode.window.showWarningMessage(
        `Electric Proofreader: ${name} is over electricProofreader.maxFileSize (${settings.maxFileSize} characters) and is not checked.`,
        'Show Log').then((pick) => pick && getLog().show(true));
    }
    return false;
  }

  private isShown(doc: vscode.TextDocument): boolean {
    return vscode.window.visibleTextEditors.some((e) => e.document === doc) || this.collection.has(doc.uri);
  }

  private clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.store.delete(uri);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const entry = this.pending.get(key);
    if (entry?.timer) clearTimeout(entry.timer);
    entry?.controller?.abort();
    this.pending.delete(key);
    this.warnedTooLarge.delete(key);
    this.clear(uri);
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.forget(vscode.Uri.parse(key));
    this.subscriptions.forEach((d) => d.dispose());
    this.collection.dispose();
  }
}

function isOpenInTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
}
