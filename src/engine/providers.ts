// Which GPU execution providers to try, in which order, each with the graph it can run. Pure apart from
// cudaLibraryPresent(): the unit tests stub the platform and the binary's backend list.
//
// Why each provider gets its own graph: the int8 CPU graphs multiply integers (QuantizeLinear ->
// MatMulIntegerToFloat), which only DirectML (and the CPU) have kernels for. WebGPU and
// CUDA would run those nodes on the CPU and copy every MatMul's tensors back and forth, so they get the
// weights-only graphs (meta.json "gpu": DequantizeLinear -> MatMul, fp32 activations). CoreML has no
// builder for either form, and with no Mac to measure a float graph on, macOS uses WebGPU (Metal).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export type GraphKind = 'int8' | 'gpu';
export interface ProviderCandidate { provider: string; graph: GraphKind }
/** onnxruntime-node's listSupportedBackends(): bundled false = only a bridge to libraries it downloads. */
export interface Backend { name: string; bundled: boolean }
export interface PlanInput {
  platform: NodeJS.Platform;
  arch: string;
  backends: readonly Backend[];
  /** libonnxruntime_providers_cuda.so beside libonnxruntime (cudaLibraryPresent) */
  cudaLibrary: boolean;
  /** meta.json lists GPU graphs (the linux-arm64 VSIX drops them) */
  gpuGraphs: boolean;
  /** Linux: libvulkan.so.1 where the dynamic loader looks (vulkanLoaderPresent); WebGPU runs on Vulkan there */
  vulkanLoader?: boolean;
}
export interface ProviderPlan { candidates: ProviderCandidate[]; skipped: string[] }

const NAMES: Record<string, string> = { cpu: 'CPU', dml: 'DirectML', webgpu: 'WebGPU', cuda: 'CUDA', coreml: 'CoreML' };

/** 'webgpu' -> 'WebGPU': how the status bar and the log name a provider. */
export function providerName(provider: string): string {
  return NAMES[provider] ?? provider;
}

/** The GPU providers worth trying on a platform, best first, before the binary or the files are asked. */
export function platformOrder(platform: NodeJS.Platform, arch: string): ProviderCandidate[] {
  if (platform === 'win32') return [{ provider: 'dml', graph: 'int8' }, { provider: 'webgpu', graph: 'gpu' }];
  if (platform === 'linux' && arch === 'x64') return [{ provider: 'webgpu', graph: 'gpu' }, { provider: 'cuda', graph: 'gpu' }];
  if (platform === 'darwin' && arch === 'arm64') return [{ provider: 'webgpu', graph: 'gpu' }];
  return [];
}

export function providerPlan(input: PlanInput): ProviderPlan {
  const order = platformOrder(input.platform, input.arch);
  const skipped: string[] = [];
  if (order.length === 0) {
    return { candidates: [], skipped: [`onnxruntime-node has no GPU execution provider for ${input.platform}-${input.arch}`] };
  }
  const candidates = order.filter(({ provider, graph }) => {
    const backend = input.backends.find((b) => b.name === provider);
    if (!backend) {
      skipped.push(`${provider}: not in this onnxruntime-node binary (it has ${input.backends.map((b) => b.name).join(', ') || 'none'})`);
      return false;
    }
    if (provider === 'cuda' && !input.cudaLibrary) {
      skipped.push('cuda: libonnxruntime_providers_cuda.so is not beside libonnxruntime (onnxruntime-node ships only the bridge; '
        + 'its install-time CUDA download was skipped)');
      return false;
    }
    // Without the loader Dawn fails anyway, after printing its own warning to stderr (the CLI's terminal).
    if (provider === 'webgpu' && input.platform === 'linux' && input.vulkanLoader === false) {
      skipped.push('webgpu: the Vulkan loader libvulkan.so.1 is not installed (Debian/Ubuntu: libvulkan1)');
      return false;
    }
    if (graph === 'gpu' && !input.gpuGraphs) {
      skipped.push(`${provider}: the model has no GPU graphs (meta.json has no "gpu" entry)`);
      return false;
    }
    return true;
  });
  return { candidates, skipped };
}

/** The folder holding libonnxruntime for this platform inside the onnxruntime-node package. */
export function ortBinaryDir(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const dist = path.dirname(require.resolve('onnxruntime-node'));
  return path.join(dist, '..', 'bin', 'napi-v6', platform, arch);
}

export function cudaLibraryPresent(dir: string = ortBinaryDir()): boolean {
  return existsSync(path.join(dir, 'libonnxruntime_providers_cuda.so'));
}

/** Folders the Linux dynamic loader searches: LD_LIBRARY_PATH, /etc/ld.so.conf (one level of includes), defaults. */
function libraryDirs(): string[] {
  const dirs = (process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean);
  const conf = (file: string): void => {
    let text = '';
    try { text = readFileSync(file, 'utf8'); } catch { return; }
    for (const line of text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean)) {
      if (!line.startsWith('include ')) { dirs.push(line); continue; }
      const pattern = line.slice(8).trim();
      const dir = path.dirname(pattern), suffix = path.basename(pattern).replace(/^\*/, '');
      try { for (const f of readdirSync(dir)) if (f.endsWith(suffix)) conf(path.join(dir, f)); } catch { /* no such folder */ }
    }
  };
  conf('/etc/ld.so.conf');
  return [...dirs, '/lib', '/usr/lib', '/lib64', '/usr/lib64', `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu`];
}

export function vulkanLoaderPresent(dirs: string[] = libraryDirs()): boolean {
  return dirs.some((d) => existsSync(path.join(d, 'libvulkan.so.1')));
}
