import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { inWritersStyle, straightQuotes, writesCurly } from '../../../src/text/apostrophes';

test('straightQuotes: ‘ and ’ read as \', one character for one; a text without them is itself', () => {
  const t = 'It’s ‘quoted’ and don’t';
  assert.equal(straightQuotes(t), "It's 'quoted' and don't");
  assert.equal(straightQuotes(t).length, t.length);
  const plain = "it's plain";
  assert.equal(straightQuotes(plain), plain);
});

test('writesCurly: the word\'s own apostrophe, else the one the text puts between letters more often', () => {
  assert.equal(writesCurly("don't", 'it’s'), true);
  assert.equal(writesCurly('don’t', "it's"), false);
  assert.equal(writesCurly('Don’t do it, it won’t, but it\'s fine.', 'its'), true);
  assert.equal(writesCurly("Don't do it, it won't, but it’s fine.", 'its'), false);
  assert.equal(writesCurly('its ‘quoted’ word', 'its'), false, 'a quote is no apostrophe');
  assert.equal(inWritersStyle("it's", true), 'it’s');
  assert.equal(inWritersStyle("it's", false), "it's");
});
