import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { dictionaryTarget, effectiveMaxFileSize, withWord } from '../../../src/core/settingsPolicy';

test('maxFileSize: an untrusted workspace may lower it, never raise it above the user value or the default', () => {
  assert.equal(effectiveMaxFileSize(50_000_000, undefined, true, 500_000), 50_000_000);
  assert.equal(effectiveMaxFileSize(50_000_000, undefined, false, 500_000), 500_000);
  assert.equal(effectiveMaxFileSize(50_000_000, 2_000_000, false, 500_000), 2_000_000);
  assert.equal(effectiveMaxFileSize(1000, undefined, false, 500_000), 1000);
  assert.equal(effectiveMaxFileSize('huge', undefined, true, 500_000), 500_000);
  assert.equal(effectiveMaxFileSize(Infinity, undefined, true, 500_000), 500_000);
});

test('dictionary target: the document\'s folder, the workspace outside folders, user settings with no folder', () => {
  assert.equal(dictionaryTarget(true, 1), 'folder');
  assert.equal(dictionaryTarget(true, 3), 'folder');
  assert.equal(dictionaryTarget(false, 2), 'workspace');
  assert.equal(dictionaryTarget(false, 0), 'user');
});

test('withWord: adds once whatever the case, keeps the list sorted', () => {
  assert.deepEqual(withWord(undefined, 'recieve'), ['recieve']);
  assert.deepEqual(withWord(['zeta', 'alpha'], 'Kubectl'), ['alpha', 'Kubectl', 'zeta']);
  assert.equal(withWord(['Recieve'], 'recieve'), undefined);
});
