"""`make dead-code` (part of `make lint`): functions, classes, methods, properties and imports that nothing uses.

vulture reads src/ for definitions and src/, tests/, bench/ and scripts/ for uses, and reports what src/ defines
and nothing uses. It leaves out two kinds of names it cannot see being used:

- Class-level assignments (model, form and serializer fields, Meta options, settings): Django, DRF and the
  templates read them by name, so vulture would report hundreds of them.
- Names a framework calls or finds by name, listed below with the reason; and anything under a decorator that
  registers it (template tags and filters, translation options, admin classes, pytest fixtures).
"""

import sys
from pathlib import Path

import vulture

ROOT = Path(__file__).resolve().parent.parent

IGNORE_NAMES = [
    # Django: app configs (INSTALLED_APPS), their ready(), form and field hooks, management commands, admin
    # permissions, the user manager's createsuperuser, middleware and upload handlers named in settings.
    "*Config",
    "ready",
    "clean_*",
    "label_from_instance",
    "valid_value",
    "handle",
    "add_arguments",
    "has_*_permission",
    "create_superuser",
    "get_full_name",
    "get_short_name",
    "*Middleware",
    "process_exception",
    "ProcessTemporaryFileUploadHandler",
    # django-axes: named in AXES_USERNAME_CALLABLE and AXES_LOCKOUT_CALLABLE.
    "username_from",
    "locked_out_response",
    # DRF: serializer method fields and validators, throttles; drf-spectacular finds extensions by subclassing.
    "get_*",
    "validate_*",
    "allow_request",
    "throttled",
    "ShapesByRoleExtension",
    # OR-Tools calls the solution callback; reportlab calls the canvas's beginText.
    "on_solution_callback",
    "beginText",
    # Read by a template: matchmaking/participant.html ({{ cap.reached }}).
    "reached",
    # Read by templates: region/landing.html and region/_office_contacts.html ({{ profile.has_contacts }}).
    "has_contacts",
]

IGNORE_DECORATORS = ["@register.*", "@admin.register", "@register", "@pytest.fixture"]

#: vulture's kinds that are reported; variables and attributes are left out (see above).
REPORTED = {"function", "class", "method", "property", "import", "unreachable_code"}


def main() -> int:
    checker = vulture.Vulture(ignore_names=IGNORE_NAMES, ignore_decorators=IGNORE_DECORATORS)
    paths = [str(ROOT / name) for name in ("src", "tests", "bench", "scripts") if (ROOT / name).exists()]
    checker.scavenge(paths, exclude=["*/migrations/*"])
    source = ROOT / "src"
    unused = [
        item
        for item in checker.get_unused_code(min_confidence=60, sort_by_size=False)
        if item.typ in REPORTED and Path(item.filename).is_relative_to(source)
    ]
    for item in unused:
        print(item.get_report(add_size=False))
    if unused:
        print(
            f"{len(unused)} unused names: remove them, or add a name a framework uses to scripts/dead_code.py."
        )
    return 1 if unused else 0


if __name__ == "__main__":
    sys.exit(main())
