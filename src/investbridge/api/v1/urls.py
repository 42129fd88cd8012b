"""Routes of /api/v1, one router per domain module."""

urlpatterns: list = []
