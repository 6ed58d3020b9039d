import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calibrationRows, CALIBRATION_ROWS, EnergyFn, Golden, goldenDiff, verifyProvider, VerifyInput } from '../../../src/engine/verify';

// A fake model: energy of id x at position i is (x % 7) + i / 10. Rows framed [CLS]=2 … [SEP]=3.
const energyOf = (row: number[]) => Float32Array.from(row, (x, i) => (x % 7) + i / 10);
const golden: Golden = {
  rows: [[2, 11, 12, 13, 3], [2, 40, 41, 3]],
  energy: [[11 % 7 + 0.1, 12 % 7 + 0.2, 13 % 7 + 0.3], [40 % 7 + 0.1, 41 % 7 + 0.2]],
};
const calibration = calibrationRows(golden, 16, 8);

/** An energy function that takes `ms` of a fake clock per call and optionally perturbs its output. */
function fake(clock: { t: number }, ms: number, perturb = (_row: number, _i: number) => 0): EnergyFn {
  return async (rows) => {
    clock.t += ms;
    return rows.map((r, k) => energyOf(r).map((v, i) => v + perturb(k, i)));
  };
}

function input(gpu: EnergyFn, cpu: EnergyFn, clock: { t: number }, requireFaster = true): VerifyInput {
  return { provider: 'webgpu', gpu, cpu, golden: { rows: golden.rows, expected: golden.energy, tolerance: 0.05 }, calibration, requireFaster, now: () => clock.t };
}

test('calibration rows: maxLength ids each, framed, cut from the golden text', () => {
  assert.equal(calibrationRows(golden, 128).length, CALIBRATION_ROWS);
  for (const row of calibration) {
    assert.equal(row.length, 16);
    assert.equal(row[0], 2);
    assert.equal(row[15], 3);
    assert.ok(row.slice(1, -1).every((x) => [11, 12, 13, 40, 41].includes(x)));
  }
});

test('a GPU with the CPU\'s energies that is faster is kept, with its figures', async () => {
  const clock = { t: 0 };
  const v = await verifyProvider(input(fake(clock, 5), fake(clock, 50), clock));
  assert.equal(v.ok, true, v.reason);
  assert.ok(v.goldenMaxDiff! < 1e-6); // float32 rounding of the expected values
  assert.equal(v.gpuMs, 5);
  assert.equal(v.cpuMs, 50);
  assert.equal(v.tokens, 8 * 16);
  assert.match(v.reason, /^verified: golden max \|Δ\| .+, calibration mean \|Δ\| .+; 128 tokens in 5 ms on webgpu, 50 ms on the CPU$/);
});

test('a GPU whose golden energies differ is rejected, however fast', async () => {
  const clock = { t: 0 };
  const v = await verifyProvider(input(fake(clock, 1, (r, i) => (r === 1 && i === 2 ? 0.5 : 0)), fake(clock, 50), clock));
  assert.equal(v.ok, false);
  assert.ok(Math.abs(v.goldenMaxDiff! - 0.5) < 1e-6);
  assert.match(v.reason, /webgpu gives other energies than the CPU on golden\.json's rows: max \|Δ\| 0\.500 \(tolerance 0\.05\)/);
});

test('NaN energies are rejected, not compared as "not greater than the tolerance"', async () => {
  const clock = { t: 0 };
  const v = await verifyProvider(input(fake(clock, 1, () => NaN), fake(clock, 50), clock));
  assert.equal(v.ok, false);
  assert.match(v.reason, /other energies/);
});

test('a GPU that passes the golden rows but drifts on the calibration batch is rejected', async () => {
  const clock = { t: 0 };
  let calls = 0;
  // golden rows exact; every later call (the calibration batch) shifted by 0.2
  const drifting: EnergyFn = async (rows) => { calls++; clock.t += 1; return rows.map((r) => energyOf(r).map((v) => v + (calls > 1 ? 0.2 : 0))); };
  const v = await verifyProvider(input(drifting, fake(clock, 50), clock));
  assert.equal(v.ok, false);
  assert.match(v.reason, /differ from the CPU's on the calibration batch: mean \|Δ\| 0\.200/);
});

test('auto drops a GPU that is slower than the CPU; an explicit gpu keeps it', async () => {
  let clock = { t: 0 };
  const slow = await verifyProvider(input(fake(clock, 80), fake(clock, 50), clock));
  assert.equal(slow.ok, false);
  assert.match(slow.reason, /webgpu is not faster than the CPU: 128 tokens in 80 ms on webgpu, 50 ms on the CPU/);
  clock = { t: 0 };
  const forced = await verifyProvider(input(fake(clock, 80), fake(clock, 50), clock, false));
  assert.equal(forced.ok, true, forced.reason);
});

test('goldenDiff: a row of the wrong length is an infinite difference', () => {
  assert.equal(goldenDiff([Float32Array.of(0, 1, 2, 0)], [[1, 2]]), 0);
  assert.equal(goldenDiff([Float32Array.of(0, 1, 0)], [[1, 2]]), Infinity);
});
