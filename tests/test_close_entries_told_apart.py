"""Close entries of a named zone each lacking a word asked: the one about it answers."""

from helpers.decisions import kind_and_entry

from bot.search.index import ZoneIndex


def test_the_entry_titled_with_the_project_asked_answers_though_it_lacks_a_word(
    index: ZoneIndex,
) -> None:
    """建设 is in the key projects' entry only, 开工 in the substation's, which the title names."""
    assert kind_and_entry(index, "青海零碳产业园古驿变电站何时开工建设") == (
        "entry",
        "guyi-substation",
    )


def test_the_entry_labelled_with_the_words_answers_over_one_holding_another_word(
    index: ZoneIndex,
) -> None:
    """biotech is in a firm's entry lacking the subsidies asked: the matching funds answer."""
    assert kind_and_entry(
        index, "Qingdao High-tech Zone matching subsidies for biotech firms"
    ) == (
        "entry",
        "biomed-matching-funds",
    )


def test_a_bare_topic_several_entries_carry_still_asks_which(index: ZoneIndex) -> None:
    """Nothing tells the talent count from the talent funding: the asker chooses."""
    assert kind_and_entry(index, "泸州高新区人才")[0] == "clarify"


def test_a_figure_of_a_firm_no_entry_gives_is_not_answered(index: ZoneIndex) -> None:
    """员工 is held only by an entry not naming the firm, and a figure is asked: no answer."""
    assert kind_and_entry(index, "阿斯利康青岛基地有多少员工")[0] != "entry"


def test_a_typo_reading_answers_only_with_an_entry_holding_the_word_it_reads(
    index: ZoneIndex,
) -> None:
    """创新园的 read as 创新药 must not be answered by an entry lacking 创新药."""
    assert kind_and_entry(index, "立菲医疗器械创新园的学校多少")[0] != "entry"
