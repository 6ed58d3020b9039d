// The engine behind the editor: which model runs where, and recovery from a crashed worker.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, flaggedWords, show, whenChecked } from './helpers';

describe('engine', () => {
  afterEach(closeAll);

  it('reports the model and the execution provider in use', async () => {
    const info = await vscode.commands.executeCommand<{ model: string; provider: string }>('electricProofreader.showModelInfo');
    assert.ok(info && info.model.length > 0, JSON.stringify(info));
    assert.ok(['cpu', 'cuda', 'dml', 'coreml', 'webgpu'].includes(info.provider), info.provider);
  });

  it('restarts a crashed worker and brings diagnostics back', async () => {
    const editor = await show('restart.md');
    const doc = editor.document;
    assert.deepStrictEqual(flaggedWords(doc, await whenChecked(doc)), []);
    await vscode.commands.executeCommand('electricProofreader.test.killWorker');
    await editor.edit((e) => e.insert(doc.lineAt(2).range.end, ' Teh next release will recieve more tests.'));
    // Only a worker that came back can check the edited version.
    const words = flaggedWords(doc, await whenChecked(doc, 50_000));
    assert.ok(words.includes('recieve') && words.includes('Teh'), JSON.stringify(words));
  });
});
