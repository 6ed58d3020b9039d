"""One dataclass for every knob of a run, named presets, and `--set key=value` overrides.

    cfg = get_config("small", ["batch_size=16", "lr=3e-4"])
"""
import dataclasses
from dataclasses import dataclass


@dataclass
class Config:
    # Electric encoder
    vocab_size: int = 16384
    max_len: int = 128          # [CLS] + 126 pieces + [SEP]
    layers: int = 8
    hidden: int = 256
    heads: int = 4
    ffn: int = 1024
    embedding: int = 128        # factorised: [V, E] table, projected E -> H
    # two-tower cloze noise model q: 1/4 of Electric's hidden/FFN/heads (paper), depth <= Electric's
    tower_layers: int = 4
    tower_hidden: int = 64
    tower_heads: int = 1
    tower_ffn: int = 256
    dropout: float = 0.1
    # objective (recipe: k = 15% of the real tokens, total = cloze + 50 * electric)
    replace_rate: float = 0.15
    electric_weight: float = 50.0
    # optimisation (AdamW as in the reference code)
    batch_size: int = 32        # the global batch, whatever the number of processes
    micro_batches: int = 0      # pieces a step's batch is cut into (0: one per process; distributed.py)
    lr: float = 5e-4
    weight_decay: float = 0.01
    adam_eps: float = 1e-6
    grad_clip: float = 1.0
    warmup_steps: int = 200
    max_steps: int = 10000      # used when no --time-budget is given
    seed: int = 1234
    # hardware
    device: str = "auto"        # auto | cpu | cuda
    dtype: str = "auto"         # auto (bf16 on CUDA, fp32 on CPU) | bf16 | fp32
    threads: int = 2            # torch.set_num_threads on CPU
    compile: bool = False       # torch.compile on torch >= 2 (CUDA runs)
    # bookkeeping
    log_interval: int = 10
    eval_interval: int = 500
    ckpt_interval: int = 1000
    eval_rows: int = 512        # held-out rows for pseudo-perplexity and RTD AUC (a fixed sample)
    data_dir: str = "data"
    vocab: str = "models/vocab.txt"
    out_dir: str = "training/runs/default"


PRESETS = {
    # Unit tests: a few thousand parameters, runs in milliseconds.
    "tiny": dict(vocab_size=64, max_len=16, layers=2, hidden=32, heads=2, ffn=64, embedding=16,
                 tower_layers=1, tower_hidden=16, tower_heads=1, tower_ffn=32, batch_size=4,
                 warmup_steps=2, max_steps=20, eval_interval=10, ckpt_interval=10, eval_rows=8,
                 log_interval=1),
    # CPU runs: the 4 x 256 encoder measured at ~2,600 tokens/s on 2 cores.
    "cpu": dict(layers=4, tower_layers=2, batch_size=32, lr=1e-3, warmup_steps=100,
                eval_interval=200, ckpt_interval=200, eval_rows=256),
    # The shipped size: 8 x 256 fits the extension's 2-core inference budget (see training/README.md).
    "small": dict(),
    # Same model as small, for one H100 in bf16: a big batch keeps the GPU busy.
    "gpu": dict(batch_size=256, lr=2e-3, warmup_steps=300, eval_interval=500, ckpt_interval=2000,
                eval_rows=1024, log_interval=20),
    # ELECTRA-small's depth (12 x 256), the same batch and schedule; ~1.3x the inference time of 8 layers.
    "gpu12": dict(layers=12, batch_size=256, lr=2e-3, warmup_steps=300, eval_interval=500, ckpt_interval=2000,
                  eval_rows=1024, log_interval=20),
}


def _parse(value: str, like):
    if isinstance(like, bool):
        if value.lower() in ("1", "true", "yes"):
            return True
        if value.lower() in ("0", "false", "no"):
            return False
        raise ValueError(f"not a boolean: {value!r}")
    return type(like)(value)


def get_config(preset: str, overrides: list[str] = ()) -> Config:
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; choose one of {sorted(PRESETS)}")
    return apply_overrides(Config(**PRESETS[preset]), overrides)


def apply_overrides(cfg: Config, overrides: list[str]) -> Config:
    for item in overrides:
        key, sep, value = item.partition("=")
        if not sep or not hasattr(cfg, key):
            raise ValueError(f"bad override {item!r}: expected key=value with key one of "
                             f"{[f.name for f in dataclasses.fields(Config)]}")
        setattr(cfg, key, _parse(value, getattr(cfg, key)))
    if cfg.hidden % cfg.heads or cfg.tower_hidden % cfg.tower_heads:
        raise ValueError("hidden sizes must be divisible by their head counts")
    return cfg


def config_from_dict(d: dict) -> Config:
    names = {f.name for f in dataclasses.fields(Config)}
    return Config(**{k: v for k, v in d.items() if k in names})
