import json

import torch

from checkpoint import load_model
from config import get_config
from data import write_synthetic
from train import train


def test_init_weights_continues_counts_and_starts_from_the_shipped_weights(tmp_path):
    write_synthetic(tmp_path / "data", tmp_path / "vocab.txt", vocab_size=64, row_len=14, n_train=64, n_heldout=16)
    cfg = get_config("tiny", [f"data_dir={tmp_path / 'data'}", f"vocab={tmp_path / 'vocab.txt'}",
                              "max_steps=4", "eval_interval=100", "ckpt_interval=100", "warmup_steps=2"])
    first = train(cfg, tmp_path / "a", ship_dir=tmp_path / "ship")
    shipped, _, _ = load_model(tmp_path / "ship")
    # zero steps of continued training: the weights are exactly the shipped ones (fp16-rounded)
    cfg.max_steps = first["step"]
    same = train(cfg, tmp_path / "b", init_weights=tmp_path / "ship")
    assert same["step"] == first["step"] and same["tokens"] == first["tokens"]
    got = torch.load(tmp_path / "b" / "ckpt" / "model.pt")
    for name, t in shipped.state_dict().items():
        assert torch.equal(got[name], t), name
    # more steps: counts carry on from the shipped run, and the LR warms up again from zero
    cfg.max_steps = first["step"] + 3
    more = train(cfg, tmp_path / "c", init_weights=tmp_path / "ship")
    assert more["step"] == first["step"] + 3 and more["tokens"] > first["tokens"]
    log = [json.loads(l) for l in (tmp_path / "c" / "log.jsonl").read_text().splitlines()]
    lrs = [r["lr"] for r in log if r["kind"] == "train"]
    assert lrs[0] == cfg.lr * 0.5   # step0 + 1 of warmup_steps = 2
