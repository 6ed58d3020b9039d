import assert from 'node:assert/strict';
import { promises as fs, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadModel, readVerified, recordedSha256, sha256FileSync } from '../../../src/engine/model';
import { createRunner } from '../../../src/engine/session';
import { modelCopy, modelDir, readMeta, removeDir } from './runtimeFixtures';

test('loadModel reads meta.json, verifies checksums and reads the vocabulary', async () => {
  const model = await loadModel(modelDir);
  assert.equal(model.meta.format, 1);
  assert.equal(model.dir, path.resolve(modelDir));
  const lines = model.vocabText.split('\n');
  assert.deepEqual(lines.slice(0, 5), ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']);
  assert.ok(model.meta.cloze.k > 0);
});

test('a corrupted file fails with its name and both checksums', async () => {
  const dir = await modelCopy(['vocab.txt']);
  try {
    const original = await fs.readFile(path.join(modelDir, 'vocab.txt'), 'utf8');
    await fs.writeFile(path.join(dir, 'vocab.txt'), original.replace('[MASK]', '[MASQ]'));
    const expected = ((await readMeta()).sha256 as Record<string, string>)['vocab.txt'];
    const actual = sha256FileSync(path.join(dir, 'vocab.txt'));
    await assert.rejects(loadModel(dir), (err: Error) => {
      assert.match(err.message, /vocab\.txt/);
      assert.ok(err.message.includes(expected), 'names the expected checksum');
      assert.ok(err.message.includes(actual), 'names the actual checksum');
      return true;
    });
  } finally {
    await removeDir(dir);
  }
});

test('a missing model file is named', async () => {
  const meta = await readMeta();
  const electric = (meta.electric as { file: string }).file;
  const dir = await modelCopy([electric]);
  try {
    await assert.rejects(loadModel(dir), new RegExp(`missing: .*${electric.replace('.', '\\.')}`));
  } finally {
    await removeDir(dir);
  }
});

test('missing, invalid or wrong-format meta.json gives a clear error', async () => {
  const dir = await modelCopy(['meta.json']);
  try {
    await assert.rejects(loadModel(dir), /model file missing: .*meta\.json/);
    await fs.writeFile(path.join(dir, 'meta.json'), '{"format": 1,');
    await assert.rejects(loadModel(dir), /meta\.json is not valid JSON/);
    await fs.writeFile(path.join(dir, 'meta.json'), JSON.stringify({ ...(await readMeta()), format: 2 }));
    await assert.rejects(loadModel(dir), /unsupported format 2/);
    const meta = await readMeta();
    await fs.writeFile(path.join(dir, 'meta.json'), JSON.stringify({ ...meta, sha256: { ...(meta.sha256 as object), '../x': '0'.repeat(64) } }));
    await assert.rejects(loadModel(dir), /outside the model folder/);
  } finally {
    await removeDir(dir);
  }
});

// With 2 threads the Electric graph opens on a thread of its own (graphThread.ts): its error is the same.
test('a corrupted graph fails createRunner with its name and both checksums, before onnxruntime parses it, at 1 thread and 2', async () => {
  const meta = await readMeta();
  const electric = (meta.electric as { file: string }).file;
  const dir = await modelCopy([electric]);
  try {
    const bytes = await fs.readFile(path.join(modelDir, electric));
    bytes[bytes.length >> 1] ^= 0xff;   // one flipped byte in the weights: onnxruntime alone would load it
    await fs.writeFile(path.join(dir, electric), bytes);
    const model = await loadModel(dir);   // graphs are verified as they are opened, not here
    const expected = (meta.sha256 as Record<string, string>)[electric];
    const actual = sha256FileSync(path.join(dir, electric));
    for (const threads of [1, 2]) {
      await assert.rejects(createRunner(model, { provider: 'cpu', threads }), (err: Error) => {
        assert.equal(err.name, 'ModelLoadError');
        assert.ok(err.message.includes(`checksum mismatch for ${path.join(dir, electric)}`), err.message);
        assert.ok(err.message.includes(expected) && err.message.includes(actual), 'names both checksums');
        return true;
      });
    }
  } finally {
    await removeDir(dir);
  }
});

test('readVerified returns the bytes it checked; a file without a checksum is refused', async () => {
  const model = await loadModel(modelDir);
  const vocab = readVerified(model, model.meta.vocab);
  assert.equal(vocab.toString('utf8'), model.vocabText);
  assert.throws(() => readVerified(model, 'README.md'), /meta\.json: sha256 has no checksum for README\.md/);
});

test('recordedSha256 reads back the sum it recorded while the file is unchanged, and hashes a changed or fresh file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sums-'));
  try {
    const file = path.join(dir, 'graph.onnx'), sums = path.join(dir, 'cache');
    writeFileSync(file, 'first bytes');
    assert.equal(recordedSha256(file, sums, 60_000), sha256FileSync(file));
    assert.equal(readdirSync(dir).includes('cache'), false, 'a file changed just now is hashed, its sum not recorded');
    assert.equal(recordedSha256(file, sums, -Infinity), sha256FileSync(file));
    const [name] = readdirSync(path.join(sums, 'sums'));
    const record = path.join(sums, 'sums', name);
    // A record is trusted while the stat it names is the file's: one that says another sum is believed (the file is
    // not read), and a write to the file makes it hashed again. (A write within the file system's clock tick may keep
    // its mtime: the write here changes the size too, and settledMs is what guards the record against such a write.)
    const told = { ...JSON.parse(readFileSync(record, 'utf8')), sha256: 'f'.repeat(64) };
    writeFileSync(record, JSON.stringify(told));
    assert.equal(recordedSha256(file, sums, -Infinity), 'f'.repeat(64));
    writeFileSync(file, 'other, longer bytes');
    assert.equal(recordedSha256(file, sums, -Infinity), sha256FileSync(file));
    assert.equal(JSON.parse(readFileSync(record, 'utf8')).sha256, sha256FileSync(file), 'recorded again');
    writeFileSync(record, 'not json');
    assert.equal(recordedSha256(file, sums, -Infinity), sha256FileSync(file), 'a record that is no record is a miss');
    assert.throws(() => recordedSha256(path.join(dir, 'missing.onnx'), sums, -Infinity), /ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
