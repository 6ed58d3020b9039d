// The engine client under load and faults, and the region parsers on adversarial text, in this process.
import { createRequire } from 'node:module';
import path from 'node:path';
import { MODEL, REPO, row, rows } from './harness.mjs';
import { memoryRow } from './memory-row.mjs';

const require = createRequire(import.meta.url);
const { EngineClient, EngineCrashedError } = require(path.join(REPO, 'out', 'src', 'engine', 'client.js'));
const OPTS = { sensitivity: 0.5 };
const rssMb = () => process.memoryUsage().rss / 2 ** 20;

function newClient() {
  return new EngineClient({ modelDir: MODEL, provider: 'cpu', threads: 1, log: () => undefined });
}

/** Patterns that make naive parsers quadratic or backtrack: [label, language, text of about n characters]. */
const PATTERNS = [
  ['repeated list markers', 'markdown', (n) => '- '.repeat(n / 2) + 'text'],
  ['table separator, long space run', 'markdown', (n) => `a|b\n-${' '.repeat(n)}x`],
  ['open brackets', 'markdown', (n) => '['.repeat(n)],
  ['bracket pairs', 'markdown', (n) => '[](('.repeat(n / 4)],
  ['backticks', 'markdown', (n) => '`'.repeat(n)],
  ['backtick runs', 'markdown', (n) => '`` ` '.repeat(n / 5)],
  ['dollars', 'markdown', (n) => '$ '.repeat(n / 2)],
  ['HTML comment openers', 'markdown', (n) => '<!--'.repeat(n / 4)],
  ['emphasis openers', 'markdown', (n) => '*_ '.repeat(n / 3)],
  ['\\begin{ openers', 'latex', (n) => '\\begin{'.repeat(n / 7)],
  ['LaTeX dollars', 'latex', (n) => '$'.repeat(n)],
  ['block comment openers', 'typescript', (n) => '/*'.repeat(n / 2)],
  ['string openers', 'typescript', (n) => '"'.repeat(n)],
  ['template literals', 'typescript', (n) => '`${'.repeat(n / 3)],
  ['triple quotes', 'python', (n) => '"""'.repeat(n / 3)],
  ['hash comments', 'shellscript', (n) => '#\n'.repeat(n / 2)],
];

export async function engineRows() {
  let client = newClient();
  await client.info();

  // Every pattern at 10k and 100k characters, with (next to) no words in them, so the time is the parser's. A request that outlives its deadline is a parser that does
  // not scale; the worker is then replaced so the next row starts clean.
  for (const [label, language, make] of PATTERNS) {
    for (const n of [10_000, 100_000]) {
      const text = make(n);
      const timeoutMs = n === 10_000 ? 10_000 : 20_000;
      await row(`parser: ${label} ×${n / 1000}k (${language})`, { timeoutMs }, async () => {
        const r = await client.check(text, language, OPTS);
        return { outcome: `${r.words.length} words scored`, mb: rssMb() };
      });
      if (rows.at(-1).why === 'hung') {
        client.dispose();
        client = newClient();
        await client.info();
      }
    }
  }

  await row('200 concurrent checks, half cancelled', { timeoutMs: 120_000 }, async () => {
    const jobs = Array.from({ length: 200 }, (_, i) => {
      const ac = new AbortController();
      const p = client.check(`Request ${i}: we recieved the report and they was late.`, 'plaintext', OPTS, ac.signal);
      if (i % 2) setTimeout(() => ac.abort(), i % 7);
      return p.then((r) => (r.words.length > 0 ? 'done' : 'empty'), (e) => (e.name === 'CancelledError' ? 'cancelled' : `error: ${e.message}`));
    });
    const out = await Promise.all(jobs);
    const count = (k) => out.filter((o) => o === k).length;
    const even = out.filter((o, i) => i % 2 === 0 && o !== 'done').length;
    const odd = out.filter((o, i) => i % 2 === 1 && !['done', 'cancelled'].includes(o)).length;
    const after = await client.check('Still answering after the storm.', 'plaintext', OPTS);
    const fail = even || odd || after.words.length === 0 ? `${even} uncancelled not done, ${odd} cancelled neither done nor cancelled` : undefined;
    return { outcome: `${count('done')} done, ${count('cancelled')} cancelled, 0 lost; the next check answers`, mb: rssMb(), fail };
  });

  await row('worker killed with 20 requests pending', { timeoutMs: 60_000 }, async () => {
    const pending = Array.from({ length: 20 }, (_, i) => client.check(`Pending ${i}: ${'a sentence that takes time. '.repeat(40)}`, 'plaintext', OPTS)
      .then(() => 'done', (e) => (e instanceof EngineCrashedError ? 'crashed' : `error: ${e.message}`)));
    await new Promise((r) => setTimeout(r, 50));
    await client.terminateWorker();
    const out = await Promise.all(pending);
    const bad = out.filter((o) => o !== 'done' && o !== 'crashed');
    const next = await client.check('After the restart.', 'plaintext', OPTS);
    return { outcome: `${out.filter((o) => o === 'crashed').length} rejected as crashed, ${out.filter((o) => o === 'done').length} done before; restarted and answering`,
      mb: rssMb(), fail: bad.length || next.words.length === 0 ? `${bad.length} settled otherwise: ${bad[0]}` : undefined };
  });

  client.dispose();
  await memoryRow(1);
  await memoryRow(2);
}

