// Files read ahead on the thread pool (readAhead.ts): the bytes are the file's, handed over once; a file that cannot
// be read ahead leaves its reader to read it, and to fail with its own error.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { readBuilt } from '../../../src/engine/lexicon';
import { readAhead, takeReadAhead } from '../../../src/engine/readAhead';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-ahead-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a file read ahead is its bytes, handed over once; the next reader reads the file', async () => {
  const file = path.join(dir, 'words.bin');
  const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) & 0xff));
  fs.writeFileSync(file, bytes);
  const read = readAhead(file);
  assert.equal(readAhead(file), read, 'one read for two calls');
  assert.deepEqual(await read, bytes);
  const taken = takeReadAhead(file);
  assert.ok(taken && taken.equals(bytes));
  assert.equal(taken.byteOffset, 0, 'a buffer of its own (typed views over it need alignment)');
  assert.equal(takeReadAhead(file), undefined, 'handed over once');
  fs.writeFileSync(file, 'changed');
  assert.equal(readBuilt(file).toString(), 'changed', 'read again, as it is now');
});

test('readBuilt takes the bytes read ahead instead of reading the file again', async () => {
  const file = path.join(dir, 'ahead.bin');
  fs.writeFileSync(file, 'as read ahead');
  await readAhead(file);
  fs.writeFileSync(file, 'as written after');
  assert.equal(readBuilt(file).toString(), 'as read ahead');
  assert.equal(readBuilt(file).toString(), 'as written after');
});

test('an empty file reads ahead as no bytes; a missing one as nothing, and its reader fails with its own error', async () => {
  const empty = path.join(dir, 'empty.bin');
  fs.writeFileSync(empty, '');
  assert.equal((await readAhead(empty))?.length, 0);
  const missing = path.join(dir, 'missing.bin');
  assert.equal(await readAhead(missing), undefined);
  assert.equal(takeReadAhead(missing), undefined);
  assert.throws(() => readBuilt(missing), /missing\.bin is missing: run `npm run build`/);
});

test('a directory is not read ahead', async () => {
  assert.equal(await readAhead(dir), undefined);
});
