"""The asker's own words (their frame, jargon, story and greetings) never stop an answer."""

from __future__ import annotations

import pytest

from bot.answer.build import answer_question
from bot.answer.render import render_answer_text
from bot.search.index import ZoneIndex
from bot.search.question import read_question, without_the_aside, without_the_asker
from bot.search.textnorm import normalize


def _reply(index: ZoneIndex, question: str) -> tuple[str, str | None]:
    reply = answer_question(index, question)
    return reply.status, reply.entry_id


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("太原中北高新区 管委会副主任是谁 想做个mapping", "officials"),
        ("青岛gxq生物医药配套资助啥比例 1:1还是更高 有没有doc", "biomed-matching-funds"),
        ("zhongbei zone - how much do they give for a national tech innovation demonstration "
         "title?", "national-demonstration-rewards"),
        ("Who is Wang Lei of AstraZeneca mentioned in the Qingdao story?", "people"),
        ("Who is the general manager of Qingdao Huiankang Bioengineering quoted in the story?",
         "huiankang-cost-saving"),
        ("泸州高新区那个酒城人才聚集行动是整啥的", "talent-strategy"),
        ("中国康湾的康复大学包括哪几个", "rehabilitation-university"),
        ("青岛宝太实验室里操作全自动生化分析仪的调试工程师叫什么名字？", "baotai"),
        ("What is name of talent training work Luzhou zone encourages companies to do with "
         "universities?", "industry-education-integration"),
        ("Who was reporting the Anyang optoelectronic park groundbreaking for Science and "
         "Technology Daily?", "reporting"),
    ],
)  # fmt: skip
def test_the_askers_frame_and_jargon_leave_the_entry_asked_about(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _reply(index, question) == ("answer", entry)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Good day. I work for a skills-training NGO in Bulawayo and I am writing a donor report "
         "on how Chinese zones attract companies. For Taiyuan Zhongbei High-tech Zone, what is "
         "this 'Golden Ten' policy, and which kinds of rewards does it cover?",
         "golden-ten-policy"),
        ("Another question, this time about the Anyang Optoelectronic Intelligent Manufacturing "
         "Industrial Park in Henan. We want to show our partners how big such a project is. What "
         "is its land area?", "site-area"),
    ],
)  # fmt: skip
def test_a_long_question_is_answered_from_the_clause_that_asks(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _reply(index, question) == ("answer", entry)


def test_a_clause_naming_another_park_of_the_city_still_stops_the_answer(
    index: ZoneIndex,
) -> None:
    question = (
        "泸州除了高新区，还有个泸州酒业集中发展区，我以前的老厂子就在那边。"
        "那个园区现在招商有什么政策？"
    )
    assert answer_question(index, question).status != "answer"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("中北高新区在太原哪个区", "location"),
        ("Which district of Taiyuan is Zhongbei zone in?", "location"),
        ("青岛生物医药产业园在哪", "biomed-industrial-park"),
    ],
)
def test_where_a_zone_is_comes_from_its_location_and_where_a_park_is_from_its_own_entry(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _reply(index, question) == ("answer", entry)


def test_which_of_two_zones_is_bigger_shows_each_ones_area(index: ZoneIndex) -> None:
    question = "Which is bigger, the Qinghai zero-carbon park or the Anyang optoelectronic park?"
    reply = answer_question(index, question)
    text = render_answer_text(reply)
    assert reply.status == "answer"
    assert "22.09" in text
    assert "119" in text  # the Anyang site's 119,468.51 m²


def test_south_western_hao_duo_asking_how_much_reads_as_duo_shao() -> None:
    assert "多少钱" in normalize("具体是好多钱")
    assert "多少" not in normalize("我们这边好多人想读在职")  # "a lot of": asks nothing


def test_the_substations_entry_names_who_runs_it(index: ZoneIndex) -> None:
    question = "Which power company is responsible for Guyi substation and supply to the park?"
    reply = answer_question(index, question)
    assert reply.entry_id == "guyi-substation"
    assert "Haidong" in render_answer_text(reply)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("泸州高新区那个酒城人才聚集行动是弄啥咧", "talent-strategy"),  # Central Plains
        ("泸州高新区酒城人才聚集行动到底是搞么事的", "talent-strategy"),  # Wuhan
        ("泸州高新区酒城人才聚集行动是搞哪样的", "talent-strategy"),  # Guizhou, Guangxi
        ("安阳光电园是河南第几批三个一批的项目 搞不清楚", "key-project"),  # the asker unsure
        ("whos the bloke in charge of the zhongbei high-tech zone party working committee, mate",
         "officials"),
        ("whats the payout at zhongbei if a firm lands one of those national technology "
         "innovation demonstration titles", "national-demonstration-rewards"),  # land: win
        ("luzhou zone revenue last year? just the headline number", "revenue-2022"),
        ("青海零碳产业园用电是不是全绿电", "green-power-supply"),  # all green: 100% green
        ("does the qinghai zero carbon park run fully green?", "green-power-supply"),
        ("What share of green power is the Qinghai Zero-Carbon Industrial Park's supply based "
         "on?", "green-power-supply"),  # based on: no production base
    ],
)  # fmt: skip
def test_dialect_and_casual_words_ask_nothing_of_their_own(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _reply(index, question) == ("answer", entry)


def test_a_remark_after_the_question_asks_nothing_of_its_own(index: ZoneIndex) -> None:
    """ "..., hoping green power is cheap": the remark's "is" asks nothing; the price is asked."""
    question = (
        "whats the electricity price per kwh at the qinghai zero carbon park? hoping green "
        "power is cheap"
    )
    assert _reply(index, question)[0] != "answer"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("中北高薪区 跟哪家钢厂一起搞的招商会", "investment-conference"),
        ("泸州高新区培训都请的什么大佬来讲课", "skills-training-2022"),
        ("安阳光电园子的项目团队想把它弄成个甚工程", "builder"),
    ],
)  # fmt: skip
def test_a_clear_leader_answers_a_question_asking_no_figure_whatever_its_noise(
    index: ZoneIndex, question: str, entry: str
) -> None:
    """The asker's dialect and story lower every entry's score alike; the leader still leads."""
    assert _reply(index, question) == ("answer", entry)


@pytest.mark.parametrize(
    "question",
    [
        "泸州高新区的地铁怎么样",  # only a word the base never writes
        "泸州高新区的博士人才每人给多少安家补贴",  # an amount asked
        "青海零碳产业园的变电站 有辐射吗",  # whether a thing no entry names is there
        "泸州高新区培训 老师凶不凶",
        "any glove makers inside the anyang optoelectronic park?",
    ],
)
def test_a_low_leader_answers_no_question_naming_nothing_the_base_writes_or_a_figure(
    index: ZoneIndex, question: str
) -> None:
    assert _reply(index, question)[0] != "answer"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Who is the green power supplier of Qinghai Zero-Carbon Industrial Park?",
         "green-power-supply"),  # a supplier asked about is no errand of the asker's
        ("What is the land that Anyang Optoelectronic park covers?", "site-area"),  # no verb
        ("Are all green power projects in Qinghai Zero-Carbon Industrial Park running?",
         "guyi-substation"),  # all green: no 100 % green power
    ],
)  # fmt: skip
def test_words_the_round_reads_otherwise_keep_their_plain_sense(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _reply(index, question) == ("answer", entry)


def test_which_of_these_after_a_zones_answer_asks_of_that_zone(index: ZoneIndex) -> None:
    reply = answer_question(
        index, "which of these firms cut costs by outsourcing?", context_zone="qingdao-hitech"
    )
    assert (reply.status, reply.entry_id) == ("answer", "huiankang-cost-saving")


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("安阳光电园以后主要搞什么产业 我们做注塑件的能进吗", "target-industries"),
        ("安阳光电园主要发展哪些产业，跟我们做连接器的沾不沾边", "target-industries"),
        ("青海零碳产业园具体在什么地方 格尔木吗", "location"),
        ("What industries is the Luzhou hi-tech zone going after? any room for a packaging "
         "maker?", "industries"),
        ("太原中北高新区 主攻哪条产业链 我们是做轴承的", "industry-chain"),
        ("太原中北高薪区 是搞哪样产业的 特钢？", "industry-chain"),
        ("青海那个零碳园 规划面积多大 俺们老板想去建厂", "planned-area"),
        ("In Anyang new park, which company is constructing? maybe we can supply them steel "
         "structures", "builder"),  # hedged: "we can" asks nothing
        ("安阳光电园是谁承建的 说不定我们能供钢结构", "builder"),
        ("qinghai park is in which city exactly? xining?", "location"),  # a place guessed
        ("qinghai park real location is which city? Xining or other?", "location"),
    ],
)  # fmt: skip
def test_an_aside_after_the_question_leaves_the_entry_asked_about(
    index: ZoneIndex, question: str, entry: str
) -> None:
    """Whether the asker's line fits, what they do, a guess at the place: the question decides."""
    assert _reply(index, question) == ("answer", entry)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("泸州高新区有哪些 产业？", "industries"),  # the noun the question waits for
        ("太原中北高新区有什么 优惠政策？", "golden-ten-policy"),
        ("泸州高新区在哪，我想知道2022年营收", "revenue-2022"),  # the asker asks
        ("泸州高新区在哪 我们关心人才补贴", "talent-funding-2022"),
        ("where is the luzhou zone? my main interest is the 2022 revenue", "revenue-2022"),
    ],
)
def test_a_last_part_asking_in_the_askers_words_is_no_aside(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _reply(index, question) == ("answer", entry)


@pytest.mark.parametrize(
    "question",
    [
        "泸州高新区工业用电多少钱一度 我们做电池的能进吗",
        "青岛高新区的社保费率是多少 我们是做医疗器械的",
        "What is the water price in the Luzhou hi-tech zone - we are a brewery",
    ],
)
def test_an_aside_after_a_question_the_base_cannot_answer_picks_no_entry(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status != "answer"


@pytest.mark.parametrize(
    "question",
    [
        "泽普医疗是干啥的 老总是谁？",
        "安阳光电园在哪 在吗",
        "泸州高新区有什么补贴 去年吗",
        "泸州高新区营收是多少 2022年？",
        "泸州高新区有哪些 产业？",
    ],
)
def test_a_last_part_asking_more_or_naming_a_year_is_no_aside(question: str) -> None:
    assert without_the_aside(read_question(question, None)) is None


def test_when_it_starts_running_sets_a_time_and_asks_no_date(index: ZoneIndex) -> None:
    """The base gives its yearly output but no start date: only a date asked outright lacks."""
    output = (
        "how many inhalers a year will the AstraZeneca base in Qingdao hi-tech zone turn out "
        "when it starts running"
    )
    assert _reply(index, output) == ("answer", "astrazeneca-aerosol-base")
    start = "when will the AstraZeneca base in Qingdao hi-tech zone start production"
    assert answer_question(index, start).status != "answer"


def test_a_thing_left_out_asked_in_other_english_word_order_is_not_given(
    index: ZoneIndex,
) -> None:
    """ "When does it start the production? Which year" asks "the date production starts"."""
    question = "When AstraZeneca starts the production in the Qingdao hi-tech zone? which year"
    assert answer_question(index, question).status != "answer"
    other_form = "AstraZeneca inhaler factory in Qingdao, in which year it start producing?"
    assert answer_question(index, other_form).status != "answer"  # producing: production


def test_a_clear_leader_in_pinyin_answers_unless_asked_whether(index: ZoneIndex) -> None:
    """Far ahead and holding every word, typed in pinyin; "you meiyou" may ask of a near sound."""
    assert _reply(index, "luzhou gaoxinqu zenme ba gaoxiao ban dao yuanqu li lai") == (
        "answer",
        "industry-education-integration",
    )
    assert _reply(index, "qinghai lingtan chanyeyuan you meiyou gouqi chang")[0] != "answer"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("俺们海城做镁质耐火材料的 太原中北高新区那个黄金十条 都整了哪几方面的奖励",
         "golden-ten-policy"),
        ("我们株洲是搞轨道交通装备的 安阳光电园建成后有冇智能装备制造", "target-industries"),
        ("俺们要做GMP级的包材 青岛高新区生物医药产业2022年营收突破多少了 增速多少",
         "biomed-revenue-2022"),
    ],
)  # fmt: skip
def test_the_askers_own_story_typed_without_marks_leaves_the_entry_asked_about(
    index: ZoneIndex, question: str, entry: str
) -> None:
    """The asker's clause (俺, 我们 + where they work + 做/搞) set off by a space only."""
    assert _reply(index, question) == ("answer", entry)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("An Duong (Anyang) park have electronic information industry or not?",
         "target-industries"),
        ("Lo Chau (Luzhou) hi-tech zone how many company inside now?", "companies-and-talent"),
        ("Zepu (Qingdao) Medical Technology, what do they make?", "zepu-medical"),  # a name kept
        ("Whats the revnue (Luzhou)?", "revenue-2022"),  # an English word, misspelt, kept
        # a reading in pinyin or English words that sounds like the gloss, guessed with "?"
        ("lou joe (luzhou?) hi tech zone revenue 2022", "revenue-2022"),
        ("Tajjuan (Taiyuan?) Zhongbei golden ten", "golden-ten-policy"),
    ],
)  # fmt: skip
def test_a_zone_named_in_the_askers_tongue_and_glossed_in_brackets_is_read_by_the_gloss(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _reply(index, question) == ("answer", entry)


def test_asking_whether_there_is_something_for_the_asker_is_an_aside() -> None:
    question = read_question(
        "Which industries does the Qinghai park develop? we are miners so I want to know if "
        "there is something for us",
        "en",
    )
    aside = without_the_aside(question)
    assert aside is not None
    assert not aside.guessed
    assert "miners" not in aside.bare.norm


def test_a_clause_opening_on_the_asker_that_asks_is_kept() -> None:
    """我们可以做什么 asks; 我们海城做耐火材料的 tells who asks."""
    assert without_the_asker(read_question("我们可以做什么，泸州高新区有什么补贴", "zh")) is None
    told = without_the_asker(read_question("我们海城做耐火材料的，泸州高新区有什么补贴", "zh"))
    assert told is not None
    assert "耐火" not in told.norm


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Jambo! My friend in Shenzhen says there is a zero carbon park in Qinghai. How large is "
         "it?", "planned-area"),
        ("Hello. My supplier, a kind man from Wenzhou, says in Anyang they build a photoelectric "
         "park. How much land does it take?", "site-area"),
    ],
)  # fmt: skip
def test_a_place_someone_in_the_askers_story_is_from_is_no_zone_asked_about(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _reply(index, question) == ("answer", entry)


def test_a_figure_of_one_item_of_a_listing_entry_answers_no_other_item(index: ZoneIndex) -> None:
    """The key projects entry dates the substation, not the data centre beside it."""
    data_centre = "When did the China Telecom data centre of the Qinghai zero-carbon park open?"
    assert answer_question(index, data_centre).status != "answer"
    substation = "When did the Guyi substation of the Qinghai zero-carbon park go into service?"
    assert _reply(index, substation)[0] == "answer"
    assert "2022" in render_answer_text(answer_question(index, substation))


def test_a_part_saying_there_is_something_still_asks_it(index: ZoneIndex) -> None:
    """ "…, and there is also an R&D reward?" asks about the reward: both parts are shown."""
    question = (
        "How much is the relocation subsidy in Taiyuan Zhongbei, and there is also an R&D reward?"
    )
    reply = answer_question(index, question)
    assert {"relocation-subsidy", "rd-reward"} <= {b.entry_id for b in reply.blocks}


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Mi hear bout one company name Zepu inna Qingdao high tech zone. Wha dem make?",
         "zepu-medical"),
    ],
)  # fmt: skip
def test_caribbean_english_asks_nothing_of_its_own(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _reply(index, question) == ("answer", entry)


def test_a_yes_or_no_tag_asks_nothing_but_not_only_does() -> None:
    assert "not" not in read_question("core business? IVD or not?", None).norm.split()
    assert "not" in read_question("which big names, not only AstraZeneca?", None).norm.split()


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Salam. Qinghai zero carbon park main industries list svp", "leading-industries"),
        ("gaano kalaki po yung lupa ng rehab university sa qingdao? hectares ok lang",
         "rehabilitation-university"),
    ],
)  # fmt: skip
def test_french_and_tagalog_courtesies_ask_nothing(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _reply(index, question) == ("answer", entry)


def test_a_zones_latin_name_typed_in_parts_leaves_nothing_of_it_in_the_topic(
    index: ZoneIndex,
) -> None:
    """Ching Dao: "dao" alone is too short to tell as the name's, the two parts are."""
    stripped = index.strip_zone_names("ching dao high tech zone revenue", "qingdao-hitech")
    assert stripped.split() == ["revenue"]
    assert "lu" in index.strip_zone_names("lu zhou lu", "qingdao-hitech")  # not its name


def test_the_question_after_a_claim_checked_and_before_thanks_is_the_one_asked(
    index: ZoneIndex,
) -> None:
    question = (
        "Bom dia! I sell physiotherapy beds in Porto. A trader told me about a new Rehabilitation "
        "University going up in the Qingdao high-tech zone. He said lots of people work there, "
        "is it true? How many workers are on the site each day? Muito obrigada"
    )
    assert _reply(index, question) == ("answer", "rehabilitation-university")


def test_the_last_sentence_pointing_back_at_our_zone_in_a_story_naming_no_other_is_asked(
    index: ZoneIndex,
) -> None:
    question = (
        "Lumela ntate. My cousin works with the Chinese contractors at Polihali dam and he says "
        "there is a zero carbon park in Chinghai province. How big is it in square kilometres?"
    )
    assert _reply(index, question) == ("answer", "planned-area")


def test_a_last_sentence_asking_only_what_the_storys_thing_is_called_is_not_answered(
    index: ZoneIndex,
) -> None:
    question = (
        "Mae, in Luzhou high-tech zone they have some talent program between companies and "
        "universities called 'double' something... what is it called?"
    )
    assert answer_question(index, question).status != "answer"


@pytest.mark.parametrize(
    "question",
    [
        "Is Qinghai zero-carbon park the first on the Tibetan plateau?",
        "In Ludžou high-tech zone they have three precise matchings. What is matched with what?",
        "How many people did the Loetsjou high tech zone train in 2022?",
    ],
)
def test_a_region_named_as_an_adjective_or_a_city_spelt_by_a_foreign_ear_is_read(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status == "answer"


def test_a_remark_after_the_question_naming_things_still_leaves_the_question_asked(
    index: ZoneIndex,
) -> None:
    question = (
        "Bos días. In Qingdao high-tech zone there is a company of rehabilitation robots, Zepu "
        "or Zeppu Medical I think. The exhibitor said that after moving there their R&D and the "
        "sales grew a lot. How much percent exactly? I like to tell my partner."
    )
    assert _reply(index, question) == ("answer", "zepu-medical")
