// planReplacements through its memo (planMemo.ts) must plan exactly what a fresh planning does: for the same
// block wherever it moved, again after an edit elsewhere, with a span kept clear, when the memo is too small
// to hold them all, and when the model output a plan read was scored again.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { WordPiece } from '../../../src/text/wordpiece';
import { isRealWord, suspectsOf } from '../../../src/engine/findings';
import { planMemoOf, planMemoStats } from '../../../src/engine/planMemo';
import { clozeEstimates, NON_WORD_CANDIDATES, planReplacements, PRESCORE_MARGIN, REPLACE_CANDIDATES, REPLACE_ROWS, SCREEN_MARGIN, screened } from '../../../src/engine/replacePlans';
import { AGREEMENT_CUE, LISTED_OWN, OWN_WEIGHTS, REPLACE_WEIGHTS, TECHNICAL_SHARE, documentTerm, rowChannels, wordCues } from '../../../src/engine/channel';
import { proposalsAt, scoreWords, type ScoredDocument } from '../../../src/engine/wordScores';
import { BIGRAM_TRAINING, BigramRunner, testMeta } from './scoringBigram';
import { clearTokenCounts, codeShare, documentCodeShare, documentCount, setTokenCountChars, TOKEN_COUNT_CHARS, tokenCountUsage } from '../../../src/engine/tokenCounts';

const DOC = [
  '# Keys', '',
  'I lost my keys over their. The cat sat on the mat.', '',
  'She lost her keys yesterday. I saw the the cat. We saw the dog over there.', '',
  'Put it over there. It is a apple. Their house is over there.', '',
  'She lost her keys yesterday. I saw the the cat. We saw the dog over there.', '',
].join('\n');

// A small vocabulary (as recheck.test.ts), so the bigram model's cloze stays fast.
const VOCAB = (() => {
  const words = new Set((BIGRAM_TRAINING + ' ' + DOC + ' keyss an').match(/\p{L}+/gu));
  const letters = [...'abcdefghijklmnopqrstuvwxyz'];
  return [...new Set(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', ...'.,#-`=1x', ...letters, ...letters.map((c) => c.toUpperCase()),
    ...letters.map((c) => `##${c}`), ...[...words].filter((w) => w.length > 1)])].join('\n');
})();

/** A tokenizer and a model of their own: nothing remembered, nothing cached. */
function fresh() {
  const wp = WordPiece.fromVocab(VOCAB, true);
  return { runner: new BigramRunner(testMeta(), wp, BIGRAM_TRAINING), wp };
}

type Model = ReturnType<typeof fresh>;

async function plans(text: string, model: Model, keepOut?: { start: number; end: number }) {
  const doc = await scoreWords({ text, languageId: 'markdown' }, model);
  const suspects = suspectsOf(doc, 0);
  return { doc, suspects, plans: planReplacements(doc, suspects, model, keepOut) };
}

test('a remembered plan equals a fresh one, wherever its block moved; an edit plans only its own block again', async () => {
  const model = fresh();
  const before = planMemoStats.planned;
  const first = await plans(DOC, model);
  const planned = planMemoStats.planned - before;
  assert.ok(first.plans.length > 10, 'the document has plans to remember');
  // A suspect is its block's text and its place in it: the repeated paragraph's are the first copy's.
  const { doc } = first;
  const distinct = new Set(first.suspects.map((s) => `${doc.words[s.word].start - doc.blocks[doc.words[s.word].stream].base}@${doc.blocks[doc.words[s.word].stream].key}`));
  assert.ok(distinct.size < first.suspects.length);
  assert.equal(planned, distinct.size, 'the repeated paragraph is planned once');
  assert.deepEqual(first.plans, (await plans(DOC, fresh())).plans);

  const again = planMemoStats.planned;
  assert.deepEqual((await plans(DOC, model)).plans, first.plans);
  assert.equal(planMemoStats.planned, again, 'the same text plans nothing again');

  // One letter longer, so every later block moves: their plans come back at their new offsets.
  const edited = DOC.replace('keys over', 'keyss over');
  const warm = await plans(edited, model);
  const replanned = planMemoStats.planned - again;
  assert.deepEqual(warm.plans, (await plans(edited, fresh())).plans);
  const stream = warm.doc.words.find((w) => w.text === 'keyss')!.stream;
  const touched = warm.suspects.filter((s) => warm.doc.words[s.word].stream === stream);
  assert.ok(touched.length > 0 && touched.length < warm.suspects.length);
  assert.equal(replanned, touched.length, 'only the edited paragraph is planned again');
});

test('a span kept clear is part of what a plan is remembered by', async () => {
  const model = fresh();
  const at = DOC.indexOf('a apple');
  const keepOut = { start: at, end: at + 1 };
  const open = await plans(DOC, model);
  const kept = await plans(DOC, model, keepOut);
  assert.deepEqual(kept.plans, (await plans(DOC, fresh(), keepOut)).plans);
  assert.notDeepEqual(kept.plans, open.plans);
  for (const p of kept.plans) for (const c of p.cands) assert.ok(c.end <= keepOut.start || c.start >= keepOut.end, c.text);
});

test('the memo holds at most its capacity, and what it dropped is planned again, the same', async () => {
  const whole = fresh();
  const first = await plans(DOC, whole);
  const all = planMemoOf(whole.runner, whole.wp);
  const capacity = Math.floor(all.units / 2);   // about half the document's blocks fit
  const model = fresh();
  const memo = planMemoOf(model.runner, model.wp, capacity);
  assert.deepEqual((await plans(DOC, model)).plans, first.plans);
  assert.ok(memo.units <= capacity && memo.size > 0 && memo.size < all.size, `${memo.units} units in ${memo.size} blocks of ${all.size}`);
  const before = planMemoStats.planned;
  assert.deepEqual((await plans(DOC, model)).plans, first.plans);
  assert.ok(planMemoStats.planned > before, 'those dropped are made again');
  assert.ok(memo.units <= capacity);
});

test('a plan made from a model output that was scored again is made again', async () => {
  const model = fresh();
  const { doc, suspects, plans: first } = await plans(DOC, model);
  // The same windows' cloze rows, as new outputs (rows the cache dropped and the model ran again); the
  // repeated paragraph's windows share one, as the cache hands them out.
  const again = new Map(doc.windowCloze.map((r) => [r, { topkIds: r.topkIds.slice(), topkLogq: r.topkLogq.slice(), tokenLogq: r.tokenLogq.slice() }]));
  const rescored: ScoredDocument = { ...doc, windowCloze: doc.windowCloze.map((r) => again.get(r)!) };
  const before = planMemoStats.planned;
  assert.deepEqual(planReplacements(rescored, suspects, model), first);
  // Those of the repeated paragraph are its first copy's (the same key and the same output).
  const readQ = new Set(suspects.filter((s) => s.byNoise && doc.words[s.word].p1 - doc.words[s.word].p0 === 1)
    .map((s) => `${doc.words[s.word].start - doc.blocks[doc.words[s.word].stream].base}@${doc.blocks[doc.words[s.word].stream].key}`)).size;
  assert.ok(readQ > 0);
  assert.equal(planMemoStats.planned - before, readQ, "only plans that read q's proposals are made again");
});

test('a plan rows its forced candidates and the others most likely typed as the word, at most REPLACE_ROWS', async () => {
  const model = fresh();
  const text = 'I saw the the cat. The keyss are over there.';
  const { doc, suspects, plans: planned } = await plans(text, model);
  const at = (word: string) => {
    const i = suspects.findIndex((s) => doc.words[s.word].text === word);
    assert.ok(i >= 0, `${word} is a suspect`);
    return { s: suspects[i], plan: planned.find((p) => p.suspect === suspects[i])! };
  };
  const { s, plan } = at('keyss');
  const w = doc.words[s.word];
  const same = (j: number) => (doc.words[j]?.sentence === w.sentence ? doc.words[j] : undefined);
  const all = doc.gen!.generate({ text, word: w, prev: same(s.word - 1), next: same(s.word + 1) },
    proposalsAt(doc, s.word, model.runner.meta.cloze.k), NON_WORD_CANDIDATES);
  assert.ok(all.length > REPLACE_ROWS, `"keyss" has more candidates (${all.length}) than rows`);
  assert.ok(plan.cands.length <= REPLACE_ROWS && plan.cands.length > 1, `${plan.cands.length} candidates rowed`);
  assert.equal(plan.rows.length, plan.cands.length + 1, 'the word itself and its candidates');
  // What REPLACE's total knows before the model runs: the channel less the price of the row's pieces.
  const [, ...priced] = rowChannels(text, plan.channels[0], all, wordCues(text, doc.words, s.word, all, doc.gen!));
  const prescore = all.map((c, i) => priced[i] - REPLACE_WEIGHTS.perPiece * model.wp.encode(c.text).ids.length);
  const kept = new Set(plan.cands.map((c) => c.text));
  const lowestKept = Math.min(...all.flatMap((c, i) => (kept.has(c.text) ? [prescore[i]] : [])));
  const best = Math.max(...prescore);
  for (const [i, c] of all.entries()) if (!kept.has(c.text)) assert.ok(prescore[i] <= lowestKept, `${c.text} left out above a kept one`);
  for (const [i, c] of all.entries()) if (kept.has(c.text)) assert.ok(prescore[i] >= best - PRESCORE_MARGIN, `${c.text} rowed ${best - prescore[i]} nats below the best`);
  // Six rows would have been taken without the margin: those it left out are all more than it below the best.
  const six = prescore.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0]).slice(0, REPLACE_ROWS);
  for (const [v, i] of six) if (!kept.has(all[i].text)) assert.ok(v < best - PRESCORE_MARGIN, `${all[i].text} left out within the margin`);
  assert.ok(kept.has('keys'), 'the one-letter fix is kept');
  assert.deepEqual(plan.channels.slice(1), plan.cands.map((c) => priced[all.findIndex((a) => a.text === c.text)]));
  // Forced candidates (the doubled word's "delete the second copy") are rowed, whatever their channel.
  assert.ok(planned.some((p) => p.suspect.forced.some((f) => f.sources.includes('delete'))), 'the doubled word has its forced delete');
  for (const p of planned) for (const f of p.suspect.forced) assert.ok(p.cands.some((c) => c.text === f.text && c.start === f.start), `${f.text} rowed`);
});

test('a non-word\'s candidate far below its likeliest one before the model runs gets no row (PRESCORE_MARGIN)', async () => {
  const model = fresh();
  const text = 'It definately works.';
  const { doc, suspects, plans: planned } = await plans(text, model);
  const s = suspects.find((x) => doc.words[x.word].text === 'definately')!;
  const plan = planned.find((p) => p.suspect === s)!;
  const w = doc.words[s.word];
  const all = doc.gen!.generate({ text, word: w, prev: doc.words[s.word - 1], next: doc.words[s.word + 1] },
    proposalsAt(doc, s.word, model.runner.meta.cloze.k), NON_WORD_CANDIDATES);
  // Room for every one of them, yet some get none.
  assert.ok(plan.cands.length < Math.min(all.length, REPLACE_ROWS), `rows for ${plan.cands.map((c) => c.text).join(', ')} of ${all.map((c) => c.text).join(', ')}`);
  assert.equal(plan.cands[0].text, 'definitely');
});

test('REPLACE skips the candidates of a real word the window\'s cloze finds far from likely, never a non-word\'s', async () => {
  const model = fresh();
  const text = 'I lost my keys over their. The cat sat on the mat. She lost her keyss yesterday.';
  const { doc, plans: planned } = await plans(text, model);
  const tau = 0.5;
  const after = screened(doc, planned, tau, model);
  const bySuspect = new Map(after.map((p) => [p.suspect, p]));
  const real = planned.filter((p) => isRealWord(p.suspect, doc));
  assert.ok(real.some((p) => !bySuspect.has(p.suspect)), 'some real word is not scored at all');
  assert.ok(real.some((p) => (bySuspect.get(p.suspect)?.cands.length ?? 0) > 0), 'some real word is scored');
  let fewer = 0;
  for (const p of planned) {
    const w = doc.words[p.suspect.word].text;
    const q = bySuspect.get(p.suspect);
    if (!isRealWord(p.suspect, doc)) { assert.equal(q, p, `${w}: not a real word, scored whole`); continue; }
    const est = clozeEstimates(doc, p, model);
    const worth = p.cands.filter((_, k) => !est || est[k] >= tau - SCREEN_MARGIN);
    assert.deepEqual(q?.cands ?? [], worth, `${w}: the candidates worth a row`);
    if (!q) continue;
    if (q.cands.length < p.cands.length) fewer++;
    // Rows, texts and channels follow their candidates, the word's own first.
    q.cands.forEach((c, k) => {
      const j = p.cands.indexOf(c) + 1;
      assert.deepEqual([q.rows[k + 1], q.texts[k + 1], q.channels[k + 1]], [p.rows[j], p.texts[j], p.channels[j]]);
    });
    assert.deepEqual([q.rows[0], q.texts[0], q.channels[0]], [p.rows[0], p.texts[0], p.channels[0]]);
  }
  assert.ok(fewer > 0, 'some real word keeps only some of its candidates');
  const their = after.find((p) => doc.words[p.suspect.word].text === 'their');
  assert.ok(their?.cands.some((c) => c.text === 'there'), '"over their" is scored with "there": q expects it');
  // A higher threshold skips more (the margin is below tau, whatever tau is).
  const rows = (ps: typeof planned) => ps.reduce((n, p) => n + p.rows.length, 0);
  assert.ok(rows(screened(doc, planned, tau + 20, model)) < rows(after));
});

test('what the document says of a non-word moves its own channel, and replans nothing (replacePlans.ts, withDocument)', async () => {
  const model = fresh();
  const once = DOC.replace('keys over', 'kyes over');
  const first = await plans(once, model);
  const plan = (r: Awaited<ReturnType<typeof plans>>) => r.plans.find((p) => r.doc.words[p.suspect.word].text === 'kyes')!;
  assert.ok(plan(first), 'the non-word is planned');
  assert.deepEqual(first.doc.evidence('kyes'), { recurs: false, words: first.doc.words.length, outsideProse: false, technical: codeShare(once) });
  const own = first.doc.logOwn('kyes', false);
  assert.ok(own < 0, 'a non-word');
  assert.equal(plan(first).channels[0], own + documentTerm({ recurs: false, words: first.doc.words.length, technical: codeShare(once) }));
  // The same word typed again in a new last paragraph: the first paragraph's block is unchanged, and so is its
  // plan, but for the own channel.
  const twice = once + '\nThe kyes are here.\n';
  const before = planMemoStats.planned;
  const second = await plans(twice, model);
  const last = second.doc.words.at(-1)!.stream;
  assert.equal(planMemoStats.planned - before, second.suspects.filter((s) => second.doc.words[s.word].stream === last).length,
    'only the new paragraph is planned');
  assert.equal(second.doc.evidence('KYES').recurs, true, 'in any case');
  const expected = own + OWN_WEIGHTS.recurs + OWN_WEIGHTS.technical * Math.min(1, codeShare(twice) / TECHNICAL_SHARE);
  assert.ok(Math.abs(plan(second).channels[0] - expected) < 1e-9, `${plan(second).channels[0]} against ${expected} (the same terms, summed in another order)`);
  assert.deepEqual(plan(second).channels.slice(1), plan(first).channels.slice(1));
  assert.deepEqual(second.plans, (await plans(twice, fresh())).plans, 'as a fresh planning has it');
});

test('a document holds a word again where its text spells it as a token outside the prose: a link\'s destination, code', async () => {
  const model = fresh();
  const ask = async (text: string, w: string) => (await scoreWords({ text, languageId: 'markdown' }, model)).evidence(w).recurs;
  assert.equal(await ask('See [kyesx](https://example.com/tools/kyesx) for the keys.', 'kyesx'), true, 'the link\'s destination');
  assert.equal(await ask('Run `kyesx --all` to list the keys. The kyesx tool is here.', 'kyesx'), true, 'code, any case');
  assert.equal(await ask('See [kyesx](https://example.com/tools/kyesxes) for the keys.', 'kyesx'), false, 'part of a longer token');
  assert.equal(await ask('See [kyesx](https://example.com/tools/a9kyesx) for the keys.', 'kyesx'), false, 'digits are part of a token');
  assert.equal(await ask('See [kyesx](https://example.com/tools/x) for the keys.', 'kyesx'), false);
  assert.equal(await ask('See [Kyesx](https://example.com/kyesx-cli) for the keys.', 'Kyesx'), true, 'a hyphen ends a token');
  // Outside the prose, or only in it: a known misspelling's document says something only in the first case.
  const outside = async (text: string, w: string) => (await scoreWords({ text, languageId: 'markdown' }, model)).evidence(w).outsideProse;
  assert.equal(await outside('See [kyesx](https://example.com/tools/kyesx) for the keys.', 'kyesx'), true);
  assert.equal(await outside('The kyesx tool. The kyesx tool again.', 'kyesx'), false, 'twice in the prose');
  assert.equal(await outside('See kyesx for the keys.', 'kyesx'), false, 'once');
  // The prose's counts are summed for the last document and brought up to date (wordScores.ts, proseSums): a document
  // edited, another asked in between, and the first asked again read as a fresh count does.
  const a = 'The kyesx tool.\n\nRun `kyesx`.\n\nThe keys.', b = 'Run `kyesx`.\n\nThe kyesx tool. The kyesx tool again.';
  const docA = await scoreWords({ text: a, languageId: 'markdown' }, model);
  assert.equal(docA.evidence('kyesx').outsideProse, true, 'once in the prose, once in code');
  const edited = await scoreWords({ text: a.replace('The keys.', 'The kyesx keys.'), languageId: 'markdown' }, model);
  const docB = await scoreWords({ text: b, languageId: 'markdown' }, model);
  assert.equal(docB.evidence('kyesx').outsideProse, true, 'another document asked');
  assert.equal(edited.evidence('kyesx').outsideProse, true, 'the edited one, after the other: twice in the prose and once outside');
  assert.equal(docA.evidence('keys').recurs, false);
  assert.equal((await scoreWords({ text: 'The kyesx tool.\n\nThe kyesx keys.\n\nRun it.', languageId: 'markdown' }, model)).evidence('kyesx').outsideProse, false,
    'an edit that took the code away');
});

test('a text\'s token counts are its paragraphs\', each counted once and remembered: an edit counts only the paragraph it changed', () => {
  clearTokenCounts();
  const text = 'The Kyesx tool.\n\nRun `kyesx --all` and kyesx-cli.\n\nSee [it](https://x.org/kyesx).';
  const sum = documentCount;
  assert.equal(sum(text, 'kyesx'), 4, 'any case; code, a hyphenated name and a link\'s destination are tokens too');
  assert.equal(sum(text, 'all'), 1);
  assert.equal(sum(text, 'kye'), 0, 'part of a token is not one');
  const held = tokenCountUsage();
  assert.ok(held > text.length, 'three paragraphs remembered');
  const edited = text.replace('The Kyesx tool.', 'The Kyesx tools.');
  assert.equal(sum(edited, 'kyesx'), 4);
  // The memo gained the edited paragraph alone (its key and three tokens), and the last text's sums it holds beside
  // them one character ("tool" gave way to "tools": as many distinct tokens).
  assert.equal(tokenCountUsage() - held, 'The Kyesx tools.'.length + 1 + 8 * 3 + 1, 'the edited paragraph alone was counted');
  clearTokenCounts();
  assert.equal(tokenCountUsage(), 0, 'clearTokenCounts drops the paragraphs and the last text\'s sums');
});

test('the last text\'s sums are held within the token counts\' budget; a text heavier than it is summed again, alike', () => {
  setTokenCountChars(40);
  try {
    const text = 'alpha beta\n\ngamma alpha\n\nalpha delta epsilon';
    for (let i = 0; i < 2; i++) {
      assert.equal(documentCount(text, 'alpha'), 3);
      assert.equal(documentCount(text, 'epsilon'), 1);
      assert.equal(documentCodeShare(text), codeShare(text));
      assert.ok(tokenCountUsage() <= 40, `holds ${tokenCountUsage()}`);
    }
  } finally {
    setTokenCountChars(TOKEN_COUNT_CHARS);
  }
});

test("a text's token sums follow it paragraph by paragraph, and each ask is answered for its own text", () => {
  clearTokenCounts();
  const paras = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} of the kyesx notes, part ${i % 3}${i % 4 ? '' : ', in `kyesx_cli`'}.`);
  const doc = (ps: string[]) => ps.join('\n\n');
  const fresh = (t: string, w: string) => (t.toLowerCase().match(new RegExp(`(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`, 'gu')) ?? []).length;
  const a = doc(paras);
  const texts = [
    a,
    doc(paras.map((p, i) => (i === 4 ? p.replace('kyesx', 'kyes') : p))),          // one paragraph edited
    doc([...paras, paras[0], paras[0]]),                                               // a paragraph twice more
    doc(paras.slice(0, 10)),                                                           // two taken away
    doc(paras.map((p) => p.replace('notes', 'pages'))),                               // every paragraph changed
    a,                                                                                 // and back
  ];
  for (const t of texts) {
    for (const w of ['kyesx', 'kyes', 'notes', 'pages', 'paragraph', 'part', '0', '4']) assert.equal(documentCount(t, w), fresh(t, w), `${w} in text ${texts.indexOf(t)}`);
    assert.equal(documentCodeShare(t), codeShare(t), `the code share of text ${texts.indexOf(t)}`);
  }
  // Two texts asked in turn (a rank served between a check's chunks) each get their own answers.
  for (let i = 0; i < 3; i++) {
    assert.equal(documentCount(texts[1], 'kyesx'), fresh(texts[1], 'kyesx'));
    assert.equal(documentCount(texts[2], 'kyesx'), fresh(texts[2], 'kyesx'));
    assert.notEqual(fresh(texts[1], 'kyesx'), fresh(texts[2], 'kyesx'));
  }
});

test('a known misspelling\'s document says nothing of it, unless the text spells it again outside its prose (a name)', async () => {
  const model = fresh();
  const own = async (text: string) => {
    const { doc, plans: planned } = await plans(text, model);
    const p = planned.find((x) => doc.words[x.suspect.word].text === 'cpy');
    assert.ok(p, 'planned');
    return { channel: p.channels[0], logOwn: doc.logOwn('cpy', false) };
  };
  // (In a Markdown link's label that its target spells, "[cpy](https://example.com/sindresorhus/cpy)", the word is
  // not checked at all: wordScores.ts, linkNamesItsTarget.)
  const link = 'Use cpy to copy files (https://example.com/sindresorhus/cpy).';
  const named = await own(link);
  assert.ok(codeShare(link) > 0, 'a link is a technical token');
  assert.ok(Math.abs(named.channel - (named.logOwn - LISTED_OWN + OWN_WEIGHTS.recurs + OWN_WEIGHTS.technical * Math.min(1, codeShare(link) / TECHNICAL_SHARE))) < 1e-9,
    'spelled again in the link: a name, which the list\'s term does not price');
  const prose = await own('Use cpy to copy files. Then cpy them again.');
  assert.equal(prose.channel, prose.logOwn, 'twice in the prose: writers repeat their misspellings');
});

test('a bare plural-looking subject the document also writes in code is a name: it gives the verb no number', async () => {
  const model = fresh();
  // The channel of the agreement fix `fix` of the verb `verb` in text.
  const fixChannel = async (text: string, verb: string, fix: string) => {
    const { doc, plans: planned } = await plans(text, model);
    const p = planned.find((x) => doc.words[x.suspect.word].text === verb);
    const k = p?.cands.findIndex((c) => c.text === fix) ?? -1;
    assert.ok(p && k >= 0, 'planned with its agreement fix');
    return p.channels[k + 1];
  };
  const contain = (text: string) => fixChannel(text, 'contains', 'contain');
  const code = '\n\n```\nfields = load()\n```\n';
  const prose = await contain('Then, fields contains the names.');
  assert.ok(Math.abs(await contain(`Then, fields contains the names.${code}`) - (prose - AGREEMENT_CUE)) < 1e-9, 'a name: no cue');
  assert.equal(await contain(`Then, the fields contains the names.${code}`), await contain('Then, the fields contains the names.'),
    'after a determiner the word heads a noun phrase, which tells its number');
  // Capitalised: a name where the document writes it with its capital mid-sentence, not where only a sentence opens with it.
  const has = (text: string) => fixChannel(text, 'has', 'have');
  const lone = await has('Requests has officially dropped support for it.');
  assert.ok(Math.abs(await has('Requests has officially dropped support for it.\n\nIt is the secure option for Requests.') - (lone - AGREEMENT_CUE)) < 1e-9,
    'written so mid-sentence: a name');
  assert.equal(await has('Requests has officially dropped support for it.\n\nRequests are fine.'), lone, 'at a sentence\'s start its capital says nothing');
});

test('a non-word\'s candidates are all priced before the likeliest get rows: a fix the generator ranks past REPLACE_CANDIDATES is rowed', async () => {
  const model = fresh();
  const text = 'It allows the omition of braces.';
  const { doc, suspects, plans: planned } = await plans(text, model);
  const s = suspects.find((x) => doc.words[x.word].text === 'omition')!;
  const w = doc.words[s.word];
  const ctx = { text, word: w, prev: doc.words[s.word - 1], next: doc.words[s.word + 1] };
  const q = proposalsAt(doc, s.word, model.runner.meta.cloze.k);
  assert.ok(!doc.gen!.generate(ctx, q, REPLACE_CANDIDATES).some((c) => c.text === 'omission'), 'past the first sixteen by the generator\'s own order');
  assert.ok(doc.gen!.generate(ctx, q, NON_WORD_CANDIDATES).some((c) => c.text === 'omission'));
  const plan = planned.find((p) => p.suspect === s)!;
  assert.ok(plan.cands.some((c) => c.text === 'omission'), plan.cands.map((c) => c.text).join(' '));
  // A real word keeps REPLACE_CANDIDATES: its plan's candidates come from the generator's first sixteen.
  const real = planned.find((p) => p.suspect.byNoise && doc.isWord(doc.words[p.suspect.word].text) && p.cands.length > 0)!;
  const rw = doc.words[real.suspect.word];
  const first = doc.gen!.generate({ text, word: rw, prev: doc.words[real.suspect.word - 1], next: doc.words[real.suspect.word + 1] },
    proposalsAt(doc, real.suspect.word, model.runner.meta.cloze.k), REPLACE_CANDIDATES).map((c) => c.text);
  assert.ok(real.cands.every((c) => first.includes(c.text)), `${rw.text}: ${real.cands.map((c) => c.text).join(' ')}`);
});

test('a bare verb in a mandative clause is offered no finite form of itself, and the same verb elsewhere is', async () => {
  // subjects.ts, mandative: "requires that the cat be" is the subjunctive English writes there.
  const model = fresh();
  const offered = async (text: string) => {
    const doc = await scoreWords({ text, languageId: 'markdown' }, model);
    const i = doc.words.findIndex((w) => w.text === 'be');
    const w = doc.words[i];
    const forced = ['is', 'are', 'by'].map((t) => ({ text: t, start: w.start, end: w.end, prior: -1, sources: ['agreement' as const] }));
    const [plan] = planReplacements(doc, [{ word: i, byNoise: false, forced }], model);
    return plan.cands.map((c) => c.text);
  };
  assert.deepEqual(await offered('She asked that the cat be put on the mat.'), ['by']);
  assert.deepEqual(await offered('It is important that the cat be on the mat.'), ['by']);
  assert.deepEqual((await offered('She said that the cat be on the mat.')).sort(), ['are', 'by', 'is'], 'a "that" no word of asking opens');
});
