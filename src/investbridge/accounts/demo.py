"""Demo accounts: the promotion office's officers and an administrator (partner and company users come with
the directory demo, which creates their organizations)."""

from typing import TextIO

from investbridge.accounts.models import User
from investbridge.accounts.services import user_create
from investbridge.core.roles import Role

DEMO_PASSWORD = "investbridge-demo"  # noqa: S105 (published demo sign-in, printed by `make run`)

OFFICERS = [
    ("officer@investbridge.demo", "Ли Мин (Li Ming)", Role.OFFICER, "ru"),
    ("wang.fang@investbridge.demo", "王芳", Role.OFFICER, "zh-hans"),
    ("chen.jie@investbridge.demo", "Chen Jie", Role.OFFICER, "en"),
    ("admin@investbridge.demo", "Администратор", Role.ADMIN, "ru"),
]


def ensure_user(
    *, email: str, full_name: str, role: str, language: str, organization_id: int | None = None
) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = user_create(
            email=email,
            password=DEMO_PASSWORD,
            full_name=full_name,
            role=role,
            language=language,
            organization_id=organization_id,
        )
    return user


def load(*, stdout: TextIO) -> None:
    for email, full_name, role, language in OFFICERS:
        ensure_user(email=email, full_name=full_name, role=role, language=language)
    stdout.write(f"Accounts: {User.objects.count()} users.\n")
