import math

import numpy as np
import pytest
import torch

from config import get_config
from metrics import auc
from model import NUM_SPECIAL, Electric, gumbel_sample, log_prior_ratio, losses, nce_loss, select_positions


@pytest.fixture
def model():
    torch.manual_seed(0)
    return Electric(get_config("tiny")).eval()


def cloze(model, ids, mask=None):
    mask = torch.ones_like(ids) if mask is None else mask
    with torch.no_grad():
        return model.cloze_logits(ids, mask)


def test_two_tower_position_never_sees_itself_but_sees_both_sides(model):
    T = 10
    ids = torch.randint(NUM_SPECIAL, 64, (1, T))
    base = cloze(model, ids)
    for t in range(T):
        changed = ids.clone()
        changed[0, t] = NUM_SPECIAL + (ids[0, t] - NUM_SPECIAL + 7) % (64 - NUM_SPECIAL)
        out = cloze(model, changed)
        # q at t ignores x_t ...
        assert torch.allclose(out[0, t], base[0, t], atol=1e-6), f"q at {t} depends on x_{t}"
        # ... while every other position's q reads it (left tower for s > t, right tower for s < t)
        for s in range(T):
            if s != t:
                assert not torch.allclose(out[0, s], base[0, s], atol=1e-6), f"q at {s} ignores x_{t}"


def test_two_tower_ignores_padding(model):
    ids = torch.randint(NUM_SPECIAL, 64, (1, 8))
    mask = torch.tensor([[1, 1, 1, 1, 1, 0, 0, 0]])
    base = cloze(model, ids, mask)
    other = ids.clone()
    other[0, 5:] = torch.tensor([9, 10, 11])
    assert torch.allclose(cloze(model, other, mask)[0, :5], base[0, :5], atol=1e-6)
    # the same sequence without padding gives the same q at its real positions
    assert torch.allclose(cloze(model, ids[:, :5])[0], base[0, :5], atol=1e-5)


def test_energy_ignores_padding(model):
    ids = torch.randint(NUM_SPECIAL, 64, (2, 8))
    mask = torch.tensor([[1] * 8, [1] * 5 + [0] * 3])
    with torch.no_grad():
        e = model.energy(ids, mask)
        alone = model.energy(ids[1:, :5], mask[1:, :5])
    assert e.shape == (2, 8)
    assert torch.allclose(e[1, :5], alone[0], atol=1e-5)


def test_nce_loss_hand_computed():
    energy = torch.tensor([[0.5, -1.0, 2.0]])
    logq = torch.tensor([[-2.0, -1.0, -3.0]])
    replaced = torch.tensor([[True, False, True]])
    real = torch.tensor([[True, True, False]])  # the third is padding: not counted
    # logits -3.2346 (noise: log(1+e^3.2346) = 3.27322) and -3.7346 (data: log(1+e^-3.7346) = 0.02360)
    loss = nce_loss(energy, logq, replaced, real, log_prior_ratio(0.15))
    assert loss.item() == pytest.approx(1.64841, abs=1e-4)
    assert log_prior_ratio(0.15) == pytest.approx(-1.7346, abs=1e-4)


def test_select_positions_counts_and_eligibility():
    torch.manual_seed(1)
    eligible = torch.zeros(4, 40, dtype=torch.bool)
    eligible[0, 1:39] = True   # n = 38 -> k = round(5.7) = 6
    eligible[1, 1:4] = True    # n = 3  -> k = max(1, round(0.45)) = 1
    eligible[2, 5:25] = True   # n = 20 -> k = 3
    replaced = select_positions(eligible, 0.15)
    assert replaced.sum(1).tolist() == [6, 1, 3, 0]
    assert not (replaced & ~eligible).any()


def test_gumbel_sample_follows_q():
    gen = torch.Generator().manual_seed(0)
    p = torch.tensor([0.5, 0.3, 0.15, 0.05])
    samples = gumbel_sample(p.log().expand(40000, 4), gen)
    freq = torch.bincount(samples, minlength=4).float() / 40000
    assert torch.allclose(freq, p, atol=0.01)


def test_electric_loss_sends_no_gradient_into_q():
    torch.manual_seed(0)
    cfg = get_config("tiny")
    model = Electric(cfg)
    ids = torch.randint(NUM_SPECIAL, 64, (3, 12))
    mask = torch.ones_like(ids)
    out = losses(model, ids, mask, cfg)
    out["electric"].backward()
    for name, p in model.named_parameters():
        if name.startswith(("ltr.", "rtl.", "cloze_")):
            assert p.grad is None or p.grad.abs().max() == 0, name
    assert model.energy_head[0].weight.grad.abs().max() > 0
    assert math.isclose(out["total"].item(), out["cloze"].item() + 50 * out["electric"].item(), rel_tol=1e-6)


def test_auc_matches_pair_counting():
    rng = np.random.default_rng(0)
    pos, neg = rng.integers(0, 5, 30).astype(float), rng.integers(0, 5, 40).astype(float)
    pairs = [(1.0 if a > b else 0.5 if a == b else 0.0) for a in pos for b in neg]
    assert auc(pos, neg) == pytest.approx(sum(pairs) / len(pairs))
