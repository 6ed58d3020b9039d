"""Tests of the technical dev set: the committed file's invariants and the planting rules.

    /usr/bin/python3 -m pytest -q bench/test_devset.py
"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import heldout_text as H  # noqa: E402
import plant  # noqa: E402

ITEMS = [json.loads(l) for l in (HERE / "data" / "tech-dev.jsonl").read_text().splitlines()]
TYPES = {"spelling", "real-word", "agreement", "doubled"}


def u16(text: str, a: int, b: int) -> str:
    return text.encode("utf-16-le")[2 * a:2 * b].decode("utf-16-le")


def test_sizes_and_types():
    errors = [e for it in ITEMS for e in it["errors"]]
    clean = [it for it in ITEMS if not it["errors"]]
    assert len(errors) >= 2000 and len(clean) >= len(errors)
    assert {e["type"] for e in errors} == TYPES
    assert all(len(it["errors"]) <= 1 for it in ITEMS)
    assert len({it["id"] for it in ITEMS}) == len(ITEMS)


def test_offsets_are_utf16_and_twins_match():
    by_id = {it["id"]: it for it in ITEMS}
    for it in ITEMS:
        if not it["errors"]:
            continue
        e = it["errors"][0]
        t = it["text"]
        assert u16(t, e["start"], e["end"]) == e["wrong"], it["id"]
        fixed = u16(t, 0, e["start"]) + e["right"] + u16(t, e["end"], len(t.encode("utf-16-le")) // 2)
        twin = by_id[it["id"][:-2] + "-c"]
        assert fixed == twin["text"], it["id"]
        assert e["wrong"] != e["right"]


def test_sentences_are_real_lengths_and_errors_outside_code():
    for it in ITEMS:
        assert 8 <= len(it["text"].split()) <= 41, it["id"]  # +1: a doubled word
        for e in it["errors"]:
            for a, b in H.code_spans(it["text"]):
                assert not (H.utf16(it["text"], a) < e["end"] and e["start"] < H.utf16(it["text"], b)), it["id"]


def test_spelling_errors_are_not_words():
    english = plant.load_english()
    for it in ITEMS:
        for e in it["errors"]:
            if e["type"] == "spelling":
                assert e["wrong"].lower() not in english, e


def plants(fn, s, *args):
    return {(s[a:b], wrong) for a, b, wrong, _ in fn(s, H.words(s), *args)}


def test_real_word_swaps():
    got = plants(plant.real_word, "They keep their keys longer than you would expect.")
    assert ("their", "there") in got and ("than", "then") in got
    assert ("it’s", "its") in plants(plant.real_word, "Note that it’s not a file.")
    assert not plants(plant.real_word, "Use the form below to accept the terms.")


def test_agreement_keeps_subjunctive_and_plural_data():
    assert ("was", "were") in plants(plant.agreement, "The attempt was made by the daemon itself.")
    assert not any(w == "were" for _, w in plants(plant.agreement, "If the file was missing, the build fails."))
    assert not plants(plant.agreement, "The data is stored in the cache directory.")
    assert ("are", "is") in plants(plant.agreement, "These files are written by the installer.")


def test_doubled_span_covers_both_copies():
    s = "Run the command in a clean tree."
    cands = plant.doubled(s, H.words(s))
    assert ("the", "the the") in {(r, w) for _, _, w, r in cands}


def test_inline_code_marking():
    s = H.mark_code("Set core.autocrlf with --global or call os.path.join() from ~/bin.")
    assert re.findall(r"`[^`]+`", s) == ["`core.autocrlf`", "`--global`", "`os.path.join()`", "`~/bin`"]
    assert all("autocrlf" not in w for _, _, w in H.words(s))


def test_typing_slips_are_one_keystroke_non_words_in_lower_case_words():
    import random
    rng = random.Random(3)
    english = {"parser", "handles", "nested", "lists", "Python"}
    s = "The parser handles nested lists in Python."
    for _ in range(50):
        for a, b, wrong, right in plant.typing_slips(s, H.words(s), english, rng):
            assert right in {"parser", "handles", "nested", "lists"}, "lower-case words of 5+ letters only"
            assert s[a:b] == right and wrong != right and wrong not in english
            assert wrong[0] == right[0], "the first letter is kept"
            assert abs(len(wrong) - len(right)) <= 1
    assert plant.ADJACENT["s"] and set(plant.ADJACENT["s"]) <= set("qweadzxc")
    ops = {plant.slip("letter", random.Random(k)) for k in range(200)}
    assert {"lteter", "leter", "lettter"} <= ops, sorted(ops)[:20]


def test_real_word_slips_land_on_another_common_word():
    import random
    common = {"first", "fist", "since", "sine", "use", "user", "the", "then", "please", "make", "sure"}
    s = "First please make sure the user is ready since then."
    seen = set()
    for k in range(300):
        for a, b, wrong, right in plant.real_word_slips(s, H.words(s), common, random.Random(k)):
            assert s[a:b] == right and right.islower(), "lower-case words only: 'First' is left alone"
            assert wrong in common and wrong != right and wrong[0] == right[0]
            assert not wrong.startswith(right) and not right.startswith(wrong), "no slip that reads as another form"
            seen.add((right, wrong))
    assert ("since", "sine") in seen
    assert not any(r == "use" for r, _ in seen) and ("user", "use") not in seen


def test_noun_number_after_a_determiner_that_tells_it():
    english = {"file", "files", "reason", "reasons", "entry", "entries", "box", "boxes", "new", "news", "format", "formats"}
    assert ("files", "file") in plants(plant.noun_number, "Several files are missing.", english)
    assert ("file", "files") in plants(plant.noun_number, "Each file is read once.", english)
    assert ("entry", "entries") in plants(plant.noun_number, "It adds an entry.", english)
    assert ("boxes", "box") in plants(plant.noun_number, "Both boxes are ticked.", english)
    assert not plants(plant.noun_number, "These file formats are old.", english), "a modifier of the noun after it"
    assert not plants(plant.noun_number, "A new file is made.", english), "the word after the determiner must end its phrase"
    assert not plants(plant.noun_number, "Several files and formats.", english), "one of two nouns"


def test_missing_word_drops_an_article_or_to_that_the_sentence_needs():
    english = {"valid", "reduce", "call", "few", "file", "sign", "files"}
    s = "This rule aims to reduce bugs."
    assert plant.missing_word(s, H.words(s), english) == [(s.index("to"), s.index("reduce") + 6, "reduce", "to reduce")]
    s = "It is a valid call."
    assert [(w, r) for _, _, w, r in plant.missing_word(s, H.words(s), english)] == [("valid", "a valid")]
    assert not plants(plant.missing_word, "It has a few files.", english), "a few: few reads alone"
    assert not plants(plant.missing_word, "Write to a file.", english), "a determiner before the gap"
    assert not plants(plant.missing_word, "Go to files.", english), "to after a word that takes no infinitive"
    assert not plants(plant.missing_word, "A file is read.", english), "nothing before the article"
