// Shared by the runtime tests: where the model is, and throwaway copies of it to break.
import { mkdtempSync, promises as fs, readdirSync, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generatorFor } from '../../../src/engine/candidates';
import { loadModel } from '../../../src/engine/model';
import { createRunner, type OrtRunner } from '../../../src/engine/session';
import { WordPiece } from '../../../src/text/wordpiece';

export const repoRoot = path.resolve(__dirname, '../../../..');
/** The shipped model; ELECTRIC_MODEL_DIR points elsewhere (a development model) when set. */
export const modelDir = process.env.ELECTRIC_MODEL_DIR ? path.resolve(process.env.ELECTRIC_MODEL_DIR) : path.join(repoRoot, 'models');

/** The shipped model on the CPU (2 threads, quiet) with its tokenizer and lexicon loaded: what engine tests check against. */
export async function openShipped(): Promise<{ runner: OrtRunner; wp: WordPiece }> {
  const model = await loadModel(modelDir);
  const runner = await createRunner(model, { provider: 'cpu', threads: 2, log: () => {} });
  const wp = WordPiece.fromVocab(model.vocabText, model.meta.cased);
  generatorFor(wp.vocab);
  return { runner, wp };
}

/** A temp folder that links every model file (no copying tens of MB) except those in `skip`. */
export async function modelCopy(skip: string[] = []): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'electric-model-'));
  for (const name of readdirSync(modelDir)) {
    if (!skip.includes(name)) symlinkSync(path.join(modelDir, name), path.join(dir, name));
  }
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

export async function readMeta(): Promise<Record<string, unknown>> {
  return JSON.parse(await fs.readFile(path.join(modelDir, 'meta.json'), 'utf8'));
}
