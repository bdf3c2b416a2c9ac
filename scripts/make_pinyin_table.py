"""Write bot/data/pinyin.txt: each Chinese character's most common toneless pinyin, from pypinyin.

The bot reads the table instead of importing pypinyin, which costs ~0.6 s at start-up.
Run again after upgrading pypinyin: `.venv/bin/python scripts/make_pinyin_table.py`.
"""

from __future__ import annotations

from pathlib import Path

FIRST, LAST = 0x3400, 0x9FFF
TABLE = Path(__file__).resolve().parents[1] / "bot" / "data" / "pinyin.txt"
TONES = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿê", "aaaaeeeeiiiioooouuuuvvvvvnnnme")


def pinyin_table_text() -> str:
    """One line per 64 characters from U+3400 to U+9FFF: syllables, "-" where none is known."""
    from pypinyin.pinyin_dict import pinyin_dict

    syllables = [
        pinyin_dict[code].split(",")[0].translate(TONES) if code in pinyin_dict else "-"
        for code in range(FIRST, LAST + 1)
    ]
    lines = [" ".join(syllables[i : i + 64]) for i in range(0, len(syllables), 64)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    TABLE.write_text(pinyin_table_text(), encoding="utf-8")
