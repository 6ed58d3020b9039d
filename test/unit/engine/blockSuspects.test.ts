// suspectsOfDocument (blockSuspects.ts) must answer exactly what suspectsOf answers for the whole document,
// for every gate, after edits that move blocks and with words ignored, while finding again only the
// suspects of blocks whose scores changed, and keep a bounded number of gates per block.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { WordPiece } from '../../../src/text/wordpiece';
import { blockSuspectsStats, GATES_KEPT, suspectsOfDocument } from '../../../src/engine/blockSuspects';
import { suspectsOf } from '../../../src/engine/findings';
import { scoreWords } from '../../../src/engine/wordScores';
import { BIGRAM_TRAINING, BigramRunner, testMeta } from './scoringBigram';

const DOC = [
  '# Keys', '',
  'I lost my keys over their. The cat sat on the mat.', '',
  'She lost her keys yesterday. I saw the the cat. It is a apple. We saw the dog over there.', '',
  'Put it over there. Their house is over there.', '',
  'She lost her keys yesterday. I saw the the cat. It is a apple. We saw the dog over there.', '',
].join('\n');

const VOCAB = (() => {
  const words = new Set((BIGRAM_TRAINING + ' ' + DOC + ' keyss apples').match(/\p{L}+/gu));
  const letters = [...'abcdefghijklmnopqrstuvwxyz'];
  return [...new Set(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', ...'.,#-`=1x', ...letters, ...letters.map((c) => c.toUpperCase()),
    ...letters.map((c) => `##${c}`), ...[...words].filter((w) => w.length > 1)])].join('\n');
})();

/** A tokenizer and a model of their own: nothing remembered. */
function fresh() {
  const wp = WordPiece.fromVocab(VOCAB, true);
  const model = { runner: new BigramRunner(testMeta(), wp, BIGRAM_TRAINING), wp };
  return (text: string, ignoredWords?: string[]) => scoreWords({ text, languageId: 'markdown', ignoredWords }, model);
}

test('the document\'s suspects equal suspectsOf, gate by gate, edit after edit, with words ignored', async () => {
  const scored = fresh();
  const texts = [DOC, DOC.replace('keys over', 'keyss over'), DOC.replace('Put it', 'I saw the the cat.\n\nPut it'), DOC.replace('a apple', 'an apples')];
  for (const text of texts) {
    for (const ignored of [undefined, ['the']]) {
      const doc = await scored(text, ignored);
      for (const gate of [0, 0.3, 0.6, 0.9, 1.01]) {
        const want = suspectsOf(doc, gate);
        assert.deepEqual(suspectsOfDocument(doc, gate), want, `${gate} ${ignored}`);
        assert.deepEqual(suspectsOfDocument(doc, gate), want, `${gate} ${ignored}, remembered`);
      }
      assert.ok(suspectsOf(doc, 0).some((s) => s.forced.length > 0), 'forced candidates are among them');
    }
  }
});

test('a re-check finds again only the suspects of the block it changed, and each block keeps a few gates', async () => {
  const scored = fresh();
  const doc = await scored(DOC);
  suspectsOfDocument(doc, 0.5);
  const before = blockSuspectsStats.blocksRead;
  suspectsOfDocument(await scored(DOC), 0.5);
  assert.equal(blockSuspectsStats.blocksRead, before, 'the same text finds nothing again');
  const edited = await scored(DOC.replace('keys over', 'keyss over'));
  assert.deepEqual(suspectsOfDocument(edited, 0.5), suspectsOf(edited, 0.5));
  assert.equal(blockSuspectsStats.blocksRead - before, 1, 'only the edited paragraph, though every later block moved');

  const gates = Array.from({ length: GATES_KEPT + 3 }, (_, g) => g / 10);
  for (const g of gates) suspectsOfDocument(doc, g);
  const kept = blockSuspectsStats.blocksRead;
  for (const g of gates.slice(-GATES_KEPT)) suspectsOfDocument(doc, g);
  assert.equal(blockSuspectsStats.blocksRead, kept, 'the last GATES_KEPT gates are remembered');
  assert.deepEqual(suspectsOfDocument(doc, 0), suspectsOf(doc, 0), 'a gate dropped is found again');
  assert.equal(blockSuspectsStats.blocksRead - kept, new Set(doc.blockCheckable).size,
    'found again once for each block\'s scores: each keeps GATES_KEPT gates');
});
