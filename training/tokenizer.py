"""Cased BERT WordPiece tokenizer with UTF-16 offsets (docs/contract.md section 2).

    wp = WordPiece.from_file("models/vocab.txt")
    ids, offsets = wp.encode("Hello, wörld 🙂")     # offsets: UTF-16 [start, end) into the text
    ids = wp.encode_fast(paragraph)                # bulk corpus path: ids only, per-word cache

src/text/wordpiece.ts implements the same rules; test/fixtures/tokenizer/golden-tokens.json and
models/golden.json (golden_tokens below) hold the two to each other.

Basic tokenization is BERT's, cased: drop U+0000, U+FFFD and Cc/Cf characters (except \t \n \r);
whitespace is \t \n \r, Zs, and also Zl/Zp (BERT splits on Python's str.split(), which includes
U+2028/U+2029); every CJK ideograph and every punctuation character (ASCII symbols or P*) is a word of
its own. Instead of BERT's char-by-char passes we build regexes whose character classes are
enumerated from unicodedata, which gives the same words much faster: a word is a maximal run of
characters that are not whitespace/punctuation/CJK, with dropped characters removed from it.
"""
import hashlib
import json
import re
import sys
import unicodedata
from itertools import chain
from pathlib import Path

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PAD, UNK, CLS, SEP, MASK = range(5)
MAX_WORD_CHARS = 100  # code points; longer words become one [UNK] (BERT's max_input_chars_per_word)

CJK_RANGES = [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
              (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)]


def char_class(cp: int) -> str:
    """'d' dropped, 'w' whitespace, 'p' punctuation, 'c' CJK ideograph, 'n' normal word character."""
    ch = chr(cp)
    if ch in "\t\n\r":
        return "w"
    if cp == 0 or cp == 0xFFFD:
        return "d"
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cf"):
        return "d"
    if cat in ("Zs", "Zl", "Zp"):
        return "w"
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126 or cat.startswith("P"):
        return "p"
    if any(lo <= cp <= hi for lo, hi in CJK_RANGES):
        return "c"
    return "n"


def class_runs() -> list[tuple[int, str]]:
    """Run-length form of char_class over all code points: [(first code point, class), ...]."""
    runs: list[tuple[int, str]] = []
    for cp in range(0x110000):
        k = char_class(cp) if not 0xD800 <= cp <= 0xDFFF else "n"  # lone surrogates: ordinary chars
        if not runs or runs[-1][1] != k:
            runs.append((cp, k))
    return runs


def _regex_class(runs: list[tuple[int, str]], kinds: str) -> str:
    """A regex character class body matching every code point whose class is in `kinds`."""
    parts = []
    bounds = [r[0] for r in runs[1:]] + [0x110000]
    for (lo, k), end in zip(runs, bounds):
        if k in kinds:
            hi = end - 1
            parts.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
    return "".join(parts)


_RUNS = class_runs()
_DROP = _regex_class(_RUNS, "d")
_SINGLE = _regex_class(_RUNS, "pc")
_BREAK = _regex_class(_RUNS, "wpc")
DROP_RE = re.compile(f"[{_DROP}]+")
# A punctuation/CJK char alone, or a run of anything but whitespace/punctuation/CJK (dropped chars
# included: BERT removes them before splitting, so they join their neighbours into one word).
WORD_RE = re.compile(f"[{_SINGLE}]|[^{_BREAK}]+")
ASTRAL_RE = re.compile("[\U00010000-\U0010FFFF]")
# The same split for pure-ASCII text with dropped chars already removed; a short class is 4x faster.
_ASCII_RUNS = [(cp, k) for cp, k in _RUNS if cp < 128]
ASCII_WORD_RE = re.compile(f"[{_regex_class(_ASCII_RUNS, 'pc')}]|[^{_regex_class(_ASCII_RUNS, 'wpc')}\x80-\U0010FFFF]+")


def _words(text: str) -> list[tuple[str, int, int]]:
    """Words with their code-point [start, end) in `text`; dropped characters are removed from
    `word` and trimmed from the span's edges, so the span covers exactly the kept characters."""
    words = []
    for m in WORD_RE.finditer(text):
        word, s, e = m.group(), m.start(), m.end()
        if DROP_RE.search(word):
            word = DROP_RE.sub("", word)
            if not word:
                continue
            s = DROP_RE.match(text, s).end() if DROP_RE.match(text, s) else s
            while DROP_RE.fullmatch(text[e - 1]):
                e -= 1
        words.append((word, s, e))
    return words


def split_words(text: str) -> list[str]:
    """The words of basic tokenization, without offsets (the bulk path)."""
    if DROP_RE.search(text):
        text = DROP_RE.sub("", text)
    return (ASCII_WORD_RE if text.isascii() else WORD_RE).findall(text)


def basic_tokenize(text: str) -> list[tuple[str, int, int]]:
    """Words with their UTF-16 [start, end) spans in `text`."""
    u16 = _utf16_index(text)
    return [(w, u16(s), u16(e)) for w, s, e in _words(text)]


def _utf16_index(text: str):
    """Maps a code-point index of `text` to its UTF-16 code-unit index."""
    if not ASTRAL_RE.search(text):
        return lambda i: i
    table = [0] * (len(text) + 1)
    acc = 0
    for i, ch in enumerate(text):
        table[i] = acc
        acc += 2 if ord(ch) > 0xFFFF else 1
    table[len(text)] = acc
    return table.__getitem__


class WordPiece:
    def __init__(self, vocab: list[str]):
        if vocab[:5] != SPECIALS:
            raise ValueError(f"vocab must start with {SPECIALS}, got {vocab[:5]}")
        self.vocab = vocab
        self.ids = {p: i for i, p in enumerate(vocab)}
        if len(self.ids) != len(vocab):
            raise ValueError("vocab has duplicate pieces")
        self.max_piece = max(len(p) for p in vocab)
        self.cache: dict[str, tuple[int, ...]] = {}
        self.cache_limit = 2_000_000

    @classmethod
    def from_file(cls, path) -> "WordPiece":
        return cls(Path(path).read_text(encoding="utf-8").split("\n")[:-1])

    def word_pieces(self, word: str) -> list[tuple[int, int, int]]:
        """Greedy longest-match-first: [(id, start char, end char)], or one [UNK] for the whole word."""
        n = len(word)
        if n > MAX_WORD_CHARS:
            return [(UNK, 0, n)]
        out = []
        start = 0
        ids = self.ids
        while start < n:
            end = min(n, start + self.max_piece)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                i = ids.get(piece)
                if i is not None:
                    out.append((i, start, end))
                    break
                end -= 1
            else:
                return [(UNK, 0, n)]
            start = end
        return out

    def word_ids(self, word: str) -> tuple[int, ...]:
        got = self.cache.get(word)
        if got is None:
            got = tuple(p[0] for p in self.word_pieces(word))
            if len(self.cache) < self.cache_limit:
                self.cache[word] = got
        return got

    def encode_fast(self, text: str) -> list[int]:
        """ids only (no offsets), for bulk corpus encoding; same ids as encode()."""
        words = split_words(text)
        try:
            return list(chain.from_iterable(map(self.cache.__getitem__, words)))
        except KeyError:  # some word not seen yet: fill the cache, then the fast path holds
            return [i for w in words for i in self.word_ids(w)]

    def encode(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        ids: list[int] = []
        offsets: list[tuple[int, int]] = []
        u16 = _utf16_index(text)
        for word, s, e in _words(text):
            pieces = self.word_pieces(word)
            if len(pieces) == 1 and pieces[0][0] == UNK:
                ids.append(UNK)
                offsets.append((u16(s), u16(e)))
                continue
            # Code-point index in `text` of each kept character (dropped ones may sit in between).
            if e - s == len(word):
                pos = range(s, e)
            else:
                pos = [i for i in range(s, e) if not DROP_RE.fullmatch(text[i])]
            for i, a, b in pieces:
                ids.append(i)
                offsets.append((u16(pos[a]), u16(pos[b - 1] + 1)))
        return ids, offsets

    def decode(self, ids: list[int]) -> str:
        """Pieces joined BERT-style: '##' pieces glued to the previous one, others space-separated."""
        out = []
        for i in ids:
            p = self.vocab[i]
            if p.startswith("##") and out:
                out[-1] += p[2:]
            else:
                out.append(p)
        return " ".join(out)


# Parity sentences for models/golden.json and test/fixtures/tokenizer/golden-tokens.json: every rule of
# the basic tokenizer and the UTF-16 offset arithmetic is exercised at least once.
GOLDEN_TEXTS = [
    "The quick brown fox jumps over the lazy dog.",
    "Their going to the libary tomorow, isn't it?",
    "Café, naïve, façade, Ångström and résumé (precomposed).",
    "Cafe\u0301 and re\u0301sume\u0301 with combining acute accents.",
    "Thumbs up 👍 and a wave 👋🏽 with a skin tone.",
    "A family 👨\u200d👩\u200d👧\u200d👦 and a rainbow flag 🏳️\u200d🌈 are ZWJ sequences.",
    "Mathematical 𝒜𝓁𝓅𝒽𝒶 letters sit outside the BMP: 𝟙𝟚𝟛.",
    "中文分词测试：机器学习很有趣。",
    "Mixed 日本語のテキスト and 한국어 text.",
    "العربية تكتب من اليمين إلى اليسار.",
    "עברית נכתבת מימין לשמאל, also mixed with English.",
    "Control\x07chars\x1b[0m and a NUL\x00 byte and a \ufffd replacement.",
    "Zero\u200bwidth\u200cjoiners\u200d and a soft\u00adhyphen and BOM\ufeffhere.",
    "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3 + " is over one hundred characters long.",
    "Multiple   spaces,\ttabs\t\tand\nnew\n\nlines\r\nand\u00a0no-break\u2003em\u3000ideographic\u2028separators.",
    "Wait... what?!?! (Really??) -- yes; [sure] {ok} <fine> #1 @user $5 100% a&b ~x ^y `z`",
    "Don't, won't, it's, rock 'n' roll, the dogs' bones, O\u2019Reilly\u2019s book.",
    "See https://example.com/path?query=1&x=y#frag or mail someone@example.org.",
    "Version 3.14.15-rc2 of foo_bar.baz() returns 0x1F on x86_64.",
    "\u201cSmart quotes\u201d \u2014 em dashes \u2013 en dashes \u2026 ellipsis \u00bfque? \u00a1si!",
]


def golden_tokens(wp: WordPiece, texts: list[str] = GOLDEN_TEXTS) -> dict:
    """{"sentences": [{text, ids, offsets}]}: models/golden.json before the export adds `energy`."""
    out = []
    for t in texts:
        ids, offsets = wp.encode(t)
        out.append({"text": t, "ids": ids, "offsets": [list(o) for o in offsets]})
    return {"sentences": out}


def fuzz_texts(n: int, seed: int = 0) -> list[str]:
    """Random strings over letters, digits and every awkward class (controls, format characters,
    surrogate pairs, combining marks, CJK, odd whitespace), for parity fixtures."""
    import random
    rng = random.Random(seed)
    alphabet = (list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,'-_()") +
                ["é", "e\u0301", "ß", "中", "😀", "👋🏽", "\u200b", "\u200d", "\x07", "\x00", "\ufffd", "\t", "\n",
                 "\r", "\u00a0", "\u2028", "\u3000", "\u05d0", "\u0627", "\u2019", "\u201c", "\U0001d49c", "\ufeff"])
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 60))) for _ in range(n)]


def main():
    """Writes the TypeScript parity fixture: python3 training/tokenizer.py models/vocab.txt OUT.json"""
    vocab, out = sys.argv[1:3]
    wp = WordPiece.from_file(vocab)
    runs = [[cp, k] for cp, k in _RUNS]
    sha = hashlib.sha256(Path(vocab).read_bytes()).hexdigest()
    doc = {"vocab": vocab, "vocabSha256": sha, "classRuns": runs, "sentences": golden_tokens(wp)["sentences"],
           "fuzz": golden_tokens(wp, fuzz_texts(300))["sentences"]}
    Path(out).write_text(json.dumps(doc, ensure_ascii=False, indent=None) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
