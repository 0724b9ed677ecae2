from django.urls import path

from expert import views

app_name = "expert"

urlpatterns = [
    path("", views.WorklistView.as_view(), name="worklist"),
]
