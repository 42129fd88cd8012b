import uuid
from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from investbridge.region.models import (
    Dimension,
    DimensionKind,
    ExpressionOfInterest,
    Incentive,
    KeyFigure,
    RegionProfile,
)


class RegionProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionProfile
        django_get_or_create = ("slug",)

    slug = "haikou"
    name_ru = "Хайкоу"
    name_zh_hans = "海口"
    name_en = "Haikou"
    tagline_ru = "Ворота в Юго-Восточную Азию"
    tagline_zh_hans = "通往东南亚的门户"
    tagline_en = "Gateway to South-East Asia"
    is_demo = True


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dimension

    profile = factory.SubFactory(RegionProfileFactory)
    kind = DimensionKind.INFRASTRUCTURE
    title_ru = "Инфраструктура"
    title_zh_hans = "基础设施"
    title_en = "Infrastructure"
    summary_ru = "Аэропорт и порт."
    summary_zh_hans = "机场和港口。"
    summary_en = "Airport and port."
    body_ru = "Подробный текст."
    body_zh_hans = "详细内容。"
    body_en = "Detailed text."
    order = factory.Sequence(lambda n: n)


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure

    dimension = factory.SubFactory(DimensionFactory)
    label_ru = "Пассажиропоток"
    label_zh_hans = "旅客吞吐量"
    label_en = "Passengers"
    value = Decimal("26800000")
    unit_ru = "пассажиров"
    unit_zh_hans = "人次"
    unit_en = "passengers"
    as_of = date(2024, 12, 31)
    source_name_ru = "Статистическое управление"
    source_name_zh_hans = "统计局"
    source_name_en = "Statistics bureau"
    source_url = "https://example.org/stats"
    order = factory.Sequence(lambda n: n)


class IncentiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incentive

    slug = factory.Sequence(lambda n: f"incentive-{n}")
    title_ru = factory.Sequence(lambda n: f"Льгота {n}")
    title_zh_hans = factory.Sequence(lambda n: f"优惠政策{n}")
    title_en = factory.Sequence(lambda n: f"Incentive {n}")
    summary_ru = "Кратко о льготе."
    summary_zh_hans = "政策简介。"
    summary_en = "The incentive in brief."
    eligibility_ru = "Компании, зарегистрированные на Хайнане."
    eligibility_zh_hans = "在海南注册的企业。"
    eligibility_en = "Companies registered in Hainan."
    source_name_ru = "Правительство провинции"
    source_name_zh_hans = "省政府"
    source_name_en = "Provincial government"
    source_url = "https://example.org/policy"
    valid_from = date(2020, 1, 1)
    valid_to = None


class ExpressionOfInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpressionOfInterest

    submission_key = factory.LazyFunction(uuid.uuid4)
    name = factory.Sequence(lambda n: f"Посетитель {n}")
    email = factory.Sequence(lambda n: f"visitor{n}@example.org")
    organization_name = "ООО «Пример»"
    country = "RU"
    language = "ru"
    message = "Интересует логистика."
    consent = True
    consent_at = factory.LazyFunction(timezone.now)
    consent_source = "test"
