"""Held-out metrics logged while training (and by evaluate.py).

pseudo-perplexity = exp(mean over held-out non-special tokens t of E(x)_t), x the clean sequence.
  NCE makes the model self-normalise, so E(x)_t ~ -log p(x_t | x\\t) and this is the exponentiated mean
  negative pseudo-log-likelihood per token (lower is better; it can dip below 1 where Z is not yet 1).
rtd AUC = replaced-token detection on a fixed held-out sample noised exactly like training (15% of the
  non-special tokens replaced by samples from q, fixed seed): ROC AUC of the noise logit
  E + log q + log(k/(n-k)) (rtd_auc) and of the energy alone (rtd_auc_energy), replaced positions
  against kept ones; a sample equal to the original token is neither (it cannot be told apart).
cloze_nll = q's mean negative log-likelihood of the held-out tokens (nats per token).
"""
import numpy as np
import torch
import torch.nn.functional as F

from data import to_batch
from model import NUM_SPECIAL, log_prior_ratio, noise


def auc(pos, neg) -> float:
    """ROC AUC = P(score of a positive > score of a negative), ties counting one half (Mann-Whitney)."""
    pos, neg = np.asarray(pos, np.float64), np.asarray(neg, np.float64)
    if len(pos) == 0 or len(neg) == 0:
        raise ValueError("AUC needs at least one positive and one negative")
    scores = np.concatenate([pos, neg])
    order = scores.argsort(kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    # average rank over each run of ties
    bounds = np.flatnonzero(np.diff(sorted_scores)) + 1
    starts = np.concatenate([[0], bounds])
    ends = np.concatenate([bounds, [len(scores)]])
    for s, e in zip(starts, ends):
        ranks[order[s:e]] = (s + e + 1) / 2.0
    return float((ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def heldout_sample(rows: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    """The fixed held-out rows every evaluation uses."""
    idx = np.random.default_rng(seed).permutation(len(rows))[:n]
    return np.asarray(rows[np.sort(idx)])


@torch.no_grad()
def heldout_metrics(model, rows: np.ndarray, cfg, device, batch_size: int = 64, seed: int = 0) -> dict:
    was_training = model.training
    model.eval()
    gen = torch.Generator(device=device)
    gen.manual_seed(seed)
    energy_sum, count, nll_sum = 0.0, 0, 0.0
    pos_logit, neg_logit, pos_e, neg_e = [], [], [], []
    prior = log_prior_ratio(cfg.replace_rate)
    for b in range(0, len(rows), batch_size):
        ids, mask = to_batch(rows[b:b + batch_size], device)
        eligible = (mask > 0) & (ids >= NUM_SPECIAL)
        with autocast(device, cfg):
            clean_e = model.energy(ids, mask).float()
            logq = F.log_softmax(model.cloze_logits(ids, mask).float(), -1)
        energy_sum += clean_e[eligible].sum().item()
        count += int(eligible.sum())
        nll_sum -= logq.gather(-1, ids[..., None]).squeeze(-1)[eligible].sum().item()
        noised, replaced = noise(ids, mask, logq, cfg.replace_rate, gen)
        with autocast(device, cfg):
            e = model.energy(noised, mask).float()
        logit = e + logq.gather(-1, noised[..., None]).squeeze(-1) + prior
        pos = replaced & (noised != ids)
        neg = eligible & ~replaced
        pos_logit.append(logit[pos].cpu()), neg_logit.append(logit[neg].cpu())
        pos_e.append(e[pos].cpu()), neg_e.append(e[neg].cpu())
    model.train(was_training)
    return {
        "pseudo_perplexity": float(np.exp(energy_sum / count)),
        "mean_energy": energy_sum / count,
        "rtd_auc": auc(torch.cat(pos_logit).numpy(), torch.cat(neg_logit).numpy()),
        "rtd_auc_energy": auc(torch.cat(pos_e).numpy(), torch.cat(neg_e).numpy()),
        "cloze_nll": nll_sum / count,
        "heldout_tokens": count,
    }


def autocast(device, cfg):
    """bf16 autocast on CUDA when the config asks for it (auto/bf16); a no-op context on CPU/fp32."""
    on = str(device).startswith("cuda") and cfg.dtype in ("auto", "bf16")
    return torch.autocast("cuda", dtype=torch.bfloat16, enabled=on) if on else torch.autocast("cpu", enabled=False)
