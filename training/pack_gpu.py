"""Pack the pre-tokenized corpus for a GPU run: data/gpu/{train,heldout}.npy.xz within a size budget.

    /usr/bin/python3 training/pack_gpu.py --max-mb 52

The device machine receives the working tree and nothing else, 64 MiB at most in all, so the training rows
travel xz-compressed (about 1.4 bytes a token). When the whole of data/train.npy does not fit, a seeded
random subset of its rows does (rows are already shuffled by prepare.py, so a prefix is a random subset);
a random sample of held-out rows travels for evaluation. The run's model card records how many tokens travelled.
"""
import argparse
import json
import lzma
from pathlib import Path

import numpy as np


def xz(arr: np.ndarray) -> bytes:
    import io
    buf = io.BytesIO()
    np.save(buf, arr)
    return lzma.compress(buf.getvalue(), preset=6)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("data"))
    ap.add_argument("--max-mb", type=float, default=52.0, help="budget for both files together, MiB")
    ap.add_argument("--out", type=Path, help="output folder (default DATA/gpu)")
    ap.add_argument("--heldout-rows", type=int, default=4000, help="held-out rows that travel (a random sample)")
    args = ap.parse_args()
    train = np.load(args.data / "train.npy", mmap_mode="r")
    held = np.load(args.data / "heldout.npy")[:args.heldout_rows]
    out = args.out or args.data / "gpu"
    out.mkdir(parents=True, exist_ok=True)
    held_xz = xz(held)
    budget = args.max_mb * 2**20 - len(held_xz)
    # Estimate bytes per row from a sample, then shrink until the real file fits.
    sample = np.asarray(train[:20000])
    per_row = len(xz(sample)) / len(sample)
    n = min(len(train), int(budget / per_row * 0.98))
    while True:
        blob = xz(np.asarray(train[:n]))
        if len(blob) <= budget:
            break
        n = int(n * budget / len(blob) * 0.98)
    (out / "train.npy.xz").write_bytes(blob)
    (out / "heldout.npy.xz").write_bytes(held_xz)
    tokens = int((np.asarray(train[:n]) != 0).sum())
    stats = {"train_rows": n, "train_rows_total": len(train), "train_tokens": tokens,
             "heldout_rows": len(held), "train_xz_mb": round(len(blob) / 2**20, 2),
             "heldout_xz_mb": round(len(held_xz) / 2**20, 2)}
    (out / "stats.json").write_text(json.dumps(stats, indent=1) + "\n")
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
