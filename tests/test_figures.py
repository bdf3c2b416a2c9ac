"""The kind of figure a question asks for, and whether an answer gives one."""

from __future__ import annotations

import pytest

from bot.answer.build import answer_question
from bot.search.figures import (
    Figure,
    asked_figures,
    asks_a_total,
    asks_names_of_firms,
    figures_asked_outright,
    gives_figure,
    gives_the_total,
    lacks_the_day,
    needs_a_total,
    what_the_total_is_of,
)
from bot.search.index import ZoneIndex
from bot.search.textnorm import normalize


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("泽普医疗年销售额具体是多少", {"money"}),
        ("古驿变电站总投资多少", {"money"}),
        ("泽普医疗落户后销售额涨了多少", {"money", "rate"}),
        ("How many employees does the firm have?", {"people"}),
        ("How many industrial talents work in the zone?", {"people"}),
        ("工地上有多少名工人", {"people"}),
        ("How many engineers work in the factory?", {"people"}),
        ("What was the contract value awarded to the builder?", {"money"}),
        ("中标金额是多少", {"money"}),
        ("项目人数多少", {"people"}),
        ("来了几位专家", {"people"}),
        ("这家企业叫什么名称", set()),  # 名称: a name, no number of people
        ("阿斯利康气雾剂基地哪一年投产", {"date"}),
        ("Handover date for the park", {"date"}),
        ("产业园体量多少亩", {"area"}),
        ("Green-power tariff for tenants (RMB/kWh)", {"price"}),
        ("配套资助比例是多少", {"rate"}),
        ("贷款利率是多少", {"rate"}),  # an interest rate is a rate, as a tax rate is
        ("园区一共有多少家企业", {"count"}),
        ("How many firms are there in the park?", {"count"}),
        ("Qinghai park how many company already inside", {"count"}),  # company, as typed
        ("招商大会是哪几家单位联合举办的", set()),  # which ones, not how many
        ("园区的土地一亩多少钱", {"price"}),  # a price per mu: no amount or area answers it
        ("What is the land price per mu?", {"price"}),
        ("Since which year has the park been built?", {"date"}),  # no "when" in it
        ("In what month did the works start?", {"date"}),
        ("What's the total investment?", {"money"}),  # "what s": "what is" asks a figure
        ("太原中北高新区搬迁补贴上限是多少", {"money"}),  # the most it pays
        ("What is the cap on the relocation subsidy?", {"money"}),
        ("数据中心占地多少亩", {"area"}),  # 占地 is no share (占比)
        ("创新园的厂房租金怎么算", {"price"}),  # how a charge is worked out asks its price
        ("How is the rent calculated?", {"price"}),
        ("古驿变电站哪天投运", {"date"}),
        ("开工是哪个月", {"date"}),
        ("能节省多少成本", {"rate"}),  # a saving: a share answers it as an amount would
        ("刘锦春书记现年多大年纪", {"age"}),
        ("那个书记今年好多岁了", {"age"}),
        ("How old is Liu Jinchun?", {"age"}),
        ("Who is the project manager of the builder's team?", {"person"}),
        ("泽普医疗总经理是谁", {"person"}),
        ("Guyi substation investment amount", {"money"}),
        ("Who spoke at the groundbreaking ceremony?", {"person"}),
        ("奠基仪式上谁致辞了", {"person"}),
        ("Qinghai park total planned investment?", {"money"}),
        ("What is the investment of the hydrogen project?", {"money"}),
        ("国网海东供电公司有多少个 staff？", {"people"}),
        ("泸州高新区内共有多少所高等院校？", {"count"}),
        ("一年卖了多少台生化分析仪", {"count"}),
        ("What do companies pay per kilowatt-hour for power?", {"price"}),
        ("which city leader gave a speech", {"person"}),
        ("Qingdao how much per m2", {"price"}),
        ("青岛市生物医药及医疗器械产业园的房价怎么样", {"price"}),
        ("how much did R&D capacity and sales jump", {"money", "rate"}),
        ("Email of Mr Ren Jianmin, power supply service centre?", {"contact"}),
        ("孟涛的电话是多少", {"contact"}),
        ("宝太研发负责人是哪个 想加个vx", {"contact"}),
        ("净化车间是万级还是十万级", {"grade"}),  # a grade asked without a question word
    ],
)
def test_a_question_asks_for_the_kinds_of_figure_it_names(
    question: str, kinds: set[Figure]
) -> None:
    assert asked_figures(normalize(question)) == kinds


@pytest.mark.parametrize(
    "question",
    [
        "泸州高新区有多少人才",  # 人才 is no headcount of staff
        "房租补贴多少",  # a rent subsidy is no rent
        "What is the rent subsidy?",
        "What is the industry-chain investment conference?",  # no amount asked of it
        "园区的主导产业是什么",  # asks no figure at all
        "What is the plot ratio?",  # a bare number (1.2), not a share
        "容积率是多少",
        "我年纪大了记不太清，园区接下来要做哪几件事",  # the asker's age, not asked
        "Who built the park?",  # a builder, no post
        "Who is Liu Jinchun?",  # a person named: what they do is asked
        "多少台湾企业落户",  # Taiwanese firms, no machines: a count of firms is 家
        "泸州高新区企业所得税多少",  # income tax, no schools
        "My supplier sent one WeChat video of the ground-breaking",  # a video, no contact
        "Who is in charge? I want to write to the person, not to a general email",
    ],
)
def test_words_that_only_look_like_a_measure_ask_for_no_figure_of_theirs(question: str) -> None:
    assert asked_figures(normalize(question)) == set()


@pytest.mark.parametrize(
    ("answer", "kind", "gives"),
    [
        ("落户后销售额提升近50%。", "money", False),
        ("落户后销售额提升近50%。", "rate", True),
        ("总投资约4.5亿美元", "money", True),
        ("RMB 125 billion", "money", True),
        ("再给予1:1.5或1:1的配套资助", "rate", True),
        ("全市该产业1/3的经营主体", "rate", True),
        ("聚集产业人才5万余人", "people", True),
        ("可降低20%—30%的成本", "people", False),
        ("2022年12月27日建成投运", "date", True),
        ("占地4630亩", "area", True),
        ("每年输送7亿—10亿千瓦时绿色电能", "price", False),
        ("0.35元/千瓦时", "price", True),
        ("RMB 120,000 per mu", "price", True),  # land is priced by the mu
        ("RMB 3 per cubic metre", "price", True),
        ("刘锦春，太原中北高新区党工委书记", "age", False),
        ("现年52岁", "age", True),
        ("The builder is China Railway Shanghai Engineering Bureau", "person", False),
        ("刘锦春，太原中北高新区党工委书记", "person", True),
    ],
)
def test_an_answer_gives_a_figure_of_a_kind_only_when_it_writes_one(
    answer: str, kind: Figure, gives: bool
) -> None:
    assert gives_figure(answer, frozenset({kind})) is gives


def test_any_answer_gives_what_a_question_asking_no_figure_asks() -> None:
    assert gives_figure("", frozenset())


@pytest.mark.parametrize(
    ("question", "total"),
    [
        ("园区一共有多少家企业", True),
        ("整个园区总投资多少", True),
        ("What is the total investment of the whole park?", True),
        ("数据中心总投资多少", False),  # a project's total: the project's figure answers it
        ("园区有多少家企业", False),
    ],
)
def test_a_question_asks_the_whole_zones_total_only_in_words_saying_so(
    question: str, total: bool
) -> None:
    assert asks_a_total(normalize(question)) is total


def test_a_sum_over_firms_or_projects_is_given_only_as_a_total_of_it() -> None:
    """2家正在选址 counts some firms; 已集聚…800多家 is the firms gathered so far."""
    asked = normalize("园区一共有多少家企业")
    assert needs_a_total(asked)
    assert not needs_a_total(normalize("园区一共营收多少"))  # a revenue is a total anyway
    assert not gives_the_total("另有2家企业正在园区选址", asked)
    assert gives_the_total("已集聚重点企业800多家", asked)
    assert not gives_the_total("营业收入总计1250亿元", asked)  # a total, of another thing


def test_companies_in_an_english_total_name_no_part_of_the_zone() -> None:
    """The sum's pattern took "compan" of companies; the "ies" left was read as a thing named."""
    rest = what_the_total_is_of("how many companies are there in total in")
    assert "ies" not in rest.split()


def test_a_rent_subsidys_amount_is_no_price_but_renting_for_how_much_is() -> None:
    """房租补贴给多少钱 asks the subsidy's amount; 机柜租1年要多少钱 the rent."""
    assert "price" not in asked_figures(normalize("房租补贴给多少钱"))
    assert "price" in asked_figures(normalize("机柜租一年要多少钱"))


@pytest.mark.parametrize(
    "question", ["What is the total area of the zone in square kilometres?", "zone land area"]
)
def test_an_area_asked_in_english_words_asks_an_area(question: str) -> None:
    assert asked_figures(normalize(question)) == {"area"}


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("泸州高新区那个实训基地是哪几个学校办的啊", True),
        ("青海零碳那个锂电池的企业都有哪几家啊", True),
        ("Which companies have signed contracts in the park?", True),
        ("青海零碳產業園有邊幾間鋰電池公司？", True),  # the kind of firm between: 锂电池
        ("哪几个园区有新材料产业", False),  # which zones, not which firms
        ("那个人才行动有哪几个方面", False),
        ("泸州高新区那八百多家重点企业都有哪些", True),  # which they are, after the firms
        ("入驻企业主要有哪些类型", False),  # their kind
        ("泸州高新区对企业有哪些扶持政策", False),  # the policies for firms
        ("那两家正在选址的企业是哪两家", True),
        ("绿硅项目是哪家企业在搞", True),  # which one, the firm named right after
        ("实训基地是跟哪个职业学校合作的", True),
        ("现在主要招哪个产业链的企业", False),  # which chain
        # the programme's name, named a few words on: no firm's
        (
            "firms work with universities: the name of that joint school enterprise programme",
            False,
        ),
        ("企业在享受哪个市级政策的基础上再给配套资助", False),
        ("那俩正在搬设备的企业是哪家啊", True),  # the firm named before which one
        ("In the park which lithium battery companies are there?", True),
        ("the green hydrogen, which company invests in it?", True),
        ("Which kind of companies mostly settle in the zone?", False),  # their kind
        ("Which subsidies can companies get in the zone?", False),  # which may: eligibility
        ("太原中北高新区哪家企业可以享受搬迁补贴", False),
        ("康复大学工地是哪家施工单位在干", True),  # a builder is a firm
        ("那2.4亿人才资金，具体哪些企业拿到了", True),  # named one by one
        ("具体哪些企业可以申请", False),
        ("3个月就落户的那家企业叫什么", True),  # the firm's name, asked right after it
        ("企业跟高校合作培养人才那个叫啥", False),  # the programme's
        ("Which are the two companies choosing their site?", True),
    ],
)
def test_which_firms_by_number_asks_their_names(question: str, asks: bool) -> None:
    assert asks_names_of_firms(normalize(question)) is asks


@pytest.mark.parametrize(
    "question", ["what day-to-day support does the zone give", "园区几号楼是综合楼"]
)
def test_what_is_no_day_asked_is_not_read_as_one(question: str) -> None:
    assert not lacks_the_day(normalize(question), "2023年4月")


@pytest.mark.parametrize(
    "question", ["what date did the investment conference happen?", "which day was it held"]
)
def test_asking_what_date_asks_the_day_a_month_does_not_give(question: str) -> None:
    assert lacks_the_day(normalize(question), "2023年5月")
    assert not lacks_the_day(normalize(question), "2023年5月12日")


def test_what_percent_typed_as_a_sign_asks_a_rate() -> None:
    assert "rate" in asked_figures(normalize("what % green power is the park's supply?"))


@pytest.mark.parametrize(
    "question",
    [
        "人才补贴一个人能领多少钱",
        "每人能拿多少补贴",
        "人均能补多少",
        "how much is the analyser per unit",
        "what is the subsidy per person",
        "本科生一个月给好多钱",
        "how much is the monthly talent allowance",
    ],
)
def test_what_one_person_or_unit_gets_is_a_price_a_total_does_not_give(question: str) -> None:
    assert "price" in asked_figures(normalize(question))
    assert not gives_figure("人才资金共2.4亿元。", frozenset({"price"}))
    assert gives_figure("每人最高补贴10万元。", frozenset({"price"}))


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("what were the firm's actual sales in dollars last year", {"money"}),
        ("what is its turnover in euros", {"money"}),
        ("what was their sales growth after moving", {"rate"}),
        ("what is the corporate income tax rate in the zone", {"rate"}),
        ("what was the growth rate of sales", {"rate"}),
        ("What is the corporate income tax in the zone?", {"rate"}),  # a tax asked: its rate
        ("What is the income tax reward for executives?", {"money"}),  # a reward, no rate
    ],
)
def test_sales_asked_as_an_amount_ask_money_and_their_growth_a_rate(
    question: str, kinds: set[Figure]
) -> None:
    assert asked_figures(normalize(question)) == kinds


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("青海零碳产业园每年产氢多少吨", "mass"),
        ("How many tonnes of CO2 does the site area of the park emit?", "mass"),
        ("古驿变电站每年输送多少亿千瓦时绿电", "energy"),
        ("the lithium battery plant, its capacity in GWh?", "energy"),
        ("What is the rack power density at the data centre, kW per rack?", "power"),
        ("绿色畜牧现在养了几多头牛羊", "head"),
        ("厂房层高几多米", "length"),
        ("What is the ceiling height of the factory buildings?", "length"),
        ("钢结构厂房单层有多高", "length"),
        ("净化车间是几级的 十万级还是万级", "grade"),
        ("What cleanroom class (ISO 7, ISO 8?) are the workshops?", "grade"),
        ("古驿变电站主变容量多大", "power"),
    ],
)
def test_a_quantity_in_a_unit_asks_for_that_unit_alone(question: str, kind: Figure) -> None:
    assert asked_figures(normalize(question)) == {kind}


@pytest.mark.parametrize(
    ("text", "kind", "gives"),
    [
        ("每年可输送绿电7亿至10亿千瓦时", "energy", True),
        ("700 million to 1 billion kWh of green power a year", "energy", True),
        ("a 110 kV substation", "power", False),
        ("the head of the committee said 700 workers were on site", "head", False),
        ("年产能5万吨", "mass", True),
        ("厂房层高8米", "length", True),
        ("总建筑面积9.3万平方米", "length", False),  # an area, not a length
        ("建有十万级净化车间", "grade", True),
        ("河南省第八期“三个一批”项目建设活动的重点工程", "grade", True),  # a province's
        ("建有净化车间", "grade", False),
        ("请来全国技术能手、四川工匠授课", "grade", True),  # a person's grade: a title
        ("主变容量2×50兆伏安", "power", True),
    ],
)
def test_a_unit_is_given_only_by_a_figure_written_in_it(
    text: str, kind: Figure, gives: bool
) -> None:
    assert gives_figure(text, frozenset({kind})) is gives


@pytest.mark.parametrize(
    "question",
    [
        "青海零碳产业园 绿色畜牧 现在养了几多头牛羊",
        "qinghai zero carbon park green hydrogen production, how many tons per year",
        "What's the rack power density at the Qinghai green data centre, kW per rack?",
    ],
)
def test_a_quantity_in_a_unit_the_source_never_writes_is_not_answered(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status != "answer"


def test_a_quantity_in_the_unit_the_source_writes_is_answered(index: ZoneIndex) -> None:
    reply = answer_question(index, "青海零碳产业园每年能输送多少亿千瓦时绿电")
    assert (reply.status, reply.entry_id) == ("answer", "green-power-output")


@pytest.mark.parametrize(
    "question",
    ["青岛宝太那个全自动生化分析仪 卖多儿钱一台", "泸州高新区人才补贴 本科生来了一个月给多少"],
)
def test_what_one_unit_costs_or_one_month_pays_is_not_answered_by_a_total(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status != "answer"


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("安阳光电园那几栋钢结构厂房 钢材是哪家供的", True),
        ("阿斯利康青岛基地会跟哪些包材供应商采购", True),
        ("Who supplied the main transformers for the substation? need vendor name", True),
        ("青海零碳产业园的电是谁供的", False),  # who supplies power: the grid company
        ("Who supplies power to the park?", False),
    ],
)
def test_who_supplies_a_thing_is_asked_but_not_who_supplies_power(
    question: str, asks: bool
) -> None:
    assert ("supplier" in asked_figures(normalize(question))) is asks


def test_a_supplier_asked_is_not_answered_by_an_entry_naming_none(index: ZoneIndex) -> None:
    assert answer_question(index, "安样光电园那几栋钢结构厂房 钢材是哪家供的").status != "answer"
    reply = answer_question(index, "青海零碳产业园的电是谁供的")
    assert (reply.status, reply.entry_id) == ("answer", "power-supplier")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("惠安康生物有几个员工", "people"),
        ("太钢的特钢现在一吨啥价", "price"),
        ("How big is the one-time reward for a new legal entity?", "money"),
    ],
)
def test_a_figure_asked_in_everyday_words_is_read_as_its_kind(question: str, kind: Figure) -> None:
    assert kind in asked_figures(normalize(question))


def test_how_many_firms_in_total_and_producers_names_are_asked_as_such() -> None:
    assert asks_a_total(normalize("how many company total inside taiyuan zhongbei zone now?"))
    names = "Which lithium battery producers are located in the park? Names please."
    assert asks_names_of_firms(normalize(names))


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("园区有几个人工智能企业", "people"),  # 个人 inside 人工智能
        ("2023年1月几号开工", "price"),  # January, no month's pay
        ("这个数据是谁提供的", "supplier"),
        ("园区的天然气是谁供的", "supplier"),  # the utility's
    ],
)
def test_words_that_only_look_like_a_new_kind_of_figure_do_not_ask_it(
    question: str, kind: Figure
) -> None:
    assert kind not in asked_figures(normalize(question))


def test_energy_asked_in_du_is_energy_not_money() -> None:
    assert asked_figures(normalize("古驿变电站每年能输送多少亿度绿电")) == {"energy"}


@pytest.mark.parametrize(
    "question",
    [
        "太原那个搬迁补贴申请了好久能到账",
        "在青岛办二类医疗器械注册证要多长时间",
        "How long does it take to get the relocation subsidy paid?",
        "落户奖励几个月能发下来",
        "direct flight to Qingdao? how long",
    ],
)
def test_how_long_a_thing_takes_asks_a_duration(question: str) -> None:
    assert "duration" in asked_figures(normalize(question))


@pytest.mark.parametrize(
    "question",
    [
        "我们在别处办手续卡了好几个月",
        "前几天看到园区在搞建设",
        "哪个月开工的",
        "青岛高新区最近几个月有什么新项目",
        "安阳光电园开工多久了",  # since when: a date answers
        "How long ago did construction start?",
        "how quickly is the biomedicine industry growing",
        "how long is the road to the park",
    ],
)
def test_a_statement_of_months_or_a_length_asks_no_duration(question: str) -> None:
    assert "duration" not in asked_figures(normalize(question))


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("从决定落户到完成入驻只用了3个月", True),
        ("前后只用了三个月", True),
        ("It took three months from decision to move-in", True),
        ("2023年5月开工", False),  # a date, not how long
        ("2021年11月开工，2022年12月投运", True),  # two years: how long it took
        ("二〇二三年", False),
        ("五年规划", False),
        ("每年输送1.2亿千瓦时", False),
    ],
)
def test_a_duration_is_given_only_as_a_length_of_time(text: str, gives: bool) -> None:
    assert gives_figure(text, frozenset({"duration"})) is gives


def test_how_long_a_thing_takes_is_answered_only_by_an_entry_giving_a_time(
    index: ZoneIndex,
) -> None:
    assert answer_question(index, "太原那个搬迁补贴申请了好久能到账").status != "answer"
    reply = answer_question(index, "太原中北高新区办理入驻手续需要多长时间")
    assert (reply.status, reply.entry_id) == ("answer", "settling-speed")


def test_when_asked_in_southern_words_asks_a_date_outright(index: ZoneIndex) -> None:
    assert answer_question(index, "安阳光电园几时建成投产？").status != "answer"


@pytest.mark.parametrize("question", ["黄金十条申报截止到么时候", "申报截止到哪天"])
def test_when_in_dialect_and_a_deadline_ask_a_date_outright(question: str) -> None:
    assert "date" in figures_asked_outright(normalize(question))


def test_how_many_state_owned_firms_asks_a_count() -> None:
    assert asked_figures(normalize("How many SOEs are in Qingdao high-tech zone?")) == {"count"}


@pytest.mark.parametrize(
    "question",
    [
        "how much did Zepu Medical's sales go up after moving?",
        "how much their sales increased after moving to the zone?",
        "after moving, how much Zepu medical improved R&D and sales?",
    ],
)
def test_how_much_a_figure_went_up_asks_its_growth(question: str) -> None:
    assert "rate" in asked_figures(normalize(question))


def test_a_sales_growth_asked_in_english_is_answered_by_the_percentage(index: ZoneIndex) -> None:
    question = "how much did Zepu Medical's sales go up after moving to Qingdao high-tech zone?"
    reply = answer_question(index, question)
    assert reply.status == "answer"
    assert reply.entry_id == "zepu-medical"


def test_when_it_runs_after_how_many_asks_no_date() -> None:
    question = "astrazeneca aerosol how many units per year when is working"
    assert "date" not in figures_asked_outright(normalize(question))
    assert "date" in figures_asked_outright(normalize("how many units, when will it start?"))


def test_output_value_as_a_share_of_the_city_asks_a_rate_not_money() -> None:
    assert asked_figures(normalize("青岛高新区生物医药产值占青岛市多少")) == {"rate"}


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("综合楼几层高", set()),  # how many storeys: no length
        ("立菲创新园代工组装收费标准是怎样", {"price"}),
        ("全自动生化分析仪出厂价多少", {"price"}),
        ("那个配套资助一家企业最多能拿多少", {"money"}),
        ("古驿变电站的电压等级是多少千伏", set()),  # a voltage level: kV, no grade
        ("how many square meters is the site?", {"area"}),  # square metres: no length
    ],
)
def test_fees_the_most_paid_and_storeys_ask_their_own_kinds(
    question: str, kinds: set[str]
) -> None:
    assert asked_figures(normalize(question)) == kinds


def test_a_figure_asked_in_a_clause_of_its_own_must_be_given_by_the_answer(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "泸州高新区人才扶持资金，一个硕士过去每个月补几多？")
    assert reply.status != "answer"


def test_university_campuses_named_ask_their_names() -> None:
    assert asks_names_of_firms(normalize("Which university campuses are in the zone? names"))


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("Of how much percent did the cost go down?", {"rate"}),  # a share, no sum
        ("how much did the cost go down?", {"money", "rate"}),
        ("what fraction of the firms are in the zone?", {"rate"}),
    ],
)
def test_how_much_percent_asks_a_rate_and_going_down_a_change(
    question: str, kinds: set[str]
) -> None:
    assert asked_figures(normalize(question)) == kinds


def test_a_firm_the_asker_cannot_name_is_the_firm_whose_figure_answers(index: ZoneIndex) -> None:
    question = (
        "One company in Qingdao high tech zone says it reduced its costs by giving the "
        "assembly and shipping to the park. Of how much percent the cost went down?"
    )
    reply = answer_question(index, question)
    assert (reply.status, reply.entry_id) == ("answer", "huiankang-cost-saving")


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("安阳光电产业园占地多少米", {"area"}),  # square metres, said short
        ("青海零碳产业园规划面积多少公里", {"area"}),
        ("古驿变电站是几级变电站", set()),  # its voltage, given in kV
    ],
)
def test_an_area_or_a_voltage_said_short_asks_no_length_or_grade(
    question: str, kinds: set[str]
) -> None:
    assert asked_figures(normalize(question)) == kinds


def test_the_askers_own_firm_names_no_firm_of_the_zone(index: ZoneIndex) -> None:
    # 我们有个公司: the asker's; the zone's total is not a project's investment
    assert answer_question(index, "我们有个公司，想问青岛高新区总投资多少").status != "answer"


@pytest.mark.parametrize(
    "question",
    [
        "分析仪每小时能测多少个样本",
        "how many tests per hour can the analyser run",
        "samples an hour?",
    ],
)
def test_how_much_a_machine_does_an_hour_asks_a_speed(question: str) -> None:
    assert "speed" in asked_figures(normalize(question))
    assert not gives_figure("年产3600万支", frozenset({"speed"}))
    assert gives_figure("每小时800测试", frozenset({"speed"}))


def test_a_machines_speed_is_not_answered_by_the_firm_making_it(index: ZoneIndex) -> None:
    asked = answer_question(
        index, "How many samples per hour does the Qingdao Baotai analyser do?"
    )
    assert asked.status != "answer"
    assert asked.entry_id == "baotai"  # what the sources say of the firm is shown
    workers = "How many workers a day are on the rehab university site in Qingdao high-tech zone?"
    assert answer_question(index, workers).status == "answer"  # a day asks no speed


@pytest.mark.parametrize(
    "question",
    [
        "Quick question, do you have a minute? What is the site area of the Anyang park?",
        "I spent an hour reading about Qingdao High-tech Zone. What was its revenue in 2022?",
        "Can settling in Taiyuan Zhongbei be done in an hour? How long does it take?",
        "泸州高新区离重庆一小时出头，人才有多少",
    ],
)
def test_an_hour_or_a_minute_beside_no_count_asks_no_speed(question: str) -> None:
    assert "speed" not in asked_figures(normalize(question))


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Qingdao rehabilitation university. tuition fee?", "price"),
        ("Lifei park. clean room rent per m2?", "price"),
        ("AstraZeneca regional HQ. employee number?", "people"),
        ("How much costs one rehabilitation robot from Zepu Medical?", "money"),
    ],
)
def test_a_terse_noun_asks_a_figure(question: str, kind: str) -> None:
    assert kind in asked_figures(normalize(question))


def test_south_western_hao_duo_before_the_thing_ending_the_question_asks_how_much() -> None:
    assert normalize("一个技术工人落户能拿好多补贴？").endswith("能拿多少补贴")
    assert "好多" in normalize("园区好多企业都在扩产，有什么政策")


@pytest.mark.parametrize(
    "question",
    [
        "Chintao rehabilitation university. tuition fee?",
        "AstraZeneca Qingdao regional HQ. employee number?",
        "泸州高新区人才政策，一个技术工人落户能拿好多补贴？",
    ],
)
def test_a_figure_asked_tersely_of_an_entry_without_it_is_not_answered(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status != "answer"


@pytest.mark.parametrize(
    "question",
    [
        "泸州高新区那50多期培训是哪几家培训机构搞的？",
        "瀘州高新區嗰50幾期技能培訓，係邊間培訓機構辦嘅？",
    ],
)
def test_which_institutions_asks_their_names(question: str) -> None:
    assert asks_names_of_firms(normalize(question))


def test_south_western_sha_zi_shi_hou_asks_a_date() -> None:
    assert "date" in asked_figures(normalize("那个大数据中心是啥子时候开始投运的"))


@pytest.mark.parametrize(
    "question",
    [
        "When the AstraZeneca base in Qingdao high-tech zone is working, how many units a year "
        "can it make?",
        "When the Anyang optoelectronic park is finished, which industries will be there?",
    ],
)
def test_when_a_thing_is_done_beside_another_question_word_asks_no_date(question: str) -> None:
    assert "date" not in figures_asked_outright(normalize(question))


def test_how_much_a_sum_rose_asks_its_growth() -> None:
    assert "rate" in asked_figures(normalize("泽普医疗研发能力同销售额升了多少"))
    assert "rate" not in asked_figures(normalize("泽普医疗销售额多少钱"))


@pytest.mark.parametrize("question", ["rehab university land size?", "park surface area km2?"])
def test_a_land_size_or_a_surface_asks_an_area(question: str) -> None:
    assert "area" in asked_figures(normalize(question))
