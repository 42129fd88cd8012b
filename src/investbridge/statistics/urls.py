from django.urls import path

from investbridge.statistics import views

app_name = "statistics"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("export.pdf", views.export_pdf, name="export_pdf"),
    path("import/", views.upload, name="upload"),
    path("figures/", views.figures, name="figures"),
    path("figures/<int:pk>/delete/", views.figure_delete, name="figure_delete"),
]
