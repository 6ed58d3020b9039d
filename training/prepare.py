"""Pre-tokenize the corpus into fixed rows of word-piece ids for training.

    nice /usr/bin/python3 training/prepare.py --corpus /work/corpus/text --vocab models/vocab.txt --out data

For each split (train, heldout): data/<split>.npy, uint16 [N, 126]. Rows hold whole paragraphs in
corpus order (files sorted by name), packed greedily; a paragraph that does not fit in the rest of a
row starts a new one, and a paragraph longer than a row is cut across rows. The tail of each row is
[PAD] (0). The trainer adds [CLS]/[SEP] to make 128. Rows are shuffled (seed 0) at the end.
data/stats.json: tokens, rows, paragraphs, words and the [UNK] rate per split.
"""
import argparse
import json
import sys
import time
from array import array
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tokenizer import PAD, UNK, WordPiece  # noqa: E402

ROW = 126  # 128 minus [CLS] and [SEP]


def pack(paragraphs, row: int = ROW) -> np.ndarray:
    """Greedy packing of id lists into [N, row] uint16 rows, [PAD]-filled."""
    flat = array("H")  # rows back to back, each exactly `row` long
    used = 0  # ids in the current (last) row
    for ids in paragraphs:
        if not ids:
            continue
        if used and used + len(ids) > row:  # does not fit: close the current row
            flat.extend([PAD] * (row - used))
            used = 0
        flat.extend(ids)
        used = (used + len(ids)) % row  # a long paragraph spills into as many rows as it needs
    if used:
        flat.extend([PAD] * (row - used))
    return np.frombuffer(flat, dtype=np.uint16).reshape(-1, row)


def encode_split(wp: WordPiece, files: list[Path], stats: dict, log):
    t0 = time.time()
    for n, path in enumerate(files, 1):
        with open(path, encoding="utf-8", newline="\n") as f:
            for line in f:
                ids = wp.encode_fast(line)
                stats["paragraphs"] += 1
                stats["tokens"] += len(ids)
                stats["unk"] += ids.count(UNK)
                yield ids
        if n % 100 == 0 or n == len(files):
            log(f"  {n}/{len(files)} files, {stats['tokens'] / 1e6:.1f} M tokens, {time.time() - t0:.0f}s")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path("/work/corpus/text"))
    ap.add_argument("--vocab", type=Path, default=Path("models/vocab.txt"))
    ap.add_argument("--out", type=Path, default=Path("data"))
    ap.add_argument("--splits", nargs="+", default=["train", "heldout"])
    args = ap.parse_args()
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    wp = WordPiece.from_file(args.vocab)
    if len(wp.vocab) > 65536:
        raise SystemExit("vocab does not fit uint16")
    args.out.mkdir(parents=True, exist_ok=True)
    all_stats = {}
    for split in args.splits:
        files = sorted((args.corpus / split).glob("*.txt"))
        if not files:
            raise SystemExit(f"no *.txt in {args.corpus / split}")
        log(f"{split}: {len(files)} files")
        stats = {"paragraphs": 0, "tokens": 0, "unk": 0}
        rows = pack(encode_split(wp, files, stats, log))
        np.random.default_rng(0).shuffle(rows)  # in place, along axis 0
        np.save(args.out / f"{split}.npy", rows)
        stats.update(rows=len(rows), unkRate=stats["unk"] / max(1, stats["tokens"]),
                     fill=stats["tokens"] / max(1, rows.size), files=len(files))
        all_stats[split] = stats
        log(f"{split}: {stats['tokens']:,} tokens in {len(rows):,} rows (fill {stats['fill']:.3f}), "
            f"unk rate {stats['unkRate']:.5f}")
    all_stats["vocab"] = {"file": str(args.vocab), "size": len(wp.vocab)}
    (args.out / "stats.json").write_text(json.dumps(all_stats, indent=2) + "\n")


if __name__ == "__main__":
    main()
