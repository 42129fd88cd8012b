"""The roles a user can have. A leaf module: models, services and views all import it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICER = "officer", _("Promotion officer")
    PARTNER = "partner", _("Partner staff")
    COMPANY = "company", _("Company representative")
    ADMIN = "admin", _("Administrator")


#: Every role, plus anonymous visitors, as the permission matrix tests enumerate them.
ALL_ROLES = (Role.COMPANY, Role.PARTNER, Role.OFFICER, Role.ADMIN)
#: Back-office roles: administrators can do everything an officer can.
STAFF_ROLES = (Role.OFFICER, Role.ADMIN)
