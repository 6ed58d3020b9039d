// The GPU proof, through the engine's own path (out/src/engine, built by `npm run build`):
//   node bench/gpu-check/gpucheck.js            (run.sh runs it on the device; OUT=dir for the results)
// 1. createRunner with 'cpu', 'auto' and 'gpu': which provider each ends on, and why (providerDetail);
// 2. energies of golden.json's rows on the GPU against the CPU graph and the stored references;
// 3. rows/s of one big batch on each (the runner's own chunking: 32 rows a run on the CPU, 64 on a GPU);
// 4. a profile of the GPU provider's Electric session: which provider ran each kernel;
// 5. the full check() of bench/data/speed-10k.md (~10k words) on the GPU runner and on the CPU runner,
//    and whether both give the same findings;
// 6. rows/s of the GPU Electric graph alone at 32..2048 rows a run (is GPU_BATCHING's 512 the knee?);
// 7. the 10k-word check() under other batchings (rows and tokens a run) on the GPU, and on the CPU, with the
//    time spent in each graph;
// 8. when verification refuses the GPU provider: a diagnosis. Its pair is opened directly (openGraphs, no
//    verification) at each graph optimisation level: energies against the GPU graph on the CPU (golden and a
//    calibration batch: max, mean, share over the tolerance), speed, and the 10k-word findings against the
//    CPU's and the GPU graph's on the CPU;
// 9. GPU utilisation and memory per phase, from nvidia-smi sampling (OUT/smi.csv, started by run.sh).
// Writes OUT/result.json and OUT/gpu.md (the figures for bench/results/gpu.md). Runs on Node >= 16.
// DRY=1 (a machine without a GPU): 'webgpu' is opened on the CPU provider, so every step and the report run.
'use strict';
process.env.ORT_DISABLE_TELEMETRY = '1';
const fs = require('fs');
const os = require('os');
const path = require('path');
const REPO = path.resolve(__dirname, '../..');
const OUT = process.env.OUT || fs.mkdtempSync(path.join(os.tmpdir(), 'gpucheck-'));
fs.mkdirSync(OUT, { recursive: true });
const DRY = Boolean(process.env.DRY);
const DRY_MACHINE = { platform: 'linux', arch: 'x64', backends: [{ name: 'cpu', bundled: true }, { name: 'webgpu', bundled: true }], cudaLibrary: false };
const engine = (m) => require(path.join(REPO, 'out/src', m));
const { loadModel } = engine('engine/model.js');
const S = engine('engine/session.js');
const { readGolden } = engine('engine/verify.js');
const { check } = engine('engine/pipeline.js');
const { WordPiece } = engine('text/wordpiece.js');
const G = engine('engine/graphSession.js');
const V = engine('engine/verify.js');
const ort = S.loadOrt();
const ROWS = Number(process.env.ROWS || 1024);
const DOC = process.env.DOC || path.join(REPO, 'bench/data/speed-10k.md');
const result = { node: process.version, backends: ort.listSupportedBackends(), started: new Date().toISOString(), phases: [], runners: {} };
const say = (...a) => console.log(...a);
const now = () => performance.now();
const short = (err) => String((err && err.message) || err).split('\n')[0].slice(0, 500);

async function phase(name, fn) {
  const t0 = Date.now();
  try { return await fn(); } finally { result.phases.push({ name, t0, t1: Date.now() }); }
}

function speedRows(model, n) {
  // deterministic [CLS] ids… [SEP] rows of 16..maxLength ids (~72 on average), ordinary vocabulary
  const vocab = model.vocabText.split('\n').filter((l) => l !== '').length;
  let seed = 11;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed; };
  const { cls, sep } = model.meta.special;
  return Array.from({ length: n }, () => {
    const len = 16 + (next() % (model.meta.maxLength - 15));
    return [cls, ...Array.from({ length: len - 2 }, () => 5 + (next() % (vocab - 5))), sep];
  });
}

function diff(out, expected, offset) {
  let max = 0, sum = 0, n = 0;
  expected.forEach((row, i) => { for (let j = 0; j < row.length; j++) { const d = Math.abs(out[i][j + offset] - row[j]); max = Math.max(max, d); sum += d; n++; } });
  return { max: +max.toFixed(4), mean: +(sum / n).toFixed(5) };
}

/** best of `passes` over the whole batch, after one untimed warm-up (shader compilation, arena growth) */
async function rowsPerSecond(runner, rows, passes) {
  await runner.energies(rows.slice(0, 64));
  let best = Infinity;
  for (let p = 0; p < passes; p++) { const t = now(); await runner.energies(rows); best = Math.min(best, now() - t); }
  const tokens = rows.reduce((s, r) => s + r.length, 0);
  return { rows: rows.length, tokens, ms: Math.round(best), rowsPerS: Math.round(rows.length / (best / 1000)), tokensPerS: Math.round(tokens / (best / 1000)) };
}

/** ms of one run of the GPU Electric graph on `rows` rows of 128 ids, best of 3 after a warm-up, for each size */
async function batchSweep(model, rows, provider) {
  const file = path.join(model.dir, model.meta.gpu ? model.meta.gpu.electric : model.meta.electric.file);
  const s = await ort.InferenceSession.create(file, { executionProviders: [DRY ? 'cpu' : provider], graphOptimizationLevel: 'all', logSeverityLevel: 3 });
  const { inputs, output } = model.meta.electric;
  const out = [];
  for (const n of DRY ? [8, 32] : [32, 128, 512, 1024, 2048]) {
    const batch = Array.from({ length: n }, (_, i) => { const r = rows[i % rows.length]; return Array.from({ length: 128 }, (_, j) => r[j % r.length]); });
    const ids = new BigInt64Array(n * 128); batch.forEach((r, i) => r.forEach((v, j) => { ids[i * 128 + j] = BigInt(v); }));
    const feeds = { [inputs[0]]: new ort.Tensor('int64', ids, [n, 128]), [inputs[1]]: new ort.Tensor('int64', new BigInt64Array(n * 128).fill(1n), [n, 128]) };
    await s.run(feeds);
    let best = Infinity;
    for (let p = 0; p < 3; p++) { const t = now(); const o = await s.run(feeds); if (!o[output]) throw new Error(`no output ${output}`); best = Math.min(best, now() - t); }
    out.push({ rows: n, ms: +best.toFixed(1), rowsPerS: Math.round(n / (best / 1000)) });
  }
  await s.release();
  return out;
}

/** |a - b| over each row's real ids (positions 1..n-2 of [CLS] … [SEP] rows of both) */
function spread(a, b) {
  const d = [];
  a.forEach((row, i) => { for (let j = 1; j < row.length - 1; j++) d.push(Math.abs(row[j] - b[i][j])); });
  d.sort((x, y) => x - y);
  const q = (f) => +d[Math.min(d.length - 1, Math.floor(f * d.length))].toFixed(4);
  return { n: d.length, max: q(1), p99: q(0.99), p50: q(0.5), mean: +(d.reduce((s, x) => s + x, 0) / d.length).toFixed(5), over005: d.filter((x) => x > 0.05).length };
}

/** The refused provider opened without verification, at each optimisation level, against the GPU graph on the CPU. */
async function diagnose(model, provider, wp, text, cpu, cpuPass) {
  const golden = V.readGolden(model);
  const calib = V.calibrationRows(golden, model.meta.maxLength);
  const openAt = (level, p) => (file) => ort.InferenceSession.create(path.join(model.dir, file), {
    executionProviders: [DRY ? 'cpu' : p], graphOptimizationLevel: level, intraOpNumThreads: cpu.threads, interOpNumThreads: 1, logSeverityLevel: 3 });
  const ref = await G.openGraphs(ort, model, 'cpu', 'gpu', G.GPU_BATCHING, openAt('basic', 'cpu'));
  const refGold = await ref.energies(golden.rows);
  const refCalib = await ref.energies(calib);
  const out = { reference: "the GPU graph as written on the CPU provider (its 'basic' level)", levels: [] };
  out.refVsStored = V.goldenDiff(refGold, golden.gpuEnergy);
  out.refFullPass = await fullPass({ meta: model.meta, provider: 'cpu', preferredBatchRows: 512, energies: (b) => ref.energies(b), cloze: (b, w) => ref.cloze(b, w) }, wp, text);
  for (const level of ['all', 'extended', 'basic', 'disabled']) {
    const r = { level };
    try {
      const pair = await G.openGraphs(ort, model, provider, 'gpu', G.GPU_BATCHING, openAt(level, provider));
      r.golden = spread(await pair.energies(golden.rows), refGold);
      await pair.energies(calib);
      let t = now(); const c = await pair.energies(calib); r.calibMs = Math.round(now() - t);
      t = now(); await ref.energies(calib); r.refCalibMs = Math.round(now() - t);
      r.calibration = spread(c, refCalib);
      const runner = { meta: model.meta, provider, preferredBatchRows: 512, energies: (b) => pair.energies(b), cloze: (b, w) => pair.cloze(b, w) };
      const passes = [await fullPass(runner, wp, text), await fullPass(runner, wp, text)];
      r.fullPassMs = passes.map((p) => p.ms);
      const f = passes[1].findings;
      r.findings = { gpu: f.length, sameAsCpuInt8: f.filter((x) => cpuPass.findings.includes(x)).length, cpuInt8: cpuPass.findings.length,
        sameAsGpuGraphOnCpu: f.filter((x) => out.refFullPass.findings.includes(x)).length, gpuGraphOnCpu: out.refFullPass.findings.length,
        onlyGpu: f.filter((x) => !out.refFullPass.findings.includes(x)).slice(0, 10), onlyRef: out.refFullPass.findings.filter((x) => !f.includes(x)).slice(0, 10) };
      await pair.release();
    } catch (err) {
      r.error = short(err);
    }
    say(`diagnose ${provider} ${level}: ${JSON.stringify(r)}`);
    out.levels.push(r);
  }
  out.refFullPass = { ms: out.refFullPass.ms, findings: out.refFullPass.findings.length };
  await ref.release();
  return out;
}

/** A runner over `pair` that adds up the time and rows its check() spends in each graph */
function timedRunner(meta, provider, pair, maxRows) {
  const t = { electricMs: 0, electricCalls: 0, electricRows: 0, clozeMs: 0, clozeCalls: 0, clozeRows: 0 };
  const wrap = (kind, fn) => async (b, w) => {
    const t0 = now();
    try { return await fn(b, w); } finally { t[`${kind}Ms`] += now() - t0; t[`${kind}Calls`]++; t[`${kind}Rows`] += b.length; }
  };
  return { t, runner: { meta, provider, preferredBatchRows: maxRows, energies: wrap('electric', (b) => pair.energies(b)), cloze: wrap('cloze', (b, w) => pair.cloze(b, w)) } };
}

/** The 10k-word check() on the GPU under other batchings (rows and tokens a run), and on the CPU, with the time in each graph */
async function batchingTrial(model, provider, wp, text, cpuThreads) {
  const open = (p) => (file) => ort.InferenceSession.create(path.join(model.dir, file), {
    executionProviders: [DRY ? 'cpu' : p], graphOptimizationLevel: 'all', intraOpNumThreads: cpuThreads, interOpNumThreads: 1, logSeverityLevel: 3 });
  const trials = [];
  const configs = [['cpu', 'int8', G.CPU_BATCHING], [provider, 'gpu', G.GPU_BATCHING],
    [provider, 'gpu', { maxRows: 128, maxTokens: 16384, clozeMaxTokens: 4096 }], [provider, 'gpu', { maxRows: 128, maxTokens: 16384, clozeMaxTokens: 1024 }],
    [provider, 'gpu', { maxRows: 512, maxTokens: 65536, clozeMaxTokens: 4096 }], [provider, 'gpu', { maxRows: 32, maxTokens: 4096, clozeMaxTokens: 1024 }]];
  for (const [p, graph, batching] of configs) {
    const r = { provider: p, graph, batching };
    try {
      const pair = await G.openGraphs(ort, model, p, graph, batching, open(p));
      const passes = [];
      for (let i = 0; i < 2; i++) {
        const { t, runner } = timedRunner(model.meta, p, pair, batching.maxRows);
        const f = await fullPass(runner, wp, text);
        passes.push({ ms: f.ms, findings: f.findings.length, electricMs: Math.round(t.electricMs), electricCalls: t.electricCalls, electricRows: t.electricRows,
          clozeMs: Math.round(t.clozeMs), clozeCalls: t.clozeCalls, clozeRows: t.clozeRows });
      }
      r.passes = passes;
      await pair.release();
    } catch (err) {
      r.error = short(err);
    }
    say(`batching ${JSON.stringify(r)}`);
    trials.push(r);
  }
  return trials;
}

/** A fresh runner object each time: the pipeline caches energies per runner object, and a pass must be cold. */
const uncached = (r) => ({ meta: r.meta, provider: r.provider, preferredBatchRows: r.preferredBatchRows, energies: (b) => r.energies(b), cloze: (b, w) => r.cloze(b, w) });

async function fullPass(runner, wp, text) {
  const t = now();
  const res = await check(text, 'markdown', { sensitivity: 0.5 }, uncached(runner), wp);
  return { ms: Math.round(now() - t), words: res.words.length, findings: res.findings.map((f) => `${f.start}:${f.word}>${f.suggestions[0] ? f.suggestions[0].text : ''}`) };
}

function placement(file) {
  const by = {};
  for (const e of JSON.parse(fs.readFileSync(file, 'utf8'))) {
    if (e.cat !== 'Node' || !String(e.name).endsWith('_kernel_time')) continue;
    const p = (by[e.args.provider] = by[e.args.provider] || { kernels: 0, us: 0, ops: {} });
    p.kernels++; p.us += e.dur; p.ops[e.args.op_name] = (p.ops[e.args.op_name] || 0) + 1;
  }
  for (const p of Object.values(by)) p.ops = Object.entries(p.ops).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}×${v}`).join(' ');
  return by;
}

async function main() {
  const model = await loadModel(path.join(REPO, 'models'));
  const wp = WordPiece.fromVocab(model.vocabText, model.meta.cased);
  const golden = readGolden(model);
  const rows = speedRows(model, ROWS);
  const text = fs.readFileSync(DOC, 'utf8');
  say(`node ${process.version}; backends ${JSON.stringify(result.backends)}; plan ${JSON.stringify(S.machinePlan(model))}`);

  const cpu = await S.createRunner(model, { provider: 'cpu' });
  const cpuGold = await cpu.energies(golden.rows);
  result.runners.cpu = { provider: cpu.provider, threads: cpu.threads, vsFp32: diff(cpuGold, golden.energy, 1) };

  const logs = [];
  const auto = await phase('auto: load + verification', () => S.createRunner(model, { provider: 'auto', log: (l, m) => logs.push(`${l}: ${m}`), ...dry() }))
    .catch((err) => ({ error: short(err) }));
  result.runners.auto = auto.error ? auto : { provider: auto.provider, detail: auto.providerDetail, logs };
  say(`auto: ${JSON.stringify(result.runners.auto)}`);
  if (!auto.error) await auto.dispose();

  // explicit gpu, with the Electric session profiled (openSession is createRunner's own seam)
  const profiled = [];
  const open = (file, provider) => ort.InferenceSession.create(path.join(model.dir, file), {
    executionProviders: [DRY ? 'cpu' : provider], graphOptimizationLevel: DRY && provider !== 'cpu' ? 'basic' : 'all', intraOpNumThreads: cpu.threads, interOpNumThreads: 1, logSeverityLevel: 3,
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
    ...(provider !== 'cpu' && model.meta.gpu && [model.meta.gpu.electric, model.meta.gpu.cloze].includes(file)
      ? { enableProfiling: true, profileFilePrefix: path.join(OUT, `profile-${file === model.meta.gpu.electric ? 'electric' : 'cloze'}-${provider}`) } : {}),
  }).then((s) => { if (provider !== 'cpu') profiled.push(s); return s; });
  let gpu;
  try {
    gpu = await phase('gpu: load + verification', () => S.createRunner(model, { provider: 'gpu', ...dry(), openSession: open }));
  } catch (err) {
    result.runners.gpu = { error: short(err) };
  }
  if (gpu) {
    const g = await gpu.energies(golden.rows);
    result.runners.gpu = {
      provider: gpu.provider, detail: gpu.providerDetail, preferredBatchRows: gpu.preferredBatchRows,
      vsCpuGraph: diff(g, cpuGold.map((r) => Array.from(r)), 0), vsFp32: diff(g, golden.energy, 1),
      vsGpuGraphOnCpu: golden.gpuEnergy ? diff(g, golden.gpuEnergy, 1) : null,
    };
    try {
      await gpu.cloze(golden.rows); // the cloze graph's kernels into its profile too
      for (const s of profiled) s.endProfiling();
      result.runners.gpu.placement = {};
      for (const graph of ['electric', 'cloze']) {
        const files = fs.readdirSync(OUT).filter((f) => f.startsWith(`profile-${graph}-`)).map((f) => path.join(OUT, f));
        if (files.length) result.runners.gpu.placement[graph] = placement(files.sort().pop());
      }
    } catch (err) {
      result.runners.gpu.placement = { error: short(err) };
    }
    result.runners.gpu.speed = await phase('gpu: rows/s', () => rowsPerSecond(gpu, rows, 3));
    result.runners.gpu.sweep = await phase('gpu: batch sweep', () => batchSweep(model, rows, gpu.provider)).catch((err) => ({ error: short(err) }));
    result.runners.gpu.fullPass = await phase('gpu: 10k-word full pass', async () => [await fullPass(gpu, wp, text), await fullPass(gpu, wp, text)]);
  }
  say(`gpu: ${JSON.stringify(result.runners.gpu, (k, v) => (k === 'findings' ? v.length : v))}`);
  result.runners.cpu.speed = await phase('cpu: rows/s', () => rowsPerSecond(cpu, rows, 1));
  result.runners.cpu.fullPass = await phase('cpu: 10k-word full pass', async () => [await fullPass(cpu, wp, text)]);
  say(`cpu: ${JSON.stringify(result.runners.cpu, (k, v) => (k === 'findings' ? v.length : v))}`);
  if ((!gpu || process.env.DIAGNOSE) && (DRY || S.machinePlan(model).candidates.length)) {
    const provider = DRY ? 'webgpu' : S.machinePlan(model).candidates[0].provider;
    result.diagnosis = await phase(`diagnosis: ${provider} unverified`, () => diagnose(model, provider, wp, text, cpu, result.runners.cpu.fullPass[0]))
      .catch((err) => ({ error: short(err) }));
  }
  if (gpu) result.batching = await phase('batching trial', () => batchingTrial(model, gpu.provider, wp, text, cpu.threads)).catch((err) => ({ error: short(err) }));
  if (gpu) {
    const a = result.runners.gpu.fullPass[0].findings, b = result.runners.cpu.fullPass[0].findings;
    result.sameFindings = { gpu: a.length, cpu: b.length, both: a.filter((f) => b.includes(f)).length };
    await gpu.dispose();
  }
  await cpu.dispose();
  utilisation();
  fs.writeFileSync(path.join(OUT, 'result.json'), JSON.stringify(result, null, 1));
  fs.writeFileSync(path.join(OUT, 'gpu.md'), report());
  say(`\n${report()}`);
}

function dry() {
  if (!DRY) return {};
  // the GPU graph as written ('basic'), as WebGPU computes it; at 'all' the CPU fuses it into MatMulNBits with int8 activations
  const open = (file, provider) => ort.InferenceSession.create(path.join(REPO, 'models', file),
    { executionProviders: ['cpu'], graphOptimizationLevel: provider === 'cpu' ? 'all' : 'basic' });
  return { machine: DRY_MACHINE, openSession: open };
}

function utilisation() {
  const smi = path.join(OUT, 'smi.csv');
  if (!fs.existsSync(smi)) return;
  const samples = fs.readFileSync(smi, 'utf8').split('\n').map((l) => l.split(',').map((s) => s.trim()))
    .filter((c) => /^\d{4}\/\d\d\/\d\d/.test(c[0] || '')).map(([ts, util, mem]) => {
      const [d, t] = ts.split(' '); const [y, mo, da] = d.split('/').map(Number); const [h, mi, s] = t.split(':');
      return { t: new Date(y, mo - 1, da, +h, +mi, Math.floor(+s), Math.round((+s % 1) * 1000)).getTime(), util: parseFloat(util), mem: parseFloat(mem) };
    });
  for (const p of result.phases) {
    const inside = samples.filter((s) => s.t >= p.t0 && s.t <= p.t1);
    p.samples = inside.length;
    p.gpuUtilMax = inside.length ? Math.max(...inside.map((s) => s.util)) : null;
    p.gpuUtilMean = inside.length ? Math.round(inside.reduce((s, x) => s + x.util, 0) / inside.length) : null;
    p.gpuMemMaxMiB = inside.length ? Math.max(...inside.map((s) => s.mem)) : null;
  }
}

function report() {
  const { cpu, gpu, auto } = result.runners;
  const lines = [`# GPU check (${result.started}, node ${result.node})`, '',
    `- backends in the binary: ${result.backends.map((b) => `${b.name}${b.bundled ? '' : ' (bridge only)'}`).join(', ')}`,
    `- auto: ${auto.error ? `error: ${auto.error}` : `${auto.provider} — ${auto.detail}`}`,
    `- gpu: ${gpu.error ? `error: ${gpu.error}` : `${gpu.provider} — ${gpu.detail}`}`];
  if (!gpu.error) {
    lines.push(`- energies on golden.json: GPU vs CPU int8 graph max ${gpu.vsCpuGraph.max} (mean ${gpu.vsCpuGraph.mean}); vs fp32 PyTorch max ${gpu.vsFp32.max}; vs the GPU graph on the CPU max ${gpu.vsGpuGraphOnCpu && gpu.vsGpuGraphOnCpu.max}`);
    lines.push('', '| graph: kernels ran on | count | time µs | ops |', '|---|---:|---:|---|');
    for (const [graph, by] of Object.entries(gpu.placement || {})) {
      for (const [p, x] of Object.entries(by)) lines.push(`| ${graph}: ${p} | ${x.kernels} | ${x.us} | ${x.ops} |`);
    }
    lines.push('', '| | CPU (' + cpu.threads + ' threads) | GPU (' + gpu.provider + ') |', '|---|---:|---:|',
      `| ${cpu.speed.rows} rows, ${cpu.speed.tokens} tokens: ms | ${cpu.speed.ms} | ${gpu.speed.ms} |`,
      `| rows/s | ${cpu.speed.rowsPerS} | ${gpu.speed.rowsPerS} |`,
      `| 10k-word document, full check() ms (cold; GPU: 1st, 2nd) | ${cpu.fullPass[0].ms} | ${gpu.fullPass.map((p) => p.ms).join(', ')} |`,
      `| findings | ${cpu.fullPass[0].findings.length} | ${gpu.fullPass[0].findings.length} (${result.sameFindings.both} the same) |`);
    if (gpu.sweep && !gpu.sweep.error) {
      lines.push('', '| rows of 128 a run (GPU Electric graph alone) | ' + gpu.sweep.map((x) => x.rows).join(' | ') + ' |', '|---|' + gpu.sweep.map(() => '---:').join('|') + '|',
        '| ms a run | ' + gpu.sweep.map((x) => x.ms).join(' | ') + ' |', '| rows/s | ' + gpu.sweep.map((x) => x.rowsPerS).join(' | ') + ' |');
    } else if (gpu.sweep) lines.push('', `- batch sweep: error: ${gpu.sweep.error}`);
  } else {
    lines.push(`- CPU: ${cpu.speed.rowsPerS} rows/s; 10k-word full pass ${cpu.fullPass[0].ms} ms`);
  }
  if (result.batching && result.batching.error) lines.push('', `- batching trial: error: ${result.batching.error}`);
  else if (result.batching) {
    lines.push('', 'The 10k-word check() by batching (cold pass, then warm; the warm pass split by graph: ms, calls, rows):', '',
      '| provider | rows / tokens / cloze tokens a run | check ms cold, warm | findings | Electric ms, calls, rows | cloze ms, calls, rows |', '|---|---|---:|---:|---|---|');
    for (const r of result.batching) {
      const b = r.batching;
      if (r.error) { lines.push(`| ${r.provider} | ${b.maxRows} / ${b.maxTokens} / ${b.clozeMaxTokens} | error: ${r.error} | | | |`); continue; }
      const w = r.passes[1];
      lines.push(`| ${r.provider} | ${b.maxRows} / ${b.maxTokens} / ${b.clozeMaxTokens} | ${r.passes[0].ms}, ${w.ms} | ${w.findings} | ${w.electricMs}, ${w.electricCalls}, ${w.electricRows} | ${w.clozeMs}, ${w.clozeCalls}, ${w.clozeRows} |`);
    }
  }
  const dg = result.diagnosis;
  if (dg && dg.error) lines.push('', `- diagnosis: error: ${dg.error}`);
  else if (dg) {
    lines.push('', `Diagnosis (the refused provider opened without verification; against ${dg.reference}, which matches golden.json's stored GPU energies to ${dg.refVsStored}; its 10k-word pass: ${dg.refFullPass.findings} findings in ${dg.refFullPass.ms} ms):`, '',
      '| optimisation | golden max / p99 / mean, > 0.05 | calibration max / p99 / mean | calibration ms (CPU) | 10k-word ms (1st, 2nd) | findings: same as GPU graph on CPU / CPU int8 |', '|---|---|---|---:|---:|---|');
    for (const r of dg.levels) {
      if (r.error) { lines.push(`| ${r.level} | error: ${r.error} | | | | |`); continue; }
      lines.push(`| ${r.level} | ${r.golden.max} / ${r.golden.p99} / ${r.golden.mean}, ${r.golden.over005} of ${r.golden.n} | ${r.calibration.max} / ${r.calibration.p99} / ${r.calibration.mean} | ${r.calibMs} (${r.refCalibMs}) | ${r.fullPassMs.join(', ')} | ${r.findings.gpu}: ${r.findings.sameAsGpuGraphOnCpu} of ${r.findings.gpuGraphOnCpu} / ${r.findings.sameAsCpuInt8} of ${r.findings.cpuInt8} |`);
    }
  }
  lines.push('', '| phase | s | GPU util max / mean % | GPU memory MiB |', '|---|---:|---:|---:|');
  for (const p of result.phases) lines.push(`| ${p.name} | ${((p.t1 - p.t0) / 1000).toFixed(1)} | ${p.gpuUtilMax ?? '–'} / ${p.gpuUtilMean ?? '–'} | ${p.gpuMemMaxMiB ?? '–'} |`);
  return lines.join('\n') + '\n';
}

main().catch((err) => { console.error(err); process.exit(1); });
