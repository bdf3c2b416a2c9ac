"""Write bot/data/english_words.txt: common English words, from pyspellchecker's frequency list.

The matcher reads a misspelt English word of a question as the knowledge base's word it is one
slip from ("talants", "Qinhai") only when the word is no English word of its own ("rates" stays
"rates"): this list tells which are. Words seen at least MIN_COUNT times in the list's corpus
(OpenSubtitles, via pyspellchecker); rarer ones are mostly misspellings already.
Run again after upgrading pyspellchecker: `.venv/bin/python scripts/make_english_words.py`.
"""

from __future__ import annotations

from pathlib import Path

MIN_COUNT = 100
# contractions typed without their apostrophe ("theres", "dont"): the list's corpus splits them
CONTRACTIONS = """aint arent cant couldnt didnt doesnt dont hadnt hasnt havent hes heres hows id
    ill im isnt ive lets shes shouldnt thats theres theyd theyll theyre theyve wasnt wed well
    were werent weve whats wheres whos wont wouldnt youd youll youre youve""".split()
LIST = Path(__file__).resolve().parents[1] / "bot" / "data" / "english_words.txt"
HEADER = """\
# Common English words (seen at least 100 times in pyspellchecker's English frequency list,
# made from OpenSubtitles by hermitdave/FrequencyWords, CC BY-SA 4.0), written by
# scripts/make_english_words.py, with contractions typed without their apostrophe (theres).
# The matcher corrects a question's misspelt English word to a
# word of the knowledge base only when the word is not in this list.
"""


def english_words_text() -> str:
    """The header, then one lower-case word a line, alphabetical."""
    from spellchecker import SpellChecker

    counts = SpellChecker(language="en").word_frequency.dictionary
    common = {w for w, n in counts.items() if n >= MIN_COUNT and w.isascii() and w.isalpha()}
    words = sorted(common | set(CONTRACTIONS))
    return HEADER + "\n".join(words) + "\n"


if __name__ == "__main__":
    LIST.write_text(english_words_text(), encoding="utf-8")
