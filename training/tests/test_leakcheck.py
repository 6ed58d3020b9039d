import json

from leakcheck import find, sentences


def test_finds_exact_occurrences_of_benchmark_sentences_and_their_corrections(tmp_path):
    bench = tmp_path / "b.jsonl"
    items = [{"text": "The option are read from the file named by the variable.",
              "errors": [{"start": 11, "end": 14, "wrong": "are", "right": "is"}]},
             {"text": "Nothing like this sentence is anywhere in the training text.", "errors": []},
             {"text": "Short one here.", "errors": []}]
    bench.write_text("".join(json.dumps(i) + "\n" for i in items))
    text = tmp_path / "train"
    text.mkdir()
    (text / "pkg.txt").write_text(
        "First sentence. The option is read from the file named by the variable. Last one.\n"
        "Nothing like this sentence is anywhere in the training text either, but longer.\n"
        "A line that ends with Short one here. Then more.\n"           # inside a longer sentence: no
        "Short one here. Then more.\n")
    wanted = sentences([bench])
    hits = find(text, wanted)
    assert sorted(s for _, s in hits) == ["Short one here.",
                                          "The option is read from the file named by the variable."]
