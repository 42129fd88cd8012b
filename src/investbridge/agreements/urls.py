from django.urls import path

from investbridge.agreements import views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="agreement_list"),
    path("new/", views.agreement_create, name="agreement_create"),
    path("<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("<int:pk>/document/", views.agreement_document, name="agreement_document"),
    path("<int:pk>/document/upload/", views.agreement_upload, name="agreement_upload"),
    path("<int:pk>/document/verify/", views.agreement_verify, name="agreement_verify"),
    path("<int:pk>/obligations/new/", views.obligation_create, name="obligation_create"),
    path("obligations/", views.obligation_overview, name="obligation_overview"),
    path("obligations/<int:pk>/", views.obligation_detail, name="obligation_detail"),
    path("obligations/<int:pk>/edit/", views.obligation_edit, name="obligation_edit"),
    path("obligations/<int:pk>/evidence/", views.evidence_submit, name="evidence_submit"),
    path("obligations/<int:pk>/status/", views.obligation_status, name="obligation_status"),
    path("evidence/<int:pk>/file/", views.evidence_file, name="evidence_file"),
    path("portal/", views.portal, name="portal"),
    path("portal/referrals/", views.referral_list, name="referral_list"),
    path("portal/referrals/new/", views.referral_create, name="referral_create"),
    path("portal/referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
]
