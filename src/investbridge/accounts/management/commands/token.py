"""`investbridge token create EMAIL` prints the user's API token; `investbridge token revoke EMAIL` deletes it."""

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from investbridge.accounts import services
from investbridge.accounts.models import User


class Command(BaseCommand):
    help = "Create (or show) or revoke the API token of a promotion officer or partner staff member."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "action", choices=["create", "revoke"], help="create: print the token; revoke: delete it"
        )
        parser.add_argument("email", help="the user's e-mail address")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            raise CommandError(f"No user has the e-mail address {email}.")
        if options["action"] == "revoke":
            revoked = services.api_token_revoke(user=user)
            self.stdout.write("Token revoked." if revoked else "This user had no token.")
            return
        try:
            key = services.api_token_issue(user=user)
        except PermissionDenied as error:
            with translation.override("en"):
                role = user.get_role_display()
            raise CommandError(
                f"{email} is a {role.lower()}: API tokens are only for promotion officers and partner staff."
            ) from error
        self.stdout.write(key)
