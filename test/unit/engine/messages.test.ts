// The words of a finding, shared by the editor and the CLI: message, severity, fix titles, and which
// words are offered for ignoring or for the workspace dictionary.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixOffers, findingMessage, fixTitle, hoverText, isFunctionWord, offersDictionary, offersIgnore, severityOf } from '../../../src/engine/messages';
import { formatJson, formatJsonlLine, formatSarif } from '../../../src/cli/formats';
import type { Finding } from '../../../src/engine/types';

const finding = (word: string, kind: Finding['kind'], suggestions: [string, number][], score = 0.9): Finding => ({
  start: 0, end: word.length, word, energy: 1, pNoise: 0.5, surprisal: 3, score, kind, suggestions: suggestions.map(([text, p]) => ({ text, p })),
});

test('messages: what is wrong, how sure (the finding\'s score), the best fix, on one line', () => {
  assert.equal(findingMessage(finding('recieve', 'spelling', [['receive', 0.9]], 0.93)), '“recieve” doesn\'t fit here (93% sure) — did you mean “receive”?');
  assert.equal(findingMessage(finding('the\nthe', 'repeated', [['the', 0.99]], 0.995)), 'Repeated word “the the” (100% sure) — did you mean “the”?');
  assert.equal(findingMessage(finding('in the in the', 'repeated', [['in the', 0.99]], 0.995)), 'Repeated words “in the in the” (100% sure) — did you mean “in the”?');
  assert.equal(findingMessage(finding('very', 'word-choice', [['', 0.7]], 0.75)), '“very” doesn\'t fit here (75% sure) — delete it?');
  assert.equal(findingMessage(finding('teh', 'spelling', [], 0.81)), '“teh” doesn\'t fit here (81% sure)');
  assert.equal(severityOf(finding('x', 'spelling', [], 0.5)), 'warning');
  assert.equal(severityOf(finding('x', 'spelling', [], 0.49)), 'information');
});

test('hover: the squiggle\'s number and every fix with its share of it; a scored word\'s posterior; nothing for a word never scored', () => {
  const f = finding('recieve', 'spelling', [['receive', 0.9], ['relieve', 0.02]], 0.93);
  assert.equal(hoverText(undefined, f), '**Electric** “recieve” doesn\'t fit here (93% sure) · fixes: “receive” (90%), “relieve” (2%) · energy 1.00');
  assert.ok(hoverText(undefined, f)!.includes(findingMessage(f).split(' — ')[0]), 'the same words and number as the squiggle');
  assert.equal(hoverText(undefined, finding('the the', 'repeated', [['the', 0.97]], 0.98)),
    '**Electric** Repeated word “the the” (98% sure) · fixes: “the” (97%) · energy 1.00');
  assert.equal(hoverText(undefined, finding('teh', 'spelling', [], 0.81)), '**Electric** “teh” doesn\'t fit here (81% sure) · energy 1.00');
  const word = { start: 0, end: 5, word: 'their', energy: -0.456, pNoise: 0.47, surprisal: 4 };
  assert.equal(hoverText({ ...word, posterior: 0.12 }, undefined), '**Electric** “their”: not flagged (12% sure it doesn\'t fit) · energy -0.46');
  assert.equal(hoverText({ ...word, posterior: 0.0004 }, undefined), '**Electric** “their”: not flagged (<1% sure it doesn\'t fit) · energy -0.46');
  assert.equal(hoverText({ ...word, posterior: 0 }, undefined), '**Electric** “their”: not flagged (0% sure it doesn\'t fit) · energy -0.46');
  assert.match(hoverText(undefined, finding('wich', 'spelling', [['which', 0.998], ['witch', 0.001]], 0.999))!, /“which” \(100%\), “witch” \(<1%\)/);
  assert.equal(hoverText(word, undefined), undefined, 'pNoise alone is no percentage to show');
  assert.equal(hoverText(undefined, undefined), undefined);
});

test('quick fixes put in exactly the engine\'s text: "I" → "me" stays "me", "Teh" → "The" stays "The"', () => {
  const pronoun = fixOffers(finding('I', 'grammar', [['me', 0.8], ['my', 0.1]]), 5);
  assert.deepEqual(pronoun.map((o) => [o.replacement, o.preferred]), [['me', true], ['my', false]]);
  assert.equal(pronoun[0].title, 'Replace with “me” (80%)');
  assert.equal(fixOffers(finding('Teh', 'spelling', [['The', 0.9]]), 5)[0].replacement, 'The');
  assert.equal(fixOffers(finding('a', 'spelling', [['b', 0.3], ['c', 0.2], ['d', 0.1]]), 2).length, 2);
  assert.equal(fixTitle(finding('the the', 'repeated', [['the', 0.99]]), { text: 'the', p: 0.99 }), 'Remove the repeated “the” (99%)');
  assert.equal(fixTitle(finding('very', 'word-choice', [['', 0.7]]), { text: '', p: 0.7 }), 'Delete “very” (70%)');
});

test('no workspace-dictionary offer for function words or a doubled word; no ignore offer for a span of words', () => {
  for (const w of ['a', 'An', 'the', 'to', 'is', 'their', 'It’s', "don't", 'than']) {
    assert.ok(isFunctionWord(w), w);
    assert.ok(!offersDictionary(finding(w, 'word-choice', [['x', 0.9]])), w);
    assert.ok(offersIgnore(finding(w, 'word-choice', [['x', 0.9]])), `${w} may still be ignored for the session`);
  }
  for (const w of ['recieve', 'Kubernetes', 'affects']) assert.ok(offersDictionary(finding(w, 'spelling', [['x', 0.9]])), w);
  const doubled = finding('the the', 'repeated', [['the', 0.99]]);
  assert.ok(!offersDictionary(doubled) && !offersIgnore(doubled));
  assert.ok(!offersDictionary(finding('Teh', 'repeated', [['Teh', 0.9]])), 'repeated, even as one word');
});

test('the CLI words a finding as the editor does: JSON, JSONL and SARIF messages, SARIF fix titles and levels', () => {
  const text = 'I recieve it.';
  const f = { ...finding('recieve', 'spelling', [['receive', 0.93]], 0.6), start: 2, end: 9 };
  const json = JSON.parse(formatJson([{ file: 'a.md', language: 'markdown', text, findings: [f] }], [], []));
  assert.equal(json.files[0].findings[0].message, findingMessage(f));
  assert.equal(JSON.parse(formatJsonlLine(1, text, [f])).flags[0].message, findingMessage(f));
  const sarif = JSON.parse(formatSarif([{ file: 'a.md', language: 'markdown', text, findings: [f] }], [], '0.0.0')).runs[0].results[0];
  assert.equal(sarif.message.text, findingMessage(f));
  assert.equal(sarif.fixes[0].description.text, fixTitle(f, f.suggestions[0]));
  assert.equal(sarif.level, 'warning', 'score 0.6 is a warning in the editor, so in SARIF too');
});

test('JSONL flags carry the probabilities: p (the text is wrong) and suggestionP beside suggestions, to four decimals', () => {
  const text = 'I recieve it.';
  const f = { ...finding('recieve', 'spelling', [['receive', 0.912345], ['relieve', 0.05]], 0.987654), start: 2, end: 9 };
  const flag = JSON.parse(formatJsonlLine(1, text, [f])).flags[0];
  assert.deepEqual(flag.suggestions, ['receive', 'relieve'], 'the peers\' string array, unchanged');
  assert.deepEqual(flag.suggestionP, [0.9123, 0.05]);
  assert.equal(flag.p, 0.9877);
});
