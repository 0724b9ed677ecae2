from django.urls import path

from matching import views

app_name = "matching"

urlpatterns = [
    path("", views.ForMeView.as_view(), name="for-me"),
    path("refresh/", views.RefreshView.as_view(), name="refresh"),
    path("<int:pk>/feedback/", views.FeedbackView.as_view(), name="feedback"),
    path("job-ads/<int:pk>/candidates/", views.JobCandidatesView.as_view(), name="job-candidates"),
    path("employer/services/", views.EmployerServicesView.as_view(), name="employer-services"),
]
