"""`add_service_error`: a service's ValidationError shown on the page's form, the one way every view does it."""

from typing import Any

from django.core.exceptions import ValidationError


def add_service_error(form: Any, error: ValidationError, *, field: str | None = None) -> None:
    """Put a service's ValidationError on the form: each message on its field when the form has that field, else
    above the form. A message without a field goes on `field` when given (and the form has it)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field if field in form.fields else None, error)
