"""Three reply templates every office starts with, in Russian, Chinese and English (editable in the back office)."""

from django.conf import settings
from django.db import migrations

TEMPLATES = [
    {
        "order": 10,
        "name": {
            "ru": "Спасибо, документы получены",
            "zh_hans": "感谢，文件已收到",
            "en": "Thank you, documents received",
        },
        "subject": {
            "ru": "Ваши документы получены",
            "zh_hans": "您的文件已收到",
            "en": "We have received your documents",
        },
        "body": {
            "ru": (
                "Здравствуйте!\n\n"
                "Благодарим вас за присланные документы. Мы их получили и изучаем; "
                "в течение трёх рабочих дней сообщим, нужны ли ещё какие-либо сведения.\n\n"
                "С уважением,"
            ),
            "zh_hans": (
                "您好！\n\n"
                "感谢您发来的文件。我们已经收到并正在审阅，"
                "将在三个工作日内告知您是否还需要补充其他材料。\n\n"
                "此致\n敬礼"
            ),
            "en": (
                "Hello,\n\n"
                "Thank you for the documents you sent. We have received them and are reviewing them; "
                "within three working days we will let you know whether we need anything else.\n\n"
                "Kind regards,"
            ),
        },
    },
    {
        "order": 20,
        "name": {"ru": "Предложение встречи", "zh_hans": "会面邀请", "en": "Meeting proposal"},
        "subject": {
            "ru": "Предлагаем провести видеовстречу",
            "zh_hans": "邀请您参加视频会谈",
            "en": "Shall we meet by video call?",
        },
        "body": {
            "ru": (
                "Здравствуйте!\n\n"
                "Чтобы обсудить ваш проект подробнее, предлагаем провести видеовстречу "
                "с нашим отделом продвижения инвестиций. Пожалуйста, назовите два-три удобных для вас "
                "времени на следующей неделе (с указанием часового пояса), и мы пришлём приглашение.\n\n"
                "С уважением,"
            ),
            "zh_hans": (
                "您好！\n\n"
                "为进一步了解您的项目，我们诚邀您与我处投资促进部门进行一次视频会谈。"
                "请告知下周您方便的两到三个时间（请注明时区），我们将发送会议邀请。\n\n"
                "此致\n敬礼"
            ),
            "en": (
                "Hello,\n\n"
                "To discuss your project in more detail, we suggest a video call with our investment "
                "promotion team. Please tell us two or three times next week that suit you (with your "
                "time zone) and we will send an invitation.\n\n"
                "Kind regards,"
            ),
        },
    },
    {
        "order": 30,
        "name": {
            "ru": "Просьба прислать бизнес-план",
            "zh_hans": "请提供商业计划书",
            "en": "Please send the business plan",
        },
        "subject": {
            "ru": "Просим прислать бизнес-план проекта",
            "zh_hans": "请提供项目商业计划书",
            "en": "Could you send us the business plan?",
        },
        "body": {
            "ru": (
                "Здравствуйте!\n\n"
                "Спасибо за интерес к нашему региону. Чтобы подобрать площадку и меры поддержки, "
                "просим прислать бизнес-план проекта: объём инвестиций, сроки, число рабочих мест "
                "и требования к земле и инфраструктуре. Документ можно приложить к ответу на это письмо.\n\n"
                "С уважением,"
            ),
            "zh_hans": (
                "您好！\n\n"
                "感谢您对本地区的关注。为便于为您匹配合适的场地和扶持政策，"
                "请提供项目商业计划书，包括投资规模、时间安排、就业岗位数量以及对土地和基础设施的要求。"
                "您可直接在回复本邮件时附上文件。\n\n"
                "此致\n敬礼"
            ),
            "en": (
                "Hello,\n\n"
                "Thank you for your interest in our region. So that we can suggest a site and the support "
                "available, please send us the project's business plan: the investment, the timeline, the "
                "number of jobs and what you need in land and infrastructure. You can attach it to your "
                "reply to this message.\n\n"
                "Kind regards,"
            ),
        },
    },
]


def add_templates(apps, schema_editor):
    ReplyTemplate = apps.get_model("pipeline", "ReplyTemplate")
    for template in TEMPLATES:
        fields = {"order": template["order"], "is_active": True}
        for field in ("name", "subject", "body"):
            for suffix, text in template[field].items():
                fields[f"{field}_{suffix}"] = text
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE.replace("-", "_")  # the untranslated column's
        fields.update({field: template[field][default] for field in ("name", "subject", "body")})
        ReplyTemplate.objects.create(**fields)


def remove_templates(apps, schema_editor):
    ReplyTemplate = apps.get_model("pipeline", "ReplyTemplate")
    ReplyTemplate.objects.filter(name_en__in=[template["name"]["en"] for template in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("pipeline", "0003_reply_template")]

    operations = [migrations.RunPython(add_templates, remove_templates)]
