"""Build the pre-training corpus from Debian documentation packages.

    python3 training/corpus.py --root /work/corpus            # download, extract, clean, split
    python3 training/corpus.py --root /work/corpus --fit-only # only the packages the channel fit reads

Packages come from training/packages.txt (one name a line; '#' comments). Each is fetched with
`apt-get download` (nothing is installed), unpacked with `dpkg -x`, and its prose extracted:
HTML (html.parser; pre/code blocks, tables, navigation, scripts dropped), reST/Markdown/plain text
(code blocks, directives, tables and indented listings dropped). Paragraphs with little alphabetic text
or too few English function words (translations) are dropped, whitespace is normalised and paragraphs
are de-duplicated by hash across the whole corpus.

The split is by package: held-out packages (training/heldout.txt) are never trained on; the benchmark's
technical dev set is built from them. Output: ROOT/text/{train,heldout}/<package>.txt, one paragraph a
line, and ROOT/versions.tsv (package, version, words, paragraphs).
"""
import argparse
import gzip
import hashlib
import html.parser
import os
import re
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Function words that make up a large share of any English paragraph; translations have almost none.
ENGLISH = set("""the of and to a in is that for it as with be on by this are or not from an at which can
if you will was we have has but all its their they these there when use used one more also than may
each other into only should must been such would do does so then some any most our your how what
where who between both through while about after before under over same new no""".split())

SKIP_TAGS = {"script", "style", "pre", "table", "nav", "header", "footer", "form", "select", "button",
             "head", "title", "svg", "math", "textarea", "noscript", "iframe"}
BLOCK_TAGS = {"p", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "section",
              "article", "td", "th", "br", "hr", "ul", "ol", "dl", "body", "caption", "figcaption", "main"}
SKIP_CLASSES = re.compile(r"sphinxsidebar|related|navigation|breadcrumb|toc|footer|header|menu|highlight"
                          r"|headerlink|sourcecode|literal-block|doctest|codehilite|navbar|sidebar")


class ProseHTML(html.parser.HTMLParser):
    """Collects the text of block elements, skipping code, tables and navigation."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.buf: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, opened a skip region)
        self.skip = 0

    def flush(self):
        if self.buf:
            self.paragraphs.append("".join(self.buf))
            self.buf = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "hr", "img", "meta", "link", "input", "wbr"):
            if tag in ("br", "hr"):
                self.flush()
            return
        cls = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        skipping = tag in SKIP_TAGS or bool(cls and SKIP_CLASSES.search(cls))
        self.stack.append((tag, skipping))
        if skipping:
            self.skip += 1
        if tag in BLOCK_TAGS:
            self.flush()

    def handle_endtag(self, tag):
        # Close up to the matching tag; tolerate unclosed <p>/<li> as browsers do.
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for _, skipping in self.stack[i:]:
                    if skipping:
                        self.skip -= 1
                del self.stack[i:]
                break
        if tag in BLOCK_TAGS:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.buf.append(data)


def html_paragraphs(text: str) -> list[str]:
    p = ProseHTML()
    try:
        p.feed(text)
        p.close()
    except Exception:  # malformed markup: keep what was parsed
        pass
    p.flush()
    return p.paragraphs


CODE_LINE = re.compile(r"^\s*([$#>%]\s|[{}\[\]();]|//|/\*|\*/|<[a-zA-Z/!]|\.\. |::|[-=+~^*`#]{3,}|\|)")


def plain_paragraphs(text: str, markdown: bool) -> list[str]:
    """reST, Markdown and plain text: paragraphs separated by blank lines, minus code and markup."""
    out: list[str] = []
    fence = False
    buf: list[str] = []

    def flush():
        if buf:
            out.append(" ".join(buf))
            buf.clear()

    for line in text.splitlines():
        s = line.strip()
        if s.startswith("```") or s.startswith("~~~"):
            fence = not fence
            flush()
            continue
        if fence:
            continue
        if not s:
            flush()
            continue
        if line.startswith(("    ", "\t")) or CODE_LINE.match(line):
            flush()
            continue
        if markdown:
            s = re.sub(r"`[^`]*`", lambda m: m.group(0)[1:-1], s)
            s = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", s)
            s = re.sub(r"^\s*([-*+]|\d+\.)\s+", "", s)
            # emphasis markers only at word edges: snake_case identifiers keep their underscores
            s = re.sub(r"(?<![\w*])([*_]{1,2})([^*_\s][^*_]*?)\1(?![\w*])", r"\2", s)
        else:
            s = re.sub(r":[a-z:]+:`([^`<]*)(<[^>]*>)?`", r"\1", s)  # :role:`text <target>`
            s = re.sub(r"``([^`]*)``", r"\1", s)
            s = re.sub(r"`([^`<]*)(<[^>]*>)?`_{0,2}", r"\1", s)
            s = re.sub(r"^\s*([-*+]|\d+\.|#\.)\s+", "", s)
        buf.append(s)
    flush()
    return out


WS = re.compile(r"\s+")


def clean(paragraph: str) -> str | None:
    p = WS.sub(" ", paragraph).strip()
    words = p.split(" ")
    if len(words) < 6 or len(p) > 5000:
        return None
    letters = sum(c.isalpha() for c in p)
    if letters < 0.7 * sum(not c.isspace() for c in p):
        return None
    lower = [w.strip(".,;:()\"'").lower() for w in words]
    if sum(w in ENGLISH for w in lower) < max(2, 0.15 * len(words)):
        return None
    if p[0].islower() and not p[0].isalpha():
        return None
    return p


TEXT_EXT = {".txt", ".rst", ".md", ".markdown", ".text", ""}
HTML_EXT = {".html", ".htm", ".xhtml"}
SKIP_DIRS = re.compile(r"/(locale|man\d?|_sources|_static|_images|examples?|tests?|fonts|images|js|css|"
                       r"de|fr|es|it|ja|ko|zh|zh_CN|zh_TW|ru|pt|pt_BR|pl|nl|sv|cs|hu|tr|uk)(/|$)")


def package_paragraphs(root: Path):
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.is_symlink() or SKIP_DIRS.search(str(path.relative_to(root))):
            continue
        name = path.name
        raw_name = name[:-3] if name.endswith(".gz") else name
        ext = os.path.splitext(raw_name)[1].lower()
        is_readme = raw_name.upper().startswith(("README", "NEWS", "CHANGES"))
        if ext not in HTML_EXT and ext not in TEXT_EXT - {""} and not is_readme:
            continue
        if "copyright" in raw_name.lower() or "changelog" in raw_name.lower():
            continue
        try:
            data = gzip.open(path).read() if name.endswith(".gz") else path.read_bytes()
        except (OSError, EOFError):
            continue
        if len(data) > 8_000_000 or b"\0" in data[:4096]:
            continue
        text = data.decode("utf-8", errors="replace")
        if ext in HTML_EXT:
            yield from html_paragraphs(text)
        else:
            yield from plain_paragraphs(text, markdown=ext in (".md", ".markdown") or is_readme)


def process(args):
    pkg, deb, outdir = args
    work = Path(f"/tmp/corpus-x/{pkg}")
    subprocess.run(["rm", "-rf", str(work)])
    work.mkdir(parents=True)
    subprocess.run(["dpkg", "-x", str(deb), str(work)], check=True)
    paras = []
    for p in package_paragraphs(work):
        c = clean(p)
        if c:
            paras.append(c)
    subprocess.run(["rm", "-rf", str(work)])
    (outdir / f"{pkg}.part").write_text("\n".join(paras) + ("\n" if paras else ""))
    return pkg, len(paras)


def read_list(path: Path) -> list[str]:
    return [l.split("#")[0].strip() for l in path.read_text().splitlines() if l.split("#")[0].strip()]


def fit_packages(packages: list[str], heldout: set[str], n: int = 80, seed: int = 13) -> list[str]:
    """The training packages bench/plant-train.py draws with its defaults (--packages 80 --seed 13) from a whole
    corpus: its seeded sample over the training files, which are every package here that is not held out. A
    corpus of these alone (--fit-only) holds the same text, so the fit reads the same packages; plant-train.py
    then draws its sentences from them with the generator as it stands after sampling 80 of 80 files rather than
    of 613, so the planted items are its own, the same on every such corpus (bench/results/fit-channel.json says
    which corpus a fit read)."""
    import random
    return random.Random(seed).sample(sorted(p for p in packages if p not in heldout), n)


DEV_META = HERE.parent / "bench" / "data" / "tech-dev.meta.json"


def unseen_packages(heldout: list[str]) -> list[str]:
    """The held-out packages the technical dev set does not read (bench/data/tech-dev.meta.json): text the model
    never trained on and no benchmark scores, which the channel fit reads (bench/plant-train.py --unseen)."""
    import json
    dev = set(json.loads(DEV_META.read_text())["packages"])
    return [p for p in heldout if p not in dev]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=Path("/work/corpus"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--finish-only", action="store_true",
                    help="skip download and extraction: split and de-duplicate the packages extracted so far")
    ap.add_argument("--fit-only", action="store_true",
                    help="only the packages the channel fit reads (fit_packages, unseen_packages): a corpus of minutes, not an hour")
    args = ap.parse_args()
    packages = read_list(HERE / "packages.txt")
    heldout_list = read_list(HERE / "heldout.txt")
    heldout = set(heldout_list)
    if args.fit_only:
        packages = fit_packages(packages, heldout) + unseen_packages(heldout_list)
    debs = args.root / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    have = {p.name.split("_")[0] for p in debs.glob("*.deb")}
    missing = [] if args.finish_only else [p for p in packages if p not in have]
    for i in range(0, len(missing), 50):
        subprocess.run(["apt-get", "download", "-q", *missing[i:i + 50]], cwd=debs,
                       stdout=subprocess.DEVNULL)
    by_pkg = {p.name.split("_")[0]: p for p in debs.glob("*.deb")}
    parts = args.root / "parts"
    parts.mkdir(exist_ok=True)
    todo = [] if args.finish_only else [
        (p, by_pkg[p], parts) for p in packages if p in by_pkg and not (parts / f"{p}.part").exists()]
    with ProcessPoolExecutor(args.jobs) as ex:
        for n, (pkg, count) in enumerate(ex.map(process, todo, chunksize=4), 1):
            print(f"[{n}/{len(todo)}] {pkg}: {count} paragraphs", file=sys.stderr, flush=True)
    # De-duplicate across the corpus, held-out packages first so their text never leaks into train.
    seen: set[bytes] = set()
    versions = []
    for split in ("heldout", "train"):
        subprocess.run(["rm", "-rf", str(args.root / "text" / split)])
        (args.root / "text" / split).mkdir(parents=True)
    order = sorted(by_pkg, key=lambda p: (p not in heldout, p))
    for pkg in order:
        if pkg not in packages:
            continue
        part = parts / f"{pkg}.part"
        if not part.exists():
            continue
        keep = []
        for line in part.read_text().splitlines():
            h = hashlib.blake2b(line.lower().encode(), digest_size=12).digest()
            if h not in seen:
                seen.add(h)
                keep.append(line)
        split = "heldout" if pkg in heldout else "train"
        (args.root / "text" / split / f"{pkg}.txt").write_text("\n".join(keep) + ("\n" if keep else ""))
        version = by_pkg[pkg].name.split("_")[1].replace("%3a", ":")
        versions.append((pkg, version, split, sum(len(l.split()) for l in keep), len(keep)))
    with open(args.root / "versions.tsv", "w") as f:
        f.write("package\tversion\tsplit\twords\tparagraphs\n")
        for row in versions:
            f.write("\t".join(map(str, row)) + "\n")
    for split in ("train", "heldout"):
        w = sum(r[3] for r in versions if r[2] == split)
        print(f"{split}: {w / 1e6:.2f} M words", file=sys.stderr)


if __name__ == "__main__":
    main()
