"""Directory demo: the Haikou promotion office, about forty Russian organizations with about seventy
representatives, local Hainan companies, three partner organizations and the partner and company sign-ins.

Everything here is invented for the demonstration and marked `is_demo=True`; registry codes are generated
with correct check digits but belong to no real entity. Running it twice changes nothing: organizations are
found again by their INN or USCC, people by their e-mail address.
"""

import random
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO

from django.utils.text import slugify
from stdnum.cn import uscc as stdnum_uscc
from stdnum.ru import inn as stdnum_inn

from investbridge.accounts.demo import ensure_user
from investbridge.core.roles import Role
from investbridge.directory import services
from investbridge.directory.models import Organization, OrganizationKind, Person

K = OrganizationKind

OFFICE = {
    "name_zh_hans": "海口市投资合作促进办公室",
    "name_ru": "Управление по содействию инвестиционному сотрудничеству г. Хайкоу",
    "name_en": "Haikou Investment Cooperation Promotion Office",
    "description_zh_hans": "海口市政府负责招商引资和对外投资合作的工作机构，面向俄罗斯及俄语国家开展城市间视频推介、"
    "项目对接和企业落地服务。（演示数据）",
    "description_ru": "Орган городского правительства Хайкоу, который привлекает инвестиции и сопровождает "
    "иностранные компании: проводит видеоконференции «город — город» с Россией и русскоязычными странами, "
    "подбирает проекты и помогает зарегистрировать компанию в свободном порту Хайнань. (Демонстрационные данные)",
    "description_en": "The Haikou city government's office for attracting investment and supporting foreign "
    "companies: it runs city-to-city videoconferences with Russia and Russian-speaking countries, matches "
    "projects and helps investors set up a company in the Hainan free trade port. (Demo data)",
    "kind": K.GOVERNMENT,
    "country": "CN",
    "city": "海口 / Haikou",
    "sectors": ["O"],
    "website": "https://invest.haikou.example.cn",
}

#: The three partners: (key, ru, en, zh, kind, sectors, city, description ru, en, zh).
PARTNERS = [
    (
        "bank",
        "АО «Евразийский торговый банк»",
        "Eurasian Trade Bank JSC",
        "欧亚贸易银行股份公司",
        K.BANK,
        ["K"],
        "Москва",
        "Банк, который ведёт расчёты в юанях и рублях и кредитует российские компании, выходящие на рынок Хайнаня.",
        "A bank that settles payments in yuan and roubles and lends to Russian companies entering Hainan.",
        "以人民币和卢布办理结算，并为进入海南市场的俄罗斯企业提供贷款的银行。",
    ),
    (
        "union",
        "Российско-Азиатский союз промышленников и предпринимателей",
        "Russian–Asian Union of Industrialists and Entrepreneurs",
        "俄罗斯—亚洲工业家和企业家联合会",
        K.ASSOCIATION,
        ["S"],
        "Москва",
        "Объединение деловых людей, которое приводит своих членов на мероприятия и переговоры с азиатскими партнёрами.",
        "A business association that brings its members to events and talks with Asian partners.",
        "组织会员参加活动并与亚洲伙伴洽谈的工商界联合组织。",
    ),
    (
        "investment",
        "ООО «Северный мост Инвест»",
        "Northern Bridge Invest LLC",
        "北桥投资有限责任公司",
        K.INVESTMENT_FIRM,
        ["K", "M"],
        "Санкт-Петербург",
        "Инвестиционная компания: сопровождает сделки российских инвесторов в Китае и ищет проекты в Хайкоу.",
        "An investment company that supports Russian investors' deals in China and looks for projects in Haikou.",
        "为俄罗斯投资者在华交易提供服务并在海口寻找项目的投资公司。",
    ),
]

#: Russian organizations: (ru, en, zh, kind, sectors, city, region code of the OGRN).
# fmt: off
RUSSIAN = [
    ("ООО «СибАгроЭкспорт»", "SibAgroExport LLC", "西伯农业出口有限责任公司", K.COMPANY, ["A", "G"], "Новосибирск", 54),
    ("АО «Дальневосточная логистическая компания»", "Far Eastern Logistics Company JSC", "远东物流股份公司", K.COMPANY, ["H"], "Владивосток", 25),
    ("ООО «ТермоСтрой-Инжиниринг»", "ThermoStroy Engineering LLC", "热力建设工程有限责任公司", K.COMPANY, ["F"], "Екатеринбург", 66),
    ("ООО «Байкальская вода»", "Baikal Water LLC", "贝加尔之水有限责任公司", K.COMPANY, ["C"], "Иркутск", 38),
    ("ООО «ЦифраСофт»", "TsifraSoft LLC", "数字软件有限责任公司", K.COMPANY, ["J"], "Казань", 16),
    ("ПАО «Уральский станкостроительный завод»", "Ural Machine Tool Works PJSC", "乌拉尔机床制造厂股份公司", K.COMPANY, ["C"], "Челябинск", 74),
    ("ООО «Медтех Решения»", "Medtech Solutions LLC", "医疗科技解决方案有限责任公司", K.COMPANY, ["Q", "C"], "Томск", 70),
    ("ООО «Северная рыба»", "Northern Fish LLC", "北方鱼业有限责任公司", K.COMPANY, ["A"], "Мурманск", 51),
    ("ООО «Волжские удобрения»", "Volga Fertilizers LLC", "伏尔加化肥有限责任公司", K.COMPANY, ["C"], "Самара", 63),
    ("АО «Амурский лес»", "Amur Timber JSC", "阿穆尔林业股份公司", K.COMPANY, ["A", "C"], "Хабаровск", 27),
    ("ООО «Балтийские отели»", "Baltic Hotels LLC", "波罗的海酒店有限责任公司", K.COMPANY, ["I"], "Калининград", 39),
    ("ООО «Энергосбережение Сибири»", "Siberian Energy Saving LLC", "西伯利亚节能有限责任公司", K.COMPANY, ["D"], "Красноярск", 24),
    ("ООО «КамаАвтоКомпонент»", "KamaAutoComponent LLC", "卡马汽车零部件有限责任公司", K.COMPANY, ["C"], "Набережные Челны", 16),
    ("ООО «Кубанские сады»", "Kuban Orchards LLC", "库班果园有限责任公司", K.COMPANY, ["A"], "Краснодар", 23),
    ("ООО «ДонТрейд»", "DonTrade LLC", "顿河贸易有限责任公司", K.COMPANY, ["G"], "Ростов-на-Дону", 61),
    ("ООО «Нева Фарм»", "Neva Pharm LLC", "涅瓦制药有限责任公司", K.COMPANY, ["C", "Q"], "Санкт-Петербург", 78),
    ("ООО «Арктик Шиппинг»", "Arctic Shipping LLC", "北极航运有限责任公司", K.COMPANY, ["H"], "Архангельск", 29),
    ("ООО «Языковой центр „Мост“»", "Most Language Centre LLC", "桥梁语言中心有限责任公司", K.COMPANY, ["P"], "Москва", 77),
    ("ООО «ТурЭкспресс Восток»", "TourExpress Vostok LLC", "东方旅游快线有限责任公司", K.COMPANY, ["N", "I"], "Москва", 77),
    ("ООО «Пермские полимеры»", "Perm Polymers LLC", "彼尔姆聚合物有限责任公司", K.COMPANY, ["C"], "Пермь", 59),
    ("ООО «Башкирский мёд»", "Bashkir Honey LLC", "巴什基尔蜂蜜有限责任公司", K.COMPANY, ["A", "G"], "Уфа", 2),
    ("ООО «Тюменская нефтесервисная компания»", "Tyumen Oilfield Services LLC", "秋明油田服务有限责任公司", K.COMPANY, ["B"], "Тюмень", 72),
    ("ООО «Нижегородские композиты»", "Nizhny Novgorod Composites LLC", "下诺夫哥罗德复合材料有限责任公司", K.COMPANY, ["C"], "Нижний Новгород", 52),
    ("ООО «Эко-Переработка»", "Eco Recycling LLC", "生态回收有限责任公司", K.COMPANY, ["E"], "Москва", 77),
    ("ООО «Перспектива Консалтинг»", "Perspektiva Consulting LLC", "前景咨询有限责任公司", K.COMPANY, ["M"], "Москва", 77),
    ("ООО «Девелопмент Юг»", "Development Yug LLC", "南方开发有限责任公司", K.COMPANY, ["L", "F"], "Сочи", 23),
    ("ООО «Робоинтех»", "Robointech LLC", "罗博英泰克有限责任公司", K.COMPANY, ["J", "C"], "Казань", 16),
    ("АО «Приморский рыбокомбинат»", "Primorye Fish Processing Plant JSC", "滨海鱼类加工厂股份公司", K.COMPANY, ["C"], "Находка", 25),
    ("ООО «Сибирская медиагруппа»", "Siberian Media Group LLC", "西伯利亚传媒集团有限责任公司", K.COMPANY, ["J", "R"], "Новосибирск", 54),
    ("ООО «Ясная клиника»", "Clear Clinic LLC", "明澈诊所有限责任公司", K.COMPANY, ["Q"], "Москва", 77),
    ("ООО «Агрохолдинг Черноземье»", "Chernozemye Agroholding LLC", "黑土地农业控股有限责任公司", K.COMPANY, ["A"], "Воронеж", 36),
    ("ООО «Уральская горная компания»", "Ural Mining Company LLC", "乌拉尔矿业有限责任公司", K.COMPANY, ["B"], "Екатеринбург", 66),
    ("ООО «Солнечная энергия Алтая»", "Altai Solar Energy LLC", "阿尔泰太阳能有限责任公司", K.COMPANY, ["D"], "Барнаул", 22),
    ("ООО «Восток Капитал Партнерс»", "Vostok Capital Partners LLC", "东方资本合伙人有限责任公司", K.INVESTMENT_FIRM, ["K"], "Москва", 77),
    ("АО «Северо-Западный венчурный фонд»", "North-West Venture Fund JSC", "西北风险投资基金股份公司", K.INVESTMENT_FIRM, ["K"], "Санкт-Петербург", 78),
    ("АО «Банк „Енисей Развитие“»", "Yenisei Development Bank JSC", "叶尼塞发展银行股份公司", K.BANK, ["K"], "Красноярск", 24),
    ("Ассоциация экспортёров Приморья", "Primorye Exporters Association", "滨海边疆区出口商协会", K.ASSOCIATION, ["S"], "Владивосток", 25),
    ("Деловой союз Казани", "Kazan Business Union", "喀山商业联盟", K.ASSOCIATION, ["S"], "Казань", 16),
    ("АНО «Дальневосточное агентство содействия экспорту»", "Far Eastern Export Promotion Agency", "远东出口促进署", K.OTHER, ["N"], "Хабаровск", 27),
    ("АНО ВО «Сибирский институт прикладной экономики»", "Siberian Institute of Applied Economics", "西伯利亚应用经济学院", K.OTHER, ["P"], "Омск", 55),
]
# fmt: on

#: Hainan companies: (zh, en, ru, sectors, district code of the USCC).
# fmt: off
CHINESE = [
    ("海南椰风热带农业发展有限公司", "Hainan Coconut Breeze Tropical Agriculture Co., Ltd.", "ООО «Хайнань Кокосовый бриз — тропическое сельское хозяйство»", ["A"], "460106"),
    ("海口港航物流有限公司", "Haikou Port and Shipping Logistics Co., Ltd.", "ООО «Хайкоу Порт энд Шиппинг Логистикс»", ["H"], "460105"),
    ("海南自贸港数字科技有限公司", "Hainan FTP Digital Technology Co., Ltd.", "ООО «Хайнань — цифровые технологии свободного порта»", ["J"], "460106"),
    ("海口云洋健康管理有限公司", "Haikou Yunyang Health Management Co., Ltd.", "ООО «Хайкоу Юньян — управление здоровьем»", ["Q"], "460107"),
    ("海南琼北免税商贸有限公司", "Hainan Qiongbei Duty-Free Trading Co., Ltd.", "ООО «Хайнань Цюнбэй — беспошлинная торговля»", ["G"], "460108"),
]

# fmt: off
MEN = [
    ("Алексей", "Сергеевич", "Иванов"), ("Дмитрий", "Андреевич", "Смирнов"), ("Игорь", "Викторович", "Кузнецов"),
    ("Сергей", "Павлович", "Попов"), ("Андрей", "Николаевич", "Соколов"), ("Михаил", "Олегович", "Лебедев"),
    ("Николай", "Иванович", "Козлов"), ("Павел", "Дмитриевич", "Новиков"), ("Виктор", "Алексеевич", "Морозов"),
    ("Олег", "Михайлович", "Волков"), ("Артём", "Игоревич", "Соловьёв"), ("Евгений", "Петрович", "Васильев"),
    ("Константин", "Юрьевич", "Зайцев"), ("Роман", "Васильевич", "Павлов"), ("Юрий", "Александрович", "Семёнов"),
    ("Владимир", "Григорьевич", "Голубев"), ("Максим", "Сергеевич", "Виноградов"), ("Илья", "Романович", "Богданов"),
    ("Григорий", "Евгеньевич", "Воробьёв"), ("Тимур", "Ринатович", "Хайруллин"),     ("Антон", "Владимирович", "Фёдоров"), ("Степан", "Кириллович", "Михайлов"),     ("Вадим", "Олегович", "Тарасов"), ("Фёдор", "Степанович", "Белов"), ("Георгий", "Борисович", "Комаров"),
    ("Борис", "Львович", "Орлов"), ("Лев", "Аркадьевич", "Киселёв"), ("Аркадий", "Фёдорович", "Макаров"),
    ("Станислав", "Валерьевич", "Андреев"), ("Валерий", "Геннадьевич", "Ковалёв"), ("Геннадий", "Ильич", "Ильин"),
    ("Ярослав", "Денисович", "Гусев"), ("Денис", "Станиславович", "Титов"), ("Эдуард", "Маратович", "Сафин"),
]
WOMEN = [
    ("Анна", "Сергеевна", "Кузнецова"), ("Елена", "Викторовна", "Смирнова"), ("Ольга", "Николаевна", "Попова"),
    ("Наталья", "Андреевна", "Соколова"), ("Ирина", "Павловна", "Лебедева"), ("Татьяна", "Олеговна", "Козлова"),
    ("Мария", "Дмитриевна", "Новикова"), ("Екатерина", "Игоревна", "Морозова"), ("Светлана", "Юрьевна", "Волкова"),
    ("Юлия", "Александровна", "Алексеева"), ("Дарья", "Михайловна", "Лебедева"), ("Ксения", "Романовна", "Егорова"),
    ("Алина", "Ренатовна", "Валиева"), ("Марина", "Борисовна", "Николаева"), ("Людмила", "Петровна", "Захарова"),
    ("Вера", "Константиновна", "Зайцева"), ("Полина", "Евгеньевна", "Соловьёва"), ("Виктория", "Вадимовна", "Борисова"),
    ("Анастасия", "Кирилловна", "Яковлева"), ("Галина", "Фёдоровна", "Григорьева"), ("Софья", "Артёмовна", "Романова"),
    ("Лилия", "Айратовна", "Шарипова"), ("Надежда", "Ильинична", "Воробьёва"), ("Евгения", "Львовна", "Фролова"),
    ("Валентина", "Григорьевна", "Гаврилова"), ("Оксана", "Степановна", "Медведева"), ("Кристина", "Денисовна", "Чернова"),
    ("Вероника", "Максимовна", "Карпова"),  ("Диана", "Тимуровна", "Абрамова"),
    ("Жанна", "Эдуардовна", "Ковалёва"), ("Любовь", "Васильевна", "Фомина"), ("Маргарита", "Олеговна", "Белова"),
    ("Василиса", "Андреевна", "Тихонова"),
]
# fmt: on
POSITIONS = [
    "Генеральный директор",
    "Заместитель генерального директора",
    "Коммерческий директор",
    "Директор по развитию",
    "Руководитель отдела внешнеэкономической деятельности",
    "Менеджер по международным проектам",
    "Финансовый директор",
    "Руководитель направления «Азия»",
    "Главный инженер",
    "Директор по маркетингу",
    "Специалист по ВЭД",
    "Руководитель юридического отдела",
]
PARTNER_PEOPLE = {
    "bank": [
        ("Председатель правления", ["ru", "en"]),
        ("Начальник управления торгового финансирования", ["ru", "en", "zh"]),
        ("Руководитель азиатского направления", ["ru", "zh"]),
    ],
    "union": [
        ("Президент", ["ru", "en"]),
        ("Исполнительный директор", ["ru", "en"]),
        ("Руководитель департамента по работе с Китаем", ["ru", "zh"]),
    ],
    "investment": [
        ("Управляющий партнёр", ["ru", "en"]),
        ("Директор по инвестициям", ["ru", "en"]),
        ("Аналитик", ["ru", "en", "zh"]),
    ],
}
OFFICE_STAFF = [
    (
        "李明",
        "Li Ming",
        "officer@investbridge.demo",
        "Заместитель начальника управления",
        ["zh", "ru", "en"],
        "ru",
    ),
    (
        "王芳",
        "Wang Fang",
        "wang.fang@investbridge.demo",
        "Руководитель отдела по работе с Россией",
        ["zh", "ru"],
        "zh-hans",
    ),
    (
        "陈杰",
        "Chen Jie",
        "chen.jie@investbridge.demo",
        "Специалист по сопровождению инвесторов",
        ["zh", "en"],
        "en",
    ),
]
MOBILE_CODES = [
    "903",
    "905",
    "910",
    "915",
    "916",
    "917",
    "921",
    "925",
    "926",
    "929",
    "950",
    "977",
    "985",
    "999",
]
CONSENT_SOURCE = "Анкета участника видеоконференции «Хайкоу — Москва» (демо)"
CONSENT_START = datetime(2026, 9, 1, 6, 0, tzinfo=UTC)

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "ie",
            "y",
            "",
            "e",
            "iu",
            "ia",
        ],
        strict=True,
    )
)


def transliterate(text: str) -> str:
    """Russian to Latin letters as in Russian passports (ICAO Doc 9303): Соловьёв -> Solovev."""
    out = []
    for char in text:
        latin = _TRANSLIT.get(char.lower())
        if latin is None:
            out.append(char)
        elif char.isupper():
            out.append(latin.capitalize())
        else:
            out.append(latin)
    return "".join(out)


def demo_inn(serial: int, region: int) -> str:
    """A 10-digit organization INN with a correct check digit (tax office 01 of the region)."""
    base = f"{region:02d}01{serial:05d}"
    return base + stdnum_inn.calc_company_check_digit(base)


def demo_ogrn(serial: int, region: int, year: int) -> str:
    """A 13-digit OGRN with a correct check digit: 1, year, region, tax office 01, serial."""
    base = f"1{year % 100:02d}{region:02d}01{serial:05d}"
    return base + str(int(base) % 11 % 10)


def demo_uscc(serial: int, district: str, organization_type: str = "91") -> str:
    """An 18-character USCC with a correct check digit (the embedded organization code is invented)."""
    base = f"{organization_type}{district}MA5T{serial:05d}"
    return base + stdnum_uscc.calc_check_digit(base + "0")


def _organization(data: dict[str, Any], *, key_field: str) -> tuple[Organization, bool]:
    existing = Organization.objects.filter(**{key_field: data[key_field]}).first()
    if existing is not None:
        return existing, False
    return services.organization_create(actor=None, data=data, confirm_duplicate=True, is_demo=True), True


def _person(
    *,
    full_name: str,
    name_latin: str,
    email: str,
    phone: str,
    country: str,
    languages: list[str],
    preferred_language: str,
    organization: Organization,
    position: str,
    consent_at: datetime,
) -> tuple[Person, bool]:
    existing = services.person_find_by_email(email=email)
    if existing is not None:
        return existing, False
    person = services.person_create(
        actor=None,
        data={
            "full_name": full_name,
            "name_latin": name_latin,
            "email": email,
            "phone": phone,
            "country": country,
            "languages": languages,
            "preferred_language": preferred_language,
            "consent_to_contact": True,
            "consent_source": CONSENT_SOURCE,
            "consent_at": consent_at,
        },
        organization=organization,
        position=position,
        is_demo=True,
    )
    return person, True


def load(*, stdout: TextIO) -> None:
    rng = random.Random(20261126)
    created = {"organizations": 0, "people": 0}

    # The office's code is also the default of settings.OFFICE_ORGANIZATION_USCC (selectors.promotion_office).
    office, new = _organization({**OFFICE, "uscc": demo_uscc(1, "460100", "11")}, key_field="uscc")
    created["organizations"] += new

    partners: dict[str, Organization] = {}
    for serial, (key, ru, en, zh, kind, sectors, city, d_ru, d_en, d_zh) in enumerate(PARTNERS, start=900):
        region = 78 if city == "Санкт-Петербург" else 77
        data = {
            "name_ru": ru, "name_en": en, "name_zh_hans": zh, "kind": kind, "sectors": sectors,
            "country": "RU", "city": city, "is_partner": True,
            "description_ru": d_ru, "description_en": d_en, "description_zh_hans": d_zh,
            "inn": demo_inn(serial, region), "ogrn": demo_ogrn(serial, region, 2004 + serial % 10),
        }  # fmt: skip
        partners[key], new = _organization(data, key_field="inn")
        created["organizations"] += new

    russian: list[Organization] = []
    for serial, (ru, en, zh, kind, sectors, city, region) in enumerate(RUSSIAN, start=100):
        data = {
            "name_ru": ru, "name_en": en, "name_zh_hans": zh, "kind": kind, "sectors": sectors,
            "country": "RU", "city": city, "website": f"https://www.{slugify(en.removesuffix(' LLC').removesuffix(' JSC'))}.example.ru",
            "inn": demo_inn(serial, region), "ogrn": demo_ogrn(serial, region, 2002 + serial % 20),
        }  # fmt: skip
        organization, new = _organization(data, key_field="inn")
        russian.append(organization)
        created["organizations"] += new

    for serial, (zh, en, ru, sectors, district) in enumerate(CHINESE, start=10):
        data = {
            "name_zh_hans": zh, "name_en": en, "name_ru": ru, "kind": K.COMPANY, "sectors": sectors,
            "country": "CN", "city": "海口 / Haikou", "uscc": demo_uscc(serial, district),
        }  # fmt: skip
        _organization_obj, new = _organization(data, key_field="uscc")
        created["organizations"] += new

    # Representatives: names and positions drawn from a fixed seed, so every run yields the same people.
    men, women = MEN[:], WOMEN[:]
    rng.shuffle(men)
    rng.shuffle(women)
    names = [name for pair in zip(men, women, strict=False) for name in pair]
    names += men[len(women) :] + women[len(men) :]
    used_emails: set[str] = set()
    consent_at = CONSENT_START

    def next_person(organization: Organization, position: str, languages: list[str]) -> tuple[Person, bool]:
        nonlocal consent_at
        first, patronymic, last = names.pop(0)
        latin = f"{transliterate(first)} {transliterate(last)}"
        local = f"{transliterate(first)[0]}.{transliterate(last)}".lower()
        email = f"{local}@example.ru"
        suffix = 2
        while email in used_emails:
            email, suffix = f"{local}{suffix}@example.ru", suffix + 1
        used_emails.add(email)
        phone = f"+7{rng.choice(MOBILE_CODES)}{rng.randint(1000000, 9999999)}"
        consent_at += timedelta(hours=rng.randint(2, 30))
        return _person(
            full_name=f"{last} {first} {patronymic}", name_latin=latin, email=email, phone=phone,
            country="RU", languages=languages, preferred_language="ru", organization=organization,
            position=position, consent_at=consent_at,
        )  # fmt: skip

    for key, roles in PARTNER_PEOPLE.items():
        for position, languages in roles:
            _person_obj, new = next_person(partners[key], position, languages)
            created["people"] += new
    for index, organization in enumerate(russian):
        count = 2 if index % 5 in (0, 2) else 1
        for slot in range(count):
            position = POSITIONS[0] if slot == 0 and index % 2 == 0 else rng.choice(POSITIONS[1:])
            languages = ["ru", *rng.choice([[], ["en"], ["en"], ["zh"], ["en", "zh"]])]
            _person_obj, new = next_person(organization, position, languages)
            created["people"] += new

    # The promotion office's own staff, linked to the officers' sign-ins when those exist.
    for full_name, latin, email, position, languages, language in OFFICE_STAFF:
        person, new = _person(
            full_name=full_name, name_latin=latin, email=email, phone="", country="CN", languages=languages,
            preferred_language=language, organization=office, position=position, consent_at=CONSENT_START,
        )  # fmt: skip
        created["people"] += new
        officer = ensure_user(
            email=email, full_name=f"{full_name} ({latin})", role=Role.OFFICER, language=language
        )
        services.person_link_user(actor=None, person=person, user=officer)

    # Sign-ins for partner staff and a company representative, each with a directory entry.
    sign_ins = [
        ("partner@investbridge.demo", "Орлова Алёна Вячеславовна", "Alena Orlova", Role.PARTNER, partners["bank"],
         "Менеджер по работе с партнёрами", ["ru", "en"]),
        ("partner2@investbridge.demo", "Гарипов Руслан Ильдарович", "Ruslan Garipov", Role.PARTNER, partners["union"],
         "Координатор программ с Китаем", ["ru", "zh"]),
        ("company@investbridge.demo", "Беляев Кирилл Антонович", "Kirill Beliaev", Role.COMPANY, russian[0],
         "Руководитель отдела внешнеэкономической деятельности", ["ru"]),
    ]  # fmt: skip
    for email, full_name, latin, role, organization, position, languages in sign_ins:
        user = ensure_user(
            email=email, full_name=full_name, role=role, language="ru", organization_id=organization.pk
        )
        person, new = _person(
            full_name=full_name, name_latin=latin, email=email, phone=f"+7916{5550100 + len(email):07d}",
            country="RU", languages=languages, preferred_language="ru", organization=organization,
            position=position, consent_at=CONSENT_START,
        )  # fmt: skip
        created["people"] += new
        services.person_link_user(actor=None, person=person, user=user)

    total_orgs = Organization.objects.filter(is_demo=True).count()
    total_people = Person.objects.filter(is_demo=True).count()
    stdout.write(
        f"Directory: {total_orgs} demo organizations ({created['organizations']} new), "
        f"{total_people} demo people ({created['people']} new).\n"
    )
