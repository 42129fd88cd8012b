from django.conf import settings
from django.urls import URLPattern, path

from investbridge.events import views

app_name = "events"
urlpatterns: list[URLPattern] = [
    path("", views.event_list, name="list"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/cancel/", views.manage_cancel, name="manage_cancel"),
    path("manage/<str:token>/calendar.ics", views.manage_calendar, name="manage_calendar"),
    path("manage/<str:token>/join/", views.manage_join, name="manage_join"),
    path("materials/<int:pk>/", views.material_download, name="material"),
    path("office/", views.office_list, name="office_list"),
    path("office/new/", views.office_create, name="office_create"),
    path("office/sessions/<int:pk>/delete/", views.office_session_delete, name="office_session_delete"),
    path("office/materials/<int:pk>/delete/", views.office_material_delete, name="office_material_delete"),
    path(
        "office/registrations/<int:pk>/move/", views.office_registration_move, name="office_registration_move"
    ),
    path(
        "office/registrations/<int:pk>/<str:action>/",
        views.office_registration_action,
        name="office_registration_action",
    ),
    path("office/<slug:slug>/edit/", views.office_edit, name="office_edit"),
    path("office/<slug:slug>/duplicate/", views.office_duplicate, name="office_duplicate"),
    path("office/<slug:slug>/agenda/", views.office_agenda, name="office_agenda"),
    path("office/<slug:slug>/join/", views.office_join, name="office_join"),
    path("office/<slug:slug>/registrations/", views.office_registrations, name="office_registrations"),
    path("office/<slug:slug>/announce/", views.office_announce, name="office_announce"),
    path("office/<slug:slug>/attendance/", views.office_attendance, name="office_attendance"),
    path("office/<slug:slug>/report/", views.office_report, name="office_report"),
    path("office/<slug:slug>/report.<str:fmt>", views.office_report_export, name="office_report_export"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/registered/", views.registered, name="registered"),
    path("<slug:slug>/calendar.ics", views.event_calendar, name="calendar"),
]

if settings.EVENTS_BENCH_VIEW:
    urlpatterns += [
        path("bench/trivial/", views.bench_trivial, name="bench_trivial"),
        path("bench/layout/", views.bench_layout, name="bench_layout"),
    ]
