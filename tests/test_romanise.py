"""Place names as older and foreign romanisations spell them."""

from bot.search.romanise import other_romanisations


def test_qingdao_is_spelt_the_postal_wade_giles_and_russian_ways() -> None:
    assert {"tsingtao", "chingtao", "tsindao"} <= set(other_romanisations(("qing", "dao")))


def test_luzhou_is_spelt_from_russian_and_wade_giles() -> None:
    assert {"luchzhou", "luchou", "luchow"} <= set(other_romanisations(("lu", "zhou")))


def test_pinyin_itself_and_a_single_syllable_are_left_out() -> None:
    assert "qinghai" not in other_romanisations(("qing", "hai"))
    assert other_romanisations(("hai",)) == []


def test_older_spellings_of_other_places_come_from_the_same_tables() -> None:
    assert "tientsin" in other_romanisations(("tian", "jin"))
    assert "shantung" in other_romanisations(("shan", "dong"))
    assert "kuangchow" in other_romanisations(("guang", "zhou"))
    assert "tzuyang" in other_romanisations(("zi", "yang"))


def test_russian_spellings_follow_palladius() -> None:
    assert "tsyuanchzhou" in other_romanisations(("quan", "zhou"))
    assert "shitszyachzhuan" in other_romanisations(("shi", "jia", "zhuang"))
    assert "ukhan" in other_romanisations(("wu", "han"))


def test_readers_who_spell_by_ear_write_y_as_j_and_zh_as_c_or_j() -> None:
    """Slovene and Croatian (Tajjuan, Lučou typed Lucou), Dutch (Tsjingdau), English (Lujou)."""
    assert "tajjuan" in other_romanisations(("tai", "yuan"))
    assert {"lucou", "lujou"} <= set(other_romanisations(("lu", "zhou")))
    assert "tsjingdau" in other_romanisations(("qing", "dao"))


def test_afrikaans_and_catalan_readers_spell_zh_and_q_their_own_way() -> None:
    """Lusjou (zh as sj), Lutxou and Txingdao (zh and q as tx)."""
    assert {"lusjou", "lutxou"} <= set(other_romanisations(("lu", "zhou")))
    assert "txingdao" in other_romanisations(("qing", "dao"))


def test_german_portuguese_and_italian_readers_spell_zh_and_y_their_own_way() -> None:
    """Luschou, Luxou and Lusciou (zh as sch, x, sci); Cingdao (q as c before i); Aniang."""
    assert {"luschou", "luxou", "lusciou"} <= set(other_romanisations(("lu", "zhou")))
    assert {"cingdao", "tschingdau"} <= set(other_romanisations(("qing", "dao")))
    assert "aniang" in other_romanisations(("an", "yang"))


def test_flat_retroflexes_and_french_or_dutch_vowels_spell_their_own_way() -> None:
    """Luzou (zh said z, as in much of southern China), Louzhou (French ou), Loezjou (Dutch)."""
    assert {"luzou", "louzhou", "loezjou"} <= set(other_romanisations(("lu", "zhou")))


def test_unaspirated_zh_is_also_heard_as_the_readers_j_or_ch() -> None:
    """Ludžou typed Ludzou (Slovak dž), Loetsjou (Dutch tsj), Luciou (Italian ci)."""
    assert {"ludzou", "loetsjou", "luciou", "lutsjou"} <= set(other_romanisations(("lu", "zhou")))


def test_english_ears_write_u_as_oo_ou_as_o_or_oe_and_ao_as_ow() -> None:
    """Loo-jo and Loo-joe (Luzhou), Ching Dow (Qingdao)."""
    assert {"loojo", "loojoe"} <= set(other_romanisations(("lu", "zhou")))
    assert "chingdow" in other_romanisations(("qing", "dao"))


def test_japanese_and_polynesian_ears_and_an_english_bay_spell_their_own_way() -> None:
    luzhou = other_romanisations(["lu", "zhou"])
    assert {"rujou", "lusou", "lujo"} <= set(luzhou)
    assert "tinghai" in other_romanisations(["qing", "hai"])
    assert "zhongbay" in other_romanisations(["zhong", "bei"])
