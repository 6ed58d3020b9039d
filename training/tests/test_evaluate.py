import numpy as np

from evaluate import confusable_table, decode_words, misspell, plant
from tokenizer import WordPiece

WORDS = ("their there they it ' s its re is are the file was were then than to too a an of off your you "
         "check returns value before calling open close this that when".split())


def wordpiece():
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + sorted(set(WORDS) | set("abcdefghijklmnopqrstuvwxyz"))
    vocab += ["##" + c for c in "abcdefghijklmnopqrstuvwxyz"]
    return WordPiece(vocab)


def rows_of(wp, texts, length=24):
    rows = np.zeros((len(texts), length), np.uint16)
    for i, t in enumerate(texts):
        ids = wp.encode(t)[0][:length]
        rows[i, :len(ids)] = ids
    return rows


def test_confusables_keep_case_and_multiword_forms():
    table = confusable_table()
    assert ("there",) in table[("their",)] and ("they", "'", "re") in table[("their",)]
    assert ("It", "'", "s") in table[("Its",)]
    assert ("its",) in table[("it", "'", "s")]


def one_edit(w):
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = {w[:i] + w[i + 1:] for i in range(len(w))}
    out |= {w[:i] + c + w[i:] for i in range(len(w) + 1) for c in letters}
    out |= {w[:i] + c + w[i + 1:] for i in range(len(w)) for c in letters}
    return out | {w[:i] + w[i + 1] + w[i] + w[i + 2:] for i in range(len(w) - 1)}


def test_misspell_is_one_edit():
    rng = np.random.default_rng(0)
    edits = one_edit("returns")
    bad = [misspell("returns", rng) for _ in range(300)]
    assert all(b in edits for b in bad)
    assert len(set(bad)) > 50  # all four kinds of edit, at many positions


def test_planted_twins_differ_only_in_the_span():
    wp = wordpiece()
    texts = ["Check the file before calling open, then close it.", "Their value is there when it's open.",
             "This returns a value that was off."] * 4
    rows = rows_of(wp, texts)
    out = plant(rows, wp, n=6, seed=1)
    assert len(out["misspelling"]) >= 3 and len(out["confusable"]) >= 3
    for kind, examples in out.items():
        for clean, (a, b), bad, (c, d), tag in examples:
            assert clean[:a] == bad[:c] and clean[b:] == bad[d:], (kind, tag)
            assert clean[a:b] != bad[c:d]
            if kind == "confusable":
                src, dst = tag.split("->")
                assert decode_words(clean[a:b], wp.vocab) == src.split()
                assert decode_words(bad[c:d], wp.vocab) == dst.split()


def test_planted_metrics_score_spans_with_the_model():
    import torch

    from config import get_config
    from evaluate import planted_metrics
    from model import Electric

    wp = wordpiece()
    rows = rows_of(wp, ["Their value is there when it's open, then close the file."] * 8)
    examples = plant(rows, wp, n=8, seed=2)["confusable"]
    torch.manual_seed(0)
    model = Electric(get_config("tiny", [f"vocab_size={len(wp.vocab)}", "max_len=32"])).eval()
    res = planted_metrics(model, examples)
    assert res["n"] == len(examples) == 8
    assert all(0.0 <= res[k] <= 1.0 for k in ("auc_sum", "auc_max", "auc_mean", "auc_sum_posterior", "auc_sum_cloze", "share_higher"))


def test_unigram_baseline_scores_rarer_swaps_higher():
    from evaluate import unigram_metrics

    counts = np.array([0, 0, 0, 0, 0, 1000, 10, 500, 5])   # ids 5 and 7 frequent, 6 and 8 rare
    to_rare = [([5, 7], (0, 1), [6, 7], (0, 1), "a"), ([7, 5], (0, 1), [8, 5], (0, 1), "b")]
    assert unigram_metrics(to_rare, counts)["auc_sum"] == 1.0
    to_frequent = [(b, bs, a, as_, t) for a, as_, b, bs, t in to_rare]
    assert unigram_metrics(to_frequent, counts)["auc_sum"] == 0.0
