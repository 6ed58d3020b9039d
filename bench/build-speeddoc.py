#!/usr/bin/python3
"""Build the speed benchmark's document (bench/data/speed-10k.md): ~10,000 words of Markdown from one
held-out package, in its own paragraph order, shaped like real documentation.

    /usr/bin/python3 bench/build-speeddoc.py [--root /work/corpus] [--parts] [--package git-doc]

Paragraphs come from the corpus builder's held-out text (see build-devset.py for rebuilding it). The corpus
keeps prose only, so the Markdown structure is put back: a title, a "##" heading every few paragraphs
(the section's first words), some paragraphs as bullet lists (one sentence an item), identifier-shaped
tokens as inline code, and fenced code blocks taken verbatim from the package's own <pre> examples
(its .deb in ROOT/debs, as downloaded by training/corpus.py).
"""
import argparse
import html.parser
import random
import re
import subprocess
import tempfile
from pathlib import Path

import heldout_text as H

HERE = Path(__file__).resolve().parent


class PreBlocks(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.buf, self.depth = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "pre" and self.depth:
            self.depth -= 1
            if not self.depth:
                self.blocks.append("".join(self.buf).strip("\n"))
                self.buf = []

    def handle_data(self, data):
        if self.depth:
            self.buf.append(data)


def code_blocks(root: Path, package: str) -> list[str]:
    debs = sorted((root / "debs").glob(f"{package}_*.deb"))
    if not debs:
        raise SystemExit(f"no {package}_*.deb under {root / 'debs'}: run training/corpus.py first ({H.REBUILD})")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg", "-x", str(debs[0]), tmp], check=True)
        for f in sorted(Path(tmp).rglob("*.html")):
            p = PreBlocks()
            p.feed(f.read_text(errors="replace"))
            for b in p.blocks:
                lines = b.splitlines()
                if 3 <= len(lines) <= 12 and all(len(l) < 100 for l in lines) and "```" not in b:
                    out.append(b)
    return out


def heading(paragraph: str) -> str:
    words = re.sub(r"[`*]", "", paragraph).split()[:5]
    return " ".join(words).rstrip(".,;:")


def build(paragraphs: list[str], blocks: list[str], rng: random.Random, target: int) -> str:
    start = rng.randrange(0, max(1, len(paragraphs) - 2000))
    out, words, n = ["# " + heading(paragraphs[start]), ""], 0, 0
    for para in paragraphs[start:]:
        if words >= target:
            break
        para = H.mark_code(para)
        if n % 6 == 0 and n:
            out += ["## " + heading(para), ""]
        if n % 9 == 4 and len(H.sentences(para)) >= 3:
            out += [f"- {s}" for s in H.sentences(para)] + [""]
        else:
            out += [para, ""]
        if n % 25 == 12 and blocks:
            lang = "sh" if rng.random() < 0.7 else ""
            out += [f"```{lang}", blocks[rng.randrange(len(blocks))], "```", ""]
        words += len(para.split())
        n += 1
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=Path("/work/corpus"))
    ap.add_argument("--parts", action="store_true")
    ap.add_argument("--package", default="git-doc")
    ap.add_argument("--words", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--out", type=Path, default=HERE / "data" / "speed-10k.md")
    args = ap.parse_args()
    sources = H.heldout_sources(args.root, args.parts)
    if args.package not in sources:
        raise SystemExit(f"{args.package} is not among the held-out packages built: {sorted(sources)}")
    paragraphs = sources[args.package].read_text().splitlines()
    doc = build(paragraphs, code_blocks(args.root, args.package), random.Random(args.seed), args.words)
    args.out.write_text(doc)
    print(f"{args.out}: {len(doc.split())} words, {len(doc)} chars")


if __name__ == "__main__":
    main()
