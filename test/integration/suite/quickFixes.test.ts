// The preferred quick fix applies the model's best replacement, preserving case; a stale fix is refused.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, show, waitFor, whenChecked } from './helpers';

async function fixesFor(doc: vscode.TextDocument, word: string): Promise<vscode.CodeAction[]> {
  const d = (await whenChecked(doc)).find((x) => doc.getText(x.range) === word);
  assert.ok(d, `"${word}" is flagged`);
  // Diagnostics reach the API before the workbench's marker service: the provider can answer [] once.
  return waitFor(`quick fixes for "${word}"`, async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    // The command's result drops each action's `diagnostics`: ours are the ones that run our commands.
    const ours = actions.filter((a) => a.command?.command.startsWith('electricProofreader.'));
    // On a timeout the last probe's error says what the providers did return.
    if (!ours.length) throw new Error(`actions: ${JSON.stringify(actions.map((a) => a.title))}`);
    return ours;
  });
}

describe('quick fixes', () => {
  afterEach(closeAll);

  it('offers ranked replacements with probabilities, the best one preferred, and applies it', async () => {
    const { document: doc } = await show('fix.md');
    const actions = await fixesFor(doc, 'recieve');
    const preferred = actions.filter((a) => a.isPreferred);
    assert.strictEqual(preferred.length, 1);
    assert.match(preferred[0].title, /^Replace with “receive” \(\d+%\)$/, preferred[0].title);
    assert.ok(actions.some((a) => a.title.startsWith('Ignore “recieve”')));
    assert.ok(actions.some((a) => a.title.startsWith('Add “recieve” to workspace dictionary')));
    assert.ok(actions.some((a) => a.title === 'Disable Electric Proofreader for this file'));
    const cmd = preferred[0].command!;
    assert.strictEqual(await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? [])), true);
    assert.strictEqual(doc.lineAt(2).text, 'I hope you receive this letter soon.');
  });

  it('keeps the capital of a sentence-initial word', async () => {
    const { document: doc } = await show('case.md');
    const preferred = (await fixesFor(doc, 'Teh')).find((a) => a.isPreferred)!;
    assert.match(preferred.title, /^Replace with “The”/, preferred.title);
  });

  it('refuses a fix when the document changed after the check', async () => {
    const editor = await show('fix.md');
    const doc = editor.document;
    const preferred = (await fixesFor(doc, 'recieve')).find((a) => a.isPreferred)!;
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '<!-- edited -->\n'));
    const cmd = preferred.command!;
    assert.strictEqual(await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? [])), false);
    assert.match(doc.getText(), /recieve/);
  });
});
