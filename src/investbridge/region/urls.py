from django.urls import path

from investbridge.region import views

app_name = "region"
urlpatterns = [
    path("dimensions/<slug:kind>/", views.dimension_detail, name="dimension_detail"),
    path("incentives/", views.incentive_list, name="incentive_list"),
    path("incentives/<slug:slug>/", views.incentive_detail, name="incentive_detail"),
    path("interest/", views.interest, name="interest"),
    path("interest/thanks/", views.interest_thanks, name="interest_thanks"),
    path("manage/", views.manage, name="manage"),
    path("manage/profile/", views.manage_profile_edit, name="manage_profile_edit"),
    path("manage/dimensions/<int:pk>/", views.manage_dimension_edit, name="manage_dimension_edit"),
    path(
        "manage/dimensions/<int:dimension_pk>/figures/new/",
        views.manage_key_figure_create,
        name="manage_key_figure_create",
    ),
    path("manage/figures/<int:pk>/", views.manage_key_figure_edit, name="manage_key_figure_edit"),
    path("manage/figures/<int:pk>/delete/", views.manage_key_figure_delete, name="manage_key_figure_delete"),
    path("manage/incentives/new/", views.manage_incentive_create, name="manage_incentive_create"),
    path("manage/incentives/<int:pk>/", views.manage_incentive_edit, name="manage_incentive_edit"),
    path("manage/interest/", views.manage_interest_list, name="manage_interest_list"),
]
