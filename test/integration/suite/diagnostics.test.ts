// Squiggles on a fixture with known errors and none on its corrected twin; closing clears them.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, electricDiagnostics, flaggedWords, show, waitFor, whenChecked } from './helpers';

const KINDS = ['spelling', 'word-choice', 'grammar', 'repeated'];

describe('diagnostics', () => {
  afterEach(closeAll);

  it('flags the known errors with a message, a stable code and source "Electric"', async () => {
    const { document: doc } = await show('errors.md');
    const diagnostics = await whenChecked(doc);
    const words = flaggedWords(doc, diagnostics);
    assert.ok(words.includes('recieve') && words.includes('teh'), `flagged: ${JSON.stringify(words)}`);
    for (const d of diagnostics) {
      assert.strictEqual(d.source, 'Electric');
      assert.ok(KINDS.includes(String(d.code)), `code ${String(d.code)}`);
      assert.match(d.message, /\(\d+%\)$/, d.message);
    }
    const recieve = diagnostics.find((d) => doc.getText(d.range) === 'recieve');
    assert.match(recieve!.message, /“receive”/, recieve!.message);
    assert.strictEqual(recieve!.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('flags nothing in the corrected twin', async () => {
    const { document: doc } = await show('corrected.md');
    const diagnostics = await whenChecked(doc);
    assert.deepStrictEqual(flaggedWords(doc, diagnostics), []);
  });

  it('explains a flagged word on hover', async () => {
    const { document: doc } = await show('errors.md');
    const d = (await whenChecked(doc)).find((x) => doc.getText(x.range) === 'recieve');
    assert.ok(d);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, d.range.start.translate(0, 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /energy -?\d+\.\d\d · \d+% likely out of place · best alternative “receive” \(\d+%\)/, text);
  });

  it('clears the diagnostics of a closed document', async () => {
    const { document: doc } = await show('close.md');
    assert.ok((await whenChecked(doc)).length > 0, 'close.md has an error to clear');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('diagnostics of close.md to be cleared', () => electricDiagnostics(doc.uri).length === 0);
  });
});
