// The range [min, max] of each float output of an ONNX graph over the real positions of some rows, run with
// onnxruntime-node: training/export.py's activation_ranges adds the tensors the integer matmuls read as outputs
// of the fp32 graph and calibrates the CPU graphs' fixed activation scales with these (quantize.py, static_matmul).
//   node training/onnx_ranges.js model.onnx rows.json > ranges.json
// rows.json: {"input_ids": [[...], ...], "attention_mask": [[...], ...]} (int64 [batch, seq]; run 16 rows at a
// time). A cloze graph's top-K switch, where it has one, is off. A value at a
// padded position is left out (the engine never reads one, and its range would only widen the scale).
// Output: {"<name>": [min, max], ...}.
'use strict';
process.env.ORT_DISABLE_TELEMETRY = '1';
const fs = require('fs');
const ort = require('onnxruntime-node');

const BATCH = 16;

async function main() {
  const [modelPath, rowsPath] = process.argv.slice(2);
  if (!modelPath || !rowsPath) throw new Error('usage: node onnx_ranges.js model.onnx rows.json');
  const { input_ids: ids, attention_mask: mask } = JSON.parse(fs.readFileSync(rowsPath, 'utf8'));
  if (!Array.isArray(ids) || !Array.isArray(mask) || ids.length !== mask.length || ids.length === 0) {
    throw new Error(`${rowsPath}: expected input_ids and attention_mask with the same rows`);
  }
  const session = await ort.InferenceSession.create(modelPath, {
    executionProviders: ['cpu'], graphOptimizationLevel: 'basic', intraOpNumThreads: 2,
  });
  const ranges = {};
  for (let b = 0; b < ids.length; b += BATCH) {
    const rows = ids.slice(b, b + BATCH), masks = mask.slice(b, b + BATCH);
    const seq = rows[0].length;
    const tensor = (a) => new ort.Tensor('int64', BigInt64Array.from(a.flat().map(BigInt)), [a.length, seq]);
    const feeds = { input_ids: tensor(rows), attention_mask: tensor(masks) };
    if (session.inputNames.includes('proposals')) feeds.proposals = new ort.Tensor('bool', [false], []);
    const real = masks.flat();
    for (const [name, t] of Object.entries(await session.run(feeds))) {
      if (t.type !== 'float32' || t.dims[0] !== rows.length || t.dims[1] !== seq) continue;
      const per = t.data.length / real.length;  // values per position
      const r = (ranges[name] ??= [Infinity, -Infinity]);
      for (let p = 0; p < real.length; p++) {
        if (!real[p]) continue;
        for (let j = p * per; j < (p + 1) * per; j++) {
          const v = t.data[j];
          if (v < r[0]) r[0] = v;
          if (v > r[1]) r[1] = v;
        }
      }
    }
  }
  process.stdout.write(JSON.stringify(ranges));
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
