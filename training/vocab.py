"""Train the cased WordPiece vocabulary (models/vocab.txt) from the corpus.

    nice /usr/bin/python3 training/vocab.py --corpus /work/corpus/text/train --out models/vocab.txt

The trainer is what HuggingFace's WordPiece trainer does: BPE merges over word counts, with `##` on
every non-initial symbol, each merge the most frequent adjacent pair (counted over word frequencies),
the merged piece written without the inner `##`. Pair counts are updated incrementally (only words
that contain the merged pair are re-scanned) and the best pair comes from a lazy max-heap.
"""
import argparse
import heapq
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tokenizer import MAX_WORD_CHARS, SPECIALS, char_class, split_words  # noqa: E402


@dataclass
class VocabConfig:
    size: int = 16384          # fits uint16 token ids
    min_word_count: int = 2    # words seen once are mostly typos, hashes and identifiers
    min_char_count: int = 20   # rarer characters become [UNK] rather than spend a vocabulary slot
    max_word_chars: int = MAX_WORD_CHARS  # longer words are [UNK] at encode time anyway


def count_words(files: list[Path], log=print) -> Counter:
    counts: Counter = Counter()
    t0 = time.time()
    for n, path in enumerate(files, 1):
        with open(path, encoding="utf-8", newline="\n") as f:
            for line in f:
                counts.update(split_words(line))
        if n % 50 == 0 or n == len(files):
            log(f"counted {n}/{len(files)} files, {sum(counts.values()) / 1e6:.1f} M words, "
                f"{len(counts)} distinct, {time.time() - t0:.0f}s")
    return counts


def alphabet(counts: Counter, cfg: VocabConfig) -> list[str]:
    """Every character seen min_char_count times, word-initial form first, then the `##` forms of
    those that can occur inside a word (punctuation and CJK are always words of their own)."""
    chars: Counter = Counter()
    for w, c in counts.items():
        for ch in w:
            chars[ch] += c
    keep = sorted(ch for ch, c in chars.items() if c >= cfg.min_char_count)
    return keep + ["##" + ch for ch in keep if char_class(ord(ch)) == "n"]


def train(counts: Counter, cfg: VocabConfig, log=print) -> list[str]:
    vocab = SPECIALS + alphabet(counts, cfg)
    ids = {p: i for i, p in enumerate(vocab)}
    words: list[list[int]] = []
    freqs: list[int] = []
    for w, c in counts.items():
        if c < cfg.min_word_count or len(w) > cfg.max_word_chars:
            continue
        syms = [ids.get(w[0])] + [ids.get("##" + ch) for ch in w[1:]]
        if None in syms:
            continue  # holds a character outside the alphabet: [UNK] at encode time
        words.append(syms)
        freqs.append(c)
    log(f"alphabet {len(vocab) - len(SPECIALS)} symbols, {len(words)} training words")

    pair_count: dict[tuple[int, int], int] = defaultdict(int)
    where: dict[tuple[int, int], set[int]] = defaultdict(set)
    for i, syms in enumerate(words):
        for p in zip(syms, syms[1:]):
            pair_count[p] += freqs[i]
            where[p].add(i)
    heap = [(-c, p) for p, c in pair_count.items()]
    heapq.heapify(heap)

    t0 = time.time()
    while len(vocab) < cfg.size and heap:
        neg, pair = heapq.heappop(heap)
        current = pair_count.get(pair, 0)
        if current != -neg:  # stale entry: the count changed since it was pushed
            if current > 0:
                heapq.heappush(heap, (-current, pair))
            continue
        a, b = pair
        piece = vocab[a] + vocab[b][2:]
        new = ids.get(piece)
        if new is None:
            new = ids[piece] = len(vocab)
            vocab.append(piece)
        touched: set[tuple[int, int]] = set()
        for i in where.pop(pair):
            syms = words[i]
            merged = _merge(syms, a, b, new)
            if merged is None:
                continue  # stale index entry: this word no longer holds the pair
            f = freqs[i]
            for p in zip(syms, syms[1:]):
                pair_count[p] -= f
            for p in zip(merged, merged[1:]):
                pair_count[p] += f
                where[p].add(i)
                touched.add(p)
            words[i] = merged
        pair_count.pop(pair, None)
        for p in touched:
            if pair_count[p] > 0:
                heapq.heappush(heap, (-pair_count[p], p))
        if len(vocab) % 1000 == 0:
            log(f"vocab {len(vocab)}: last merge {piece!r} ({-neg}), {time.time() - t0:.0f}s")
    return vocab


def _merge(syms: list[int], a: int, b: int, new: int) -> list[int] | None:
    out = []
    i, n, hit = 0, len(syms), False
    while i < n:
        if i + 1 < n and syms[i] == a and syms[i + 1] == b:
            out.append(new)
            i += 2
            hit = True
        else:
            out.append(syms[i])
            i += 1
    return out if hit else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, nargs="+", default=[Path("/work/corpus/text/train")],
                    help="folders of *.txt (or files), one paragraph a line")
    ap.add_argument("--out", type=Path, default=Path("models/vocab.txt"))
    ap.add_argument("--size", type=int, default=VocabConfig.size)
    args = ap.parse_args()
    cfg = VocabConfig(size=args.size)
    files = sorted(f for c in args.corpus for f in (c.glob("*.txt") if c.is_dir() else [c]))
    if not files:
        raise SystemExit(f"no corpus files in {args.corpus}")
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    counts = count_words(files, log)
    vocab = train(counts, cfg, log)
    if len(vocab) != cfg.size:
        raise SystemExit(f"ran out of pairs at {len(vocab)} pieces (corpus too small for {cfg.size})")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(p + "\n" for p in vocab), encoding="utf-8")
    words = sum(counts.values())
    log(f"wrote {args.out}: {len(vocab)} pieces from {words / 1e6:.1f} M words in {len(files)} files")


if __name__ == "__main__":
    main()
