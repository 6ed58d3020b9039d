// meta.json against the graphs it describes: a mismatch is refused at load with a message naming meta.json
// and the field, not run silently (cloze.k) or reported as onnxruntime's own text (maxLength, names).
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkClozeGraph, GraphInfo, probeClozeMaxLength } from '../../../src/engine/graphCheck';
import { loadModel } from '../../../src/engine/model';
import { createRunner } from '../../../src/engine/session';
import type { ModelMeta } from '../../../src/engine/types';
import { modelCopy, openShipped, readMeta, removeDir } from './runtimeFixtures';

/** A model folder whose meta.json is the shipped one changed by `edit`. */
async function withMeta(edit: (meta: Record<string, any>) => void, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await modelCopy(['meta.json']);
  try {
    const meta = await readMeta();
    edit(meta);
    await fs.writeFile(path.join(dir, 'meta.json'), JSON.stringify(meta));
    await body(dir);
  } finally {
    await removeDir(dir);
  }
}

async function refused(edit: (meta: Record<string, any>) => void, message: RegExp): Promise<void> {
  await withMeta(edit, async (dir) => {
    const model = await loadModel(dir);
    await assert.rejects(createRunner(model, { provider: 'cpu', threads: 1 }), (err: Error) => {
      assert.equal(err.name, 'ModelLoadError');
      assert.ok(err.message.startsWith(path.join(dir, 'meta.json')), err.message);
      assert.match(err.message, message);
      return true;
    });
  });
}

test('cloze.k = 64 on a K = 32 graph is refused', async () => {
  await refused((m) => { m.cloze.k = 64; }, /: "cloze\.k" is 64, but cloze\.onnx gives 32 proposals per position$/);
});

test('a maxLength longer than the position table is refused at load', async () => {
  await refused((m) => { m.maxLength = 256; }, /: "maxLength" is 256, but electric\.onnx fails on a row that long: /);
});

test('the cloze graph is probed at maxLength too: its own position table, named where it falls short', async () => {
  const { runner } = await openShipped();
  try {
    const meta = runner.meta;
    // The shipped graphs at their own maxLength: the probe passes, through the same span a REPLACE row is read at.
    await probeClozeMaxLength('/m', meta, 'cloze.onnx', (row, at) => runner.cloze([row], { tokensAt: [at] }));
    // Asked for twice that, the cloze graph's table falls short and the error names meta.json's field and the file.
    const longer = { ...meta, maxLength: 2 * meta.maxLength };
    await assert.rejects(probeClozeMaxLength('/m', longer, 'cloze.onnx', (row, at) => runner.cloze([row], { tokensAt: [at] })),
      (err: Error) => err.name === 'ModelLoadError' && /\/m\/meta\.json: "maxLength" is 256, but cloze\.onnx fails on a row that long: /.test(err.message));
    // A graph that answers, but with no finite log q there, is refused as well.
    const nan = async () => [{ topkIds: new Int32Array(0), topkLogq: new Float32Array(0), tokenLogq: new Float32Array([NaN]) }];
    await assert.rejects(probeClozeMaxLength('/m', meta, 'cloze.onnx', nan), /does not give a finite log q at the last id of a row that long$/);
  } finally {
    await runner.dispose();
  }
});

test('input and output names that the graphs lack are refused', async () => {
  await refused((m) => { m.electric.output = 'energies'; }, /: "electric\.output" names outputs energies, but electric\.onnx has outputs energy$/);
  await refused((m) => { m.electric.inputs = ['ids', 'attention_mask']; }, /: "electric\.inputs" names inputs ids, but electric\.onnx has inputs input_ids, attention_mask$/);
  await refused((m) => { m.cloze.outputs = ['topk_logq', 'topk_ids', 'token_logq']; },
    /: "cloze\.outputs" expects topk_logq to be a int64 tensor of rank 3, but cloze\.onnx gives float32 of shape \[batch, scored, 32\]$/);
});

test('GPU graphs must have checksums like every other file', async () => {
  await withMeta((m) => { delete m.sha256['cloze-gpu.onnx']; }, async (dir) => {
    await assert.rejects(loadModel(dir), /meta\.json: sha256 has no checksum for cloze-gpu\.onnx/);
  });
  await withMeta((m) => { m.gpu = { electric: 'electric-gpu.onnx' }; }, async (dir) => {
    await assert.rejects(loadModel(dir), /meta\.json: "gpu" must have "electric" and "cloze"/);
  });
});

test('special ids and the vocabulary size are checked against vocab.txt', async () => {
  await withMeta((m) => { m.config.vocabSize = 30000; }, async (dir) => {
    await assert.rejects(loadModel(dir), /meta\.json: "config\.vocabSize" is 30000, but vocab\.txt has 16384 pieces/);
  });
  await withMeta((m) => { m.special.mask = 16384; }, async (dir) => {
    await assert.rejects(loadModel(dir), /meta\.json: "special\.mask" is 16384, outside vocab\.txt's 16384 pieces/);
  });
});

test("the cloze graph's top-K switch and positions: named where the graph has them, and no input left unnamed", () => {
  const meta = (sw?: string, at?: string) => ({ cloze: { inputs: ['a', 'b'], outputs: ['i', 'q', 't'], k: 8, switch: sw, positions: at } }) as unknown as ModelMeta;
  const info = (inputs: string[]): GraphInfo => ({
    inputNames: inputs, outputNames: ['i', 'q', 't'],
    outputMetadata: [{ name: 'i', isTensor: true, type: 'int64', shape: ['b', 's', 'k'] }, { name: 'q', isTensor: true, type: 'float32', shape: ['b', 's', 'k'] },
      { name: 't', isTensor: true, type: 'float32', shape: ['b', 's'] }],
  });
  checkClozeGraph('/m', meta('p'), 'c.onnx', info(['a', 'b', 'p']), { switch: 'p' });
  checkClozeGraph('/m', meta('p', 'x'), 'c.onnx', info(['a', 'b', 'p', 'x']), { switch: 'p', positions: 'x' });
  checkClozeGraph('/m', meta('p', 'x'), 'g.onnx', info(['a', 'b']));   // a GPU graph: no switch, no positions, none fed
  assert.throws(() => checkClozeGraph('/m', meta('p'), 'c.onnx', info(['a', 'b']), { switch: 'p' }),
    /\/m\/meta\.json: "cloze\.switch" names inputs p, but c\.onnx has inputs a, b/);
  assert.throws(() => checkClozeGraph('/m', meta('p', 'x'), 'c.onnx', info(['a', 'b', 'p']), { switch: 'p', positions: 'x' }),
    /\/m\/meta\.json: "cloze\.positions" names inputs x, but c\.onnx has inputs a, b, p/);
  assert.throws(() => checkClozeGraph('/m', meta(), 'c.onnx', info(['a', 'b', 'p'])),
    /\/m\/meta\.json: "cloze" does not name c\.onnx's inputs p/);
  assert.throws(() => checkClozeGraph('/m', meta('p'), 'c.onnx', info(['a', 'b', 'p', 'x']), { switch: 'p' }),
    /\/m\/meta\.json: "cloze" does not name c\.onnx's inputs x/);
});

test('a symbolic top-k width is not compared; a numeric one is', () => {
  const meta = { cloze: { inputs: ['a', 'b'], outputs: ['i', 'q', 't'], k: 8 } } as unknown as ModelMeta;
  const info = (k: number | string): GraphInfo => ({
    inputNames: ['a', 'b'], outputNames: ['i', 'q', 't'],
    outputMetadata: [{ name: 'i', isTensor: true, type: 'int64', shape: ['b', 's', k] }, { name: 'q', isTensor: true, type: 'float32', shape: ['b', 's', k] },
      { name: 't', isTensor: true, type: 'float32', shape: ['b', 's'] }],
  });
  checkClozeGraph('/m', meta, 'c.onnx', info('K'));
  checkClozeGraph('/m', meta, 'c.onnx', info(8));
  assert.throws(() => checkClozeGraph('/m', meta, 'c.onnx', info(16)), /\/m\/meta\.json: "cloze\.k" is 8, but c\.onnx gives 16 proposals per position/);
});
