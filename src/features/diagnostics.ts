// Squiggles: checks the documents shown in editors, debounced while typing, and publishes their findings.
// When to check (debounce, one request in flight per document, stale results dropped, documents that crashed
// the engine held back) is src/core/checkScheduler.ts; this file adapts it to VS Code's documents, editors,
// DiagnosticCollection, status bar and notifications. The engine caches scores by window, so sending the
// whole text re-scores only the paragraphs that changed.
import * as vscode from 'vscode';
import { SUPPORTED_LANGUAGES, URI_SCHEMES } from '../text/languages';
import type { CheckResult } from '../engine/types';
import { WorkerExitError } from '../engine/client';
import { CheckScheduler } from '../core/checkScheduler';
import { carryOver, type Checked } from '../core/restOfDocument';
import { documentSettings, type DocumentSettings } from '../config';
import { forgetErrors, getLog, reportError } from '../log';
import { ENGINE_ERROR, type EngineHost } from './engineHost';
import { FindingsStore, toDiagnostic } from './findingsStore';
import type { UserExclusions } from './ignoredWords';
import type { StatusBar } from './statusBar';

const TYPING_DEBOUNCE_MS = 350;
const CHECKED_SCHEMES = new Set(URI_SCHEMES);
const supported = new Set<string>(SUPPORTED_LANGUAGES);
export const RETRY_DOCUMENT = 'electricProofreader.checkFileAgain';
const HELD = 'crashed the engine; not re-checked';

/**
 * One check of a document's text with its settings and the user's ignores (the engine leaves ignored words out);
 * `thorough`: every real word past the gate scored (CheckOptions.thorough), the rest check of a long document.
 */
export function checkDocument(engine: EngineHost, exclusions: UserExclusions, doc: vscode.TextDocument,
  settings: DocumentSettings, text: string, signal: AbortSignal, thorough = false): Promise<CheckResult> {
  const ignoredWords = [...settings.ignoredWords, ...exclusions.sessionWords()];
  return engine.get().check(text, doc.languageId, { sensitivity: settings.sensitivity, dialect: settings.dialect, ignoredWords, thorough }, signal);
}

/**
 * How long a document whose check left real words unscored (CheckResult.unscored: a long one, its rounds stopped)
 * stays unchanged before the rest of it is checked (restOfDocument.ts). On the 10k-word speed document that check
 * took 6.1 s the first time and 0.7-0.8 s after an edit (its rows from the engine's caches), where an edit's own
 * check takes ~0.1 s: it waits for a pause in the typing, and an edit calls it off.
 */
const REST_IDLE_MS = 1500;

export class DocumentChecker implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('electric');
  private readonly warnedTooLarge = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly scheduler: CheckScheduler<vscode.TextDocument, CheckResult>;
  /**
   * Per document: the text and the whole picture of its last rest check, kept up to date by the checks after it
   * (`latest`), and the text that rest check read (`readWhole`).
   */
  private readonly rests = new Map<string, { latest: Checked; readWhole: string }>();

  constructor(
    private readonly engine: EngineHost,
    private readonly store: FindingsStore,
    private readonly exclusions: UserExclusions,
    private readonly status: StatusBar,
  ) {
    this.scheduler = new CheckScheduler({
      key: (doc) => doc.uri.toString(),
      start: (doc, signal, rest) => this.start(doc, signal, rest),
      publish: (doc, version, result, rest) => this.publish(doc, version, result, rest),
      // Not again for the text a rest check has read whole (a check that only an editor's coming into view asked for).
      restAfter: (doc, result) => (result.unscored > 0 && this.rests.get(doc.uri.toString())?.readWhole !== doc.getText() ? REST_IDLE_MS : undefined),
      fail: (doc, err) => {
        this.status.failed();
        // A worker crash is logged by the client and restarts it; the user hears of it when a document is held
        // back (sayHeld) or the client gives up. Other engine failures (a model that will not load) reach
        // onError too: one context, one notification.
        if (!(err instanceof WorkerExitError)) reportError(ENGINE_ERROR, err);
      },
      isCrash: (err) => err instanceof WorkerExitError,
      held: (docs) => docs.forEach((doc) => this.sayHeld(doc)),
    });
    this.subscriptions.push(
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.schedule(e.document, 0))),
      // A held document is not scheduled, so nothing else would put its state back in the status bar.
      vscode.window.onDidChangeActiveTextEditor((e) => e && this.scheduler.isHeld(e.document) && this.status.skipped(e.document, HELD)),
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
      vscode.commands.registerCommand(RETRY_DOCUMENT, (arg?: unknown) => this.retry(arg)),
    );
    this.recheckAll();
  }

  /** Settings changed, words were ignored or the engine restarted: check every shown document again. */
  recheckAll(): void {
    // What a rest check found was found under the old settings and ignores.
    this.rests.clear();
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document, 0);
  }

  schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (!CHECKED_SCHEMES.has(doc.uri.scheme) || !supported.has(doc.languageId)) return;
    this.scheduler.schedule(doc, delayMs);
  }

  private start(doc: vscode.TextDocument, signal: AbortSignal, rest: boolean): Promise<CheckResult> | undefined {
    const settings = documentSettings(doc);
    const text = doc.getText();
    if (!this.wanted(doc, settings, text)) {
      this.clear(doc.uri);
      return undefined;
    }
    const done = this.status.checking(doc, text.length);
    return checkDocument(this.engine, this.exclusions, doc, settings, text, signal, rest).finally(done);
  }

  /**
   * A rest check's result is the document's whole picture; a check after it (an edit) keeps what the rest check found
   * where the edit and that check left the text and its words alone (restOfDocument.ts, carryOver), and is then the
   * picture the next one keeps from.
   */
  private publish(doc: vscode.TextDocument, version: number, checked: CheckResult, rest: boolean): void {
    const key = doc.uri.toString();
    const before = rest ? undefined : this.rests.get(key);
    let result = checked;
    if (rest || before) {
      const text = doc.getText();
      if (before) result = carryOver(before.latest, { text, result: checked });
      this.rests.set(key, { latest: { text, result }, readWhole: rest ? text : before!.readWhole });
    }
    this.store.set(doc.uri, { version, result });
    this.collection.set(doc.uri, result.findings.map((f) => toDiagnostic(doc, f)));
    this.status.checked(result.provider);
    forgetErrors(); // it works again: a later failure deserves a new notification
    // Not result.words: the words are made into objects only where something reads them (wireWords.ts, unpackResult).
    getLog().debug(`${vscode.workspace.asRelativePath(doc.uri)} v${version}${rest ? ' (the rest of it)' : ''}: ${result.findings.length} findings, ` +
      `${result.ms.toFixed(0)} ms (${result.provider})${checked.unscored ? `, ${checked.unscored} real words left for the rest check` : ''}`);
  }

  /** A document the engine crashed on is not checked again by itself: say so once, with a way to retry. */
  private sayHeld(doc: vscode.TextDocument): void {
    const name = vscode.workspace.asRelativePath(doc.uri);
    getLog().warn(`${name}: the engine worker crashed while checking it; not checking it again until asked (${RETRY_DOCUMENT})`);
    this.clear(doc.uri);
    this.status.skipped(doc, HELD);
    void vscode.window.showWarningMessage(
      `Electric Proofreader: the engine crashed while checking ${name} (a document this large can run it out of memory), ` +
      'so it is not checked again automatically.', 'Check Again', 'Show Log').then((pick) => {
      if (pick === 'Check Again') void this.retry(doc.uri);
      else if (pick) getLog().show(true);
    });
  }

  private async retry(arg: unknown): Promise<string | undefined> {
    const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const doc = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    return doc ? this.scheduler.retry(doc) : undefined;
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
    this.rests.delete(uri.toString());
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.scheduler.forget(key);
    this.warnedTooLarge.delete(key);
    this.clear(uri);
  }

  dispose(): void {
    this.scheduler.dispose();
    this.subscriptions.forEach((d) => d.dispose());
    this.collection.dispose();
  }
}

function isOpenInTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
}
