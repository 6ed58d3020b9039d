"""Data-parallel training with torch.distributed (DistributedDataParallel), run by `torchrun`.

    torchrun --nproc_per_node=8 training/train.py --preset gpu --set batch_size=2048 --out runs/x

One process per device; NCCL between GPUs, gloo on CPU. Without torchrun's environment (RANK/WORLD_SIZE)
everything here reduces to a single process and nothing is initialised.

How a step is split, and why a run can change its world size:
- `batch_size` is the global batch. Step s reads the same rows whatever the world size
  (data.batch_rows(s, batch_size, ...)); they are cut into `micro_batches` equal, contiguous pieces and
  rank r runs pieces r, r + 1 ... of its share one after another, accumulating gradients (DDP averages
  across ranks once per step).
- All randomness of a piece (the positions replaced, q's samples, dropout) comes from torch's generator
  seeded by (seed, step, piece index). A step is therefore the same computation on 1 process running 8
  pieces or on 8 processes running one each, and a checkpoint needs no RNG state: resuming on any world
  size that divides `micro_batches` continues the run exactly (up to floating-point summation order).
- Each piece's losses are means over its own tokens; they are weighted by the piece's share of the
  global batch's tokens (counted on the host from the rows every rank reads), so the summed gradient is
  the gradient of the global batch's mean loss, as in one process.
- One writer: rank 0 logs, evaluates and checkpoints. Its clock is the run's clock: every step it sends
  the elapsed time and the decision to stop to the other ranks (a gloo broadcast of two numbers, which
  does not wait for the GPU), so all ranks take the same learning rate and leave the loop at the same step.
"""
import os
from contextlib import nullcontext

import numpy as np
import torch
import torch.distributed as dist
import torch.nn as nn

from data import to_batch
from metrics import autocast
from model import NUM_SPECIAL, losses


class World:
    def __init__(self, rank=0, size=1, local_rank=0, control=None):
        self.rank, self.size, self.local_rank, self.control = rank, size, local_rank, control

    @property
    def main(self) -> bool:
        return self.rank == 0

    def sync_clock(self, elapsed: float, stop: bool) -> tuple[float, bool]:
        """Rank 0's (elapsed, stop) on every rank."""
        if self.size == 1:
            return elapsed, stop
        t = torch.tensor([elapsed, float(stop)], dtype=torch.float64)
        dist.broadcast(t, 0, group=self.control)
        return float(t[0]), bool(t[1])

    def all_sum(self, t: torch.Tensor) -> torch.Tensor:
        if self.size > 1:
            dist.all_reduce(t)
        return t

    def close(self, wait: bool = True):
        if self.size > 1:
            if wait:  # rank 0 may still be writing the last checkpoint
                dist.barrier(group=self.control)
            dist.destroy_process_group()


def init_world(want_cuda: bool) -> World:
    """Joins the process group torchrun describes in the environment; a plain `python3 train.py` (or a
    world of one) gets World() and no process group."""
    size = int(os.environ.get("WORLD_SIZE", "1"))
    if size == 1:
        return World()
    rank, local_rank = int(os.environ["RANK"]), int(os.environ.get("LOCAL_RANK", "0"))
    if want_cuda:
        torch.cuda.set_device(local_rank)
    dist.init_process_group("nccl" if want_cuda else "gloo")
    control = dist.new_group(backend="gloo") if want_cuda else None  # CPU-side numbers, no GPU sync
    return World(rank, size, local_rank, control)


def resolve_micro_batches(cfg, world: World) -> int:
    """0 in the config means one piece per rank; the resolved number is saved with the run's config."""
    pieces = cfg.micro_batches or world.size
    if pieces % world.size:
        raise ValueError(f"micro_batches={pieces} is not a multiple of the world size {world.size}: pass "
                         f"--set micro_batches={world.size * -(-pieces // world.size)} (the data order stays; "
                         "the split of each step's randomness changes)")
    if cfg.batch_size % pieces:
        raise ValueError(f"batch_size {cfg.batch_size} does not split into {pieces} equal micro-batches")
    return pieces


def piece_seed(seed: int, step: int, piece: int) -> int:
    return int(np.random.SeedSequence([seed, step, piece]).generate_state(1)[0])


class Objective(nn.Module):
    """The loss as a module's forward, so that DDP sees the whole computation (its gradient hooks are
    prepared in forward)."""

    def __init__(self, model, cfg):
        super().__init__()
        self.model, self.cfg = model, cfg

    def forward(self, ids, mask):
        return losses(self.model, ids, mask, self.cfg)


def counts(rows: np.ndarray) -> tuple[int, int]:
    """(cloze targets, real tokens) of rows as model.losses counts them after to_batch adds [CLS]/[SEP]."""
    return int((rows >= NUM_SPECIAL).sum()), int((rows != 0).sum()) + 2 * len(rows)


def train_step(objective, rows: np.ndarray, step: int, cfg, world: World, pieces: int, device):
    """Forward and backward of this rank's pieces of the global batch `rows` (gradients left in the
    parameters, averaged over ranks). Returns (cloze, electric) of the global batch summed over this
    rank's pieces, detached: an all_sum across ranks gives the global means."""
    size = len(rows) // pieces
    cloze_all, real_all = counts(rows)
    mine = range(world.rank, pieces, world.size)
    parts = []
    for i, piece in enumerate(mine):
        chunk = rows[piece * size:(piece + 1) * size]
        n_cloze, n_real = counts(chunk)
        w_cloze, w_real = n_cloze / max(1, cloze_all), n_real / real_all
        ids, mask = to_batch(chunk, device)
        torch.manual_seed(piece_seed(cfg.seed, step, piece))
        last = i == len(mine) - 1
        sync = nullcontext() if last or world.size == 1 else objective.no_sync()
        with sync:
            with autocast(device, cfg):
                loss = objective(ids, mask)
            # DDP averages gradients over ranks; * world.size turns that average back into the sum.
            scaled = (loss["cloze"] * w_cloze + cfg.electric_weight * loss["electric"] * w_real) * world.size
            scaled.backward()
        parts.append(torch.stack([loss["cloze"].detach().float() * w_cloze,
                                  loss["electric"].detach().float() * w_real]))
    return torch.stack(parts).sum(0)

