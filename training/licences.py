"""Add each corpus package's licences (from its own Debian copyright file) to the versions table.

    nice /usr/bin/python3 training/licences.py --root /work/corpus --out training/corpus-versions.tsv

Reads ROOT/versions.tsv (corpus.py) and, for each package, ./usr/share/doc/<package>/copyright inside
ROOT/debs/<package>_*.deb. Machine-readable (DEP-5) files give their `License:` short names, the
`Files: *` stanza's first; free-form ones are scanned for the usual licence names and marked `~` (read
from prose, not declared fields). A package whose doc folder is a link to another package's carries
that package's file (`(via <package>)`; its .deb has to be in ROOT/debs too, `apt-get download` it, or the
column says `see <package>`). Writes the table with a `licences` column.
"""
import argparse
import csv
import re
import subprocess
import tarfile
from pathlib import Path

FREE_FORM = [("GPL-3", r"GNU General Public License,? [Vv]ersion 3|(?<!L)\bGPL-?3"),
             ("GPL-2", r"GNU General Public License,? [Vv]ersion 2|(?<!L)\bGPL-?2"),
             ("LGPL", r"Lesser General Public License|Library General Public License|\bLGPL"),
             ("GFDL", r"GNU Free Documentation License|\bGFDL\b"),
             ("Apache-2.0", r"Apache License,? Version 2\.0|Apache-2\.0"),
             ("BSD", r"\bBSD\b|Redistribution and use in source and binary forms"),
             ("MIT/Expat", r"\bMIT\b|\bExpat\b|Permission is hereby granted, free of charge"),
             ("Artistic", r"Artistic License"), ("PSF", r"Python Software Foundation License|\bPSF\b"),
             ("CC-BY", r"Creative Commons Attribution|\bCC-BY"), ("OPL", r"Open Publication License"),
             ("public domain", r"[Pp]ublic [Dd]omain"), ("MPL", r"Mozilla Public License|\bMPL\b")]


def dep5_licences(text: str) -> list[str]:
    stanzas = re.split(r"\n\s*\n", text)
    first, rest = [], []
    for s in stanzas:
        m = re.search(r"^License:[ \t]*(\S[^\n]*)", s, re.M)
        if not m:
            continue
        (first if re.search(r"^Files:\s*\*\s*$", s, re.M) else rest).append(m.group(1).strip())
    seen = []
    for name in first + rest:
        if name not in seen:
            seen.append(name)
    return seen


def summarise(text: str) -> str:
    if re.match(r"\s*Format:\s*\S*(copyright-format|dep5|DEP-5)", text, re.I):
        names = dep5_licences(text)
        if names:
            return "; ".join(names)
    found = [name for name, pattern in FREE_FORM if re.search(pattern, text)]
    return "~" + ", ".join(found) if found else "~unstated (see the copyright file)"


def copyright_of(deb: Path, package: str) -> tuple[str | None, str | None]:
    """(copyright text, the package whose doc folder it is): streams the data archive, stopping at the file."""
    want = f"./usr/share/doc/{package}/copyright"
    proc = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(deb)], stdout=subprocess.PIPE)
    link = None
    try:
        with tarfile.open(fileobj=proc.stdout, mode="r|") as tar:
            for member in tar:
                if member.name == want and member.isfile():
                    return tar.extractfile(member).read().decode("utf-8", "replace"), package
                if member.name == f"./usr/share/doc/{package}" and member.issym():
                    link = Path(member.linkname).name
    finally:
        proc.kill()
        proc.wait()
    return None, link


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=Path("/work/corpus"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "corpus-versions.tsv")
    args = ap.parse_args()
    debs = {p.name.split("_")[0]: p for p in (args.root / "debs").glob("*.deb")}
    with open(args.root / "versions.tsv", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    cache: dict[str, str] = {}
    for row in rows:
        pkg = row["package"]
        text, owner = copyright_of(debs[pkg], pkg)
        if text is None and owner and owner in debs:
            text, _ = copyright_of(debs[owner], owner)
        if text is None:
            row["licences"] = f"see {owner}" if owner else "no copyright file in the .deb"
        else:
            row["licences"] = cache.setdefault(pkg, summarise(text)) + (f" (via {owner})" if owner != pkg else "")
        print(pkg, row["licences"], flush=True)
    with open(args.out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
