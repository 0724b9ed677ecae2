app_name = "openstats"

urlpatterns = []
