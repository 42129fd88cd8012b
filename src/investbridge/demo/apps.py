from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "investbridge.demo"
    label = "demo"
    verbose_name = "Demo"
