from django.urls import URLPattern, path

from investbridge.matchmaking import views

app_name = "matchmaking"
urlpatterns: list[URLPattern] = [
    path("", views.mine, name="mine"),
    path("me/<slug:slug>/", views.me_home, name="me_home"),
    path("me/<slug:slug>/profile/", views.me_profile, name="me_profile"),
    path("me/<slug:slug>/request/", views.me_request, name="me_request"),
    path("me/<slug:slug>/requests/<int:pk>/withdraw/", views.me_withdraw, name="me_withdraw"),
    path("me/<slug:slug>/requests/<int:pk>/<str:action>/", views.me_answer, name="me_answer"),
    path("me/<slug:slug>/meetings.ics", views.me_calendar, name="me_calendar"),
    path("p/<str:token>/", views.p_home, name="p_home"),
    path("p/<str:token>/profile/", views.p_profile, name="p_profile"),
    path("p/<str:token>/request/", views.p_request, name="p_request"),
    path("p/<str:token>/requests/<int:pk>/withdraw/", views.p_withdraw, name="p_withdraw"),
    path("p/<str:token>/requests/<int:pk>/<str:action>/", views.p_answer, name="p_answer"),
    path("p/<str:token>/meetings.ics", views.p_calendar, name="p_calendar"),
    path("office/", views.office_list, name="office_list"),
    path("office/runs/<int:pk>/", views.office_run_status, name="office_run_status"),
    path("office/meetings/<int:pk>/lock/", views.office_lock, name="office_lock"),
    path("office/<str:kind>/<int:pk>/delete/", views.office_resource_delete, name="office_resource_delete"),
    path("office/<slug:slug>/", views.office_event, name="office_event"),
    path("office/<slug:slug>/settings/", views.office_setup, name="office_setup"),
    path("office/<slug:slug>/profiles/<int:registration_pk>/", views.office_profile, name="office_profile"),
    path("office/<slug:slug>/must-have/", views.office_must_have, name="office_must_have"),
    path("office/<slug:slug>/resources/", views.office_resources, name="office_resources"),
    path("office/<slug:slug>/interpreters/new/", views.office_interpreter_new, name="office_interpreter_new"),
    path(
        "office/<slug:slug>/interpreters/<int:pk>/",
        views.office_interpreter_edit,
        name="office_interpreter_edit",
    ),
    path("office/<slug:slug>/schedule/", views.office_schedule, name="office_schedule"),
    path("office/<slug:slug>/schedule/run/", views.office_run, name="office_run"),
    path("office/<slug:slug>/schedule/publish/", views.office_publish, name="office_publish"),
    path("office/<slug:slug>/schedule.<str:fmt>", views.office_export, name="office_export"),
]
