// CPU time of one Electric pass under onnxruntime-node, for the model card and the size choice.
//   node training/ort_speed.js models/electric.onnx [batch] [seq] [threads]
'use strict';
process.env.ORT_DISABLE_TELEMETRY = '1';
const ort = require('onnxruntime-node');

async function main() {
  const [path, batch = '1', seq = '128', threads = '1'] = process.argv.slice(2);
  const [b, s] = [Number(batch), Number(seq)];
  const session = await ort.InferenceSession.create(path, {
    executionProviders: ['cpu'], intraOpNumThreads: Number(threads),
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  });
  const ids = new BigInt64Array(b * s).map((_, i) => BigInt(i % s === 0 ? 2 : 5 + ((i * 7919) % 16000)));
  const feeds = {
    input_ids: new ort.Tensor('int64', ids, [b, s]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(b * s).fill(1n), [b, s]),
  };
  for (let i = 0; i < 3; i++) await session.run(feeds);
  const runs = 20;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await session.run(feeds);
  const wall = Number(process.hrtime.bigint() - t0) / 1e6 / runs;
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ model: path, batch: b, seq: s, threads: Number(threads),
    wallMs: +wall.toFixed(2), cpuMs: +((cpu.user + cpu.system) / 1000 / runs).toFixed(2) }));
}

main().catch((err) => { console.error(err); process.exit(1); });
