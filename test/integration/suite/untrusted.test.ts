// Run only by the untrusted pass of run.mjs: the fixtures folder opened in Restricted Mode, a machine
// modelPath naming a folder with no model in it, and a workspace maxFileSize of 10^9 characters.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, show, waitFor, whenChecked } from './helpers';

describe('untrusted workspace', () => {
  afterEach(closeAll);

  it('runs in Restricted Mode (the pass tests what it claims to)', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
  });

  it('ignores modelPath: the bundled model checks the document and its fix applies', async () => {
    const info = await vscode.commands.executeCommand<{ model: string }>('electricProofreader.showModelInfo');
    const bundled = vscode.extensions.getExtension('electric-proofreader.electric-proofreader')!;
    const meta = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(bundled.extensionUri, 'models', 'meta.json'))).toString()) as { name: string };
    assert.strictEqual(info?.model, meta.name);
    const { document: doc } = await show('fix.md');
    const d = (await whenChecked(doc)).find((x) => doc.getText(x.range) === 'recieve');
    assert.ok(d, 'recieve is flagged');
    const preferred = await waitFor('a preferred fix', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
      return actions.find((a) => a.isPreferred && a.command?.command.startsWith('electricProofreader.'));
    });
    const cmd = preferred.command!;
    assert.strictEqual(await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? [])), true);
    assert.strictEqual(doc.lineAt(2).text, 'I hope you receive this letter soon.');
  });

  it('keeps the default size limit although the workspace raises it', async () => {
    const { document: doc } = await show('fix.md');
    const settings = await vscode.commands.executeCommand<{ maxFileSize: number }>('electricProofreader.test.documentSettings', doc.uri.toString());
    assert.strictEqual(settings.maxFileSize, 500_000);
  });
});
