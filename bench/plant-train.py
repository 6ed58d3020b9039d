#!/usr/bin/python3
"""Planted errors in TRAINING text, for fitting the flag rule's weights (bench/fit-channel.mjs).

    /usr/bin/python3 bench/plant-train.py --root /work/corpus --pairs 1000 [--packages 80] [--seed 13] [--unseen] --out FILE

The same planting rules and mix as the technical dev set (build-devset.py, plant.py: codespell misspellings,
real-word confusions, agreement, doubled words; each corrupted sentence with its clean twin), but drawn from
ROOT/text/train/<package>.txt, the text the model trained on; the held-out packages (training/heldout.txt)
are refused, so nothing fitted here has seen the dev sets' sources. --packages picks that many training
packages at random (seeded) to keep the read short.

--unseen draws instead from ROOT/text/heldout/<package>.txt of the held-out packages the technical dev set does
not read (training/corpus.py, unseen_packages; the dev set's own are refused): text the model never trained on,
as a user's is. Sentences the model trained on are ones it has read, their words and jargon among them, so a fit
on them learns how well context tells a slip in text the model knows.
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
    ap.add_argument("--real-slips", type=float, default=0.0,
                    help="share of the real-word errors that are slips landing on another word (plant.real_word_slips)")
    ap.add_argument("--number", type=float, default=0.0,
                    help="share of the errors that are a noun's number against its determiner (plant.noun_number)")
    ap.add_argument("--missing", type=float, default=0.0,
                    help="share of the errors that are a word left out, an article or \"to\" (plant.missing_word)")
    ap.add_argument("--unseen", action="store_true",
                    help="plant in the held-out packages the dev set does not read, not in the training text")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    heldout = set(H.heldout_packages())
    split = "heldout" if args.unseen else "train"
    files = sorted((args.root / "text" / split).glob("*.txt"))
    if args.unseen:
        dev = set(json.loads((Path(__file__).resolve().parent / "data" / "tech-dev.meta.json").read_text())["packages"])
        files = [f for f in files if f.stem in heldout and f.stem not in dev]
    if not files:
        raise SystemExit(f"no {'unseen held-out' if args.unseen else 'training'} text under {args.root / 'text' / split}; "
                         "build it with `training/corpus.py --root ROOT --fit-only`")
    rng = random.Random(args.seed)
    pick = rng.sample(files, min(args.packages, len(files)))
    sources = {f.stem: f for f in pick if f.stat().st_size > 0}
    leaked = sorted(set(sources) - heldout if args.unseen else set(sources) & heldout)
    if leaked:
        raise SystemExit(f"packages in the wrong split under text/{split}: {leaked}")
    items, have, _ = devset.build(sources, args.pairs, rng, args.slips, args.number, args.real_slips, args.missing)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w") as f:
        for it in items:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")
    print(json.dumps({"items": len(items), "errors_by_type": dict(have), "packages": len(sources)}))


if __name__ == "__main__":
    main()
