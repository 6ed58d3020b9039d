// Scores a checker's flags with bench/scorer.mjs (the one scorer every checker goes through) and adds the
// ratios the report shows: fix top-1/top-3 also as a share of the errors caught.
import { scoreFiles } from './scorer.mjs';

const frac = (s) => { const [a, b] = String(s).split('/').map(Number); return { n: a, of: b }; };

export async function score(goldFile, flagsFile, peer) {
  const s = scoreFiles(goldFile, flagsFile, peer);
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
  };
}
