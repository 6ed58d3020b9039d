"""Train Electric on pre-tokenized rows.

    nice /usr/bin/python3 training/train.py --preset cpu --out training/runs/cpu1 --time-budget 600
    /usr/bin/python3 training/train.py --preset gpu --out $OUT/run --time-budget 540 --ship-weights $OUT/ship
    /usr/bin/python3 training/train.py --resume training/runs/cpu1/ckpt --time-budget 3600   # continue
    torchrun --nproc_per_node=8 training/train.py --preset gpu --set batch_size=2048 --out $OUT/run ...

Under torchrun it trains data-parallel (DistributedDataParallel, one process per GPU; distributed.py says
how a step is split and why a checkpoint resumes on another number of processes); rank 0 writes.

Writes OUT/log.jsonl (one JSON object a line: kind start | train | eval | end), OUT/ckpt/ (fp32 weights,
optimizer, RNG, step: resumes exactly), and with --ship-weights the fp16 weight shards export.py reads.

LR schedule: linear warm-up over `warmup_steps`, then linear decay to 0 — over `max_steps` steps, or,
with --time-budget, over the wall-clock budget (lr = peak * warm-up factor * (1 - elapsed / budget)).
Scheduling by elapsed time always ends at lr 0 exactly when the budget is spent, whatever the machine's
speed (the CPU here is shared and its speed varies); the elapsed time is saved, so a resumed run
continues the same schedule. The budget covers training and interim evaluations; the loop stops early
by the duration of the last evaluation + checkpoint, so the final ones fit inside it.
"""
import argparse
import dataclasses
import json
import os
import platform
import time
from pathlib import Path

import torch

from checkpoint import load_checkpoint, load_model, save_checkpoint, save_ship_weights
from config import Config, apply_overrides, config_from_dict, get_config
from data import batch_rows, load_rows, write_synthetic
from distributed import Objective, init_world, resolve_micro_batches, train_step
from metrics import heldout_metrics, heldout_sample
from model import Electric


def resolve_device(cfg: Config, local_rank: int = 0) -> str:
    device = cfg.device
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    return f"cuda:{local_rank}" if device == "cuda" else device


def hardware(device: str, cfg: Config) -> str:
    if device.startswith("cuda"):
        return f"{torch.cuda.get_device_name(0)}, torch {torch.__version__}, {cfg.dtype}"
    cpu = platform.processor() or platform.machine()
    for line in Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []:
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return f"{cpu}, {cfg.threads} threads, torch {torch.__version__}, fp32"


def lr_at(cfg: Config, step: int, elapsed: float, budget: float | None) -> float:
    """`step` counts this optimizer's steps (a run continued with --init-weights warms up again)."""
    warm = min(1.0, (step + 1) / max(1, cfg.warmup_steps))
    if budget:
        decay = 1.0 - elapsed / budget
    elif step < cfg.warmup_steps:
        decay = 1.0
    else:
        decay = (cfg.max_steps - step) / max(1, cfg.max_steps - cfg.warmup_steps)
    return cfg.lr * warm * min(1.0, max(0.0, decay))


def make_optimizer(model, cfg: Config):
    # No weight decay on biases and LayerNorm gains (the reference code's exclusions).
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    rest = [p for n, p in model.named_parameters() if p.dim() < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": cfg.weight_decay},
                              {"params": rest, "weight_decay": 0.0}], lr=cfg.lr, eps=cfg.adam_eps)


def train(cfg: Config, out_dir, resume=None, time_budget=None, ship_dir=None, stop_after=None,
          init_weights=None) -> dict:
    """Runs (or continues) training; returns the final state (step, tokens, elapsed, last eval).
    stop_after: leave the loop after this step as if interrupted (tests of resuming)."""
    world = init_world(resolve_device(cfg).startswith("cuda"))
    try:
        state = _train(cfg, out_dir, world, resume, time_budget, ship_dir, stop_after, init_weights)
    except BaseException:
        world.close(wait=False)  # the others may be stuck in a collective: torchrun ends them
        raise
    world.close()
    return state


def _train(cfg, out_dir, world, resume, time_budget, ship_dir, stop_after, init_weights) -> dict:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    device = resolve_device(cfg, world.local_rank)
    cfg = dataclasses.replace(cfg, micro_batches=resolve_micro_batches(cfg, world))
    if device == "cpu":
        torch.set_num_threads(cfg.threads)
    else:
        torch.backends.cuda.matmul.allow_tf32 = True
    torch.manual_seed(cfg.seed)
    train_rows = load_rows(Path(cfg.data_dir) / "train.npy")
    held = heldout_sample(load_rows(Path(cfg.data_dir) / "heldout.npy"), cfg.eval_rows)
    if train_rows.shape[1] + 2 != cfg.max_len:
        raise ValueError(f"rows of {train_rows.shape[1]} pieces need max_len {train_rows.shape[1] + 2}, "
                         f"config has {cfg.max_len}")
    n_vocab = sum(1 for _ in open(cfg.vocab, encoding="utf-8"))
    if n_vocab != cfg.vocab_size:
        raise ValueError(f"{cfg.vocab} has {n_vocab} pieces, config vocab_size is {cfg.vocab_size}")

    model = Electric(cfg).to(device)
    optimizer = make_optimizer(model, cfg)
    state = {"step": 0, "tokens": 0, "elapsed": 0.0, "time_budget": time_budget, "eval": None, "step0": 0}
    if init_weights:
        # Continue from shipped fp16 weights with a fresh optimizer: step and tokens carry on (the model
        # card counts every token the weights have seen); the LR warms up again from step0.
        prior, _, meta = load_model(init_weights, "cpu")
        model.load_state_dict(prior.state_dict())
        state.update(step=meta["step"], tokens=meta["tokens"], step0=meta["step"])
    if resume:
        state.update(load_checkpoint(resume, model, optimizer, device))
        state.pop("config", None)
        time_budget = time_budget or state.get("time_budget")
        state["time_budget"] = time_budget
    if cfg.compile and hasattr(torch, "compile"):
        model.energy = torch.compile(model.energy)
        model.cloze_logits = torch.compile(model.cloze_logits)
    objective = Objective(model, cfg)
    if world.size > 1:
        objective = torch.nn.parallel.DistributedDataParallel(
            objective, device_ids=[world.local_rank] if device.startswith("cuda") else None)
    log = open(out / "log.jsonl", "a") if world.main else None

    def write(kind, **rec):
        if not world.main:
            return
        log.write(json.dumps({"kind": kind, "step": state["step"], "tokens": state["tokens"],
                              "elapsed": round(state["elapsed"], 2), **rec}) + "\n")
        log.flush()

    def evaluate_and_save():
        t = time.time()
        state["eval"] = heldout_metrics(model, held, cfg, device)
        state["eval_step"] = state["step"]
        write("eval", **state["eval"])
        save_checkpoint(out / "ckpt", model, optimizer, cfg, state)
        return time.time() - t

    write("start", config=cfg.__dict__, device=device, hardware=hardware(device, cfg), world_size=world.size,
          train_rows=len(train_rows), resumed_from=str(resume) if resume else None,
          init_weights=str(init_weights) if init_weights else None)
    model.train()
    reserve = 0.0  # seconds the final evaluation + checkpoint are expected to take
    start = time.time() - state["elapsed"]
    mark_t, mark_tokens = time.time(), state["tokens"]
    while True:
        elapsed = time.time() - start
        stop = bool(time_budget and elapsed >= time_budget - reserve)
        stop |= not time_budget and state["step"] >= cfg.max_steps
        stop |= stop_after is not None and state["step"] >= stop_after
        state["elapsed"], stop = world.sync_clock(elapsed, stop)
        if stop:
            break
        lr = lr_at(cfg, state["step"] - state.get("step0", 0), state["elapsed"], time_budget)
        for group in optimizer.param_groups:
            group["lr"] = lr
        rows = train_rows[batch_rows(state["step"], cfg.batch_size, len(train_rows), cfg.seed)]
        optimizer.zero_grad(set_to_none=True)
        loss = train_step(objective, rows, state["step"], cfg, world, cfg.micro_batches, device)
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        optimizer.step()
        state["step"] += 1
        state["tokens"] += int((rows != 0).sum()) + 2 * len(rows)  # on the host: no device sync per step
        if state["step"] % cfg.log_interval == 0:
            cloze, electric = world.all_sum(loss).tolist()
            now = time.time()
            state["elapsed"] = now - start
            write("train", lr=lr, cloze=round(cloze, 5), electric=round(electric, 5),
                  total=round(cloze + cfg.electric_weight * electric, 5),
                  tokens_per_s=round((state["tokens"] - mark_tokens) / (now - mark_t), 1))
        if world.main and (state["step"] % cfg.eval_interval == 0 or state["step"] % cfg.ckpt_interval == 0):
            state["elapsed"] = time.time() - start
            reserve = evaluate_and_save()
        if state["step"] % cfg.log_interval == 0 or state["step"] % cfg.eval_interval == 0:
            mark_t, mark_tokens = time.time(), state["tokens"]
    if not world.main:
        return state
    state["elapsed"] = time.time() - start
    if state.get("eval_step") != state["step"]:
        evaluate_and_save()
    if ship_dir:
        save_ship_weights(ship_dir, model, cfg, {k: state[k] for k in ("step", "tokens", "elapsed")})
    write("end", eval=state["eval"])
    log.close()
    return state


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preset", default="small", help="tiny | cpu | small | gpu")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a Config field")
    ap.add_argument("--out", help="run directory (default: the config's out_dir)")
    ap.add_argument("--resume", help="checkpoint directory to continue from (its config is used)")
    ap.add_argument("--time-budget", type=float,
                    help="wall seconds of training in all (a resumed run counts its earlier time); the LR "
                         "decays over them")
    ap.add_argument("--ship-weights", help="also write fp16 weight shards (< 15 MB each) here at the end")
    ap.add_argument("--init-weights", help="start from these ship weights (fp16 shards) with a fresh optimizer")
    ap.add_argument("--stop-after", type=int,
                    help="leave after this step as if interrupted (checkpoint written; --resume continues)")
    ap.add_argument("--synthetic", action="store_true",
                    help="train on a generated synthetic vocab/corpus in OUT/synthetic (dry runs)")
    args = ap.parse_args()
    if args.resume:
        cfg = config_from_dict(json.loads((Path(args.resume) / "state.json").read_text())["config"])
        cfg = apply_overrides(cfg, args.set)
    else:
        cfg = get_config(args.preset, args.set)
    out = Path(args.out or (Path(args.resume).parent if args.resume else cfg.out_dir))
    if args.synthetic:
        syn = out / "synthetic"
        # every rank writes the same files; each to its own folder so no rank reads a half-written one
        syn = syn / f"rank{os.environ['RANK']}" if "RANK" in os.environ else syn
        write_synthetic(syn, syn / "vocab.txt", cfg.vocab_size, cfg.max_len - 2, n_train=4096, n_heldout=256)
        cfg.data_dir, cfg.vocab = str(syn), str(syn / "vocab.txt")
    state = train(cfg, out, resume=args.resume, time_budget=args.time_budget, ship_dir=args.ship_weights,
                  init_weights=args.init_weights, stop_after=args.stop_after)
    if os.environ.get("RANK", "0") == "0":
        print(json.dumps({k: state[k] for k in ("step", "tokens", "elapsed", "eval")}, indent=1))


if __name__ == "__main__":
    main()
