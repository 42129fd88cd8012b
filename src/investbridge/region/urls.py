app_name = "region"
urlpatterns: list = []
