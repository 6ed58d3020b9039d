// Quick fixes (Ctrl+.): the finding's REPLACE-ranked replacements, best one preferred, each with its
// probability and exactly the engine's text (the engine already gave it the original's case); then ignore /
// add to the workspace dictionary (never a function word or a doubled word: engine/messages.ts) / disable
// for this file. A fix is refused when the document changed after it was checked: its offsets no longer hold.
import * as vscode from 'vscode';
import { fixOffers, offersDictionary, offersIgnore } from '../engine/messages';
import { FindingsStore, SOURCE } from './findingsStore';

export const APPLY_FIX = 'electricProofreader.applyFix';
export const IGNORE_WORD = 'electricProofreader.ignoreWord';
export const ADD_TO_DICTIONARY = 'electricProofreader.addToDictionary';
export const DISABLE_FOR_FILE = 'electricProofreader.disableForFile';
const MAX_REPLACEMENTS = 5;

export interface FixArgs { uri: string; version: number; start: number; end: number; word: string; replacement: string }

export function registerQuickFixes(store: FindingsStore, selector: vscode.DocumentSelector): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(doc, _range, context) {
      const current = store.current(doc);
      if (!current) return []; // edited since the last check: the findings' offsets are stale
      const actions: vscode.CodeAction[] = [];
      for (const d of context.diagnostics) {
        if (d.source !== SOURCE) continue;
        const start = doc.offsetAt(d.range.start);
        const end = doc.offsetAt(d.range.end);
        const f = current.result.findings.find((x) => x.start === start && x.end === end);
        if (!f) continue;
        for (const offer of fixOffers(f, MAX_REPLACEMENTS)) {
          const action = new vscode.CodeAction(offer.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [d];
          action.isPreferred = offer.preferred;
          const args: FixArgs = { uri: doc.uri.toString(), version: current.version, start, end, word: f.word, replacement: offer.replacement };
          action.command = { title: action.title, command: APPLY_FIX, arguments: [args] };
          actions.push(action);
        }
        if (offersIgnore(f)) actions.push(commandAction(`Ignore “${f.word}” in this session`, IGNORE_WORD, d, f.word));
        if (offersDictionary(f)) actions.push(commandAction(`Add “${f.word}” to workspace dictionary`, ADD_TO_DICTIONARY, d, f.word, doc.uri.toString()));
        actions.push(commandAction('Disable Electric Proofreader for this file', DISABLE_FOR_FILE, d, doc.uri.toString()));
      }
      return actions;
    },
  };
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider(selector, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand(APPLY_FIX, applyFix),
  );
}

function commandAction(title: string, command: string, d: vscode.Diagnostic, ...args: unknown[]): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [d];
  action.command = { title, command, arguments: args };
  return action;
}

async function applyFix(args: FixArgs): Promise<boolean> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === args.uri);
  const range = doc && new vscode.Range(doc.positionAt(args.start), doc.positionAt(args.end));
  if (!doc || !range || doc.version !== args.version || doc.getText(range) !== args.word) {
    void vscode.window.showWarningMessage('Electric Proofreader: the document changed since it was checked; the fix was not applied.');
    return false;
  }
  let target = range;
  if (args.replacement === '') {
    // Deleting a word (a doubled "the the") takes the space before it too, or the one after it.
    const before = doc.getText(new vscode.Range(doc.positionAt(args.start - 1), range.start));
    const after = doc.getText(new vscode.Range(range.end, doc.positionAt(args.end + 1)));
    if (before === ' ' || before === '\t') target = new vscode.Range(doc.positionAt(args.start - 1), range.end);
    else if (after === ' ' || after === '\t') target = new vscode.Range(range.start, doc.positionAt(args.end + 1));
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, target, args.replacement);
  return vscode.workspace.applyEdit(edit);
}
