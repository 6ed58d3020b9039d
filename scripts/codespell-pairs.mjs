// The misspellings both edit channels are counted from: codespell's list (Debian's codespell package,
// dictionary.txt, CC-BY-SA 3.0), one unambiguous fix each (letters, or letters around one apostrophe), less every pair the technical dev set
// could hold (bench/plant.py plants codespell misspellings of its sentences' words: every pair whose correct
// word occurs in bench/data/tech-dev.jsonl, and every planted pair, is dropped) and any correct word the
// caller leaves out (bench/fit-channel.mjs: the words it planted in training text).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CODESPELL = '/usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt';

/** Lower-case words of tech-dev's clean sentences, and its planted wrong->right pairs. */
export function techDevWords(root) {
  const words = new Set(), planted = new Set();
  for (const line of fs.readFileSync(path.join(root, 'bench/data/tech-dev.jsonl'), 'utf8').split('\n')) {
    if (!line) continue;
    const item = JSON.parse(line);
    for (const e of item.errors ?? []) planted.add(`${e.wrong.toLowerCase()}->${e.right.toLowerCase()}`);
    let clean = item.text;   // the text with each error's right form put back
    for (const e of [...(item.errors ?? [])].sort((a, b) => b.start - a.start)) clean = clean.slice(0, e.start) + e.right + clean.slice(e.end);
    for (const m of clean.matchAll(/[A-Za-z]+/g)) words.add(m[0].toLowerCase());
  }
  return { words, planted };
}

/**
 * [meant, typed] pairs of codespell's list within maxEdits (editOps), after the exclusions above;
 * with the counts of what was dropped.
 */
export function codespellPairs(root, editOps, { leaveOut = new Set(), maxEdits = 3 } = {}) {
  if (!fs.existsSync(CODESPELL)) throw new Error(`${CODESPELL} is missing: apt-get install codespell`);
  const dev = techDevWords(root);
  let all = 0, excluded = 0, tooFar = 0;
  const pairs = [];
  for (const line of fs.readFileSync(CODESPELL, 'utf8').split('\n')) {
    const [wrong, right] = line.split('->');
    // A fix with an apostrophe ("doesnt" → "doesn't") is counted too: plant.py never plants one (it skips
    // them), so no dev pair can be among them.
    if (!right || right.includes(',') || !/^[a-z]+$/.test(wrong) || !/^[a-z]+('[a-z]+)?$/.test(right.trim())) continue;
    const meant = right.trim();
    all++;
    if (dev.words.has(meant) || dev.planted.has(`${wrong}->${meant}`) || leaveOut.has(meant)) { excluded++; continue; }
    if (!editOps(meant, wrong, maxEdits)) { tooFar++; continue; }
    pairs.push([meant, wrong]);
  }
  return { all, excluded, tooFar, pairs };
}
