"""Demo data of the region domain: Haikou's profile, key figures, Hainan Free Trade Port incentives and a few
expressions of interest. Idempotent: entries are created when missing and never overwritten, so an officer's
edits survive a second `investbridge demo`.

All figures are demo data (plausible, rounded, not official); every page that shows them says so.
Tax rates and regimes follow the published Hainan Free Trade Port policies; the wording is our own.
"""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any, TextIO

from investbridge.directory.models import Sector
from investbridge.region import services
from investbridge.region.models import (
    Dimension,
    DimensionKind,
    ExpressionOfInterest,
    Incentive,
    KeyFigure,
    RegionProfile,
)

DEMO_NAMESPACE = uuid.UUID("6f0b7d0e-3b1e-4c55-9a51-2f4d1c0a7e10")

STATS = {
    "ru": "Статистическое управление Хайкоу (демо)",
    "zh_hans": "海口市统计局（演示）",
    "en": "Haikou Municipal Bureau of Statistics (demo)",
}
STATS_URL = "https://tjj.haikou.gov.cn/"
HAINAN_GOV = {
    "ru": "Народное правительство провинции Хайнань",
    "zh_hans": "海南省人民政府",
    "en": "People's Government of Hainan Province",
}
HAINAN_GOV_URL = "https://www.hainan.gov.cn/"
FTP_PORTAL = {
    "ru": "Портал Хайнаньского порта свободной торговли",
    "zh_hans": "海南自由贸易港官方网站",
    "en": "Hainan Free Trade Port portal",
}
FTP_PORTAL_URL = "https://www.hainan.gov.cn/hainan/zmgzt/zmg.shtml"


def _t(ru: str, zh: str, en: str) -> dict[str, str]:
    return {"ru": ru, "zh_hans": zh, "en": en}


def _fields(name: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{name}_{suffix}": text for suffix, text in texts.items()}


def _figure(
    label: dict[str, str],
    value: str,
    unit: dict[str, str],
    as_of: date,
    source: dict[str, str] = STATS,
    url: str = STATS_URL,
) -> dict[str, Any]:
    return {
        **_fields("label", label),
        **_fields("unit", unit),
        **_fields("source_name", source),
        "value": Decimal(value),
        "as_of": as_of,
        "source_url": url,
    }


#: Demo contacts of the Haikou office: invented values (a reserved example.org address, a number of zeros).
CONTACTS: dict[str, Any] = {
    **_fields(
        "contact_address",
        _t(
            "Китай, провинция Хайнань, г. Хайкоу, ул. Примерная, д. 1 (демонстрационный адрес)",
            "中国海南省海口市示例路1号（演示地址）",
            "1 Example Road, Haikou, Hainan, China (demo address)",
        ),
    ),
    "contact_phone": "+86 898 0000 0000",
    "contact_wechat": "investbridge_demo",
    "contact_email": "contacts@investbridge.example.org",
}

PROFILE = {
    **_fields("name", _t("Хайкоу, провинция Хайнань", "海南省海口市", "Haikou, Hainan Province")),
    **_fields(
        "tagline",
        _t(
            "Столица Хайнаньского порта свободной торговли: ворота Китая в Юго-Восточную Азию",
            "海南自由贸易港的省会城市：中国面向东南亚的门户",
            "Capital of the Hainan Free Trade Port and China's gateway to South-East Asia",
        ),
    ),
    **_fields(
        "introduction",
        _t(
            "Хайкоу — административный центр острова Хайнань и крупнейший город порта свободной торговли. "
            "Здесь сходятся морские, авиационные и цифровые маршруты между материковым Китаем, "
            "Юго-Восточной Азией и остальным миром. Офис по содействию инвестиционному сотрудничеству "
            "сопровождает иностранных инвесторов от первого вопроса до регистрации компании.",
            "海口是海南省省会，也是自由贸易港规模最大的城市，连接中国内地、东南亚和世界的海运、"
            "航空与数字通道在此交汇。海口市投资合作促进局为外国投资者提供从初次咨询到企业注册的全程服务。",
            "Haikou is the capital of Hainan Island and the largest city of the free trade port. Sea, air and "
            "digital routes between mainland China, South-East Asia and the rest of the world meet here. The "
            "investment cooperation promotion office accompanies foreign investors from their first question "
            "to a registered company.",
        ),
    ),
    "office_email": "invest@investbridge.demo",
    **CONTACTS,
}

DIMENSIONS: list[dict[str, Any]] = [
    {
        "kind": DimensionKind.RESOURCES,
        "title": _t("Ресурсная база", "资源禀赋", "Resource base"),
        "summary": _t(
            "Тропический климат, морская акватория, вулканические почвы и богатое биоразнообразие.",
            "热带气候、广阔海域、火山土壤和丰富的生物多样性。",
            "A tropical climate, wide sea areas, volcanic soils and rich biodiversity.",
        ),
        "body": _t(
            "Хайкоу расположен на северном побережье Хайнаня, через пролив Цюнчжоу от материка. Тёплый "
            "климат позволяет выращивать тропические фрукты и лекарственные растения круглый год.\n\n"
            "Вулканический геопарк Шишань и мангровые леса Дунчжайган формируют основу для экологического "
            "туризма и исследований в области биотехнологий.",
            "海口位于海南岛北部，隔琼州海峡与大陆相望。温暖的气候使热带水果和南药全年均可种植。\n\n"
            "石山火山群地质公园和东寨港红树林为生态旅游和生物技术研究奠定了基础。",
            "Haikou lies on the northern coast of Hainan, across the Qiongzhou Strait from the mainland. The "
            "warm climate lets tropical fruit and medicinal plants grow all year round.\n\n"
            "The Shishan volcanic geopark and the Dongzhaigang mangroves are a base for eco-tourism and "
            "biotechnology research.",
        ),
        "figures": [
            _figure(
                _t("Площадь территории", "陆地面积", "Land area"),
                "3146",
                _t("км²", "平方公里", "km²"),
                date(2024, 12, 31),
            ),
            _figure(
                _t("Среднегодовая температура", "年平均气温", "Mean annual temperature"),
                "24.3",
                _t("°C", "°C", "°C"),
                date(2024, 12, 31),
            ),
            _figure(
                _t("Лесистость", "森林覆盖率", "Forest cover"),
                "38.5",
                _t("%", "%", "%"),
                date(2024, 12, 31),
            ),
        ],
    },
    {
        "kind": DimensionKind.POLICIES,
        "title": _t("Преференциальная политика", "优惠政策", "Preferential policies"),
        "summary": _t(
            "Налог на прибыль 15 %, нулевые пошлины на оборудование и сырьё, особый таможенный режим острова.",
            "15%企业所得税、生产设备和原辅料零关税、全岛封关运作。",
            "15 % corporate income tax, zero tariffs on equipment and raw materials, island-wide customs regime.",
        ),
        "body": _t(
            "Закон о Хайнаньском порте свободной торговли действует с июня 2021 года. С декабря 2025 года "
            "весь остров работает в особом таможенном режиме: товары из-за рубежа ввозятся свободнее, а "
            "контроль перенесён на линию между островом и материком.\n\n"
            "Ниже перечислены основные льготы. Условия каждой из них уточняйте у офиса: решающим является "
            "официальный текст.",
            "《中华人民共和国海南自由贸易港法》自2021年6月起施行。2025年12月起全岛封关运作，"
            "境外货物进岛更加便利，监管移至海南岛与内地之间。\n\n"
            "主要优惠政策列于下方。具体适用条件请向促进局咨询，以官方文本为准。",
            "The Hainan Free Trade Port Law has been in force since June 2021. Since December 2025 the whole "
            "island has operated under a special customs regime: goods from abroad enter more freely, and "
            "controls sit on the line between the island and the mainland.\n\n"
            "The main incentives are listed below. Ask the office about the conditions of each one: the "
            "official text prevails.",
        ),
        "figures": [
            _figure(
                _t(
                    "Ставка налога на прибыль для поощряемых отраслей",
                    "鼓励类产业企业所得税税率",
                    "Corporate income tax for encouraged industries",
                ),
                "15",
                _t("%", "%", "%"),
                date(2025, 1, 1),
                HAINAN_GOV,
                HAINAN_GOV_URL,
            ),
            _figure(
                _t(
                    "Предельная ставка НДФЛ для востребованных специалистов",
                    "高端紧缺人才个人所得税实际税负上限",
                    "Personal income tax cap for high-end talent",
                ),
                "15",
                _t("%", "%", "%"),
                date(2025, 1, 1),
                HAINAN_GOV,
                HAINAN_GOV_URL,
            ),
            _figure(
                _t(
                    "Добавленная стоимость для беспошлинного ввоза на материк",
                    "加工增值免关税内销门槛",
                    "Value added for duty-free sale to the mainland",
                ),
                "30",
                _t("%", "%", "%"),
                date(2025, 1, 1),
                FTP_PORTAL,
                FTP_PORTAL_URL,
            ),
        ],
    },
    {
        "kind": DimensionKind.INFRASTRUCTURE,
        "title": _t("Инфраструктура", "基础设施", "Infrastructure"),
        "summary": _t(
            "Международный аэропорт Мэйлань, порт Синьхай, кольцевая высокоскоростная железная дорога.",
            "美兰国际机场、新海港、环岛高铁。",
            "Meilan International Airport, Xinhai port and the island's ring high-speed railway.",
        ),
        "body": _t(
            "Аэропорт Мэйлань связывает Хайкоу с крупными городами Китая и с Юго-Восточной Азией; после "
            "открытия второго терминала пропускная способность выросла. Порт Синьхай и паромные линии "
            "соединяют остров с провинцией Гуандун.\n\n"
            "Промышленные парки Цзяндун и Хайкоуская национальная зона высоких технологий предлагают "
            "готовые площади, подключённые к сетям.",
            "美兰国际机场连接国内主要城市和东南亚，二期航站楼投用后运力明显提升。新海港和琼州海峡轮渡"
            "将海南与广东相连。\n\n"
            "江东新区和海口国家高新技术产业开发区提供配套齐全的成熟载体。",
            "Meilan Airport links Haikou with China's major cities and with South-East Asia; its second "
            "terminal has raised capacity. Xinhai port and the strait ferries connect the island with "
            "Guangdong.\n\n"
            "The Jiangdong New Area and the Haikou National High-tech Zone offer ready, connected premises.",
        ),
        "figures": [
            _figure(
                _t("Пассажиропоток аэропорта Мэйлань", "美兰机场旅客吞吐量", "Meilan Airport passengers"),
                "26.8",
                _t("млн пассажиров", "百万人次", "million passengers"),
                date(2024, 12, 31),
            ),
            _figure(
                _t(
                    "Контейнерооборот портов Хайкоу",
                    "海口港集装箱吞吐量",
                    "Container throughput of Haikou ports",
                ),
                "2.6",
                _t("млн ДФЭ", "百万标准箱", "million TEU"),
                date(2024, 12, 31),
            ),
        ],
    },
    {
        "kind": DimensionKind.INDUSTRY,
        "title": _t("Структура экономики", "产业结构", "Industry structure"),
        "summary": _t(
            "Сфера услуг, туризм, цифровая экономика, фармацевтика и тропическое сельское хозяйство.",
            "现代服务业、旅游业、数字经济、医药产业和热带高效农业。",
            "Services, tourism, the digital economy, pharmaceuticals and tropical agriculture.",
        ),
        "body": _t(
            "Более трёх четвертей валового продукта Хайкоу создаёт сфера услуг: торговля, логистика, "
            "финансы и туризм. Развиваются фармацевтика, производство медицинских изделий и цифровые услуги.\n\n"
            "Приоритеты города для иностранных инвесторов — логистика и торговля с Юго-Восточной Азией, "
            "здравоохранение, образование и переработка тропической продукции.",
            "海口地区生产总值的四分之三以上来自服务业，包括商贸、物流、金融和旅游。医药、医疗器械和数字服务"
            "产业快速发展。\n\n"
            "面向外国投资者的重点领域包括：面向东南亚的物流与贸易、医疗健康、教育以及热带农产品加工。",
            "More than three quarters of Haikou's gross product comes from services: trade, logistics, finance "
            "and tourism. Pharmaceuticals, medical devices and digital services are growing.\n\n"
            "The city's priorities for foreign investors are logistics and trade with South-East Asia, health "
            "care, education and the processing of tropical produce.",
        ),
        "figures": [
            _figure(
                _t("Валовой региональный продукт", "地区生产总值", "Gross regional product"),
                "247.5",
                _t("млрд юаней", "十亿元", "billion yuan"),
                date(2024, 12, 31),
            ),
            _figure(
                _t("Доля сферы услуг", "第三产业占比", "Share of services"),
                "78.4",
                _t("%", "%", "%"),
                date(2024, 12, 31),
            ),
            _figure(
                _t("Рост ВРП за год", "地区生产总值增速", "Annual growth of the regional product"),
                "4.6",
                _t("%", "%", "%"),
                date(2024, 12, 31),
            ),
        ],
    },
    {
        "kind": DimensionKind.BUSINESS_CLIMATE,
        "title": _t("Деловой климат", "营商环境", "Business climate"),
        "summary": _t(
            "Регистрация компании за несколько дней, единое окно и сопровождение инвестора офисом.",
            "企业开办数日办结、“一站式”服务、促进局全程陪跑。",
            "A company registered within days, a single window and the office at the investor's side.",
        ),
        "body": _t(
            "Иностранная компания регистрируется в Хайкоу через единое окно; большинство процедур доступно "
            "онлайн. Для свободного порта действует сокращённый «негативный список» ограничений для "
            "иностранных инвестиций.\n\n"
            "Офис назначает каждому инвестору куратора, говорящего на его языке, и помогает с площадкой, "
            "разрешениями и наймом персонала.",
            "外国企业可通过“一站式”窗口在海口注册，大部分手续可在线办理。自由贸易港实行更短的外商投资准入负面清单。\n\n"
            "促进局为每位投资者指派使用其母语的专员，协助选址、审批和招聘。",
            "A foreign company registers in Haikou through a single window, and most steps are online. The "
            "free trade port applies a shorter negative list of restrictions on foreign investment.\n\n"
            "The office assigns every investor an officer who speaks their language and helps with premises, "
            "permits and hiring.",
        ),
        "figures": [
            _figure(
                _t(
                    "Новые компании с иностранным капиталом за год",
                    "新设外商投资企业",
                    "New foreign-invested companies in the year",
                ),
                "1280",
                _t("компаний", "家", "companies"),
                date(2024, 12, 31),
            ),
            _figure(
                _t("Срок регистрации компании", "企业开办时间", "Time to register a company"),
                "2",
                _t("рабочих дня", "个工作日", "working days"),
                date(2025, 6, 30),
            ),
        ],
    },
    {
        "kind": DimensionKind.PRODUCTION_FACTORS,
        "title": _t("Факторы производства", "生产要素", "Production factors"),
        "summary": _t(
            "Молодые кадры, университеты, доступные земля и электроэнергия, растущий рынок капитала.",
            "年轻的人才队伍、高等院校、有竞争力的用地和电价、不断发展的资本市场。",
            "Young talent, universities, affordable land and power, and a growing capital market.",
        ),
        "body": _t(
            "В Хайкоу работают Хайнаньский университет и ещё около двадцати вузов; ежегодно город получает "
            "десятки тысяч выпускников. Программы привлечения специалистов компенсируют переезд и жильё.\n\n"
            "Промышленная земля предоставляется в аренду или в пользование на конкурсной основе; "
            "тарифы на электроэнергию для предприятий ниже, чем в крупных прибрежных городах.",
            "海口拥有海南大学等约二十所高校，每年有数万名毕业生。人才引进政策为人才提供安家和住房补贴。\n\n"
            "工业用地可通过招拍挂方式出让或租赁，企业用电价格低于沿海大城市。",
            "Haikou has Hainan University and about twenty other higher-education institutions, with tens of "
            "thousands of graduates a year. Talent programmes help with relocation and housing.\n\n"
            "Industrial land is leased or granted through open tenders, and power prices for businesses are "
            "lower than in the large coastal cities.",
        ),
        "figures": [
            _figure(
                _t("Постоянное население", "常住人口", "Resident population"),
                "2938000",
                _t("человек", "人", "people"),
                date(2024, 12, 31),
            ),
            _figure(
                _t("Студенты вузов", "在校大学生", "University students"),
                "235000",
                _t("человек", "人", "people"),
                date(2024, 9, 1),
            ),
            _figure(
                _t("Средняя зарплата в городе", "城镇单位在岗职工年平均工资", "Average annual wage"),
                "118500",
                _t("юаней в год", "元/年", "yuan a year"),
                date(2024, 12, 31),
            ),
        ],
    },
]

INCENTIVES: list[dict[str, Any]] = [
    {
        "slug": "corporate-income-tax-15",
        "title": _t("Налог на прибыль 15 %", "企业所得税减按15%征收", "Corporate income tax at 15 %"),
        "summary": _t(
            "Компании поощряемых отраслей, реально работающие на Хайнане, платят налог на прибыль по ставке "
            "15 % вместо общих 25 %.",
            "在海南注册并实质性运营的鼓励类产业企业，企业所得税按15%而非25%征收。",
            "Companies in encouraged industries that genuinely operate in Hainan pay corporate income tax at "
            "15 % instead of the standard 25 %.",
        ),
        "body": _t(
            "Льгота распространяется на доходы от основной деятельности, входящей в каталог поощряемых "
            "отраслей порта свободной торговли. Доля такой выручки должна составлять не менее 60 % общего "
            "дохода компании.",
            "适用于主营业务属于自由贸易港鼓励类产业目录的企业，且该业务收入应占企业收入总额的60%以上。",
            "The rate applies where the main business is in the free trade port's catalogue of encouraged "
            "industries and that business brings at least 60 % of the company's total income.",
        ),
        "eligibility": _t(
            "Компания зарегистрирована на Хайнане, управляется и ведёт основную деятельность на острове.",
            "在海南注册，且生产经营、人员、账务、财产等实质性运营在海南。",
            "The company is registered in Hainan and its management and main operations are on the island.",
        ),
        "sectors": ["C", "J", "M"],
        "valid_from": date(2020, 1, 1),
        "valid_to": None,
        "source": (FTP_PORTAL, FTP_PORTAL_URL),
    },
    {
        "slug": "talent-income-tax-cap",
        "title": _t(
            "Предельный НДФЛ 15 % для специалистов",
            "高端紧缺人才个人所得税15%封顶",
            "Personal income tax capped at 15 % for key talent",
        ),
        "summary": _t(
            "Для востребованных специалистов, работающих на Хайнане, часть налога сверх 15 % возвращается.",
            "在海南工作的高端紧缺人才，个人所得税实际税负超过15%的部分予以免征。",
            "For high-end and scarce talent working in Hainan, income tax above an effective 15 % is waived.",
        ),
        "body": _t(
            "Льгота распространяется на доходы от работы по найму и предпринимательства, полученные на "
            "Хайнане. Специалист должен проживать на острове не менее 183 дней в году.",
            "适用于在海南取得的工资薪金、劳务报酬和经营所得。享受该政策的人才须在海南一个纳税年度内居住满183天。",
            "It covers salary and business income earned in Hainan. The specialist must live on the island "
            "for at least 183 days in the tax year.",
        ),
        "eligibility": _t(
            "Специалисты из перечня, утверждённого правительством провинции, включая иностранных граждан.",
            "符合海南省人才目录的人才，包括外籍人才。",
            "Specialists on the list approved by the provincial government, foreign nationals included.",
        ),
        "sectors": [],
        "valid_from": date(2020, 1, 1),
        "valid_to": None,
        "source": (HAINAN_GOV, HAINAN_GOV_URL),
    },
    {
        "slug": "zero-tariff-equipment",
        "title": _t(
            "Беспошлинный ввоз оборудования и сырья",
            "生产设备和原辅料零关税",
            "Zero tariffs on equipment and raw materials",
        ),
        "summary": _t(
            "Производственное оборудование и сырьё для собственного производства ввозятся без пошлин, "
            "импортного НДС и потребительского налога.",
            "企业进口自用生产设备和原辅料，免征进口关税、进口环节增值税和消费税。",
            "Production equipment and raw materials for own production enter free of duties, import VAT and "
            "consumption tax.",
        ),
        "body": _t(
            "С началом особого таможенного режима острова перечень беспошлинных товаров значительно "
            "расширен. Оборудование должно использоваться на Хайнане.",
            "全岛封关运作后，零关税商品范围大幅扩大。相关设备应在海南岛内使用。",
            "Since the island-wide customs regime began, the list of duty-free goods has grown considerably. "
            "The equipment must be used in Hainan.",
        ),
        "eligibility": _t(
            "Юридические лица, зарегистрированные и работающие в Хайнаньском порте свободной торговли.",
            "在海南自由贸易港注册并实质性运营的法人。",
            "Legal entities registered and operating in the Hainan Free Trade Port.",
        ),
        "sectors": ["C", "D", "H"],
        "valid_from": date(2020, 12, 1),
        "valid_to": None,
        "source": (FTP_PORTAL, FTP_PORTAL_URL),
    },
    {
        "slug": "processing-value-added-30",
        "title": _t(
            "Беспошлинные продажи на материк при добавленной стоимости от 30 %",
            "加工增值30%内销免关税",
            "Duty-free sales to the mainland with 30 % value added",
        ),
        "summary": _t(
            "Товары, переработанные на Хайнане с добавленной стоимостью не менее 30 %, ввозятся на материк "
            "без импортной пошлины.",
            "在海南加工增值达到30%及以上的货物，进入内地免征进口关税。",
            "Goods processed in Hainan with at least 30 % value added enter the mainland free of import duty.",
        ),
        "body": _t(
            "Это позволяет использовать Хайнань как площадку для производства, ориентированного на "
            "внутренний рынок Китая: импортные компоненты, хайнаньская переработка, продажа по всей стране.",
            "这使海南成为面向中国内需市场的加工基地：进口零部件、在海南加工、销往全国。",
            "This makes Hainan a base for production aimed at China's domestic market: imported components, "
            "processing on the island, sales across the country.",
        ),
        "eligibility": _t(
            "Предприятия поощряемых отраслей, прошедшие регистрацию в таможне Хайкоу.",
            "在海口海关备案的鼓励类产业企业。",
            "Companies in encouraged industries registered with Haikou customs.",
        ),
        "sectors": ["C"],
        "valid_from": date(2021, 7, 1),
        "valid_to": None,
        "source": (FTP_PORTAL, FTP_PORTAL_URL),
    },
    {
        "slug": "overseas-investment-income",
        "title": _t(
            "Освобождение доходов от новых зарубежных инвестиций",
            "新增境外直接投资所得免征企业所得税",
            "Tax exemption for income from new outbound investment",
        ),
        "summary": _t(
            "Доходы хайнаньских компаний в сферах туризма, современных услуг и высоких технологий от новых "
            "прямых инвестиций за рубежом освобождаются от налога на прибыль.",
            "在海南设立的旅游业、现代服务业、高新技术产业企业，其新增境外直接投资取得的所得免征企业所得税。",
            "Income of Hainan companies in tourism, modern services and high technology from new direct "
            "investment abroad is exempt from corporate income tax.",
        ),
        "body": _t(
            "Льгота полезна компаниям, которые используют Хайнань как региональную штаб-квартиру для "
            "инвестиций в Юго-Восточную Азию и другие страны.",
            "该政策适用于以海南为区域总部、向东南亚等地区开展投资的企业。",
            "It suits companies that use Hainan as a regional headquarters for investment in South-East Asia "
            "and beyond.",
        ),
        "eligibility": _t(
            "Компании туризма, современных услуг и высоких технологий, зарегистрированные на Хайнане.",
            "在海南注册的旅游业、现代服务业和高新技术产业企业。",
            "Tourism, modern-service and high-technology companies registered in Hainan.",
        ),
        "sectors": ["I", "J", "K", "M"],
        "valid_from": date(2020, 1, 1),
        "valid_to": date(2027, 12, 31),
        "source": (HAINAN_GOV, HAINAN_GOV_URL),
    },
]

EXPRESSIONS = [
    (
        "Алексей Воронцов",
        "RU",
        "ru",
        "ООО «Северный логистический альянс»",
        ["H"],
        "Интересует складской комплекс рядом с портом Синьхай для поставок в Юго-Восточную Азию.",
    ),
    (
        "Дина Сагинтаева",
        "KZ",
        "ru",
        "Steppe Agro Trade LLP",
        ["A", "C"],
        "Рассматриваем переработку тропических фруктов с продажей в Казахстан и Россию.",
    ),
    (
        "Игорь Мельников",
        "RU",
        "ru",
        "АО «МедТехРазвитие»",
        ["C", "Q"],
        "Хотим обсудить локализацию производства медицинских изделий с использованием правила 30 %.",
    ),
]


def _ensure_profile() -> RegionProfile:
    profile = RegionProfile.objects.filter(slug="haikou").first()
    if profile is None:
        profile = RegionProfile.objects.create(slug="haikou", is_demo=True, **PROFILE)
    elif profile.is_demo and not profile.has_contacts:
        # A demo loaded before the profile had contacts gets them; an officer's own values are kept.
        RegionProfile.objects.filter(pk=profile.pk).update(**CONTACTS)
        profile.refresh_from_db()
    return profile


def load(*, stdout: TextIO) -> None:
    profile = _ensure_profile()
    for order, spec in enumerate(DIMENSIONS, start=1):
        dimension, _created = Dimension.objects.get_or_create(
            profile=profile,
            kind=spec["kind"],
            defaults={
                **_fields("title", spec["title"]),
                **_fields("summary", spec["summary"]),
                **_fields("body", spec["body"]),
                "order": order * 10,
            },
        )
        for figure_order, figure in enumerate(spec["figures"], start=1):
            KeyFigure.objects.get_or_create(dimension=dimension, order=figure_order * 10, defaults=figure)
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    for order, spec in enumerate(INCENTIVES, start=1):
        source, url = spec["source"]
        incentive, created = Incentive.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                **_fields("title", spec["title"]),
                **_fields("summary", spec["summary"]),
                **_fields("body", spec["body"]),
                **_fields("eligibility", spec["eligibility"]),
                **_fields("source_name", source),
                "source_url": url,
                "valid_from": spec["valid_from"],
                "valid_to": spec["valid_to"],
                "order": order * 10,
                "is_demo": True,
            },
        )
        if created:
            incentive.sectors.set([sectors[code] for code in spec["sectors"] if code in sectors])
    for name, country, language, organization, sector_codes, message in EXPRESSIONS:
        key = uuid.uuid5(DEMO_NAMESPACE, name)
        if ExpressionOfInterest.objects.filter(submission_key=key).exists():
            continue
        services.expression_of_interest_create(
            submission_key=key,
            name=name,
            email=f"demo-{key.hex[:8]}@example.org",
            organization_name=organization,
            country=country,
            language=language,
            sectors=[sectors[code] for code in sector_codes if code in sectors],
            message=message,
            consent=True,
            consent_source="demo data",
            is_demo=True,
        )
    stdout.write(
        f"Region: profile «{profile.slug}», {profile.dimensions.count()} dimensions, "
        f"{Incentive.objects.count()} incentives, {ExpressionOfInterest.objects.count()} expressions of interest.\n"
    )
