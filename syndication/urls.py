from django.urls import path

from syndication import views

app_name = "syndication"

urlpatterns = [
    path(
        "organisation/<int:pk>/",
        views.OrganisationPartnersView.as_view(),
        name="organisation-partners",
    ),
]
