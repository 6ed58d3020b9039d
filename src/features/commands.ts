// The palette commands, plus the commands behind the non-replacement quick fixes.
import * as vscode from 'vscode';
import { getLog, reportError } from '../log';
import { ENGINE_ERROR, type EngineHost } from './engineHost';
import type { HeatMap } from './decorations';
import type { UserExclusions } from './ignoredWords';
import { ADD_TO_DICTIONARY, DISABLE_FOR_FILE, IGNORE_WORD } from './quickFixes';
import { providerLabel } from './statusBar';
import type { WorkspaceCheck } from './workspaceCheck';

export interface CommandDeps { engine: EngineHost; heatMap: HeatMap; exclusions: UserExclusions; workspaceCheck: WorkspaceCheck }

export function registerCommands({ engine, heatMap, exclusions, workspaceCheck }: CommandDeps): vscode.Disposable {
  const activeUri = (arg: unknown): vscode.Uri | undefined =>
    typeof arg === 'string' ? vscode.Uri.parse(arg) : arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  return vscode.Disposable.from(
    vscode.commands.registerCommand('electricProofreader.checkWorkspace', () => workspaceCheck.run()),
    vscode.commands.registerCommand('electricProofreader.toggleHeatMap', () => {
      const on = heatMap.toggle();
      vscode.window.setStatusBarMessage(`Electric heat map ${on ? 'on' : 'off'}`, 2000);
      return on;
    }),
    vscode.commands.registerCommand('electricProofreader.showModelInfo', async () => {
      try {
        const info = await engine.info(); // starts the engine if nothing was checked yet
        // onnxruntime-node does not say which adapter a GPU provider opened; the detail says how it was chosen.
        const text = `Electric Proofreader: model ${info.model} on ${providerLabel(info.provider)}, ${info.threads} thread(s)`
          + `${info.providerDetail ? ` (${info.providerDetail})` : ''}.`;
        getLog().info(text);
        void vscode.window.showInformationMessage(text, 'Show Log').then((pick) => pick && getLog().show(true));
        return info;
      } catch (err) {
        reportError(ENGINE_ERROR, err); // shown once, whether onError or this command saw it first
        return undefined;
      }
    }),
    vscode.commands.registerCommand('electricProofreader.clearIgnoredWords', () => {
      const n = exclusions.clearSession();
      vscode.window.setStatusBarMessage(`Electric: ${n} ignored word${n === 1 ? '' : 's'} cleared`, 3000);
      return n;
    }),
    vscode.commands.registerCommand('electricProofreader.showLog', () => getLog().show(true)),
    vscode.commands.registerCommand(IGNORE_WORD, (word: string) => exclusions.ignoreForSession(word)),
    vscode.commands.registerCommand(ADD_TO_DICTIONARY, (word: string, uri?: string) =>
      exclusions.addToWorkspaceDictionary(word, uri ? vscode.Uri.parse(uri) : undefined)),
    vscode.commands.registerCommand(DISABLE_FOR_FILE, (arg?: unknown) => {
      const uri = activeUri(arg);
      return uri && exclusions.setDisabled(uri, true);
    }),
    vscode.commands.registerCommand('electricProofreader.enableForFile', (arg?: unknown) => {
      const uri = activeUri(arg);
      return uri && exclusions.setDisabled(uri, false);
    }),
  );
}
