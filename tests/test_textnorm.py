import pytest
from helpers.script_modules import load_script

from bot.search.textnorm import (
    MAX_QUESTION_CHARS,
    detect_lang,
    is_traditional,
    normalize,
    normalize_all,
    split_pinyin,
    to_pinyin,
    to_traditional,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("瀘州高新區營業收入", "泸州高新区营业收入"),
        ("ＡＢＣ，青岛", "abc 青岛"),
        ("需要三个月", "需要3个月"),
        ("二十五个", "25个"),
        ("5000万元", "50000000元"),
        ("2.4亿元", "240000000元"),
        ("1,250亿", "125000000000"),
        ("3万5亿", "30000500000000"),
        ("1.2.5万", "1.25000"),
        ("1.23456789万元", "1.23456789万元"),
        ("第二期", "第2期"),
        ("一体化 零碳", "一体化 零碳"),
        ("u.s. and 2.4.", "u.s and 2.4"),
        ("R&D reward", "rd reward"),
        ("  多少？？ ", "多少"),
    ],
)
def test_normalize_folds_script_width_numerals_and_units(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("..a", "a"), ("a..", "a"), ("a..b", "a..b"), ("x .5", "x 5"), ("x...y. z .", "x...y z")],
)
def test_dots_go_at_the_edges_of_words_and_stay_inside_them(text: str, expected: str) -> None:
    assert normalize(text) == expected
    assert normalize_all([text, f"{text} ", f".{text}"]) == [expected, expected, normalize(text)]


def test_a_number_longer_than_the_look_back_is_read_whole() -> None:
    assert normalize_all(["1." + "0" * 39 + "万元"]) == ["10000元"]
    assert normalize_all(["3." + "3" * 40 + "亿"]) == ["3." + "3" * 40 + "亿"]


def test_texts_normalised_together_stay_apart() -> None:
    assert normalize_all(["收入3", "万元", "2.", ".5亿", "a  ，", "b"]) == [
        "收入3",
        "万元",
        "2",
        "500000000",
        "a",
        "b",
    ]


def test_normalize_looks_at_a_bounded_prefix() -> None:
    assert len(normalize("研发" * 50_000)) <= MAX_QUESTION_CHARS


def test_the_prefix_read_of_a_long_question_ends_on_a_whole_word() -> None:
    question = "I wonder whether you could outline the three industrial clusters planned " * 3
    read = normalize(question)
    assert len(read) <= MAX_QUESTION_CHARS
    assert set(read.split()) <= set(question.lower().split())  # no piece of a word ("th")
    assert len(normalize("a" * 100_000)) == MAX_QUESTION_CHARS  # one long word: its prefix


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("泸州高新区营业收入", "zh"),
        ("qinghai lingtan chanyeyuan mianji", "zh"),
        ("What is the revenue of Luzhou?", "en"),
        ("hello???", "en"),
        ("12345", None),
        ("🙂🙂", None),
        # Chinese names in an English question; pinyin and a stray English word in a Chinese one
        ("qinghai 零碳 park, what services does the data center give", "en"),
        ("Which of the five are high-tech zones (高新区) rather than stand-alone parks?", "en"),
        ("taiyuan zhongbei gaoxinqu 有几家企业在搬设备", "zh"),
        ("hello，珠海经开区天然气价格是啥", "zh"),
        # a script the bot does not read is answered in English, not in Chinese
        ("Какая площадь у Цинхайского парка?", "en"),
        ("칭하이 공원 면적은?", "en"),
    ],
)
def test_detect_lang_tells_english_words_from_chinese_and_pinyin(
    text: str, lang: str | None
) -> None:
    assert detect_lang(text) == lang


def test_traditional_characters_are_recognised() -> None:
    assert is_traditional("青島寶太生物申請了多少專利")
    assert not is_traditional("青岛宝太生物申请了多少专利")
    assert not is_traditional("hello")


def test_pinyin_words_split_into_syllables() -> None:
    assert split_pinyin("chanyeyuan") == ("chan", "ye", "yuan")
    assert split_pinyin("hello") is None


def test_chinese_and_pinyin_spell_the_same_syllables() -> None:
    assert to_pinyin(normalize("零碳产业园面积")) == to_pinyin(
        normalize("lingtan chanyeyuan mianji")
    )


@pytest.mark.parametrize("word", ["relocation", "biomedicine", "area", "hello", "subsidy"])
def test_english_words_are_not_read_as_pinyin(word: str) -> None:
    assert split_pinyin(word) is None


def test_the_shipped_pinyin_table_is_what_pypinyin_gives() -> None:
    module = load_script("make_pinyin_table")
    assert module.TABLE.read_text(encoding="utf-8") == module.pinyin_table_text()


def test_a_lone_surrogate_never_breaks_script_conversion() -> None:
    assert not is_traditional("㐀\ud800")
    assert normalize("㐀\ud800泸州") == "㐀泸州"


@pytest.mark.parametrize(("typed", "year"), [("FY23 revenue", "2023"), ("fy 2022 sales", "2022")])
def test_a_fiscal_year_reads_as_its_year(typed: str, year: str) -> None:
    assert year in normalize(typed).split()


def test_which_one_written_with_its_numeral_reads_as_which() -> None:
    assert normalize("哪一些园区有电子信息产业") == "哪些园区有电子信息产业"
    assert normalize("哪一个园区最大") == "哪个园区最大"


def test_traditional_characters_are_written_whole_past_a_nul_character() -> None:
    # the Taiwan converter stops at a NUL; the text after it must not be lost
    assert to_traditional("研发\x00后面") == "研發\x00後面"
    assert to_traditional("为床里") == "為床裡"  # Taiwan's standard forms, not 爲牀裏
