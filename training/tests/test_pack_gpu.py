import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from data import synthetic_rows
from pack_gpu import decode, encode, unpack

PACK = Path(__file__).resolve().parents[1] / "pack_gpu.py"


def test_coding_round_trips_rows_exactly():
    rows = synthetic_rows(16384, 300, 126, seed=3)
    rows[0] = 0                                                          # an empty row
    rows[1] = 16383                                                      # a full row of the last piece
    rng = np.random.default_rng(0)
    order = rng.permutation(65536).astype(np.uint16)
    rank = np.empty(65536, np.uint16)
    rank[order] = np.arange(65536, dtype=np.uint16)
    assert np.array_equal(decode(encode(rows, rank), order), rows)


def test_parts_fit_the_limit_and_unpack_to_the_rows(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    train = synthetic_rows(2000, 1500, 126, seed=1)
    held = synthetic_rows(2000, 300, 126, seed=2)
    np.save(data / "train.npy", train)
    np.save(data / "heldout.npy", held)
    run = subprocess.run([sys.executable, str(PACK), "--data", str(data), "--part-mb", "0.1",
                          "--heldout-rows", "100"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    manifest = json.loads(run.stdout.strip().splitlines()[-1])
    parts = sorted((data / "gpu").glob("part-*"))
    assert manifest["parts"] == len(parts) >= 2 and manifest["train_rows"] == len(train)
    for p in parts:
        assert sum(f.stat().st_size for f in p.iterdir()) <= 0.1 * 2**20
    unpack(data / "gpu", tmp_path / "u")
    assert np.array_equal(np.load(tmp_path / "u" / "train.npy"), train)
    got_held = np.load(tmp_path / "u" / "heldout.npy")
    assert len(got_held) == 100 and {r.tobytes() for r in got_held} <= {r.tobytes() for r in held}
    # a missing part is an error unless asked for; then the rest is a random subsample
    for f in parts[1].iterdir():
        f.unlink()
    parts[1].rmdir()
    with pytest.raises(SystemExit, match="part-01"):
        unpack(data / "gpu", tmp_path / "v")
    unpack(data / "gpu", tmp_path / "v", allow_missing=True)
    assert 0 < len(np.load(tmp_path / "v" / "train.npy")) < len(train)
