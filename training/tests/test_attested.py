from attested import attested_words, words_of


def test_words_are_the_engines_tokens_of_letters_in_lower_case_without_a_possessive():
    assert words_of("Nuxt's config uses LZMA, don't it? v1.2 max_len x86 lzma.h usr/lib/x86 and/or naïve.") == {
        "nuxt", "config", "uses", "lzma", "don't", "it", "and", "or", "naïve"}
    assert words_of("the writer\u2019s iff") == {"the", "writer", "iff"}


def test_kept_are_the_words_of_enough_packages_that_the_lexicon_lacks():
    texts = ["Compress it with lzma, iff asked.", "The lzma stream; iff not, gzip.", "Use lzma here. A fcound slip.",
             "An ordinary sentence, an 𝔘nicode letter."]
    assert attested_words(texts, known=set(), min_packages=3) == ["lzma"]
    assert attested_words(texts, known=set(), min_packages=2) == ["iff", "lzma"]
    assert attested_words(texts, known={"lzma"}, min_packages=2) == ["iff"]
    # One letter is no word to spell, and a letter past U+FFFF would sort apart from the engine's comparison.
    assert attested_words(["a 𝔘x", "a 𝔘x"], known=set(), min_packages=2) == []
