"""Errors of the scheduler engine."""


class InstanceError(ValueError):
    """An instance is invalid; `element` names the offending element (e.g. ``meetings[3] (id "m4")``)."""

    def __init__(self, element: str, message: str) -> None:
        self.element = element
        self.message = message
        super().__init__(f"{element}: {message}")
