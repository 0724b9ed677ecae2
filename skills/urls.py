from django.urls import path

from skills import views

app_name = "skills"

urlpatterns = [
    path("", views.ProfileSkillsView.as_view(), name="profile-skills"),
    path("suggest/", views.SuggestTextView.as_view(), name="suggest-text"),
    path("upload/", views.UploadCvView.as_view(), name="upload-cv"),
    path("runs/<int:run_id>/", views.RunDetailView.as_view(), name="run-detail"),
    path("runs/<int:run_id>/decide/", views.DecideView.as_view(), name="decide"),
    path("remove/", views.RemoveItemView.as_view(), name="remove-item"),
]
