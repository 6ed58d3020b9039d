"""Electric (Clark et al. 2020): an energy encoder plus a two-tower cloze noise model, and its NCE loss.

Shapes: B batch, T sequence, V vocabulary, E embedding, H hidden (Electric), h hidden (one tower).

Pre-LN blocks (LayerNorm before attention/FFN, one final LayerNorm) rather than BERT's post-LN: they
train stably at a higher learning rate with a short warm-up, which is what short CPU runs and time-
budgeted GPU runs need; the reference code's post-LN relies on its 10k-step warm-up.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

NUM_SPECIAL = 5  # ids 0-4: [PAD] [UNK] [CLS] [SEP] [MASK]; never replaced, never cloze targets
HAS_SDPA = hasattr(F, "scaled_dot_product_attention")


class Block(nn.Module):
    def __init__(self, d: int, heads: int, ffn: int, dropout: float):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.fc1 = nn.Linear(d, ffn)
        self.fc2 = nn.Linear(ffn, d)
        self.drop = nn.Dropout(dropout)
        self.p = dropout

    def attend(self, x, allowed):
        # x [B,T,d]; allowed [B,1,T,T] bool, True where query i may read key j
        B, T, d = x.shape
        q, k, v = self.qkv(x).view(B, T, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        if HAS_SDPA and not torch.onnx.is_in_onnx_export():
            y = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed,
                                               dropout_p=self.p if self.training else 0.0)
        else:
            scores = (q @ k.transpose(-1, -2)) / math.sqrt(d // self.heads)
            scores = scores.masked_fill(~allowed, float("-inf"))
            y = self.drop(scores.softmax(-1)) @ v  # every row allows its diagonal: no NaN
        return self.proj(y.transpose(1, 2).reshape(B, T, d))

    def forward(self, x, allowed):
        x = x + self.drop(self.attend(self.ln1(x), allowed))
        return x + self.drop(self.fc2(F.gelu(self.fc1(self.ln2(x)))))


def attention_mask(mask, direction: int):
    """mask [B,T] (1 real, 0 pad) -> allowed [B,1,T,T]. direction 0: full, +1: j <= i, -1: j >= i.
    A query may always read itself, so pad rows are never empty; real queries never read pads."""
    T = mask.shape[1]
    i = torch.arange(T, device=mask.device)[:, None]
    j = torch.arange(T, device=mask.device)[None, :]
    allowed = (mask[:, None, None, :] > 0) | (i == j)
    if direction > 0:
        allowed = allowed & (j <= i)
    elif direction < 0:
        allowed = allowed & (j >= i)
    return allowed


class Embeddings(nn.Module):
    """Token + position embeddings of size E, shared by Electric and both towers (tied)."""

    def __init__(self, cfg):
        super().__init__()
        self.tok = nn.Embedding(cfg.vocab_size, cfg.embedding)
        self.pos = nn.Embedding(cfg.max_len, cfg.embedding)
        self.ln = nn.LayerNorm(cfg.embedding)
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, ids):  # [B,T] -> [B,T,E]
        pos = torch.arange(ids.shape[1], device=ids.device)
        return self.drop(self.ln(self.tok(ids) + self.pos(pos)[None]))


class Stack(nn.Module):
    """E -> d projection, a stack of pre-LN blocks, final LayerNorm."""

    def __init__(self, e, d, layers, heads, ffn, dropout):
        super().__init__()
        self.inp = nn.Linear(e, d)
        self.blocks = nn.ModuleList(Block(d, heads, ffn, dropout) for _ in range(layers))
        self.ln = nn.LayerNorm(d)

    def forward(self, x, allowed):
        x = self.inp(x)
        for block in self.blocks:
            x = block(x, allowed)
        return self.ln(x)


class Electric(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.emb = Embeddings(cfg)
        self.encoder = Stack(cfg.embedding, cfg.hidden, cfg.layers, cfg.heads, cfg.ffn, cfg.dropout)
        self.energy_head = nn.Sequential(nn.Linear(cfg.hidden, cfg.hidden), nn.GELU(), nn.Linear(cfg.hidden, 1))
        tower = (cfg.embedding, cfg.tower_hidden, cfg.tower_layers, cfg.tower_heads, cfg.tower_ffn, cfg.dropout)
        self.ltr = Stack(*tower)
        self.rtl = Stack(*tower)
        self.cloze_head = nn.Sequential(nn.Linear(2 * cfg.tower_hidden, cfg.embedding), nn.GELU(),
                                        nn.LayerNorm(cfg.embedding))
        self.cloze_bias = nn.Parameter(torch.zeros(cfg.vocab_size))
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)
        if isinstance(m, nn.Linear) and m.bias is not None:
            nn.init.zeros_(m.bias)

    def energy(self, ids, mask):
        """ids, mask [B,T] -> E(x) [B,T]; low = plausible."""
        h = self.encoder(self.emb(ids), attention_mask(mask, 0))
        return self.energy_head(h).squeeze(-1)

    def cloze_logits(self, ids, mask):
        """ids, mask [B,T] -> logits of q(. | x\\t) [B,T,V]. Position t reads the left tower's state at
        t-1 (it has seen x_<t) and the right tower's at t+1 (x_>t); zeros at the ends and where the source
        is padding, so x_t itself never reaches q at t."""
        x = self.emb(ids)
        left = self.ltr(x, attention_mask(mask, +1))   # [B,T,h], state t has read x_<=t
        right = self.rtl(x, attention_mask(mask, -1))  # [B,T,h], state t has read x_>=t
        m = mask.to(left.dtype)[..., None]
        left, right = left * m, right * m
        zero = torch.zeros_like(left[:, :1])
        left = torch.cat([zero, left[:, :-1]], 1)
        right = torch.cat([right[:, 1:], zero], 1)
        z = self.cloze_head(torch.cat([left, right], -1))  # [B,T,E]
        return z @ self.emb.tok.weight.t() + self.cloze_bias


def log_prior_ratio(replace_rate: float) -> float:
    """log(k / (n - k)) with k/n = replace_rate: -1.7346 for 0.15 (meta.json's logPriorRatio)."""
    return math.log(replace_rate / (1.0 - replace_rate))


def select_positions(eligible, rate: float, generator=None):
    """eligible [B,T] bool -> replaced [B,T] bool: k = max(1, round(rate * n)) uniform positions per row
    among its n eligible ones (none when n = 0)."""
    n = eligible.sum(1)
    k = torch.clamp(torch.round(rate * n.float()), min=1).long().minimum(n)
    scores = torch.rand(eligible.shape, device=eligible.device, generator=generator)
    scores = scores.masked_fill(~eligible, 2.0)          # ineligible sort last
    rank = scores.argsort(1).argsort(1)                  # 0 = smallest score
    return rank < k[:, None]


def gumbel_sample(logq, generator=None):
    """logq [M,V] -> one sample per row from softmax(logq) (Gumbel-max, temperature 1)."""
    u = torch.rand(logq.shape, device=logq.device, generator=generator).clamp_(1e-10, 1 - 1e-7)
    return (logq - torch.log(-torch.log(u))).argmax(-1)


def noise(ids, mask, logq, rate, generator=None):
    """Replace k positions of the clean ids [B,T] with samples from q (logq [B,T,V], detached).
    Returns noised ids [B,T], replaced [B,T] bool (a sample equal to the original still counts)."""
    eligible = (mask > 0) & (ids >= NUM_SPECIAL)
    replaced = select_positions(eligible, rate, generator)
    noised = ids.clone()
    noised[replaced] = gumbel_sample(logq[replaced], generator)
    return noised, replaced


def nce_loss(energy, logq_tok, replaced, real, log_prior: float):
    """Sigmoid cross-entropy of 'token is noise' with logit E(x~)_t + log q(x~_t | x\\t) + log(k/(n-k)),
    averaged over real tokens; energy, logq_tok [B,T] float, replaced, real [B,T] bool."""
    logits = energy + logq_tok + log_prior
    per = F.binary_cross_entropy_with_logits(logits, replaced.float(), reduction="none")
    return (per * real).sum() / real.sum().clamp(min=1)


def losses(model, ids, mask, cfg):
    """One training step's losses on clean ids/mask [B,T]: dict of cloze, electric, total (tensors)."""
    eligible = (mask > 0) & (ids >= NUM_SPECIAL)
    logq = F.log_softmax(model.cloze_logits(ids, mask).float(), -1)       # [B,T,V]
    tok_logq = logq.gather(-1, ids[..., None]).squeeze(-1)               # [B,T]
    cloze = -(tok_logq * eligible).sum() / eligible.sum().clamp(min=1)
    with torch.no_grad():
        lq = logq.detach()
        noised, replaced = noise(ids, mask, lq, cfg.replace_rate)
        noised_logq = lq.gather(-1, noised[..., None]).squeeze(-1)       # log q on the clean context
    energy = model.energy(noised, mask).float()
    electric = nce_loss(energy, noised_logq, replaced, mask > 0, log_prior_ratio(cfg.replace_rate))
    return {"cloze": cloze, "electric": electric, "total": cloze + cfg.electric_weight * electric}
