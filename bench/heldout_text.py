"""Held-out documentation text for the benchmark: paragraphs, sentences, inline code and word tokens.

The corpus builder (training/corpus.py) writes ROOT/text/heldout/<package>.txt, one paragraph a line,
for the packages in training/heldout.txt (never trained on). Before the builder has finished, the raw
per-package extracts ROOT/parts/<package>.part of the same packages can stand in (--parts).
"""
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HELDOUT_LIST = REPO / "training" / "heldout.txt"
REBUILD = "nice /usr/bin/python3 training/corpus.py --root ROOT   # downloads the Debian doc packages (apt)"


def heldout_packages() -> list[str]:
    lines = HELDOUT_LIST.read_text().splitlines()
    return [l.split("#")[0].strip() for l in lines if l.split("#")[0].strip()]


def heldout_sources(root: Path, use_parts: bool) -> dict[str, Path]:
    """package -> file of paragraphs; raises when the corpus has not been built."""
    out = {}
    for pkg in heldout_packages():
        p = root / "parts" / f"{pkg}.part" if use_parts else root / "text" / "heldout" / f"{pkg}.txt"
        if p.exists() and p.stat().st_size > 0:
            out[pkg] = p
    if not out:
        where = root / ("parts" if use_parts else "text/heldout")
        sys.exit(f"no held-out text under {where}; build the corpus first:\n  {REBUILD}")
    return out


def package_versions(root: Path) -> dict[str, str]:
    tsv = root / "versions.tsv"
    if not tsv.exists():  # build still running: the downloaded .deb names carry the versions
        return {d.name.split("_")[0]: d.name.split("_")[1].replace("%3a", ":") for d in (root / "debs").glob("*.deb")}
    rows = [l.split("\t") for l in tsv.read_text().splitlines()[1:]]
    return {r[0]: r[1] for r in rows if len(r) > 1}


# Sentence boundary: end punctuation, space, then an upper-case letter or an opening quote/paren.
SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-Z])")
ABBREV = re.compile(r"\b(e\.g|i\.e|etc|vs|cf|Fig|No|Dr|Mr|Mrs|Ms|St|approx|resp|al)\.$")


def sentences(paragraph: str) -> list[str]:
    parts = SENT_SPLIT.split(paragraph)
    out: list[str] = []
    for p in parts:
        # Re-join splits made after an abbreviation ("e.g. Foo").
        if out and ABBREV.search(out[-1]):
            out[-1] += " " + p
        else:
            out.append(p)
    return [s.strip() for s in out if s.strip()]


BAD = re.compile(r"https?://|www\.|\S@\S|[|{}\\<>=]|\.\.\.|…|\s[-–—]\s*$|^\W|\t")


def good_sentence(s: str) -> bool:
    """A real prose sentence of 8-40 words that a proofreader would be asked to check."""
    n = len(s.split())
    if not 8 <= n <= 40 or not s[0].isupper() or s[-1] not in ".!?" or BAD.search(s):
        return False
    if s.count("(") != s.count(")") or s.count('"') % 2 or s.count("“") != s.count("”"):
        return False
    letters = sum(c.isalpha() for c in s)
    return letters >= 0.75 * sum(not c.isspace() for c in s)


# Identifier-like tokens that Markdown documentation writes as inline code: snake_case, calls,
# command-line options, dotted names, paths, $VARIABLES, camelCase. The corpus builder removed the
# original backticks, so they are put back here for these unmistakable shapes only.
IDENT = re.compile(r"""^(
    [A-Za-z_]*_[A-Za-z0-9_]*[A-Za-z0-9]\w*(\(\))? |   # snake_case, __init__
    [A-Za-z_][\w.]*\(\) |                               # call()
    --?[A-Za-z][\w-]*(=\S+)? |                          # --option, -v
    [a-z_]\w+(\.[A-Za-z_]\w+)+ |                        # os.path.join, config.mk
    ~?\.?/[\w.-]+(/[\w.-]*)* |                          # /etc/fstab, ./configure
    \$\{?[A-Za-z_]\w*\}? |                              # $HOME
    [a-z]+[A-Z][A-Za-z0-9]*                             # camelCase
)$""", re.X)
LEAD = "(\"“'‘"
TRAIL = ".,;:!?)\"”'’"


def mark_code(s: str) -> str:
    out = []
    for tok in s.split(" "):
        i, j = 0, len(tok)
        while i < j and tok[i] in LEAD:
            i += 1
        while j > i and tok[j - 1] in TRAIL and (tok[j - 1] != ")" or tok.count("(", i, j) < tok.count(")", i, j)):
            j -= 1
        core = tok[i:j]
        if core and core not in ("-", "--") and IDENT.match(core):
            tok = f"{tok[:i]}`{core}`{tok[j:]}"
        out.append(tok)
    return " ".join(out)


def code_spans(s: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"`[^`]*`", s)]


WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
BEFORE_OK = set(" (\"“‘'")
AFTER_OK = set(" .,;:!?)\"”’'")


def words(s: str) -> list[tuple[int, int, str]]:
    """Plain prose words (start, end, text): not in inline code, not part of a longer token such as
    file.txt, foo-bar or x86_64."""
    spans = code_spans(s)
    out = []
    for m in WORD.finditer(s):
        a, b = m.start(), m.end()
        if any(x <= a < y for x, y in spans):
            continue
        if a > 0 and s[a - 1] not in BEFORE_OK:
            continue
        if b < len(s) and (s[b] not in AFTER_OK or (s[b] in ".’'" and b + 1 < len(s) and s[b + 1] != " ")):
            continue
        out.append((a, b, m.group()))
    return out


def utf16(s: str, i: int) -> int:
    """Python (code point) offset -> UTF-16 code unit offset, what score.py and JavaScript use."""
    return len(s[:i].encode("utf-16-le")) // 2
