"""Evaluate a checkpoint: held-out metrics (metrics.py) and issue 5's goal metrics on planted errors.

    /usr/bin/python3 training/evaluate.py --ckpt training/runs/cpu1/ckpt --out training/runs/cpu1/eval.json

Planted errors: held-out rows (data/heldout.npy, packages never trained on) are decoded back to words,
and one word (or multi-word form such as it ' s) is corrupted per example:
  misspelling: one edit (delete, insert, substitute or transpose a letter) of an alphabetic word of 4+
               letters, keeping only results that are not whole words of the vocabulary (non-words);
  confusable:  a word from a confusion set (their/there/they're, then/than, its/it's, ...) swapped for
               another member, capitalisation kept.
The corrupted sequence and its clean twin are re-encoded the same way, so they differ only in that span.
Detection AUC, from the energies alone: the span's energy in the corrupted sequence (positive) against
the same span in the clean twin (negative), with the span's energy the sum (auc_sum), max (auc_max) or
mean (auc_mean) over its pieces. Goals (issue 5): >= 0.95 for misspellings, >= 0.85 for confusables.
Also reported: auc_sum_posterior, the span's summed noise logit E + log q (what meta.json's pNoise is
built on: it asks "was this token sampled from q?", so a human error that q finds unlikely scores LOW
on it), auc_sum_cloze, q's own surprisal -log q, and with --unigram-from a unigram-frequency baseline.
"""
import argparse
import json
import string
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from checkpoint import load_model
from data import load_rows
from metrics import auc, heldout_metrics, heldout_sample
from tokenizer import WordPiece, basic_tokenize

CONFUSION_SETS = [
    ["their", "there", "they're"], ["then", "than"], ["its", "it's"], ["lose", "loose"],
    ["affect", "effect"], ["to", "too"], ["your", "you're"], ["is", "are"], ["has", "have"],
    ["was", "were"], ["were", "where"], ["whose", "who's"], ["accept", "except"], ["a", "an"],
    ["weather", "whether"], ["quiet", "quite"], ["advice", "advise"], ["principal", "principle"],
    ["of", "off"], ["complement", "compliment"], ["fewer", "less"],
]


def forms(word: str) -> list[tuple[str, ...]]:
    """The basic-tokenized word tuples of a form and its capitalised variant: it's -> (it, ', s)."""
    return [tuple(w for w, _, _ in basic_tokenize(v)) for v in (word, word[:1].upper() + word[1:])]


def confusable_table() -> dict:
    """word tuple -> list of replacement tuples in the same case."""
    table = {}
    for group in CONFUSION_SETS:
        for a in group:
            for b in group:
                if a != b:
                    for fa, fb in zip(forms(a), forms(b)):
                        table.setdefault(fa, []).append(fb)
    return table


def decode_words(row, vocab: list[str]) -> list[str]:
    words = []
    for i in row:
        if i == 0:
            break
        p = vocab[i]
        if p.startswith("##") and words:
            words[-1] += p[2:]
        else:
            words.append(p)
    return words


def misspell(word: str, rng) -> str:
    i = int(rng.integers(len(word)))
    letter = string.ascii_lowercase[int(rng.integers(26))]
    op = int(rng.integers(4))
    if op == 0:
        return word[:i] + word[i + 1:]
    if op == 1:
        return word[:i] + letter + word[i:]
    if op == 2:
        return word[:i] + letter + word[i + 1:]
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def encode(words: list[str], wp: WordPiece, span: tuple[int, int]):
    """ids of the words and the piece range [a, b) of words[span[0]:span[1]]."""
    ids, a, b = [], 0, 0
    for k, w in enumerate(words):
        if k == span[0]:
            a = len(ids)
        ids.extend(wp.word_ids(w))
        if k == span[1] - 1:
            b = len(ids)
    return ids, (a, b)


def plant(rows, wp: WordPiece, n: int, seed: int = 0) -> dict:
    """{'misspelling': [...], 'confusable': [...]}: each (clean ids, clean span, bad ids, bad span, tag)."""
    rng = np.random.default_rng(seed)
    whole_words = {p for p in wp.vocab if not p.startswith("##")}
    table = confusable_table()
    limit = rows.shape[1]
    out = {"misspelling": [], "confusable": []}
    for r in rng.permutation(len(rows)):
        words = decode_words(rows[r], wp.vocab)
        cand = [k for k, w in enumerate(words) if len(w) >= 4 and w.isascii() and w.isalpha()]
        if cand and len(out["misspelling"]) < n:
            k = cand[int(rng.integers(len(cand)))]
            bad = misspell(words[k], rng)
            if bad != words[k] and bad not in whole_words:
                add(out["misspelling"], words, words[:k] + [bad] + words[k + 1:], (k, k + 1), (k, k + 1),
                    wp, limit, "edit")
        spots = [(k, f) for k in range(len(words)) for f in (tuple(words[k:k + 3]), tuple(words[k:k + 1]))
                 if f in table]
        if spots and len(out["confusable"]) < n:
            k, f = spots[int(rng.integers(len(spots)))]
            alts = table[f]
            g = alts[int(rng.integers(len(alts)))]
            add(out["confusable"], words, words[:k] + list(g) + words[k + len(f):], (k, k + len(f)),
                (k, k + len(g)), wp, limit, f"{' '.join(f)}->{' '.join(g)}")
        if all(len(v) >= n for v in out.values()):
            break
    return out


def add(into, clean_words, bad_words, clean_span, bad_span, wp, limit, tag):
    clean, cs = encode(clean_words, wp, clean_span)
    bad, bs = encode(bad_words, wp, bad_span)
    if max(cs[1], bs[1]) <= limit:  # the span must survive truncation to the row length
        into.append((clean[:limit], cs, bad[:limit], bs, tag))


@torch.no_grad()
def span_scores(model, seqs: list[list[int]], spans, batch_size=32, device="cpu") -> np.ndarray:
    """[N, 5]: sum, max, mean of the energies of each span's pieces, the sum of the noise logits
    E + log q(token | rest), and the sum of q's surprisal -log q(token | rest) (sequence = [CLS] ids [SEP])."""
    out = []
    for b in range(0, len(seqs), batch_size):
        chunk = seqs[b:b + batch_size]
        T = max(len(s) for s in chunk) + 2
        ids = torch.zeros(len(chunk), T, dtype=torch.long)
        mask = torch.zeros_like(ids)
        for i, s in enumerate(chunk):
            ids[i, :len(s) + 2] = torch.tensor([2] + s + [3])
            mask[i, :len(s) + 2] = 1
        ids, mask = ids.to(device), mask.to(device)
        e = model.energy(ids, mask).float()
        logq = F.log_softmax(model.cloze_logits(ids, mask).float(), -1).gather(-1, ids[..., None]).squeeze(-1)
        e, post, surprise = e.cpu(), (e + logq).cpu(), (-logq).cpu()
        for i, (a, z) in enumerate(spans[b:b + batch_size]):
            v = e[i, 1 + a:1 + z]
            out.append([v.sum().item(), v.max().item(), v.mean().item(), post[i, 1 + a:1 + z].sum().item(),
                        surprise[i, 1 + a:1 + z].sum().item()])
    return np.array(out)


def unigram_metrics(examples: list, counts: np.ndarray) -> dict:
    """The same AUCs from -log unigram frequency instead of energies: what word frequency alone gets
    (a swap to a rarer word, e.g. to -> too, is caught without any context)."""
    nll = -np.log((counts + 1) / (counts.sum() + len(counts)))
    clean = np.array([nll[e[0][e[1][0]:e[1][1]]].sum() for e in examples])
    bad = np.array([nll[e[2][e[3][0]:e[3][1]]].sum() for e in examples])
    return {"auc_sum": round(auc(bad, clean), 4)}


def planted_metrics(model, examples: list, device="cpu") -> dict:
    clean = span_scores(model, [e[0] for e in examples], [e[1] for e in examples], device=device)
    bad = span_scores(model, [e[2] for e in examples], [e[3] for e in examples], device=device)
    res = {"n": len(examples)}
    for j, name in enumerate(["auc_sum", "auc_max", "auc_mean", "auc_sum_posterior", "auc_sum_cloze"]):
        res[name] = round(auc(bad[:, j], clean[:, j]), 4)
    res["share_higher"] = round(float((bad[:, 0] > clean[:, 0]).mean()), 4)  # paired: twin beaten
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ckpt", required=True, help="checkpoint dir or ship-weights dir")
    ap.add_argument("--heldout", default="data/heldout.npy")
    ap.add_argument("--vocab", default="models/vocab.txt")
    ap.add_argument("--n", type=int, default=1000, help="examples per error type")
    ap.add_argument("--threads", type=int, default=2, help="CPU threads")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--unigram-from", help="train rows (data/train.npy): also report a unigram baseline")
    ap.add_argument("--out", required=True, help="JSON file to write")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    model, cfg, _ = load_model(args.ckpt, args.device)
    rows = load_rows(args.heldout)
    wp = WordPiece.from_file(args.vocab)
    result = {"heldout": heldout_metrics(model, heldout_sample(rows, cfg.eval_rows), cfg, args.device)}
    counts = None
    if args.unigram_from:
        train = load_rows(args.unigram_from)
        counts = np.bincount(np.asarray(train[:200_000]).ravel(), minlength=cfg.vocab_size)
        counts[:5] = 0
    for kind, examples in plant(rows, wp, args.n).items():
        result[kind] = planted_metrics(model, examples, args.device)
        if counts is not None:
            result[kind]["unigram_baseline"] = unigram_metrics(examples, counts)
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
