from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.ServiceListView.as_view(), name="service-list"),
    path("new/", views.ServiceCreateView.as_view(), name="service-create"),
    path("my-enrolments/", views.MyEnrolmentsView.as_view(), name="my-enrolments"),
    path(
        "enrolments/<int:pk>/withdraw/",
        views.EnrolmentWithdrawView.as_view(),
        name="enrolment-withdraw",
    ),
    path(
        "enrolments/<int:pk>/decide/", views.EnrolmentDecideView.as_view(), name="enrolment-decide"
    ),
    path("<int:pk>/", views.ServiceDetailView.as_view(), name="service-detail"),
    path("<int:pk>/enrol/", views.ServiceEnrolView.as_view(), name="service-enrol"),
    path("<int:pk>/edit/", views.ServiceEditView.as_view(), name="service-edit"),
    path(
        "<int:pk>/submit/", views.ServiceActionView.as_view(action="submit"), name="service-submit"
    ),
    path(
        "<int:pk>/confirm/",
        views.ServiceActionView.as_view(action="confirm"),
        name="service-confirm",
    ),
    path(
        "<int:pk>/archive/",
        views.ServiceActionView.as_view(action="archive"),
        name="service-archive",
    ),
]
