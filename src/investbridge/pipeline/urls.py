from django.urls import path

from investbridge.pipeline import views

app_name = "pipeline"
urlpatterns = [
    path("inquiry/", views.inquiry_create, name="inquiry_create"),
    path("inquiry/thanks/", views.inquiry_thanks, name="inquiry_thanks"),
    path("inquiries/", views.inquiry_list, name="inquiry_list"),
    path("inquiries/report/", views.inquiry_report, name="inquiry_report"),
    path("inquiries/rules/", views.assignment_rules, name="assignment_rules"),
    path("inquiries/rules/<int:pk>/delete/", views.assignment_rule_delete, name="assignment_rule_delete"),
    path("inquiries/route-expressions/", views.expressions_route, name="expressions_route"),
    path("inquiries/<int:pk>/", views.inquiry_detail, name="inquiry_detail"),
    path("inquiries/<int:pk>/reply/", views.inquiry_reply, name="inquiry_reply"),
    path("inquiries/<int:pk>/assign/", views.inquiry_assign, name="inquiry_assign"),
    path("inquiries/<int:pk>/close/", views.inquiry_close, name="inquiry_close"),
    path("inquiries/<int:pk>/convert/", views.inquiry_convert, name="inquiry_convert"),
    path("leads/", views.lead_list, name="lead_list"),
    path("leads/board/", views.lead_board, name="lead_board"),
    path("leads/new/", views.lead_create, name="lead_create"),
    path("leads/<int:pk>/", views.lead_detail, name="lead_detail"),
    path("leads/<int:pk>/edit/", views.lead_edit, name="lead_edit"),
    path("leads/<int:pk>/move/", views.lead_move, name="lead_move"),
    path("leads/<int:pk>/activities/", views.activity_add, name="activity_add"),
    path("leads/<int:pk>/tasks/", views.task_add, name="task_add"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/<int:pk>/done/", views.task_done, name="task_done"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/steps/<int:step_pk>/", views.case_step, name="case_step"),
    path("cases/<int:pk>/company/", views.case_uscc, name="case_uscc"),
    path("cases/<int:pk>/complete/", views.case_complete, name="case_complete"),
    path("checklists/", views.template_list, name="template_list"),
    path("checklists/<int:pk>/", views.template_detail, name="template_detail"),
    path("checklists/steps/<int:pk>/delete/", views.template_step_delete, name="template_step_delete"),
    path("conversion/", views.conversion_report, name="conversion"),
]
