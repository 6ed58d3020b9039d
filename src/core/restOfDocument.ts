// The rest of a long document: a check scores its real words a round at a time and stops after a round that flags
// none (engine/pipeline.ts, MIN_ROUND_YIELD), so the editor's checks stay short while the user types; it says how
// many it left (CheckResult.unscored). When the user stops typing, diagnostics.ts checks the document once more with
// every round (CheckOptions.thorough, a background request: its rows come from the engine's caches but for the
// rounds the short check left) and publishes what that finds. The next short check, after an edit, would lose
// those findings again; carryOver keeps the ones the edit did not touch and the short check did not judge.
// Free of VS Code, so it is tested in memory.
import type { CheckResult, Finding, WordScore } from '../engine/types';

/** A check's result and the text it checked. */
export interface Checked { text: string; result: CheckResult }

/**
 * next's result with the findings of `rest` (a thorough check of an earlier text) that still stand: those that lie
 * in text the edit between the two left alone (before the first changed character or after the last, read by the
 * common prefix and suffix of the two texts, and moved by the length the edit added), on the same word, over no
 * word next's check scored (it judged that word afresh: its verdict stands, flag or none) and overlapping none of
 * next's findings. Their words read the posterior the thorough check gave them (the heat map and the hover show the
 * squiggle's number). An edit in several places keeps only what lies before the first and after the last.
 */
export function carryOver(rest: Checked, next: Checked): CheckResult {
  const a = rest.text, b = next.text;
  let prefix = 0;
  const most = Math.min(a.length, b.length);
  while (prefix < most && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < most - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  const shift = b.length - a.length;
  const moved = (f: Finding): Finding | undefined => {
    if (f.end <= prefix) return f;
    if (f.start >= a.length - suffix) return { ...f, start: f.start + shift, end: f.end + shift };
    return undefined;
  };
  const taken = next.result.findings;
  const standing = rest.result.findings.map(moved).filter((f): f is Finding =>
    f !== undefined && b.slice(f.start, f.end) === f.word && !taken.some((t) => t.start < f.end && f.start < t.end));
  if (!standing.length) return next.result;   // next's words stay unread (wireWords.ts makes them when first read)
  const words = next.result.words;
  const judged = (f: Finding) => words.some((w) => w.posterior !== undefined && w.start < f.end && f.start < w.end);
  const kept = standing.filter((f) => !judged(f));
  if (!kept.length) return next.result;
  const posterior = (w: WordScore): WordScore => {
    const f = kept.find((k) => k.start <= w.start && w.end <= k.end);
    return f ? { ...w, posterior: f.score } : w;
  };
  return {
    ...next.result,
    findings: [...taken, ...kept].sort((x, y) => x.start - y.start),
    words: words.map(posterior),
  };
}
