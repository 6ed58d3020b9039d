"""Checkpoints: a full fp32 one to resume from, and fp16 'ship' shards that fit a 16 MB transfer limit.

    DIR/model.pt  DIR/optim.pt  DIR/state.json          (save_checkpoint: resume exactly)
    DIR/weights-00.pt ... DIR/weights.json              (save_ship_weights: fp16, each file < 15 MB)
load_model(DIR) reads either form. No RNG state is saved: a step's randomness is seeded by
(seed, step, micro-batch), see distributed.py.
"""
import json
import os
from dataclasses import asdict
from pathlib import Path

import torch

from config import Config, config_from_dict
from model import Electric

SHARD_BYTES = 14 * 1024 * 1024  # < 15 MB per file, with room for pickle overhead


def _atomic_save(obj, path: Path):
    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save(obj, tmp)
    os.replace(tmp, path)


def save_checkpoint(ckpt_dir, model, optimizer, cfg: Config, state: dict):
    """state: step, tokens, elapsed (s) and anything else JSON-able."""
    d = Path(ckpt_dir)
    d.mkdir(parents=True, exist_ok=True)
    _atomic_save({k: v.float() for k, v in model.state_dict().items()}, d / "model.pt")
    _atomic_save(optimizer.state_dict(), d / "optim.pt")
    tmp = d / "state.json.tmp"
    tmp.write_text(json.dumps({"config": asdict(cfg), **state}, indent=1))
    os.replace(tmp, d / "state.json")


def load_checkpoint(ckpt_dir, model, optimizer, device):
    """Restores weights and optimizer state in place; returns state.json's dict. (Checkpoints written
    before the randomness was keyed by step also hold rng.pt, which nothing needs any more.)"""
    d = Path(ckpt_dir)
    model.load_state_dict(torch.load(d / "model.pt", map_location=device))
    optimizer.load_state_dict(torch.load(d / "optim.pt", map_location=device))
    return json.loads((d / "state.json").read_text())


def save_ship_weights(out_dir, model, cfg: Config, summary: dict):
    """Model weights only, fp16, greedily packed into shards under SHARD_BYTES each."""
    d = Path(out_dir)
    d.mkdir(parents=True, exist_ok=True)
    shards, cur, size = [], {}, 0
    for name, t in model.state_dict().items():
        t = t.detach().to("cpu", torch.float16).contiguous()
        nbytes = t.numel() * 2
        if nbytes > SHARD_BYTES:
            raise ValueError(f"{name} alone is {nbytes} bytes, over the shard limit")
        if cur and size + nbytes > SHARD_BYTES:
            shards.append(cur)
            cur, size = {}, 0
        cur[name] = t
        size += nbytes
    shards.append(cur)
    files = []
    for i, shard in enumerate(shards):
        files.append(f"weights-{i:02d}.pt")
        torch.save(shard, d / files[-1])
    (d / "weights.json").write_text(json.dumps({"config": asdict(cfg), "shards": files, **summary}, indent=1))
    return [d / f for f in files]


def load_model(path, device="cpu"):
    """(model in eval mode, fp32; Config; the saved state/summary dict) from either checkpoint form."""
    d = Path(path)
    if (d / "state.json").exists():
        meta = json.loads((d / "state.json").read_text())
        weights = torch.load(d / "model.pt", map_location="cpu")
    elif (d / "weights.json").exists():
        meta = json.loads((d / "weights.json").read_text())
        weights = {}
        for f in meta["shards"]:
            weights.update(torch.load(d / f, map_location="cpu"))
    else:
        raise FileNotFoundError(f"{d}: neither a checkpoint (state.json) nor ship weights (weights.json)")
    cfg = config_from_dict(meta["config"])
    model = Electric(cfg)
    model.load_state_dict({k: v.float() for k, v in weights.items()})
    return model.to(device).eval(), cfg, meta
