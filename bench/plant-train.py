#!/usr/bin/python3
"""Planted errors in TRAINING text, for fitting the flag rule's weights (bench/fit-channel.mjs).

    /usr/bin/python3 bench/plant-train.py --root /work/corpus --pairs 1000 [--packages 80] [--seed 13] --out FILE

The same planting rules and mix as the technical dev set (build-devset.py, plant.py: codespell misspellings,
real-word confusions, agreement, doubled words; each corrupted sentence with its clean twin), but drawn from
ROOT/text/train/<package>.txt, the text the model trained on; the held-out packages (training/heldout.txt)
are refused, so nothing fitted here has seen the dev sets' sources. --packages picks that many training
packages at random (seeded) to keep the read short.
"""
import argparse
import json
import random
from pathlib import Path

import heldout_text as H
from importlib import import_module

devset = import_module("build-devset")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, required=True)
    ap.add_argument("--pairs", type=int, default=1000)
    ap.add_argument("--packages", type=int, default=80)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--slips", type=float, default=0.0,
                    help="share of the spelling errors that are typing slips rather than codespell's (plant.typing_slips)")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    heldout = set(H.heldout_packages())
    files = sorted((args.root / "text" / "train").glob("*.txt"))
    if not files:
        raise SystemExit(f"no training text under {args.root / 'text' / 'train'}")
    rng = random.Random(args.seed)
    pick = rng.sample(files, min(args.packages, len(files)))
    sources = {f.stem: f for f in pick if f.stat().st_size > 0}
    leaked = sorted(set(sources) & heldout)
    if leaked:
        raise SystemExit(f"held-out packages under text/train: {leaked}")
    items, have, _ = devset.build(sources, args.pairs, rng, args.slips)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w") as f:
        for it in items:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")
    print(json.dumps({"items": len(items), "errors_by_type": dict(have), "packages": len(sources)}))


if __name__ == "__main__":
    main()
