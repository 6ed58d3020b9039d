"""Pack the pre-tokenized corpus for a GPU machine, in parts that each fit one call's transfer.

    /usr/bin/python3 training/pack_gpu.py                       # data/gpu/part-00, part-01, ...
    /usr/bin/python3 training/pack_gpu.py unpack data/gpu DIR   # (on the GPU machine) DIR/{train,heldout}.npy

A call to the device machine sends the working tree, carried folders included, 64 MiB at most; the tracked
files (models/, the shipped weights) take a good part of that. So the rows travel compressed, cut into
parts of at most --part-mb, one part carried per call while the machine stays warm (ignored files already
there are kept between calls), and the training call unpacks every part present. `--part-mb auto` (the
default) measures the files git would send from this checkout and leaves the rest, less a margin.

Coding (0.965 bytes a token on the whole corpus, 5% under xz of the raw rows on a sample): rows lose their padding (a row is its
length, one byte, then its pieces), pieces are renumbered by frequency (frequent ones get small ids), and
the uint16 stream goes through LZMA2 with 2-byte alignment (lc=0, lp=1, pb=1). Rows keep prepare.py's
shuffled order, so each part, and any prefix of the parts, is a random sample of the training rows.
part-00 also holds the renumbering table and a random sample of held-out rows for evaluation; it must
travel, the others may be left out (ALLOW_MISSING_PARTS=1 in gpu_run.sh) to train on a subsample.
"""
import argparse
import json
import lzma
import subprocess
import sys
from pathlib import Path

import numpy as np

MIB = 2**20
TRANSFER_MIB = 64
MARGIN_MIB = 2.0   # the tree may grow a little between packing and the call
ROW = 126
FILTERS = [{"id": lzma.FILTER_LZMA2, "preset": 6, "lc": 0, "lp": 1, "pb": 1}]


def encode(rows: np.ndarray, rank: np.ndarray) -> bytes:
    lengths = (rows != 0).sum(1).astype(np.uint8)
    pieces = rank[rows[rows != 0]].astype("<u2")
    head = np.array([len(rows)], "<u8").tobytes()
    return lzma.compress(head + lengths.tobytes() + pieces.tobytes(), format=lzma.FORMAT_XZ, filters=FILTERS)


def decode(blob: bytes, order: np.ndarray) -> np.ndarray:
    raw = lzma.decompress(blob)
    n = int(np.frombuffer(raw[:8], "<u8")[0])
    lengths = np.frombuffer(raw[8:8 + n], np.uint8)
    pieces = np.frombuffer(raw[8 + n:], "<u2")
    if pieces.size != int(lengths.sum(dtype=np.int64)):
        raise ValueError("corrupt part: piece count does not match the row lengths")
    rows = np.zeros((n, ROW), np.uint16)
    rows[np.arange(ROW)[None, :] < lengths[:, None]] = order[pieces]
    return rows


def frequency_order(train: np.ndarray) -> np.ndarray:
    """order[rank] = piece id, most frequent first."""
    counts = np.zeros(65536, np.int64)
    for i in range(0, len(train), 200_000):
        counts += np.bincount(np.asarray(train[i:i + 200_000]).ravel(), minlength=65536)
    counts = counts[:int(np.flatnonzero(counts).max()) + 1]
    counts[0] = -1  # [PAD] never appears in the stream; keep it last
    return np.argsort(-counts, kind="stable").astype(np.uint16)


def tree_mib(repo: Path) -> float:
    """What a call sends without carry: tracked and untracked-not-ignored files of the checkout."""
    names = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=repo, check=True,
                           capture_output=True).stdout.split(b"\0")
    return sum((repo / n.decode()).stat().st_size for n in names if n and (repo / n.decode()).is_file()) / MIB


def pack(args):
    train = np.load(args.data / "train.npy", mmap_mode="r")
    held = np.load(args.data / "heldout.npy", mmap_mode="r")
    held = np.asarray(held[np.sort(np.random.default_rng(0).permutation(len(held))[:args.heldout_rows])])
    if args.part_mb == "auto":
        tree = tree_mib(Path(__file__).resolve().parents[1])
        part_mib = TRANSFER_MIB - tree - MARGIN_MIB
        print(f"the checkout sends {tree:.1f} MiB; parts of at most {part_mib:.1f} MiB", file=sys.stderr)
    else:
        part_mib = float(args.part_mb)
    order = frequency_order(train)
    rank = np.empty(len(order), np.uint16)
    rank[order] = np.arange(len(order), dtype=np.uint16)
    budget = part_mib * MIB - order.nbytes - 16 * 1024  # the table, its header, the manifest
    # Bytes per row estimated on a sample, then each part shrunk until its file fits.
    sample = np.asarray(train[:20000])
    per_row = len(encode(sample, rank)) / max(1, len(sample))
    out = args.out or args.data / "gpu"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*"):
        for f in old.iterdir():
            f.unlink()
        old.rmdir()
    start, parts = 0, []
    limit = len(train) if args.max_rows is None else min(len(train), args.max_rows)
    while start < limit and len(parts) < args.max_parts:
        held_blob = encode(held, rank) if not parts else b""
        n = min(limit - start, int((budget - len(held_blob)) / per_row * 0.97))
        while True:
            blob = encode(np.asarray(train[start:start + n]), rank)
            if len(blob) + len(held_blob) <= budget:
                break
            n = int(n * (budget - len(held_blob)) / len(blob) * 0.98)
        d = out / f"part-{len(parts):02d}"
        d.mkdir()
        (d / "train.xz").write_bytes(blob)
        if held_blob:  # part-00: the held-out sample and the renumbering table
            (d / "heldout.xz").write_bytes(held_blob)
            np.save(d / "order.npy", order)
        tokens = int((np.asarray(train[start:start + n]) != 0).sum())
        parts.append({"part": d.name, "rows": n, "first_row": start, "tokens": tokens,
                      "mib": round((len(blob) + len(held_blob)) / MIB, 2)})
        print(json.dumps(parts[-1]), file=sys.stderr, flush=True)
        start += n
    manifest = {"parts": len(parts), "part_mib_limit": round(part_mib, 2), "train_rows": start,
                "train_rows_total": len(train), "train_tokens": sum(p["tokens"] for p in parts),
                "heldout_rows": len(held), "bytes_per_token": round(
                    sum(p["mib"] for p in parts) * MIB / max(1, sum(p["tokens"] for p in parts)), 3),
                "detail": parts}
    for p in parts:  # every part knows the whole set, so the machine can tell when one is missing
        (out / p["part"] / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(json.dumps({k: v for k, v in manifest.items() if k != "detail"}))


def unpack(src: Path, dst: Path, allow_missing: bool = False):
    parts = sorted(p for p in src.glob("part-*") if (p / "manifest.json").exists())
    if not parts:
        raise SystemExit(f"no packed parts under {src} (training/pack_gpu.py makes them)")
    manifest = json.loads((parts[0] / "manifest.json").read_text())
    names = [p["part"] for p in manifest["detail"]]
    missing = [n for n in names if not (src / n / "train.xz").exists()]
    if missing and not allow_missing:
        raise SystemExit(f"parts missing on this machine: {missing} (carry each in a call; "
                         "ALLOW_MISSING_PARTS=1 trains on the parts present)")
    if "part-00" in missing:
        raise SystemExit("part-00 holds the held-out rows: it must be present")
    dst.mkdir(parents=True, exist_ok=True)
    order = np.load(src / "part-00" / "order.npy")
    train = [decode((src / n / "train.xz").read_bytes(), order) for n in names if n not in missing]
    train = np.concatenate(train)
    np.save(dst / "train.npy", train)
    np.save(dst / "heldout.npy", decode((src / "part-00" / "heldout.xz").read_bytes(), order))
    tokens = int((train != 0).sum())
    print(f"unpacked {len(names) - len(missing)} of {len(names)} parts: {len(train):,} rows, "
          f"{tokens / 1e6:.1f} M tokens", flush=True)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "unpack":
        ap = argparse.ArgumentParser(prog="pack_gpu.py unpack")
        ap.add_argument("src", type=Path)
        ap.add_argument("dst", type=Path)
        ap.add_argument("--allow-missing", action="store_true")
        a = ap.parse_args(sys.argv[2:])
        return unpack(a.src, a.dst, a.allow_missing)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("data"))
    ap.add_argument("--out", type=Path, help="output folder (default DATA/gpu)")
    ap.add_argument("--part-mb", default="auto", help="MiB per part, or auto (what a call leaves free)")
    ap.add_argument("--max-parts", type=int, default=99, help="stop after this many parts (a subsample)")
    ap.add_argument("--max-rows", type=int, help="pack only the first N (shuffled) training rows")
    ap.add_argument("--heldout-rows", type=int, default=4000, help="held-out rows that travel (a random sample)")
    pack(ap.parse_args())


if __name__ == "__main__":
    main()
