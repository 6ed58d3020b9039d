// Owns the one EngineClient: created lazily on the first check (activation loads nothing), recreated when
// the execution provider or model path changes, and relays the worker's restarts so documents get re-checked.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EngineClient, WorkerExitError } from '../engine/client';
import type { EngineInfo } from '../engine/protocol';
import { engineSettings } from '../config';
import { forgetErrors, getLog, reportError } from '../log';

/** The notification context for every engine failure, so a failure seen twice is shown once. */
export const ENGINE_ERROR = 'the engine failed';

export class EngineHost implements vscode.Disposable {
  private client: EngineClient | undefined;
  private clientListeners: { dispose(): void }[] = [];
  private readonly restarted = new vscode.EventEmitter<string>();
  private readonly failed = new vscode.EventEmitter<Error>();
  /** Fires with a reason when results computed before may be stale: a worker restart or a new engine. */
  readonly onDidRestart = this.restarted.event;
  /** Fires when the worker dies or cannot load the model (already logged and shown once). */
  readonly onDidFail = this.failed.event;
  private lastInfo: EngineInfo | undefined;

  /** graphCache: where the worker keeps the CPU graphs optimized (the extension's global storage; engine/graphCache.ts). */
  constructor(private readonly extensionPath: string, private readonly graphCache?: string) {}

  get(): EngineClient {
    if (!this.client) {
      const { provider, modelPath } = engineSettings();
      const modelDir = modelPath || path.join(this.extensionPath, 'models');
      const log = getLog();
      log.info(`starting engine: model ${modelDir}, provider setting ${provider}`);
      const client = new EngineClient({
        modelDir,
        provider,
        workerPath: path.join(this.extensionPath, 'dist', 'worker.js'),
        graphCache: this.graphCache,
        log: (level, message) => log[level](message),
      });
      this.clientListeners = [
        client.onRestart((info) => {
          this.lastInfo = info;
          log.warn(`engine worker restarted: model ${info.model}, provider ${info.provider}`);
          this.restarted.fire('worker restarted');
        }),
        client.onError((err) => {
          // A worker that died running a request is restarted; the checker tells the user about the document
          // that crashed it (one notification, with a retry). Giving up and failing to load are shown here.
          if (!(err instanceof WorkerExitError)) reportError(ENGINE_ERROR, err);
          this.failed.fire(err);
        }),
      ];
      this.client = client;
    }
    return this.client;
  }

  /** The model and provider in use; starts the engine if it is not running. */
  async info(): Promise<EngineInfo> {
    this.lastInfo = await this.get().info();
    return this.lastInfo;
  }

  /** What the last start reported, without starting anything. */
  get lastKnown(): EngineInfo | undefined {
    return this.lastInfo;
  }

  /** Settings that decide the engine changed: drop it; the next check starts a new one. */
  reset(reason: string): void {
    if (!this.client) return;
    getLog().info(`engine reset: ${reason}`);
    this.disposeClient();
    this.lastInfo = undefined;
    forgetErrors(); // a new engine may fail the same way again: say so again
    this.restarted.fire(reason);
  }

  /** Test hook: ends the worker the way a crash would, so the restart path can be exercised. */
  killWorkerForTest(): Promise<void> {
    return this.get().terminateWorker();
  }

  private disposeClient(): void {
    this.clientListeners.forEach((d) => d.dispose());
    this.clientListeners = [];
    this.client?.dispose();
    this.client = undefined;
  }

  dispose(): void {
    this.disposeClient();
    this.restarted.dispose();
    this.failed.dispose();
  }
}
