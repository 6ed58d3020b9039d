// Runs an ONNX model with onnxruntime-node (the runtime the extension ships) on inputs from a JSON
// file and prints its outputs as JSON, so training/export.py can compare them with PyTorch.
//   node training/onnx_parity.js model.onnx inputs.json [level] > outputs.json
// level: onnxruntime's graph optimisation level, 'all' by default (as the engine opens its graphs); 'basic'
// runs the graph as written: at 'all' the CPU provider fuses DequantizeLinear -> MatMul into MatMulNBits,
// which quantises activations to int8 (export.py: the GPU graph's reference energies are the graph as written).
// inputs.json: {"input_ids": [[...], ...], "attention_mask": [[...], ...]} (int64 [batch, seq]). A cloze graph's
// top-K switch (quantize.py, proposal_switch) is fed true, its outputs then the graph's as it was, unless
// inputs.json sets "proposals" (a boolean); its positions input (quantize.py, row_positions) is fed every position
// of every row, its outputs then the graph's as it was, unless inputs.json sets "positions" (int64 [batch, scored]).
// Output: {"<name>": {"dims": [...], "data": [...]}, ...}.
'use strict';
process.env.ORT_DISABLE_TELEMETRY = '1';
const fs = require('fs');
const ort = require('onnxruntime-node');

async function main() {
  const [modelPath, inputsPath, level = 'all'] = process.argv.slice(2);
  if (!modelPath || !inputsPath) throw new Error('usage: node onnx_parity.js model.onnx inputs.json [all|extended|basic|disabled]');
  const inputs = JSON.parse(fs.readFileSync(inputsPath, 'utf8'));
  const feeds = {};
  for (const [name, rows] of Object.entries(inputs)) {
    if (typeof rows === 'boolean') { feeds[name] = new ort.Tensor('bool', [rows], []); continue; }
    const data = BigInt64Array.from(rows.flat().map(BigInt));
    feeds[name] = new ort.Tensor('int64', data, [rows.length, rows[0].length]);
  }
  const session = await ort.InferenceSession.create(modelPath, {
    executionProviders: ['cpu'], graphOptimizationLevel: level, intraOpNumThreads: 1, extra: { session: { intra_op: { allow_spinning: '0' } } },
  });
  if (session.inputNames.includes('proposals') && !('proposals' in feeds)) feeds.proposals = new ort.Tensor('bool', [true], []);
  if (session.inputNames.includes('positions') && !('positions' in feeds)) {
    const [batch, seq] = feeds.input_ids.dims;
    feeds.positions = new ort.Tensor('int64', BigInt64Array.from({ length: batch * seq }, (_, i) => BigInt(i % seq)), [batch, seq]);
  }
  const t0 = process.hrtime.bigint();
  const results = await session.run(feeds);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const out = { _ms: ms };
  for (const [name, t] of Object.entries(results)) {
    out[name] = { dims: t.dims, data: Array.from(t.data, (v) => (typeof v === 'bigint' ? Number(v) : v)) };
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
