// Scores a checker's flags with bench/scorer.mjs (the one scorer every checker goes through), once the gold's
// spans are known to be UTF-16, and adds the ratios the report shows: fix top-1/top-3 also as a share of the
// errors caught, and the calibration of a checker's probabilities where it gives them (null for the peers).
import fs from 'node:fs';
import { calibrationRows, scoreRows } from './scorer.mjs';

const frac = (s) => { const [a, b] = String(s).split('/').map(Number); return { n: a, of: b }; };
const readJsonl = (file) => fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

/**
 * Every checker reports UTF-16 offsets (JavaScript string indices), so a gold span must be one too: a set
 * written with Python's code-point indices would be off after any emoji and score flags against the wrong
 * words without a sign. Throws naming the first span whose text is not its `wrong`.
 */
export function checkGoldSpans(goldRows, goldFile) {
  for (const g of goldRows) {
    for (const e of g.errors) {
      const got = g.text.slice(e.start, e.end);
      if (got !== e.wrong) {
        throw new Error(`${goldFile}: item ${g.id}: span ${e.start}-${e.end} reads ${JSON.stringify(got)}, not ${JSON.stringify(e.wrong)} (offsets must be UTF-16 code units)`);
      }
    }
  }
}

export async function score(goldFile, flagsFile, peer) {
  const gold = readJsonl(goldFile);
  checkGoldSpans(gold, goldFile);
  const flags = readJsonl(flagsFile);
  const s = scoreRows(gold, flags, peer);
  if (s.items_missing) throw new Error(`${peer}: ${s.items_missing} items of ${goldFile} have no output line in ${flagsFile}`);
  const byType = Object.fromEntries(Object.entries(s.recall_by_type).map(([t, v]) => {
    const { n, of } = frac(v);
    return [t, { caught: n, total: of, recall: of ? n / of : 0 }];
  }));
  const caught = Object.values(byType).reduce((a, t) => a + t.caught, 0);
  const top1 = frac(s.fix_top1).n, top3 = frac(s.fix_top3).n;
  return {
    precision: s.precision, recall: s.recall, f05: s['f0.5'], byType,
    falsePer1k: s.false_flags_per_1k_clean_words,
    errors: frac(s.fix_top1).of, caught,
    fixTop1: top1, fixTop3: top3,
    fixTop1OfCaught: caught ? top1 / caught : 0, fixTop3OfCaught: caught ? top3 / caught : 0,
    calibration: calibrationRows(gold, flags, peer),
  };
}
