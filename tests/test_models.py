from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from bot.kb.models import BilingualList, BilingualText, Entry, Source, SynonymList, Zone


def entry(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": "relocation-subsidy",
        "topic": "incentives",
        "questions": {"zh": ["搬迁补贴多少？"]},
        "answer": {"zh": "按实际费用的50%补贴。"},
        "sources": ["stdaily-2023-05-taiyuan"],
    }
    return fields | changes


def error_of(model: type[BaseModel], data: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return str(caught.value)


def test_a_plain_string_is_chinese_text_and_english_falls_back_to_it() -> None:
    text = BilingualText.model_validate("青岛高新区")
    assert (text.zh, text.en) == ("青岛高新区", None)
    assert text.get("en") is None
    assert text.best("en") == "青岛高新区"


def test_a_text_needs_at_least_one_language() -> None:
    assert "at least one language" in error_of(BilingualText, {})
    assert "at least one language" in error_of(BilingualText, {"zh": None, "en": None})


def test_blank_text_is_refused() -> None:
    error_of(BilingualText, {"zh": "   "})


def test_a_plain_list_is_chinese_and_all_joins_both_languages() -> None:
    words = BilingualList.model_validate(["补贴", "补助"])
    assert words.get("zh") == ["补贴", "补助"]
    assert words.get("en") == []
    both = BilingualList.model_validate({"zh": ["补贴"], "en": ["subsidy"]})
    assert both.all() == ["补贴", "subsidy"]


def test_an_unknown_key_is_refused_as_a_typo() -> None:
    assert "anwser" in error_of(Entry, entry(anwser="x"))


def test_a_date_written_without_quotes_is_refused_not_coerced() -> None:
    source = {"id": "s", "title": "标题", "publisher": "科技日报", "date": 2023}
    error_of(Source, source)
    assert Source.model_validate(source | {"date": "2023"}).date == "2023"


@pytest.mark.parametrize("date", ["2023-05", "2023-05-31", "2024-02-29"])
def test_a_year_month_or_day_naming_a_real_date_is_a_period(date: str) -> None:
    assert Entry.model_validate(entry(as_of=date)).as_of == date


@pytest.mark.parametrize(
    ("date", "says"),
    [("2023/05", "is not a date"), ("2023-02-30", "is not a real date"), ("23", "is not a date")],
)
def test_a_period_that_is_no_real_date_is_refused_with_its_reason(date: str, says: str) -> None:
    assert says in error_of(Entry, entry(valid_until=date))


def test_the_draft_mark_reads_true_and_false_written_as_text() -> None:
    assert Entry.model_validate(entry(draft="true")).draft is True
    assert Entry.model_validate(entry(draft="False")).draft is False
    assert "not true or false" in error_of(Entry, entry(draft="maybe"))


def test_an_entry_needs_a_question_and_a_source() -> None:
    assert "at least one question" in error_of(Entry, entry(questions={"zh": [], "en": []}))
    error_of(Entry, entry(sources=[]))


def test_ids_are_lower_case_letters_digits_and_hyphens() -> None:
    error_of(Entry, entry(id="Relocation_Subsidy"))
    error_of(Entry, entry(id=""))


def test_a_topic_outside_the_list_is_refused() -> None:
    error_of(Entry, entry(topic="weather"))


def test_a_zone_needs_an_entry() -> None:
    error_of(Zone, {"id": "z", "name": "某园区", "entries": []})
    zone = Zone.model_validate({"id": "z", "name": "某园区", "entries": [entry()]})
    assert zone.entries[0].id == "relocation-subsidy"


def test_a_synonym_group_needs_two_words() -> None:
    error_of(SynonymList, {"groups": [["补贴"]]})
    assert SynonymList.model_validate({"groups": [["补贴", "subsidy"]]}).groups == [
        ["补贴", "subsidy"]
    ]


def test_models_are_frozen() -> None:
    text = BilingualText.model_validate("青岛")
    with pytest.raises(ValidationError):
        text.zh = "太原"
