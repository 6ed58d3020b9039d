// Palette commands that act on more than one document. Runs last (file order): its results stay in Problems.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { workspaceGlob } from '../../../src/text/languages';
import { fixtureUri } from './helpers';

describe('workspace commands', () => {
  it('checks every supported file of the workspace into Problems', async () => {
    const result = await vscode.commands.executeCommand<{ files: number; findings: number }>('electricProofreader.checkWorkspace');
    // Every file of a language in the table: the dictionary test's .vscode/settings.json too (JSON comments).
    const found = await vscode.workspace.findFiles(workspaceGlob());
    assert.strictEqual(result.files, found.length);
    const flagged = (name: string) => vscode.languages.getDiagnostics(fixtureUri(name))
      .filter((d) => d.source === 'Electric').length;
    assert.ok(flagged('errors.md') >= 2, `errors.md: ${flagged('errors.md')}`);
    assert.strictEqual(flagged('corrected.md'), 0);
    assert.ok(result.findings >= 6, `findings: ${result.findings}`);
  });

  it('toggles the heat map on and off', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('electricProofreader.toggleHeatMap'), true);
    assert.strictEqual(await vscode.commands.executeCommand('electricProofreader.toggleHeatMap'), false);
  });
});
