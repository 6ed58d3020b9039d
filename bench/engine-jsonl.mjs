// The calibration sweep's runner: one EngineClient (out/src/engine/client.js, CPU provider) checks every
// item of a JSONL set once per setting, in checkMany batches as `electric-check --jsonl` does, and writes
// the peers' form. One
// client per set serves all its settings, so its window-energy cache makes every setting after the first
// cheap, and raw thresholds (CheckOptions.thresholds) can be set without a CLI flag for each.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO } from './common.mjs';

// Items per checkMany request and requests in flight, as src/cli/run.ts runJsonl sends them.
const BATCH = 32;
const IN_FLIGHT = 2;

/** An in-process client of the built engine; leaveOutMisspellings: misspellings its known list is read without. */
export function engineClient(modelDir, leaveOutMisspellings) {
  const file = path.join(REPO, 'out', 'src', 'engine', 'client.js');
  if (!fs.existsSync(file)) throw new Error(`${file} missing: run \`npm run build\` first`);
  const { EngineClient } = createRequire(import.meta.url)(file);
  return new EngineClient({ modelDir, provider: 'cpu', leaveOutMisspellings,
    log: (level, msg) => { if (level === 'error' || level === 'warn') process.stderr.write(`engine: ${msg}\n`); } });
}

/**
 * Checks every {"id","text"} of inputFile with options; writes {"id","peer":"electric","flags"} lines, each flag
 * with the probabilities electric-check --jsonl writes (p, suggestionP) and its kind.
 */
export async function checkJsonl(client, inputFile, outFile, options) {
  const items = fs.readFileSync(inputFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const t0 = performance.now();
  const lines = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const first = next;
      next = Math.min(items.length, next + BATCH);
      const batch = items.slice(first, next);
      const results = await client.checkMany(batch.map(({ text }) => ({ text, languageId: 'markdown' })), { maxSuggestions: 5, ...options });
      results.forEach((r, k) => {
        const flags = r.findings.map((f) => ({ start: f.start, end: f.end, p: f.score, suggestions: f.suggestions.map((s) => s.text),
          suggestionP: f.suggestions.map((s) => s.p), kind: f.kind }));
        lines[first + k] = JSON.stringify({ id: batch[k].id, peer: 'electric', flags });
      });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  fs.writeFileSync(outFile, lines.join('\n') + '\n');
  return { file: outFile, seconds: (performance.now() - t0) / 1000 };
}
