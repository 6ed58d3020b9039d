#!/usr/bin/python3
"""Build the technical dev set (bench/data/tech-dev.jsonl) from held-out Debian documentation.

    /usr/bin/python3 bench/build-devset.py [--root /work/corpus] [--parts] [--pairs 2500] [--seed 4]

Held-out text comes from the corpus builder (training/corpus.py; the packages in training/heldout.txt are
never trained on). A fresh clone rebuilds it with
    nice /usr/bin/python3 training/corpus.py --root /work/corpus
`--parts` reads its per-package extracts ROOT/parts/*.part (kept after the build, and complete for a
package as soon as it is listed in the build log); the committed set was made that way, from the packages
named in bench/data/tech-dev.meta.json ("command"; `npm run bench:data` repeats it).

Real sentences of 8-40 words are drawn round-robin across packages with a fixed seed; identifier-shaped
tokens are written as Markdown inline code. Each chosen sentence gets ONE planted error of the type that
is furthest behind its quota: a real misspelling from Debian's codespell list, a real-word confusion, an
agreement error with the subject adjacent, or a doubled word (see plant.py). Every corrupted item
"tdNNNN-e" has its corrected twin "tdNNNN-c" (errors: []), so false flags are measured on the same words.
Output is score.py's gold form with UTF-16 offsets.
"""
import argparse
import collections
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import heldout_text as H
import plant

HERE = Path(__file__).resolve().parent
SHARE = {"spelling": 0.40, "real-word": 0.28, "agreement": 0.18, "doubled": 0.14}
# Caps keep one frequent word or confusion pair from dominating a type.
CAP = {"spelling": 6, "real-word": 0.12, "agreement": 0.15, "doubled": 0.08}


def mangled(s: str, english: set[str]) -> bool:
    """A long run of lower-case letters that is no word: an identifier whose underscores the corpus
    extraction took for Markdown emphasis (napi_make_callback -> napimakecallback)."""
    return any(len(w) >= 13 and w not in english for w in re.findall(r"\b[a-z]+\b", s))


def candidate_sentences(sources: dict[str, Path], rng: random.Random, english: set[str]) -> list[tuple[str, str]]:
    """(package, sentence) round-robin across packages, each package's sentences shuffled."""
    per_pkg = {}
    seen = set()
    for pkg in sorted(sources):
        sents = []
        for para in sources[pkg].read_text().splitlines():
            for s in H.sentences(para):
                key = s.lower()
                if H.good_sentence(s) and not mangled(s, english) and key not in seen:
                    seen.add(key)
                    sents.append(s)
        rng.shuffle(sents)
        per_pkg[pkg] = sents
    order = []
    depth = max(len(v) for v in per_pkg.values())
    for i in range(depth):
        for pkg in sorted(per_pkg):
            if i < len(per_pkg[pkg]):
                order.append((pkg, per_pkg[pkg][i]))
    return order


def build(sources, pairs: int, rng: random.Random, slips: float = 0.0, number: float = 0.0, real_slips: float = 0.0,
          missing: float = 0.0):
    """slips: the share of spelling errors that are typing slips (plant.typing_slips) rather than codespell's
    misspellings; 0 for the dev set (as committed), a share for the fit's training text (plant-train.py).
    real_slips: the share of real-word errors that are slips landing on another word (plant.real_word_slips) rather
    than confusion-set swaps; 0 for the dev set (as committed).
    number: the share of errors that are a noun's number against its determiner (plant.noun_number), the others'
    shares scaled down to make room; 0 for the dev set (as committed).
    missing: the same for a word left out, an article or "to" (plant.missing_word); 0 for the dev set (as committed)."""
    english = plant.load_english()
    codespell = plant.load_codespell(english)
    common = plant.load_common() if real_slips else set()
    extra = {**({"number": number} if number else {}), **({"missing": missing} if missing else {})}
    share = {**{t: f * (1 - number - missing) for t, f in SHARE.items()}, **extra}
    cap = {**CAP, "number": 0.1, "missing": 0.1}
    quota = {t: round(pairs * f) for t, f in share.items()}
    quota["spelling"] += pairs - sum(quota.values())
    have = collections.Counter()
    used = collections.Counter()  # (type, key) -> uses
    limit = {t: (cap[t] if cap[t] >= 1 else max(3, int(cap[t] * quota[t]))) for t in share}
    items, per_pkg = [], collections.Counter()
    for pkg, raw in candidate_sentences(sources, rng, english):
        if sum(have.values()) >= pairs:
            break
        s = H.mark_code(raw)
        toks = H.words(s)
        cands = {
            "spelling": plant.typing_slips(s, toks, english, rng) if slips and rng.random() < slips
            else plant.spelling(s, toks, codespell),
            "real-word": plant.real_word_slips(s, toks, common, rng) if real_slips and rng.random() < real_slips
            else plant.real_word(s, toks),
            "agreement": plant.agreement(s, toks),
            "doubled": plant.doubled(s, toks),
            **({"number": plant.noun_number(s, toks, english)} if number else {}),
            **({"missing": plant.missing_word(s, toks, english)} if missing else {}),
        }
        for t in cands:
            key = (lambda c: c[3].lower()) if t == "spelling" else (lambda c: f"{c[3].lower()}>{c[2].lower()}")
            cands[t] = [c for c in cands[t] if used[(t, key(c))] < limit[t]]
        open_types = [t for t in share if cands[t] and have[t] < quota[t]]
        if not open_types:
            continue
        t = min(open_types, key=lambda k: (have[k] / quota[k], k))
        a, b, wrong, right = rng.choice(cands[t])
        key = right.lower() if t == "spelling" else f"{right.lower()}>{wrong.lower()}"
        used[(t, key)] += 1
        have[t] += 1
        per_pkg[pkg] += 1
        bad = s[:a] + wrong + s[b:]
        n = len(items) // 2
        err = {"start": H.utf16(bad, a), "end": H.utf16(bad, a + len(wrong)), "wrong": wrong, "right": right,
               "type": t}
        items.append({"id": f"td{n:04d}-e", "text": bad, "errors": [err], "source": pkg})
        items.append({"id": f"td{n:04d}-c", "text": s, "errors": [], "source": pkg})
    short = {t: f"{have[t]}/{quota[t]}" for t in share if have[t] < quota[t]}
    if short:
        raise SystemExit(f"not enough held-out sentences for the quotas: {short}")
    return items, have, per_pkg


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=Path("/work/corpus"))
    ap.add_argument("--parts", action="store_true", help="read ROOT/parts/*.part (corpus build not finished)")
    ap.add_argument("--pairs", type=int, default=2500, help="corrupted sentences (each with a clean twin)")
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--packages", help="comma list: only these held-out packages (to reproduce a committed set)")
    ap.add_argument("--out", type=Path, default=HERE / "data" / "tech-dev.jsonl")
    args = ap.parse_args()
    sources = H.heldout_sources(args.root, args.parts)
    if args.packages:
        want = args.packages.split(",")
        missing = [p for p in want if p not in sources]
        if missing:
            raise SystemExit(f"held-out text missing for {missing}")
        sources = {p: sources[p] for p in want}
    rng = random.Random(args.seed)
    items, have, per_pkg = build(sources, args.pairs, rng)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w") as f:
        for it in items:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")
    versions = H.package_versions(args.root)
    codespell = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "codespell"], capture_output=True,
                               text=True).stdout
    meta = {"command": "/usr/bin/python3 bench/build-devset.py " + " ".join(sys.argv[1:]), "seed": args.seed, "pairs": args.pairs, "items": len(items), "errors_by_type": dict(have),
            "source": "parts" if args.parts else "text/heldout", "codespell": codespell,
            "packages": {p: {"pairs": per_pkg[p], "version": versions.get(p)} for p in sorted(per_pkg)},
            "words_clean": sum(len(i["text"].split()) for i in items if not i["errors"])}
    args.out.with_suffix(".meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(json.dumps({k: meta[k] for k in ("items", "errors_by_type", "words_clean")}))


if __name__ == "__main__":
    main()
