import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { Backend, cudaLibraryPresent, providerPlan, vulkanLoaderPresent } from '../../../src/engine/providers';

// onnxruntime-node 1.30's listSupportedBackends() per platform (read from its binaries)
const LINUX_X64: Backend[] = [{ name: 'cpu', bundled: true }, { name: 'webgpu', bundled: true }, { name: 'cuda', bundled: false }, { name: 'tensorrt', bundled: false }];
const WIN32: Backend[] = [{ name: 'cpu', bundled: true }, { name: 'dml', bundled: true }, { name: 'webgpu', bundled: true }];
const DARWIN: Backend[] = [{ name: 'cpu', bundled: true }, { name: 'coreml', bundled: true }, { name: 'webgpu', bundled: true }];
const CPU_ONLY: Backend[] = [{ name: 'cpu', bundled: true }];

const plan = (platform: NodeJS.Platform, arch: string, backends: Backend[], extra: { cudaLibrary?: boolean; gpuGraphs?: boolean; vulkanLoader?: boolean } = {}) =>
  providerPlan({ platform, arch, backends, cudaLibrary: extra.cudaLibrary ?? false, gpuGraphs: extra.gpuGraphs ?? true, vulkanLoader: extra.vulkanLoader });
const names = (p: ReturnType<typeof plan>) => p.candidates.map((c) => `${c.provider}:${c.graph}`);

test('Windows: DirectML on the int8 graphs, then WebGPU on the GPU graphs', () => {
  const p = plan('win32', 'x64', WIN32);
  assert.deepEqual(names(p), ['dml:int8', 'webgpu:gpu']);
  assert.deepEqual(p.skipped, []);
  assert.deepEqual(names(plan('win32', 'arm64', WIN32)), ['dml:int8', 'webgpu:gpu']);
});

test('Linux x64: WebGPU; CUDA only when its provider library is beside libonnxruntime', () => {
  const without = plan('linux', 'x64', LINUX_X64);
  assert.deepEqual(names(without), ['webgpu:gpu']);
  assert.equal(without.skipped.length, 1);
  assert.match(without.skipped[0], /^cuda: libonnxruntime_providers_cuda\.so is not beside libonnxruntime/);
  assert.deepEqual(names(plan('linux', 'x64', LINUX_X64, { cudaLibrary: true })), ['webgpu:gpu', 'cuda:gpu']);
});

test('Linux without the Vulkan loader: WebGPU is skipped with the package to install, before Dawn prints to stderr', () => {
  const p = plan('linux', 'x64', LINUX_X64, { vulkanLoader: false, cudaLibrary: true });
  assert.deepEqual(names(p), ['cuda:gpu']);
  assert.deepEqual(p.skipped, ['webgpu: the Vulkan loader libvulkan.so.1 is not installed (Debian/Ubuntu: libvulkan1)']);
  assert.deepEqual(names(plan('linux', 'x64', LINUX_X64, { vulkanLoader: true })), ['webgpu:gpu']);
  // the loader question is Linux's only
  assert.deepEqual(names(plan('win32', 'x64', WIN32, { vulkanLoader: false })), ['dml:int8', 'webgpu:gpu']);
});

test('macOS arm64: WebGPU (Metal), never CoreML; Intel Macs and linux-arm64 have no GPU provider', () => {
  assert.deepEqual(names(plan('darwin', 'arm64', DARWIN)), ['webgpu:gpu']);
  for (const [platform, arch] of [['linux', 'arm64'], ['darwin', 'x64']] as const) {
    const p = plan(platform, arch, CPU_ONLY);
    assert.deepEqual(p.candidates, []);
    assert.deepEqual(p.skipped, [`onnxruntime-node has no GPU execution provider for ${platform}-${arch}`]);
  }
});

test('a provider the binary lacks is skipped with the binary\'s list as the reason', () => {
  const p = plan('win32', 'x64', [{ name: 'cpu', bundled: true }, { name: 'webgpu', bundled: true }]);
  assert.deepEqual(names(p), ['webgpu:gpu']);
  assert.deepEqual(p.skipped, ['dml: not in this onnxruntime-node binary (it has cpu, webgpu)']);
});

test('without GPU graphs only DirectML (which runs the int8 graphs) remains', () => {
  const win = plan('win32', 'x64', WIN32, { gpuGraphs: false });
  assert.deepEqual(names(win), ['dml:int8']);
  assert.match(win.skipped[0], /^webgpu: the model has no GPU graphs \(meta\.json has no "gpu" entry\)/);
  assert.deepEqual(names(plan('linux', 'x64', LINUX_X64, { gpuGraphs: false, cudaLibrary: true })), []);
});

test('cudaLibraryPresent and vulkanLoaderPresent look for their library in the given folders', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ort-bin-'));
  try {
    assert.equal(cudaLibraryPresent(dir), false);
    writeFileSync(path.join(dir, 'libonnxruntime_providers_cuda.so'), '');
    assert.equal(cudaLibraryPresent(dir), true);
    assert.equal(vulkanLoaderPresent(['/nonexistent', dir]), false);
    writeFileSync(path.join(dir, 'libvulkan.so.1'), '');
    assert.equal(vulkanLoaderPresent(['/nonexistent', dir]), true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
