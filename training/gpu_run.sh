#!/usr/bin/env bash
# One GPU pre-training run, as sent to a lent H100 (see training/README.md, "GPU run").
#
#   bash training/gpu_run.sh SECONDS [OUT]
#
# Reads the pre-tokenized corpus that travels with the working tree (data/gpu/{train,heldout}.npy.xz, made by
# `training/pack_gpu.py`), trains the `gpu` preset for SECONDS of wall time, evaluates on the held-out split
# and writes what comes back into OUT (default $OUT): the run log, the held-out evaluation, and fp16 weight
# shards (< 15 MB each) that training/export.py turns into models/ on the CPU machine.
# The same script is dry-run on the CPU first: `DRY=1 bash training/gpu_run.sh 60 /tmp/dry`.
# PACK=DIR reads another pack (default data/gpu).
# INIT=DIR continues from shipped fp16 weights (e.g. training/checkpoints/electric-small/ship) with a fresh optimizer.
set -euo pipefail
budget=${1:?seconds}
out=${2:-${OUT:?set OUT or pass a folder}}
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-python3}
data=$(mktemp -d)
export PYTHONUNBUFFERED=1
mkdir -p "$out"
$py - "${PACK:-$here/../data/gpu}" "$data" <<'EOF'
import lzma, shutil, sys
from pathlib import Path
src, dst = Path(sys.argv[1]), Path(sys.argv[2])
for name in ("train.npy", "heldout.npy"):
    with lzma.open(src / f"{name}.xz") as f, open(dst / name, "wb") as g:
        shutil.copyfileobj(f, g, 1 << 24)
    print(name, (dst / name).stat().st_size // 2**20, "MiB")
EOF
if [ -n "${DRY:-}" ]; then
  preset=(--preset gpu --set device=cpu --set batch_size=4 --set eval_rows=16 --set eval_interval=5
          --set ckpt_interval=5 --set log_interval=1 --set compile=false)
else
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
  # torch.compile is left off: its compile time (and recompiles at the evaluation shapes) would eat a
  # sizeable share of a few-minute budget, and a failure there would cost the whole run.
  preset=(--preset gpu --set compile=false)
fi
[ -n "${INIT:-}" ] && preset+=(--init-weights "$INIT" --set warmup_steps=100)
$py "$here/train.py" "${preset[@]}" --set data_dir="$data" --set vocab="$here/../models/vocab.txt" \
  --out "$out/run" --time-budget "$budget" --ship-weights "$out/ship" 2>&1 | tee "$out/train.txt" | grep -v '"kind": "train"' || {
  echo "training failed; see train.txt" >&2; exit 1; }
$py "$here/evaluate.py" --ckpt "$out/run/ckpt" --heldout "$data/heldout.npy" --vocab "$here/../models/vocab.txt" \
  --n "${EVAL_N:-1000}" --out "$out/eval.json"
# Only small files come back: drop the fp32 checkpoint (the shards hold the weights), keep the log.
cp "$out/run/log.jsonl" "$out/log.jsonl"
rm -rf "$out/run"
ls -la "$out" "$out/ship"
