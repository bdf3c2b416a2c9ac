"""The kind of figure a question asks for (an amount, a rate, a date ...), and whether an
entry's answer gives one: "泽普医疗销售额多少钱" is not answered by a growth rate."""

from __future__ import annotations

import re
from typing import Literal, get_args

Figure = Literal[
    "money",
    "rate",
    "people",
    "date",
    "area",
    "price",
    "count",
    "age",
    "person",
    "names",
    "rank",
    "mass",
    "energy",
    "power",
    "head",
    "supplier",
    "duration",
    "length",
    "grade",
    "contact",
    "speed",
    "members",
]
# the kinds told by a pattern on the question and one on the answer; names, rank and members
# are told otherwise (by the zone's entities, by a ranking pattern, by subjects.py)
FIGURES: tuple[Figure, ...] = tuple(
    k for k in get_args(Figure) if k not in ("names", "rank", "members")
)

# Which one ranks first ("国内规划面积最大的零碳产业园是哪一个", "which park is the largest"),
# and an answer ranking its own below the first (第二大, second-largest): it does not say which
_FIRST_ASKED = re.compile(
    r"(?:最大|最多|最高|最早|最先|第1)的[^ ]{0,12}?是?(?:哪|谁)"
    r"|哪(?:个|家|座|1个|一个)[^ ]{0,12}?(?:最大|最多|最高|最早)"
    r"|\b(?:which|what) (?:\w+ ){0,6}?(?:the )?(?:largest|biggest|most|highest|first)\b"
)
_BELOW_FIRST = re.compile(
    r"第[2-9]大|第[二三四五六七八九]大|第[2-9二三四五六七八九]多"
    r"|\b(?:second|third|fourth|fifth)[- ](?:largest|biggest|highest|most)\b"
)


def asks_which_is_first(norm: str) -> bool:
    """Tell whether a normalised question asks which one ranks first (the largest, 最大的)."""
    return _FIRST_ASKED.search(norm) is not None


def ranks_below_first(text: str) -> bool:
    """Tell whether a text ranks what it is about below the first (第二大, second-largest)."""
    return _BELOW_FIRST.search(text) is not None


# the posts people hold, by which a question asks who holds one and an answer names them
ROLES_ZH = (
    "书记|主任|总经理|经理|董事长|总裁|局长|院长|校长|厂长|负责人|工程师|总工|主管|队长|记者|领导"
)
ROLES_EN = (
    "secretary|director|manager|president|chairman|chairwoman|ceo|cto|engineer|head|chief"
    "|leader|reporter|journalist|boss|gm"
)
_WHAT_PERCENT = (  # "what % green power", "what fraction of the firms": a rate
    r"|\b(?:what|which|how many) ?%|\b(?:what|which) (?:portion|fraction) of\b"
)
# when in Hubei and Jiangxi speech (么时候) and south-western (啥子时候), and a deadline
# asked (截止到什么时候)
_WHEN_ZH = r"(?<![什这那怎多])么时候|啥子时候|截止到?(?:哪|什么时候|啥时候|么时候|几号|几月)"
_LONG_UNTIL_ZH = r"好久(?=能|才|可以|到|下来|办|批)"  # how long until (Sichuan): 好久能到账
# A question asks for a figure at all: how much, how many, when, which share, what price ...
_ASKS_A_FIGURE = re.compile(
    r"多少|(?<![哪边第])几|哪1?年|哪1?天|哪个月|什么时候|啥时候|何时|日期|比例|占比|比重|增速|"
    + _WHEN_ZH
    + r"|电价|价格|房价|地价|水价|气价|单价|租金|房租|面积|占地|亩|年纪|年龄|岁|谁|哪位|啥价"
    r"|什么价|多久|多长时间|"
    + _LONG_UNTIL_ZH
    + r"|怎么(?:算|收|计算|收费)|如何(?:计算|收费)|收费标准"  # how a charge is worked out
    r"|\b(?:how (?:much|many)|what (?:is|was|are|were|s)|whats|when|date|tariffs?|prices?"
    r"|rate|ratio|share|(?:what|which) (?:year|month|date)|since when|how old|age|km2|sq km|who"
    r"|square (?:km|kilometres?|kilometers?|metres?|meters?)|hectares?"
    r"|(?:total|land|site|floor|planned|gross) area|(?:land|plot|site) size|amount|value"
    r"|how long"
    r"|(?:total|planned|overall) (?:planned |total )?(?:investment|revenue|turnover|sales)"
    r"|per (?:kwh|kilowatt)|which (?:\w+ ){0,2}(?:leaders?|officials?|mayor|governor)"
    r"|how (?:is|are) (?:\w+ ){1,3}(?:calculated|charged|priced)"
    r"|in (?:tons|tonnes|kwh|mwh|gwh|twh|kw|mw|gw)|kw (?:per|a|each) rack"
    r"|how (?:big|large|high) (?:is|was|are)|class|grade|rating|heights?|capacity)\b|存栏|出栏"
    r"|多高|层高|净高|级别|等级|洁净度|容量"
    + _WHAT_PERCENT
    # a terse noun asking a figure: "tuition fee?", "clean room rent per m2?", "headcount?"
    + r"|\b(?:fees?|rents?|salar(?:y|ies)|wages?|headcount"
    r"|per (?:m2|sqm|sq m|square (?:metre|meter)|mu|month|year|person|head|unit)"
    r"|(?:employees?|staff|workers?) (?:numbers?|count|size))\b"
)
# a unit of measure or a grade asked: only a figure in it answers, whatever else is asked
_UNITS: frozenset[Figure] = frozenset(
    {"mass", "energy", "power", "head", "length", "grade", "speed"}
)
_HOW_MANY_OF = r"(?:多少|几多|好多|几) ?(?:[万亿千百] ?)?"  # before a unit: 多少万吨, 几头
_HOW_BIG = re.compile(r"多[大高久长远]|\bhow (?:big|large|long|tall|far|old)\b")
# On a normalised question (lower case, simplified, 一 as 1): the kinds of figure it names.
_ASKED: dict[Figure, re.Pattern[str]] = {
    "money": re.compile(
        r"多少钱|多少元|几元|(?:多少|几)(?:亿|万|千万)(?! ?(?:吨|公斤|千克|度|千瓦|兆瓦|头))"
        r"|金额|投资额|总投资"
        r"|(?:销售额|营业额|营收|营业收入|收入|产值|利润|税收|投资|工资|薪资|薪酬)"
        r"(?:(?!占)[^ ]){0,6}(?:多少|几)"  # not 产值占全市多少: a share
        r"|\bhow much\b(?! percent)(?! %).*\b(?:revenue|turnover|sales|investment|invest|invested"
        r"|income|profit|funding|money|capital|budget|salary|wages?|costs?|spend|spent)\b"
        r"|\b(?:total|annual|yearly|planned|overall) (?:planned |total )?"
        r"(?:revenue|turnover|sales|investment|income)\b"
        r"|\b(?:what (?:is|was|s)|whats) (?:the )?(?:total )?(?:investment|revenue|turnover|sales"
        r"|income)\b"
        # "what were its actual sales in dollars": the amount, not how much it grew
        r"|\bwhat (?:is|was|were|are|s)"
        r"(?: (?!rate|share|ratio|percent\w*|proportion|growth|of\b|tax\w*)\S+){0,4}"
        r" (?:sales|revenue|turnover|income|profits?)\b"
        r"(?! (?:growth|grew|growing|grow|increase|increased|rise|rose|jump|jumped|went|go|up"
        r"|tax(?:es)?|margins?|channels?|volumes?|mix|targets?|rates?|shares?))"
        r"|\bin (?:dollars|usd|us dollars|yuan|rmb|euros?)\b"
        # how big a sum paid is: "how big is the one-time reward"
        r"|\bhow (?:big|large|high) (?:is|was|are) (?:the |a |an |this |that )?(?:\w+ ){0,2}"
        r"(?:rewards?|subsid(?:y|ies)|grants?|bonus(?:es)?|allowances?|payments?|awards?)\b"
        r"|合同额|合同金额|中标金额|造价"
        r"|\b(?:contract|deal|order|investment) (?:value|amount|size|sum|volume)\b"
        # the most a reward or subsidy pays: 最高补多少, 上限, what is the cap
        r"|上限|封顶|最高(?:奖励|补贴|补助|资助|能|可|给)?[补奖给]?多少"
        r"|最多(?:能|可以?)?(?:拿|领|补|奖|得|给|申请)(?:到)?多少"
        r"|\b(?:cap|caps|capped|ceiling(?! heights?)|upper limit|max(?:imum|imal)?(?: amount)?)\b"
    ),
    "rate": re.compile(  # a growth or a share: a percentage answers it, as may an amount
        r"增速|增长|增幅|涨|提升|提高|增加|百分之|比例|比率|利率|税率|费率|占(?!地)|比重|几成"
        r"|(?<!提)升(?=了|咗|多少|几)"  # 销售额升了多少
        # a tax asked is its rate (not a tax reward, rebate or break)
        r"|\b(?:income|corporate|profits?|value added|sales|property|land) tax(?:es)?\b"
        r"(?! (?:rewards?|rebates?|refunds?|incentives?|breaks?|relief|subsid\w*|exemptions?"
        r"|reductions?|cuts?|holidays?|benefits?|preferences?|preferential))"
        r"|贡献(?:了|咗)?(?:全市|全省|全国|全区)"  # a share of the whole (税收贡献: an amount)
        r"|节省|节约|降低|降本|减少|省了|省下"  # a saving or a cut: a share answers it too
        r"|\b(?:save|saves|saved|saving|savings|reduce|reduced|reduction|cut|cuts|lower|lowered"
        r"|growth|grow|grew|rise|rose|increase|uplift|up by|percent|percentage|share|rate"
        r"|jump|jumped|surge|surged|climb|climbed|boost|boosted"
        # how much sales went up, increased, improved (not how many floors it will go up)
        r"|how much\b.*\b(?:increased|increases|increasing|grown|grows|rises|risen|doubled"
        r"|(?:go|goes|went|gone|going) (?:up|down)|improv(?:e|ed|es|ement)|fell|dropped"
        r"|decreased|declined)"
        r"|(?<!plot )(?<!area )ratio|proportion)\b"  # a plot ratio is a bare number (1.2)
        + _WHAT_PERCENT
    ),
    "people": re.compile(
        r"(?:多少|几)[名个]?(?:员工|职工|雇员|人(?![才次民工]))"
        r"|(?:多少|几)(?:名(?![称字单额次])|位(?![数于置]))|人数"  # 多少名, 几位, 人数多少
        r"|(?:员工|职工|雇员|从业人员)(?:人数|数量|规模|有多少|多少|几)|用工(?:人数|规模)"
        r"|\bhow many (?:\w+ )?(?:employees|staff|workers|people|persons|jobs|talents"
        r"|engineers|technicians|researchers|scientists)\b"
        r"|\b(?:headcount|number of (?:employees|staff|workers|jobs)|workforce size"
        r"|(?:employees?|staff|workers?) (?:numbers?|count|size))\b"
        r"|(?:多少|几)个? ?(?:staff|employees|workers)\b"  # 有多少个 staff: typed in two scripts
    ),
    "date": re.compile(
        r"哪1?年|什么时候|啥时候|何时|几时|几月|几号|哪1?天|哪个月|日期|"
        + _WHEN_ZH
        + r"|\b(?:when|(?:what|which) (?:year|month)|what date|date)\b"
    ),
    "area": re.compile(
        r"多少亩|几亩|多少平方|几平方|面积|占地"
        r"|\b(?:square (?:km|kilometres?|kilometers?|metres?|meters?)|hectares?|acres?|mu"
        r"|km2|sq km|how much land|(?:land|plot|site) size"
        r"|(?:land|floor|site|total|planned|building|construction|gross|surface) area)\b"
    ),
    "price": re.compile(
        r"(?:电价|水价|气价|价格|价钱|租金|房租|房价|地价|单价)(?!补贴|补助|减免|优惠|奖励)"
        r"|(?:啥|什么|多少)价(?![值格])"  # 一吨啥价
        r"|租(?:(?!补|奖|减|优)[^ ]){0,4}多少钱|月租|年租"  # renting it (not a rent subsidy)
        r"|收费|出厂价|批发价|报价|\b(?:fees?|service charges?|ex[- ]factory)\b"  # what one pays
        r"|售价|零售价|卖多少钱|多少钱1(?:支|个|件|台|盒|瓶|吨|斤|套|片|张)"  # what one costs
        r"|多少钱1度|每度|1度电?(?:要|大概|大约)?(?:多少钱|几毛|几块|多钱)|(?:每|1)(?:亩|平方米|平米|平)地?(?:要|大概|大约)?(?:多少钱|几钱|多钱)"
        r"|多少钱(?:1|每)(?:亩|平方米|平米|平)|\b(?:tariffs?|prices?|rents?)\b"
        r"(?! (?:subsid|allowance|rebate|reduction|relief|support))"
        # what one person or one unit gets or costs: a total does not answer it
        r"|(?:每|1)(?:个人|人|位|名)(?:能|可以?|大概|大约)?(?:领|拿|补|得|给|发)?(?:到)?(?:多少|几)"
        r"|人均(?:能|可以?)?(?:领|拿|补|得|发)?(?:到)?(?:多少|几)"
        # what is paid each month or year: a total paid out does not answer it
        r"|(?:每个?|(?<!\d)1个)月(?:能|可以?)?(?:领|拿|补|得|给|发)?(?:到)?(?:多少|几|好多)"
        r"|\b(?:per kwh|per kilowatt[ -]?hour|cost per|rmb kwh|yuan kwh|per mu|per acre"
        r"|per (?:person|head|capita|unit|piece|employee|month)|monthly"
        r"|per hectare|per sqm|per m2|per sq m"
        r"|per square (?:metre|meter|foot|feet)"
        r"|(?:land|plots?|mu|acres?|sqm|rent|sites?|property|plants?|factor(?:y|ies))"
        r" (?:is |are )?going for"  # what land is going for: its price
        r"|how much (?:is|are|does|do|would|will) (?:a|an|one) (?:mu|acre|hectare|sqm|m2"
        r"|square (?:metre|meter|foot))"
        # what one unit of a product costs: "how much will one inhaler cost wholesale"
        r"|how much (?:is|are|does|do|would|will) (?:one|each) (?:\w+ ){1,4}?cost"
        r"|wholesale|retail price|unit price|ex[- ]works|fob|cif|quotation)\b"
    ),
    "count": re.compile(  # how many firms: a number of firms answers it, not a share
        r"(?:多少|(?<!哪)几)(?:家|户)(?!单位|一起|联合)|(?:企业|公司|厂商|厂家)(?:数量|总数|家数)"
        r"|(?:多少|(?<!哪)几)(?:所(?![得需属在有以])|台(?![湾商资企])|套|辆)"  # schools, machines
        r"|\b(?:how many|number of) (?:\w+ )?(?:universities|colleges|schools)\b"
        r"|\b(?:how many|number of) (?:\w+ )?"
        # company: typed; SOEs: how many state-owned firms
        r"(?:compan(?:y|ies)|firms?|enterprises?|business(?:es)?|tenants?|soes?)\b"
    ),
    "person": re.compile(  # who holds a post: 项目经理是谁, who is the plant manager
        rf"(?:{ROLES_ZH})(?:是谁|叫什么|叫啥|是哪位)|(?:谁|哪位)是?(?:{ROLES_ZH})"
        rf"|\bwho (?:is|was|are|s) (?:the )?(?:\w+ ){{0,4}}?(?:{ROLES_EN})\b"
        r"|谁(?:讲话|致辞|发言)|(?:讲话|致辞|发言)的?(?:是谁|是哪位|有谁)"  # who spoke at it
        r"|\bwho (?:spoke|gave (?:a|the) speech|delivered (?:a|the) speech|addressed)\b"
        r"|\bwhich (?:\w+ ){0,2}(?:leaders?|officials?|mayor|governor)\b|哪(?:位|个|些)领导"
    ),
    # a quantity in a unit of measure (tons, kWh, MW, head of cattle): only a figure in the
    # same unit answers it, not the entry's other figures about the same thing
    "mass": re.compile(
        rf"{_HOW_MANY_OF}(?:吨|公斤|千克)"
        r"|\b(?:how many|how much|number of) (?:\w+ ){0,2}?(?:tons|tonnes|kilograms|kg)\b"
        r"|\b(?:tons|tonnes) (?:per|a|each) (?:year|annum|day|month)\b|\bin (?:tons|tonnes)\b"
    ),
    "energy": re.compile(
        rf"{_HOW_MANY_OF}(?:度电|千瓦时|兆瓦时|kwh|mwh|gwh|twh)|(?:多少|几)[万亿] ?度"
        r"|\b(?:how many|how much|number of) (?:\w+ ){0,2}?(?:kwh|mwh|gwh|twh"
        r"|(?:kilo|mega|giga)watt[- ]hours?)\b|\bin (?:kwh|mwh|gwh|twh)\b"
    ),
    "power": re.compile(
        rf"{_HOW_MANY_OF}(?:千瓦|兆瓦|kw|mw|gw)(?!时|h)"
        r"|\b(?:how many|how much|number of) (?:\w+ ){0,2}?(?:kw|mw|gw|kilowatts|megawatts"
        r"|gigawatts)\b|\bin (?:kw|mw|gw)\b|\bkw (?:per|a|each) rack\b"
        r"|\b(?:installed|generating|rated) (?:power )?capacity\b"
        r"|(?:主变|变压器|装机)容量|\btransformer capacity\b|\b(?:kva|mva)\b"
    ),
    "head": re.compile(  # of livestock: 养了几头牛
        rf"{_HOW_MANY_OF}头(?![部条号脑发目像])|存栏|出栏"
        r"|\b(?:how many|number of) (?:head|cattle|sheep|cows|yaks|pigs|goats|livestock)\b"
    ),
    "supplier": re.compile(  # who supplies a thing: 钢材是哪家供的 (not who supplies power)
        r"(?:哪家|哪些|谁家|谁|哪里|哪个厂)[^ ]{0,6}?(?<!提)供(?:应商|货商|货|的)"
        r"|\b(?:who supplie[sd]|supplied by|sourced from|which (?:\w+ )?(?:suppliers?|vendors?)"
        r"|(?:vendor|supplier)s?(?:'s)? names?)\b"
    ),
    "duration": re.compile(  # how long a thing takes: 办证要多久, how long until it is paid
        r"(?:多久|多长时间)(?![了前])"  # 开工多久了, 多久前: a date answers
        r"|(?:要|需要|得|用|花|等)(?:多少|几)个?(?:天|工作日|星期|礼拜|月)"
        r"|(?:多少|几)个?(?:天|工作日|星期|礼拜|月)(?=能|才|就|可以|内|办|到|下来|批)|"
        + _LONG_UNTIL_ZH
        + r"|\bhow long\b(?! ago)(?! (?:is|are|was|were) (?:the|a|an|its?) (?:\w+ )?(?:road|line"
        r"|runway|bridge|pipeline|river|belt|track|wall|cable|street)s?\b)(?! has)"
        r"|\bhow many (?:days|weeks|months|working days)\b"
    ),
    # a height, depth or distance in metres (层高几米, how tall): storeys or an area do not give it
    "length": re.compile(
        rf"{_HOW_MANY_OF}(?:米|公里|千米)|(?<![几少多])层高|净高|挑高|檐高"
        r"|(?:单层|楼层|厂房|车间|房子|房屋)(?:有|大概|大约)?多高|高度(?:是|有)?多少"
        r"|\b(?:how many|number of) (?:(?!square\b|sq\b)\w+ ){0,2}?"  # not square metres: an area
        r"(?:metres|meters|kilometres|kilometers|km)\b(?! ?(?:2|²|square|squared|sq)\b)"
        r"|\b(?:ceiling|clear|floor[- ]to[- ]ceiling|eaves?) heights?\b|\bin (?:metres|meters)\b"
    ),
    # a grade or class (净化车间是几级的, cleanroom class): an entry naming the thing gives none
    "grade": re.compile(
        r"几级|(?:什么|啥|哪个|哪一)(?:级别|等级)|(?<!电压)(?:级别|等级|洁净度)(?:是|有)?"
        r"(?:多少|什么|啥|多高|如何)"  # a voltage level is given in kV
        r"|(?:十万|万|千|百)级(?:还是|或)"
        r"|\b(?:what|which) (?:\w+ )?(?:class|grade|rating)\b|\biso class\b"
    ),
    # a way to reach someone (电话, 微信, email): an entry naming the person gives none
    # (not a WeChat group or video the asker saw, nor an email they would rather not write)
    "contact": re.compile(
        r"电话(?!会)|手机号|联系方式|联系人|怎么联系|如何联系|邮箱|微信号|加(?:个)?(?:微信|vx)"
        r"|\b(?:phone (?:number|no)|telephone number|mobile number|e-?mail (?:address|of|for)"
        r"|(?:wechat|whatsapp)(?: id| number| account)?(?= of| for)"
        r"|(?:his|her) (?:e-?mail|wechat|whatsapp|phone)\b(?! (?:said|says|video|group|post|chat))"
        r"|contact (?:details|info|information|number|person)"
        r"|how (?:can|do|could) (?:i|we) (?:contact|reach) (?:him|her|them|mr|ms|dr|the \w+ of))\b"
    ),
    # how much a machine or line does an hour or a minute (每小时测多少个, tests per hour): a
    # yearly output or a count of products does not give it
    "speed": re.compile(
        r"每(?:个)?(?:小时|分钟)(?:能|可以|可|大概|大约)?(?:测|检测|检|做|处理|生产|出|跑)?(?:多少|几)"
        r"|(?:1|一)(?:个)?小时(?:能|可以|可)?(?:测|检测|检|做|处理|生产|跑)(?:多少|几)"
        r"|(?:检测|测试|处理|生产)速度|通量"
        r"|\bhow many (?:\w+ ){0,4}?(?:per|an|a|each) (?:hour|minute)\b"
        r"|\b(?:tests?|samples?|units|pieces|items) (?:per|an|a|each) (?:hour|minute)\b"
    ),
    "age": re.compile(  # a person's: 我年纪大了 says the asker's, asking nothing
        r"多大年纪|年纪多大|年纪多少|年龄|岁数|(?:多少|几|好多)岁|\b(?:how old|age|aged)\b"
    ),
}
# A question asking the names of firms or institutions (叫啥名, names please): an answer
# naming none of them does not give what is asked ("names" is no kind of `FIGURES`: whether
# an answer names one is told by the zone's entities, not by a pattern)
_NAMES_ASKED = re.compile(
    r"叫(?:什么|啥)名|(?<=企业|公司|厂家|厂商)叫(?:什么|啥)|(?:什么|啥)名字|名字|名称|名单|全称"
    r"|\bnames?\b|\bnamed\b"
)
_OF_FIRMS = re.compile(
    r"企业|公司|厂商|厂家|学校|院校|学院|高校|机构|单位"
    r"|\b(?:companies|firms|enterprises|businesses|manufacturers|makers|producers|players"
    r"|schools|colleges|universities|campuses|institutions|tenants)\b"
    # one firm's name asked outright: "the name of the company that set up in 3 months"
    r"|\bnames? of (?:the |that |this |a )?(?:compan(?:y|ies)|firms?|enterprises?)\b"
)
# ... not of another thing named last before the asking words (那个人才培养工作叫什么名字)
_OTHER_THINGS = re.compile(
    r"工作|项目|政策|行动|计划|活动|模式|平台|园区|产业园|基地|中心|工程|措施|文件|战略|产品"
    r"|技术|品牌|大会|会议|机制|体系|专项|方案|产业链|集群"
)

_OTHER_THINGS_EN = re.compile(
    r"\b(?:work|programmes?|programs?|projects?|polic(?:y|ies)|campaigns?|initiatives?|schemes?"
    r"|actions?|plans?|models?|platforms?|parks?|bases?|centres?|centers?|strateg(?:y|ies)"
    r"|documents?|products?|brands?|mechanisms?|systems?|measures?|drive|concept|idea)\b"
)


# which ones by number: 哪几个学校, 企业都有哪几家, which companies (哪些企业 may ask their kind)
_WHICH_ONES = re.compile(
    r"哪[几两三2-9](?:个|家|所)(?:[^ ]{0,4}?(?:企业|公司|厂商|厂家|学校|院校|学院|高校|机构))?"
    # after the firms: 重点企业都有哪些 (not 企业有哪些类型, 哪些行业: their kind)
    r"|(?:企业|公司|厂商|厂家|学校|院校|高校)(?:都|主要|分别)?(?:有|是)哪些[呢啊吗呀]?(?= |$)"
    # named one by one: 具体哪些企业拿到了 (not 哪些企业可以: their kind)
    r"|具体(?:是)?哪些(?:企业|公司|厂商|厂家|学校|院校|高校)"
    r"(?!可以|能|可|才|有资格|符合|适用|需要|要|属于|在|会)"
    # (not which kind, type or sector of companies: their kind)
    r"|\bwhich (?:(?!(?:kinds?|types?|sorts?|sectors?|categor\w+|branch\w*|industr\w+"
    r"|subsid\w+|rewards?|polic\w+|incentives?|steps?|documents?|benefits?|can|could|do|does"
    r"|should|will|would|may|must|new|did|does|has|was|were|have|had|year|month|day"
    r"|date)\b)\w+ ){0,3}?"
    r"(?:compan(?:y|ies)|firms?|enterprises?|manufacturers?|makers?"
    r"|schools?|colleges?|universit(?:y|ies))\b"
)
# which one, of firms and schools named right after it: 是哪家企业在搞, 跟哪个职业学校合作
_WHICH_ONE = re.compile(  # (not 哪家企业可以享受: which ones may, their kind)
    r"哪(?:个|家|所)([^ ]{0,2}?)"
    r"(?:企业|公司|厂商|厂家|学校|院校|学院|高校|机构|施工单位|承建单位|设计院)"
    r"(?!可以|能|可|才|有资格|符合)"
    r"|(?:企业|公司|厂商|厂家|学校|院校)(?:是|都是|分别是|叫)哪(?:家|个|所|几家|[2-9]家)"
)
# ... of firms and schools, which have names (哪几个单位, 哪几个部门: which kind of body)
_NAMED_ONES = re.compile(
    r"企业|公司|厂商|厂家|学校|院校|学院|高校|机构"
    r"|\b(?:compan(?:y|ies)|firms?|enterprises?|manufacturers?|makers?|schools?|colleges?"
    r"|universit(?:y|ies)|institutions?|providers?)\b"
)


def asks_names_of_firms(norm: str) -> bool:
    """Tell whether a normalised question asks the names of firms or institutions."""
    one = _WHICH_ONE.search(norm)
    if one is not None and not _OTHER_THINGS.search(one.group(1) or ""):
        return True
    which = _WHICH_ONES.search(norm)
    if which is not None and _NAMED_ONES.search(which.group()):
        return True  # 是哪几个学校办的, which companies have signed
    if which is not None and _NAMED_ONES.search(norm[: which.start()]):
        before = norm[: which.start()]
        firm = max(m.end() for m in _NAMED_ONES.finditer(before))
        return firm > max((m.end() for m in _OTHER_THINGS.finditer(before)), default=-1)
    asked = _NAMES_ASKED.search(norm)
    if asked is None:
        return False
    if asked.group().isascii():
        # "the name of that programme", "name of talent training work": another thing's name
        after = " ".join(norm[asked.end() :].split()[:7])
        thing = _OTHER_THINGS_EN.search(after)
        named = _OF_FIRMS.search(after)
        if thing is not None and named is None:
            return False
        return bool(_OF_FIRMS.search(norm))
    before = norm[: asked.start()]
    firm = max((m.end() for m in _OF_FIRMS.finditer(before)), default=-1)
    return firm > max((m.end() for m in _OTHER_THINGS.finditer(before)), default=-1)


# On an answer as written (either language): a figure of each kind.
_GIVEN: dict[Figure, re.Pattern[str]] = {
    "money": re.compile(
        r"\d\s*(?:多|余)?\s*(?:万|亿|千万|百万)?\s*(?:多|余)?\s*(?:元|美元)"
        r"|RMB|US\$|\$\s?\d|\byuan\b|\bdollars?\b"
    ),
    "rate": re.compile(
        r"%|％|\d\s*倍|百分之|分之|一半|[一二三四五六七八九十]成|\d\s*[:：/]\s*\d"
        r"|\b(?:percent|half|third|quarter|times)\b",
        re.IGNORECASE,
    ),
    "people": re.compile(
        r"\d\s*(?:多|余)?\s*(?:万|千|百)?\s*(?:多|余)?\s*(?:人|名|位)(?!民)"
        r"|\d[\d,.]*\s*(?:thousand |million )?(?:people|employees|staff|workers|talents|persons"
        r"|professionals|jobs)\b",
        re.IGNORECASE,
    ),
    "date": re.compile(  # a year, a month or day, or a time said in words (年底, next year)
        r"(?:19|20)\d\d\s*年|\d{1,2}\s*月|\d{1,2}\s*日|\b(?:19|20)\d\d\b"
        r"|[今明去]年|年[内中底初末]|[上下]半年|季度|[上中下]旬|月[底初末中]"
        r"|\b(?:January|February|March|April|May|June|July|August|September|October|November"
        r"|December|Q[1-4])\b|\b(?:this|next|last) (?:year|month|quarter)\b|\bend of\b"
    ),
    "area": re.compile(r"平方公里|平方米|亩|公顷|square|hectare|\bmu\b|\bkm", re.IGNORECASE),
    "price": re.compile(
        r"(?:元|美元|yuan)\s*(?:/|每)\s*\S|/\s*kwh|每(?:人|名|位)|/人|人均|每月|/月|月均"
        r"|\bper (?:kwh|kilowatt|square|cubic|tonne|ton|mu|acre|hectare|month|year|unit|person"
        r"|head|capita)\b|\bmonthly\b",
        re.IGNORECASE,
    ),
    "count": re.compile(
        r"\d\s*(?:多|余)?\s*(?:万|千|百)?\s*(?:多|余)?\s*(?:家|户)|[一二两三四五六七八九十百千]+(?:多|余)?家"
        r"|(?:数量|家数|总数|个数)\s*(?:[:：]|为|是|达|有)\s*\d"  # 企业数量：100
        r"|\d[\d,.]*\+?\s*(?:\w+ )?(?:companies|firms|enterprises|businesses|tenants)\b"
        r"|\d\s*(?:多|余)?\s*(?:所|台|套|辆)|[一二两三四五六七八九十]+(?:所|台|套|辆)",
        re.IGNORECASE,
    ),
    "duration": re.compile(  # three months, 3个月, 两周, 15个工作日
        r"(?<![\d.〇零一二两三四五六七八九十])(?:\d{1,3}|[一二两三四五六七八九十半]{1,3})\s*"
        r"(?:多|余)?\s*(?:个(?:多)?月|天|周|星期|个?工作日|小时|年(?![\d代]|规划|计划))"
        r"|\b(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|several)"
        r" (?:working |business )?(?:days?|weeks?|months?|years?|hours?)\b",
        re.IGNORECASE,
    ),
    "mass": re.compile(
        r"\d\s*(?:[万亿千])?\s*(?:吨|公斤|千克)"
        r"|\d[\d,.]*\s*(?:thousand |million |billion )?(?:tons|tonnes|t|kg)\b",
        re.IGNORECASE,
    ),
    "energy": re.compile(
        r"\d\s*(?:[万亿千])?\s*(?:度|千瓦时|兆瓦时)"
        r"|\d[\d,.]*\s*(?:thousand |million |billion )?(?:kwh|mwh|gwh|twh"
        r"|(?:kilo|mega|giga)watt[- ]hours?)\b",
        re.IGNORECASE,
    ),
    "power": re.compile(
        r"\d\s*(?:[万千])?\s*(?:千瓦|兆瓦|千伏安|兆伏安)(?!时)|\d\s*(?:kva|mva)\b"
        r"|\d[\d,.]*\s*(?:thousand |million )?(?:kw|mw|gw|kilowatts?|megawatts?|gigawatts?)\b",
        re.IGNORECASE,
    ),
    "head": re.compile(
        r"\d\s*(?:[万千])?\s*头|[一二两三四五六七八九十百千万]+头(?![部条号脑发目像])"
        r"|\d[\d,.]*\s*(?:thousand |million )?(?:head|cattle|sheep|yaks|cows|pigs|goats)\b",
        re.IGNORECASE,
    ),
    "supplier": re.compile(r"供应商|供货|\b(?:suppliers?|vendors?)\b", re.IGNORECASE),
    "age": re.compile(r"\d\s*岁|出生|\b(?:years old|aged \d+|born)\b", re.IGNORECASE),
    "grade": re.compile(
        r"[\d一二三四五六七八九十百千万]+级|[A-Z]级|(?:国家|省|市)级"
        r"|(?:国家|全国|省|市)[^。，,；]{0,24}?重点(?:工程|项目)"  # a province's key project
        r"|工匠|技术能手|技能大师|技师|教授|院士"  # a person's grade is a title
        r"|\b(?:class|grade|iso|level) \d|\b(?:class|grade) [a-z]\b",
        re.IGNORECASE,
    ),
    "length": re.compile(
        r"\d\s*(?:多|余)?\s*(?:米|公里|千米)"  # 平方米 is an area: 平方 breaks the run
        r"|\d[\d,.]*\s*(?:m|km|metres|meters|kilometres|kilometers)\b(?!²|2)",
        re.IGNORECASE,
    ),
    "person": re.compile(rf"{ROLES_ZH}|\b(?:{ROLES_EN})s?\b", re.IGNORECASE),
    "speed": re.compile(
        r"每(?:个)?小时|每分钟|/\s*(?:hour|hr|h|min|小时|分钟)(?![a-z])|\bper (?:hour|hr|minute)\b"
        r"|\b(?:an|a) (?:hour|minute)\b",
        re.IGNORECASE,
    ),
    "contact": re.compile(
        r"\d{3,4}-\d{7,8}|(?<!\d)1[3-9]\d{9}(?!\d)|[\w.]+@[\w.]+|(?:电话|微信号?|邮箱)[:：]"
        r"|\b(?:tel|phone|e-?mail|wechat)[:.]",
        re.IGNORECASE,
    ),
}
# A question asking the whole zone's total (一共, 园区总投资, in total, the whole park) ...
_TOTAL_ASKED = re.compile(
    r"一共|总共|总计|合计|共有|总数|整个园区|整个开发区|全园|全区|园区总"
    r"|\b(?:in total|altogether|in all|whole (?:park|zone)|entire (?:park|zone)|as a whole"
    r"|total (?:number|count|investment|amount)|how many (?:\w+ ){1,2}total)\b"
)
# ... and a count of firms only by a figure written as one: 共, 累计, 集聚 (gathered so
# far), in total (2家正在选址 counts some firms only)
_TOTAL_GIVEN = re.compile(
    r"共|总|累计|合计|全部|集聚|聚集|\b(?:total|in all|altogether|overall|cumulative)\b",
    re.IGNORECASE,
)


# what is a sum over projects or firms (investment, firms): only a total of it answers its
# total; a zone's revenue is its total however it is written
_SUMS = (
    re.compile(r"投资|投了|\binvest", re.IGNORECASE),
    re.compile(r"企业|公司|厂商|家|\b(?:compan|firm|enterprise|business)", re.IGNORECASE),
)


def needs_a_total(norm: str) -> bool:
    """Tell whether a question asking a total asks a sum over projects or firms."""
    return any(sum_.search(norm) for sum_ in _SUMS)


def gives_the_total(text: str, norm: str) -> bool:
    """Tell whether a text writes as a total (共, 累计, in total) the sum a question asks."""
    asked = [sum_ for sum_ in _SUMS if sum_.search(norm)]
    return bool(_TOTAL_GIVEN.search(text)) and any(sum_.search(text) for sum_ in asked)


def asks_a_total(norm: str) -> bool:
    """Tell whether a normalised question asks the whole zone's total of a figure."""
    return bool(asked_figures(norm)) and bool(_TOTAL_ASKED.search(norm))


# what a question asking the whole zone's total may say beside the total and the zone
_OF_THE_WHOLE = re.compile(
    r"园区|园|区|整个|全部|所有|入驻|落户|规划|计划|预计|目前|现在|累计|引进|引入|招引|落地|签约"
    r"|新增|集聚|聚集|[去今前上当]年|\d{2,4}年"  # gathered when: 去年一共引进了多少家企业
    r"|\b(?:whole|entire|overall|all|park|zone|area|of|in|the|planned|expected|current|so far"
    r"|attracted|introduced|signed|settled|landed|last year|this year|\d{4})\b"
    r"|\b(?:compan|firm|enterprise|business|invest)\w*"  # the sum, as whole English words
)


def what_the_total_is_of(topic: str) -> str:
    """What a question asking a total names besides the zone and the sum: "大数据中心" in
    "<zone>的大数据中心 total investment 多少" (the centre's total, not the zone's)."""
    rest = without_figure_words(topic)
    for pattern in (_TOTAL_ASKED, _OF_THE_WHOLE, *_SUMS):
        rest = pattern.sub(" ", rest)
    return rest


# who supplies power, gas, water or heat: the utility, no supplier of goods
_POWER_SUPPLIED = re.compile(
    r"供[电气水热暖]|[电气水热](?:力|能)?(?:是|由)"
    r"|\b(?:power|electricity|energy|gas|water|heat(?:ing)?)\b(?! panels?| equipment)"
)


_VOLTAGE = re.compile(r"电压|变电站|千伏|\b(?:kv|voltage|substations?)\b")  # a level in kV


def asked_figures(norm: str) -> frozenset[Figure]:
    """The kinds of figure a normalised question asks for; none when it asks for no figure."""
    if not (
        _ASKS_A_FIGURE.search(norm)
        or _ASKED["supplier"].search(norm)
        or _ASKED["contact"].search(norm)
        or _ASKED["speed"].search(norm)
        or _ASKED["grade"].search(norm)
    ):
        return frozenset()
    kinds = frozenset(kind for kind in FIGURES if _ASKED[kind].search(norm))
    if "price" in kinds:  # 一亩多少钱, price per mu: an amount or an area alone does not answer
        kinds -= {"money", "area"}
    if "area" in kinds:  # 占地多少米, 规划面积多少公里: square metres or kilometres
        kinds -= {"length"}
    if "grade" in kinds and _VOLTAGE.search(norm):  # 几级变电站: its voltage, in kV
        kinds -= {"grade"}
    if kinds & _UNITS:  # tons of the site area: only a figure in tons answers it
        kinds &= _UNITS
    if "supplier" in kinds and _POWER_SUPPLIED.search(norm):  # who supplies power: the grid
        kinds -= {"supplier"}
    return kinds


# a date asked outright, not a "when it arrives" setting a condition
_DATE_OUTRIGHT = re.compile(
    r"哪1?年|几月|几号|几时|什么时候|啥时候|何时|哪1?天|哪1?个月|日期|"
    + _WHEN_ZH
    + r"|^when\b|\b(?:when (?:will|did|was|is|does|do|are|were|can)|which (?:year|month|day|date)"
    r"|what (?:year|month|date|day)|since when)\b"
    # an embedded question: "please confirm when the data centre started operating"
    r"|\b(?:indicate|confirm|tell me|tell us|know|advise|clarify|check|find out|share|say)"
    r" when\b"
)


def figures_asked_outright(norm: str) -> frozenset[Figure]:
    """The kinds of figure a question asks, a date only when asked outright (which year)."""
    kinds = asked_figures(norm)
    if _ANOTHER_ASK_RE.search(norm):
        norm = _WHEN_IT_RUNS.sub(" ", norm)
    outright = _DATE_OUTRIGHT.search(norm)
    return kinds if outright else kinds - {"date"}


# "how many a year when it is working", "when the park is finished, which industries": beside
# another question word, when sets a time, asks no date
_WHEN_IT_RUNS = re.compile(
    r"\bwhen (?:it s |it is |its |it |they are |they re |is |are |(?:\w+ ){1,8}?(?:is|are) )?"
    r"(?:running|working|operating|operational|in operation|in production|done|finished"
    r"|complete|completed|built|ready|open|opened|up and running|fully \w+)\b"
)
_ANOTHER_ASK_RE = re.compile(r"\bhow (?:many|much)\b|\b(?:which|what|who)\b")


# a day asked (几号, 哪一天, the exact date): a month or a year does not tell it
_DAY_ASKED = re.compile(
    r"几号(?![线楼地门厂机房栋])|哪1?天|具体(?:的)?(?:日子|日期|哪天)|几月几日"
    r"|\b(?:which|what) (?:day|date)\b(?![- ]to)(?![^?]*\bfor\W*$)|\bexact date\b"
)
_DAY_GIVEN = re.compile(
    r"\d{1,2}\s*[日号]|\b(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{1,2}"
    r"(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)? (?:January|February|March|April|May"
    r"|June|July|August|September|October|November|December)\b|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}",
    re.IGNORECASE,
)


def lacks_the_day(norm: str, text: str) -> bool:
    """Tell whether a question asks the day (几号揭的牌) of an answer giving no day at all."""
    return bool(_DAY_ASKED.search(norm)) and not _DAY_GIVEN.search(text)


def figures_named(norm: str) -> frozenset[Figure]:
    """The kinds of figure a normalised text names (投产日期: a date), asked or not."""
    return frozenset(kind for kind in FIGURES if _ASKED[kind].search(norm))


def gives_figure(text: str, kinds: frozenset[Figure]) -> bool:
    """Tell whether a text gives a figure of one of these kinds (any text does, for none);
    a duration also by two years it spans (开工 2021, 投运 2022: how long it took)."""
    return not kinds or any(
        _GIVEN[kind].search(text) or (kind == "duration" and len(set(_YEAR_RE.findall(text))) >= 2)
        for kind in kinds
    )


_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def without_figure_words(norm: str) -> str:
    """A normalised text without the words that ask for a figure (占地, 多少钱, how much land)."""
    for pattern in (_ASKS_A_FIGURE, *_ASKED.values(), _HOW_BIG):
        norm = pattern.sub(" ", norm)
    return norm
