from django.urls import path

from investbridge.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.organization_list, name="organization_list"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("organizations/<int:pk>/merge/", views.organization_merge, name="organization_merge"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/merge/", views.person_merge, name="person_merge"),
    path("people/<int:pk>/memberships/", views.membership_add, name="membership_add"),
    path("memberships/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("import/", views.import_upload, name="import"),
    path("import/template/<str:kind>.csv", views.import_template, name="import_template"),
    path("confirm/<str:token>/", views.confirm_change, name="confirm_change"),
]
