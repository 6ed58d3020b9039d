"""Held-out pseudo-perplexity and replaced-token-detection AUC against tokens seen, from a run's log.

    /usr/bin/python3 training/plot.py training/runs/cpu1/log.jsonl models/training-curve.png
"""
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the headless backend)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    log, out = Path(sys.argv[1]), Path(sys.argv[2])
    evals = [r for r in map(json.loads, log.read_text().splitlines()) if r["kind"] == "eval"]
    if not evals:
        sys.exit(f"{log}: no eval records yet")
    tokens = [r["tokens"] / 1e6 for r in evals]
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    a.plot(tokens, [r["pseudo_perplexity"] for r in evals], marker="o", ms=3)
    a.set_yscale("log")
    a.set(xlabel="tokens seen (M)", ylabel="exp(mean energy)", title="held-out pseudo-perplexity")
    b.plot(tokens, [r["rtd_auc"] for r in evals], marker="o", ms=3, label="noise posterior")
    b.plot(tokens, [r["rtd_auc_energy"] for r in evals], marker="o", ms=3, label="energy alone")
    b.set(xlabel="tokens seen (M)", ylabel="ROC AUC", title="replaced-token detection (held-out)")
    b.legend()
    for ax in (a, b):
        ax.grid(alpha=0.3)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    print(f"wrote {out} ({len(evals)} evaluations, {tokens[-1]:.2f} M tokens)")


if __name__ == "__main__":
    main()
