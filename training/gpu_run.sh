#!/usr/bin/env bash
# One GPU pre-training run, as sent to a lent GPU machine (see training/README.md, "On a GPU").
#
#   bash training/gpu_run.sh SECONDS [OUT]
#
# Unpacks the corpus parts that travelled with the working tree (data/gpu/part-*, made by
# training/pack_gpu.py; parts carried by earlier calls to the same warm machine are still there), trains
# for SECONDS of wall time, evaluates on the held-out sample and writes what comes back into OUT (default
# $OUT): the run log, the held-out evaluation, and fp16 weight shards (< 15 MB each) that
# training/export.py turns into models/ on the CPU machine.
# Dry run of the same script on the CPU first: `DRY=1 bash training/gpu_run.sh 60 /tmp/dry`.
#
# Environment (all optional):
#   INIT=DIR       continue from fp16 ship weights (training/checkpoints/electric-small/ship), fresh optimizer
#   PRESET=NAME    gpu (8 x 256, default) | gpu12 (12 x 256, ELECTRA-small depth, from scratch)
#   LR=, WARMUP=, BATCH=   peak learning rate, warm-up steps, global batch (rows of 128)
#   COMPILE=1      torch.compile the encoder and the towers (compile time comes out of SECONDS)
#   NPROC=N        N GPUs: torchrun --nproc_per_node=N (the global batch is split over them)
#   SETS="k=v ..." any other Config overrides;  EVAL_N=1000 planted errors of each kind
#   PACK=DIR       the parts' folder (default data/gpu);  ALLOW_MISSING_PARTS=1 train on the parts present
set -euo pipefail
budget=${1:?seconds}
out=${2:-${OUT:?set OUT or pass a folder}}
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-python3}
data=$(mktemp -d)
export PYTHONUNBUFFERED=1
mkdir -p "$out"
$py "$here/pack_gpu.py" unpack "${PACK:-$here/../data/gpu}" "$data" ${ALLOW_MISSING_PARTS:+--allow-missing}
sets=()
[ -n "${LR:-}" ] && sets+=(--set "lr=$LR")
[ -n "${WARMUP:-}" ] && sets+=(--set "warmup_steps=$WARMUP")
[ -n "${BATCH:-}" ] && sets+=(--set "batch_size=$BATCH")
for kv in ${SETS:-}; do sets+=(--set "$kv"); done
if [ -n "${DRY:-}" ]; then
  # the CPU: a tiny batch, frequent evaluations, so every path of the script runs in a minute
  preset=(--preset "${PRESET:-gpu}" --set device=cpu --set batch_size=4 --set eval_rows=16 --set eval_interval=5
          --set ckpt_interval=5 --set log_interval=1 --set compile=false)
else
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
  # compile stays opt-in: its compile time (and recompiles at the evaluation shapes) comes out of a
  # few-minute budget, and a failure there would cost the whole run
  preset=(--preset "${PRESET:-gpu}" --set "compile=$([ -n "${COMPILE:-}" ] && echo true || echo false)")
fi
[ -n "${INIT:-}" ] && preset+=(--init-weights "$INIT" --set "warmup_steps=${WARMUP:-100}")
launch=("$py")
# --redirects/--tee 1: torch 1.13 on Python 3.11 cannot parse their default "0" (a CPU dry run here)
[ "${NPROC:-1}" -gt 1 ] && launch=("$py" -m torch.distributed.run --standalone --nproc_per_node="$NPROC" --redirects=1 --tee=1)
"${launch[@]}" "$here/train.py" "${preset[@]}" ${sets[@]+"${sets[@]}"} --set data_dir="$data" \
  --set vocab="$here/../models/vocab.txt" --out "$out/run" --time-budget "$budget" --ship-weights "$out/ship" \
  2>&1 | tee "$out/train.txt" | grep -v '"kind": "train"' || { echo "training failed; see train.txt" >&2; exit 1; }
$py "$here/evaluate.py" --ckpt "$out/run/ckpt" --heldout "$data/heldout.npy" --vocab "$here/../models/vocab.txt" \
  --n "${EVAL_N:-1000}" --out "$out/eval.json"
# Only small files come back: drop the fp32 checkpoint (the shards hold the weights), keep the log.
cp "$out/run/log.jsonl" "$out/log.jsonl"
rm -rf "$out/run"
grep -o '"tokens_per_s": [0-9.]*' "$out/log.jsonl" | tail -3 || true
ls -la "$out" "$out/ship"
