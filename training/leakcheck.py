"""Check that no benchmark sentence occurs in the training text.

    nice /usr/bin/python3 training/leakcheck.py --text /work/corpus/text/train bench/data/tech-dev.jsonl

Each JSONL item's `text` (and, for items with errors, the corrected sentence) is looked for in every line
of the training files: candidates are found by the sentence's 6-word windows (hashes in one set, one
pass over the text), then confirmed by a plain substring test, so a hit is an exact occurrence. Sentences
under 6 words are checked whole against lines split at sentence ends. Prints the occurrences and exits
1 when there is any.
"""
import argparse
import json
import re
import sys
from pathlib import Path

N = 6
SPLIT = re.compile(r"(?<=[.!?])\s+")


def corrected(item: dict) -> str:
    text = item["text"]
    for e in sorted(item.get("errors", []), key=lambda e: -e["start"]):
        text = text[:e["start"]] + e["right"] + text[e["end"]:]
    return text


def sentences(paths) -> list[str]:
    out = set()
    for path in paths:
        for line in open(path, encoding="utf-8"):
            item = json.loads(line)
            out.add(item["text"].strip())
            out.add(corrected(item).strip())
    return sorted(out)


def find(text_dir: Path, wanted: list[str]):
    windows: dict[int, list[int]] = {}
    short = {}
    for i, s in enumerate(wanted):
        words = s.split()
        if len(words) < N:
            short[s] = i
            continue
        windows.setdefault(hash(tuple(words[:N])), []).append(i)   # a whole occurrence has its first window
    hits = []
    for path in sorted(text_dir.glob("*.txt")):
        for line in open(path, encoding="utf-8"):
            words = line.split()
            candidates = {i for k in range(len(words) - N + 1)
                          for i in windows.get(hash(tuple(words[k:k + N])), ())}
            hits += [(path.stem, wanted[i]) for i in candidates if wanted[i] in line]
            if short:
                hits += [(path.stem, s) for s in SPLIT.split(line.strip()) if s in short]
    return hits


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--text", type=Path, default=Path("/work/corpus/text/train"))
    ap.add_argument("jsonl", nargs="+")
    args = ap.parse_args()
    wanted = sentences(args.jsonl)
    hits = find(args.text, wanted)
    for pkg, s in hits:
        print(f"{pkg}\t{s}")
    print(f"{len(wanted)} benchmark sentences, {len({s for _, s in hits})} found in {args.text}", file=sys.stderr)
    sys.exit(1 if hits else 0)


if __name__ == "__main__":
    main()
