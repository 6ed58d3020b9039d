import json

import pytest
import torch

import checkpoint
from checkpoint import load_model, save_ship_weights
from config import get_config
from data import batch_rows, to_batch, write_synthetic
from train import lr_at, train


@pytest.fixture
def cfg(tmp_path):
    write_synthetic(tmp_path / "data", tmp_path / "vocab.txt", vocab_size=64, row_len=14, n_train=64, n_heldout=16)
    return get_config("tiny", [f"data_dir={tmp_path / 'data'}", f"vocab={tmp_path / 'vocab.txt'}",
                               "max_steps=6", "eval_interval=100", "ckpt_interval=100"])


def weights(run_dir):
    return torch.load(run_dir / "ckpt" / "model.pt")


def test_resume_gives_identical_steps(cfg, tmp_path):
    straight = train(cfg, tmp_path / "a")
    train(cfg, tmp_path / "b", stop_after=3)             # interrupted after step 3 (checkpoint written)
    resumed = train(cfg, tmp_path / "c", resume=tmp_path / "b" / "ckpt")
    assert straight["step"] == resumed["step"] == 6
    assert straight["tokens"] == resumed["tokens"]
    a, c = weights(tmp_path / "a"), weights(tmp_path / "c")
    for name in a:
        assert torch.equal(a[name], c[name]), name
    # and the resumed run really started from step 3 with the saved state (not from scratch)
    first = [json.loads(l) for l in (tmp_path / "c" / "log.jsonl").read_text().splitlines()]
    assert [r["step"] for r in first if r["kind"] == "train"][0] == 4


def test_time_budget_ends_with_eval_and_checkpoint(cfg, tmp_path):
    cfg.max_steps = 10**9
    state = train(cfg, tmp_path / "t", time_budget=2.0)
    assert 0 < state["step"] < 10**9 and state["elapsed"] < 10
    log = [json.loads(l) for l in (tmp_path / "t" / "log.jsonl").read_text().splitlines()]
    assert log[-1]["kind"] == "end" and log[-2]["kind"] == "eval"
    assert json.loads((tmp_path / "t" / "ckpt" / "state.json").read_text())["step"] == state["step"]


def test_lr_schedules(cfg):
    cfg.lr, cfg.warmup_steps, cfg.max_steps = 1.0, 10, 110
    assert lr_at(cfg, 0, 0, None) == pytest.approx(0.1)
    assert lr_at(cfg, 9, 0, None) == pytest.approx(1.0)
    assert lr_at(cfg, 60, 0, None) == pytest.approx(0.5)
    assert lr_at(cfg, 110, 0, None) == 0.0
    assert lr_at(cfg, 50, 30.0, 60.0) == pytest.approx(0.5)   # by elapsed time under a budget
    assert lr_at(cfg, 50, 61.0, 60.0) == 0.0


def test_ship_weights_are_fp16_shards_that_load(cfg, tmp_path, monkeypatch):
    train(cfg, tmp_path / "s", stop_after=2)
    model, _, _ = load_model(tmp_path / "s" / "ckpt")
    monkeypatch.setattr(checkpoint, "SHARD_BYTES", 8192)     # force several shards
    files = save_ship_weights(tmp_path / "ship", model, cfg, {"step": 2})
    assert len(files) > 1 and all(f.stat().st_size < 8192 + 8192 for f in files)
    shipped, _, meta = load_model(tmp_path / "ship")
    assert meta["step"] == 2
    for (name, a), (_, b) in zip(model.state_dict().items(), shipped.state_dict().items()):
        assert torch.equal(a.half().float(), b), name


def test_batches_depend_on_step_only_and_add_cls_sep():
    assert (batch_rows(5, 8, 30, 1) == batch_rows(5, 8, 30, 1)).all()
    seen = sorted(sum((batch_rows(s, 10, 30, 1).tolist() for s in range(3)), []))
    assert seen == list(range(30))                            # one epoch covers every row once
    import numpy as np
    ids, mask = to_batch(np.array([[7, 8, 9, 0], [7, 8, 9, 10]], dtype=np.uint16))
    assert ids.tolist() == [[2, 7, 8, 9, 3, 0], [2, 7, 8, 9, 10, 3]]
    assert mask.tolist() == [[1, 1, 1, 1, 1, 0], [1] * 6]
