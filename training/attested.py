"""The words technical writing uses that no lexicon lists: models/attested.txt, for the spelling channel's own prior.

    python3 training/attested.py --root /work/corpus --known KNOWN.txt [--min-packages 3] [--out models/attested.txt]

A word the engine's lexicon lacks is either a slip or a word its writer meant (jargon, a tool, a British spelling,
a coinage: "iff", "lzma", "luks", "nbytes"). Words that several packages' documentation use are meant:
a slip is seldom made alike by writers who never read each other. This counts every word of the training split
(ROOT/text/train, as corpus.py writes it) by the packages that use it and keeps those used by at least
--min-packages, less the words of KNOWN.txt (one a line, any case: the lexicon's, `node scripts/build-lexicon.mjs
--words`), so the file holds only non-words. The engine reads a word listed here as one feature of its own prior
among the rest (src/engine/channel.ts, ownFeatures), weighed by the channel fit, not as a known word: a listed
word is still checked, its fixes still ranked.

Two splits are left out: the held-out packages (the dev set's text, never read by anything that ships), and the
training packages the channel fit plants its errors in (corpus.fit_packages): the fit learns what a listed word
says from text that did not make the list, as a user's own words are.

Output: one lower-case word a line, sorted by code point (the engine binary-searches it), with a header line
"# attested <packages> <min-packages>" the engine checks.
"""
import argparse
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import fit_packages, read_list  # noqa: E402

# Tokens as src/text/words.ts reads them: runs of letters, digits and underscores joined across single apostrophes,
# dots and slashes; a word is a token of letters and apostrophes alone (a file name, a path, a version or an
# identifier is a token the engine never spells), or each of two such words joined by one slash ("and/or").
TOKEN = re.compile(r"\w+(?:['\u2019./\\]\w+)*")
WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
SLASH_PAIR = re.compile(r"([^\W\d_]{2,})/([^\W\d_]{2,})")
POSSESSIVE = re.compile(r"['\u2019]s$")


def words_of(text: str) -> set[str]:
    """The distinct lower-case words of text, a possessive's 's left off ("nuxt's" is "nuxt")."""
    out = set()
    for t in TOKEN.findall(text):
        pair = SLASH_PAIR.fullmatch(t)
        for w in pair.groups() if pair else (t,):
            if WORD.fullmatch(w):
                out.add(POSSESSIVE.sub("", w.lower()).replace("\u2019", "'"))
    return out


def attested_words(texts, known: set[str], min_packages: int) -> list[str]:
    """The words of at least min_packages of texts (one a package) that known lacks, sorted: BMP letters only (the
    engine compares UTF-16 code units, as Python compares code points, alike below U+10000), two letters or more."""
    by = Counter()
    for text in texts:
        by.update(words_of(text))
    return sorted(w for w, n in by.items() if n >= min_packages and len(w) >= 2 and w not in known and max(map(ord, w)) < 0x10000)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=Path("/work/corpus"))
    ap.add_argument("--known", type=Path, required=True, help="the lexicon's words, one a line (left out)")
    ap.add_argument("--min-packages", type=int, default=3)
    ap.add_argument("--out", type=Path, default=HERE.parent / "models" / "attested.txt")
    args = ap.parse_args()
    packages = read_list(HERE / "packages.txt")
    heldout = set(read_list(HERE / "heldout.txt"))
    fit = set(fit_packages(packages, heldout))
    train = args.root / "text" / "train"
    read = [p for p in sorted(train.glob("*.txt")) if p.stem not in fit and p.stem not in heldout]
    if len(read) < 100:
        sys.exit(f"{train}: {len(read)} packages outside the fit's: build the whole corpus (training/corpus.py --root {args.root})")
    known = {l.strip().lower() for l in args.known.read_text(encoding="utf-8").splitlines() if l.strip()}
    kept = attested_words((p.read_text(encoding="utf-8") for p in read), known, args.min_packages)
    args.out.write_text(f"# attested {len(read)} {args.min_packages}\n" + "".join(w + "\n" for w in kept), encoding="utf-8")
    print(f"attested: {len(kept)} words in {args.min_packages}+ of {len(read)} packages -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
