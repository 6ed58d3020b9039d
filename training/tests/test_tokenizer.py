"""Tokenizer tests: /usr/bin/python3 -m pytest training/tests

A literal char-by-char transcription of docs/contract.md section 2 (`reference_encode`) is the oracle
for the regex-based tokenizer; hand-checked cases pin the semantics down on a tiny vocabulary.
"""
import json
import random
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training"))
from tokenizer import GOLDEN_TEXTS, UNK, WordPiece, basic_tokenize, golden_tokens  # noqa: E402
from vocab import VocabConfig, train  # noqa: E402

TINY = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "a", "##ff", "##a", "##b",
        "##l", "##e", "b", "l", "e", ",", ".", "'", "s", "##s", "😀", "##😀", "中", "é", "##é", "##\u0301"]


def reference_encode(wp: WordPiece, text: str):
    """The contract, one character at a time, offsets counted in UTF-16 units as JavaScript does."""
    chars = []  # (char, utf16 start, utf16 end) of kept characters; whitespace as None
    u = 0
    for ch in text:
        cp, w = ord(ch), 2 if ord(ch) > 0xFFFF else 1
        cat = unicodedata.category(ch)
        if ch in "\t\n\r" or cat in ("Zs", "Zl", "Zp"):
            chars.append((None, u, u + w))
        elif cp == 0 or cp == 0xFFFD or cat in ("Cc", "Cf"):
            pass
        else:
            chars.append((ch, u, u + w))
        u += w
    words, cur = [], []
    for item in chars:
        ch = item[0]
        cp = ord(ch) if ch else 0
        single = ch is not None and (33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126
                                     or unicodedata.category(ch).startswith("P") or is_cjk(cp))
        if ch is None or single:
            if cur:
                words.append(cur)
            cur = []
            if single:
                words.append([item])
        else:
            cur.append(item)
    if cur:
        words.append(cur)
    ids, offsets = [], []
    for word in words:
        s = "".join(c for c, _, _ in word)
        if len(s) > 100:
            ids.append(UNK)
            offsets.append((word[0][1], word[-1][2]))
            continue
        got, start = [], 0
        while start < len(s):
            for end in range(len(s), start, -1):
                piece = s[start:end] if start == 0 else "##" + s[start:end]
                if piece in wp.ids:
                    got.append((wp.ids[piece], (word[start][1], word[end - 1][2])))
                    start = end
                    break
            else:
                got = [(UNK, (word[0][1], word[-1][2]))]
                break
        for i, o in got:
            ids.append(i)
            offsets.append(o)
    return ids, offsets


def is_cjk(cp):
    return any(lo <= cp <= hi for lo, hi in [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF),
               (0x2A700, 0x2B73F), (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)])


def tiny():
    return WordPiece(TINY)


def pieces(wp, text):
    ids, offsets = wp.encode(text)
    return [(wp.vocab[i], utf16_slice(text, a, b)) for i, (a, b) in zip(ids, offsets)]


def utf16_slice(text, a, b):
    return text.encode("utf-16-le")[2 * a:2 * b].decode("utf-16-le")


def test_greedy_longest_match_and_unk():
    assert pieces(tiny(), "unaffable") == [("un", "un"), ("##aff", "aff"), ("##able", "able")]
    assert pieces(tiny(), "affable") == [("a", "a"), ("##ff", "ff"), ("##able", "able")]
    assert pieces(tiny(), "abl") == [("a", "a"), ("##b", "b"), ("##l", "l")]
    # One uncoverable character makes the whole word one [UNK]; punctuation still splits off.
    assert pieces(tiny(), "unaffablex, e.") == [("[UNK]", "unaffablex"), (",", ","), ("e", "e"), (".", ".")]


def test_long_word_is_one_unk():
    wp = tiny()
    assert wp.encode("a" * 100)[0] == [8] + [10] * 99
    assert wp.encode("a" * 101) == ([UNK], [(0, 101)])
    assert wp.encode("😀" * 101) == ([UNK], [(0, 202)])  # 101 code points, 202 UTF-16 units


def test_whitespace_punctuation_and_dropped_chars():
    wp = tiny()
    assert pieces(wp, "  un\t\tab\n\nle  ") == [("un", "un"), ("a", "a"), ("##b", "b"), ("l", "l"), ("##e", "e")]
    assert pieces(wp, "b's,") == [("b", "b"), ("'", "'"), ("s", "s"), (",", ",")]
    # Zero-width and control characters vanish and join their neighbours into one word.
    assert pieces(wp, "un\u200baff\x07able") == [("un", "un"), ("##aff", "aff"), ("##able", "able")]
    assert wp.encode("un\u200baff") == ([5, 6], [(0, 2), (3, 6)])
    assert wp.encode("\u200bun\u200b") == ([5], [(1, 3)])
    assert wp.encode("\x00\ufffd\u200b \t") == ([], [])
    assert wp.encode("a\u2028b\u3000e") == ([8, 14, 16], [(0, 1), (2, 3), (4, 5)])


def test_astral_and_cjk_offsets():
    wp = tiny()
    assert wp.encode("😀😀 中中") == ([22, 23, 24, 24], [(0, 2), (2, 4), (5, 6), (6, 7)])
    assert wp.encode("😀x") == ([UNK], [(0, 3)])
    assert wp.encode("é e\u0301") == ([25, 16, 27], [(0, 1), (2, 3), (3, 4)])


def test_matches_reference_on_golden_texts_and_fuzz():
    wp = tiny()
    alphabet = list("unaffable sé,.'x\t\n") + ["😀", "中", "\u200b", "\x07", "\u0301", "\u2028", "\u00a0", "\U0001F3FD",
                                              "\ufffd", "\x00", "\u05d0", "\u3002", "\ud83d"]
    rng = random.Random(0)
    texts = GOLDEN_TEXTS + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(40))) for _ in range(3000)]
    # Pure-ASCII text takes encode_fast's ASCII regex: every ASCII character, controls included.
    texts += ["".join(chr(rng.randrange(128)) for _ in range(rng.randrange(40))) for _ in range(3000)]
    for t in texts:
        assert wp.encode(t) == reference_encode(wp, t), repr(t)
        assert wp.encode_fast(t) == wp.encode(t)[0], repr(t)


def test_real_vocab_matches_reference_and_round_trips():
    wp = WordPiece.from_file(ROOT / "models" / "vocab.txt")
    assert len(wp.vocab) == VocabConfig.size
    for t in GOLDEN_TEXTS:
        ids, offsets = wp.encode(t)
        assert (ids, offsets) == reference_encode(wp, t), repr(t)
        assert wp.encode_fast(t) == ids
        for i, (a, b) in zip(ids, offsets):
            if i != UNK and "\u200b" not in t and "\x07" not in t:
                assert utf16_slice(t, a, b) == wp.vocab[i].removeprefix("##")
    # The export scores each golden text as one sequence: [CLS] ids [SEP] within 128.
    assert max(len(s["ids"]) for s in golden_tokens(wp)["sentences"]) <= 126
    prose = "The model reads unmasked text, and gives each token a scalar energy."
    assert wp.decode(wp.encode(prose)[0]) == prose.replace(",", " ,").replace(".", " .")
    assert UNK not in wp.encode(prose)[0]


def test_basic_tokenize_spans():
    assert basic_tokenize("Hi, 😀wörld!") == [("Hi", 0, 2), (",", 2, 3), ("😀wörld", 4, 11), ("!", 11, 12)]


def test_golden_tokens_shape():
    got = golden_tokens(tiny(), ["un, a"])
    assert got == {"sentences": [{"text": "un, a", "ids": [5, 17, 8], "offsets": [[0, 2], [2, 3], [4, 5]]}]}
    json.dumps(got)


def test_trainer_merges_most_frequent_pairs():
    counts = Counter({"low": 5, "lower": 2, "newest": 6, "widest": 3, "x": 1})
    vocab = train(counts, VocabConfig(size=30, min_word_count=2, min_char_count=2), log=lambda m: None)
    assert vocab[:5] == ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    assert vocab[5:10] == ["d", "e", "i", "l", "n"] and "x" not in vocab  # "x" seen once: not in the alphabet
    alphabet_end = vocab.index("##w") + 1
    # ##e ##s (9) and ##s ##t (9) tie; then ##es ##t merges into ##est (9).
    assert vocab[alphabet_end:alphabet_end + 3] == ["##es", "##est", "lo"]
    wp = WordPiece(vocab)
    assert wp.decode(wp.encode("newest lower")[0]) == "newest lower"


def test_pack_fills_rows_greedily_and_splits_long_paragraphs():
    from prepare import pack
    rows = pack([[5] * 3, [6] * 2, [7] * 4, [], [8] * 9], row=5)
    assert rows.dtype.name == "uint16"
    assert rows.tolist() == [[5, 5, 5, 6, 6], [7, 7, 7, 7, 0], [8, 8, 8, 8, 8], [8, 8, 8, 8, 0]]
    assert pack([[9] * 5, [9] * 5], row=5).tolist() == [[9] * 5, [9] * 5]
