#!/usr/bin/env bash
# On the device, from the repo root, as the last of the calls pack.sh printed:  bash bench/gpu-check/run.sh
# Reassembles .gpucheck/p*/part, installs nothing outside the checkout except the Vulkan loader (dpkg -x
# into /, as the device README says), samples nvidia-smi, runs gpucheck.js. ~1 min setup + the check
# (CHECK_S, default 300 s). Everything printed also lands in $OUT/log.txt; $OUT/result.json, $OUT/gpu.md.
# LOCAL_TEST=1: a dry run on a CPU machine, in a scratch copy of the repo (nothing goes into /); with DRY=1
# gpucheck.js opens 'webgpu' on the CPU provider.
set -u
D=.gpucheck
OUT=${OUT:-${TMPDIR:-/tmp}/gpucheck-out}; mkdir -p "$OUT"
exec > >(tee "$OUT/log.txt") 2>&1
t0=$(date +%s)
T=${TMPDIR:-/tmp}/gpucheck-payload; rm -rf $T; mkdir -p $T
n=$(ls -d $D/p[0-9]* 2>/dev/null | wc -l)
echo "== payload: $n part(s): $(du -cb $D/p*/part 2>/dev/null | tail -1 | cut -f1) bytes"
for i in $(seq 1 $n); do cat $D/p$i/part; done | tar -xf - -C $T || { echo "payload incomplete (a part's call missing?)"; exit 1; }
xz -dc $T/node.xz > $T/node && chmod +x $T/node
mkdir -p node_modules && tar -xJf $T/nm.tar.xz -C node_modules && tar -xJf $T/out.tar.xz
xz -dc $T/ort.xz > node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1
echo "node: $($T/node --version)"
if [ -z "${LOCAL_TEST:-}" ]; then
  echo "== machine"; nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader; nproc
  if ! ldconfig -p | grep -q 'libvulkan.so.1'; then
    mkdir -p $T/debs && tar -xf $T/debs.tar -C $T/debs && for f in $T/debs/*.deb; do dpkg -x "$f" /; done; ldconfig
  fi
  ICD=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  [ -f $ICD ] && export VK_DRIVER_FILES=$ICD VK_ICD_FILENAMES=$ICD
  echo "vulkan loader: $(ldconfig -p | grep -c libvulkan.so.1); ICD: $(ls $ICD 2>&1)"
  nvidia-smi --query-gpu=timestamp,utilization.gpu,memory.used --format=csv,noheader,nounits -lms 200 > "$OUT/smi.csv" 2>/dev/null &
  SMI=$!
fi
echo "setup $(( $(date +%s) - t0 )) s"
OUT=$OUT timeout ${CHECK_S:-300} $T/node bench/gpu-check/gpucheck.js
echo "gpucheck exit $?"
[ -n "${SMI:-}" ] && kill $SMI 2>/dev/null
echo "total $(( $(date +%s) - t0 )) s"
