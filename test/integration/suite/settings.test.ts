// Settings and exclusions take effect without a reload.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { SUPPORTED_LANGUAGES } from '../../../src/text/languages';
import { closeAll, EXTENSION_ID, flaggedWords, show, waitFor, electricDiagnostics, whenChecked } from './helpers';

describe('settings', () => {
  afterEach(closeAll);

  it('activates on every language the engine reads, and never on *', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { activationEvents: string[] };
    assert.deepStrictEqual([...manifest.activationEvents].sort(), SUPPORTED_LANGUAGES.map((l) => `onLanguage:${l}`).sort());
  });

  it('turns checking off and on for one language with "electricProofreader.enable"', async () => {
    const { document: doc } = await show('settings.txt');
    assert.deepStrictEqual(flaggedWords(doc, await whenChecked(doc)), ['recieve']);
    const config = vscode.workspace.getConfiguration('electricProofreader', { languageId: 'plaintext' });
    await config.update('enable', false, vscode.ConfigurationTarget.Workspace, true);
    try {
      await waitFor('diagnostics to go when disabled', () => electricDiagnostics(doc.uri).length === 0);
    } finally {
      await config.update('enable', undefined, vscode.ConfigurationTarget.Workspace, true);
    }
    await waitFor('diagnostics to come back when enabled', () => electricDiagnostics(doc.uri).length === 1);
  });

  it('stops flagging a word added to the workspace dictionary, written to the folder\'s .vscode/settings.json', async () => {
    const { document: doc } = await show('settings.txt');
    assert.strictEqual((await whenChecked(doc)).length, 1);
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('electricProofreader', doc.uri);
    assert.strictEqual(await vscode.commands.executeCommand('electricProofreader.addToDictionary', 'recieve', doc.uri.toString()), 'folder');
    try {
      assert.deepStrictEqual(config().inspect<string[]>('ignoredWords')?.workspaceFolderValue, ['recieve']);
      const folder = vscode.workspace.getWorkspaceFolder(doc.uri)!;
      const file = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'));
      assert.deepStrictEqual(JSON.parse(Buffer.from(file).toString())['electricProofreader.ignoredWords'], ['recieve']);
      await waitFor('the dictionary word to stop being flagged', () => electricDiagnostics(doc.uri).length === 0);
    } finally {
      await config().update('ignoredWords', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await waitFor('the word to be flagged again', () => electricDiagnostics(doc.uri).length === 1);
  });

  it('stops flagging British spellings when "electricProofreader.dialect" is en-GB, for the folder that sets it', async () => {
    const { document: doc } = await show('dialect.txt');
    // In en-US "licence terms" is flagged and "favour", a spelling the documentation of many projects writes, left
    // (the CLI's dialect test holds their posteriors: licence's over 0.5, favour's over its en-GB one).
    assert.deepStrictEqual(flaggedWords(doc, await whenChecked(doc)), ['licence']);
    const config = vscode.workspace.getConfiguration('electricProofreader', doc.uri);
    await config.update('dialect', 'en-GB', vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      await waitFor('British spellings to stop being flagged', () => electricDiagnostics(doc.uri).length === 0);
    } finally {
      await config.update('dialect', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await waitFor('"licence" to be flagged again in en-US', () => flaggedWords(doc, electricDiagnostics(doc.uri)).includes('licence'));
  });

  it('ignores a word for the session until the ignore list is cleared', async () => {
    const { document: doc } = await show('settings.txt');
    assert.strictEqual((await whenChecked(doc)).length, 1);
    await vscode.commands.executeCommand('electricProofreader.ignoreWord', 'Recieve');
    await waitFor('the ignored word to stop being flagged', () => electricDiagnostics(doc.uri).length === 0);
    assert.strictEqual(await vscode.commands.executeCommand('electricProofreader.clearIgnoredWords'), 1);
    await waitFor('the word to be flagged again', () => electricDiagnostics(doc.uri).length === 1);
  });
});
