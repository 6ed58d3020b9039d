"""Pre-tokenized rows -> model batches, and a tiny synthetic vocabulary/corpus for tests and dry runs.

Data contract (training/prepare.py): data/{train,heldout}.npy, uint16 [N, L] word-piece ids (L = 126),
[PAD]=0 at row ends. A batch adds [CLS] in front and [SEP] after the last real piece: [B, L + 2].
"""
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch

PAD, UNK, CLS, SEP, MASK = range(5)
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def load_rows(path) -> np.ndarray:
    rows = np.load(path, mmap_mode="r")
    if rows.dtype != np.uint16 or rows.ndim != 2:
        raise ValueError(f"{path}: expected uint16 [N, L] rows, got {rows.dtype} {rows.shape}")
    return rows


def to_batch(rows: np.ndarray, device="cpu"):
    """rows uint16 [B, L] -> ids int64 [B, L+2] ([CLS] pieces [SEP] [PAD]...), mask int64 [B, L+2]."""
    rows = torch.from_numpy(np.asarray(rows, dtype=np.int64))
    B, L = rows.shape
    lengths = (rows != PAD).sum(1)                            # pad only at row ends (the contract)
    ids = torch.zeros(B, L + 2, dtype=torch.long)
    ids[:, 0] = CLS
    ids[:, 1:L + 1] = rows
    ids[torch.arange(B), lengths + 1] = SEP
    mask = (torch.arange(L + 2)[None, :] < (lengths + 2)[:, None]).long()
    return ids.to(device), mask.to(device)


@lru_cache(maxsize=2)
def _permutation(seed: int, epoch: int, n: int) -> np.ndarray:
    # Cached: drawing a fresh permutation of every row at every step costs milliseconds a step on a GPU.
    return np.random.default_rng([seed, epoch]).permutation(n)


def batch_rows(step: int, batch_size: int, n: int, seed: int) -> np.ndarray:
    """Row indices of batch `step`: epochs of a seeded permutation, so a batch depends on the step alone
    (resuming needs no loader state)."""
    start = step * batch_size
    out = []
    while len(out) < batch_size:
        epoch, offset = divmod(start, n)
        perm = _permutation(seed, epoch, n)
        take = perm[offset:offset + batch_size - len(out)]
        out.extend(take.tolist())
        start += len(take)
    return np.sort(np.array(out))  # sorted reads are faster on a memory-mapped file


def synthetic_rows(vocab_size: int, n_rows: int, row_len: int, seed: int) -> np.ndarray:
    """Rows from a random first-order Markov chain over the non-special ids, with ragged lengths: enough
    structure that a model can learn it, small enough for a test to run in seconds."""
    words = np.arange(len(SPECIALS), vocab_size)
    # The chain is the same for every seed (train and held-out share it); each id has 3 successors.
    nxt = np.random.default_rng(vocab_size).integers(0, len(words), size=(len(words), 3))
    rng = np.random.default_rng(seed)
    rows = np.zeros((n_rows, row_len), dtype=np.uint16)
    for r in range(n_rows):
        length = rng.integers(row_len // 2, row_len + 1)
        w = rng.integers(len(words))
        for t in range(length):
            rows[r, t] = words[w]
            w = nxt[w, rng.integers(3)]
    return rows


def write_synthetic(data_dir, vocab_path, vocab_size: int, row_len: int, n_train=512, n_heldout=64, seed=0):
    """A synthetic data_dir/{train,heldout}.npy and a vocab file whose pieces are made-up words."""
    data_dir, vocab_path = Path(data_dir), Path(vocab_path)
    data_dir.mkdir(parents=True, exist_ok=True)
    vocab_path.parent.mkdir(parents=True, exist_ok=True)
    np.save(data_dir / "train.npy", synthetic_rows(vocab_size, n_train, row_len, seed))
    np.save(data_dir / "heldout.npy", synthetic_rows(vocab_size, n_heldout, row_len, seed + 1))
    pieces = SPECIALS + [f"w{i}" for i in range(vocab_size - len(SPECIALS))]
    vocab_path.write_text("".join(p + "\n" for p in pieces), encoding="utf-8")
