from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from tori import views

handler400 = "tori.views.bad_request"
handler403 = "tori.views.permission_denied"
handler404 = "tori.views.page_not_found"
handler500 = "tori.views.server_error"

api_v1 = [
    path("", include("tori.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(api_v1)),
    path("hsds/", include("catalog.hsds.urls")),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("accounts/", include("profiles.urls_accounts")),
    path("expert/", include("expert.urls")),
    path("my-plan/", include("expert.urls_plan")),
    path("services/", include("catalog.urls")),
    path("provider/referrals/", include("expert.urls_provider")),
    path("provider/groups/", include("delivery.urls_groups")),
    path("follow-up/", include("delivery.urls_followup")),
    path("impact/", include("delivery.urls_impact")),
    path("statistics/", include("openstats.urls")),
    path("provider/", include("providers.urls")),
    path("profile/skills/", include("skills.urls")),
    path("profile/", include("profiles.urls")),
    path("e-services/", include("eservices.urls")),
    path("jobs/", include("jobs.urls")),
    path("recommendations/", include("matching.urls")),
    path("situation/", include("situations.urls")),
    path("accessibility/", include("pages.urls")),
    path("partners/", include("syndication.urls")),
    path("admin/", admin.site.urls),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    prefix_default_language=True,
)

# MEDIA_ROOT is never served, not even in DEBUG: it holds uploaded CVs (personal data), which
# only the background analysis reads and then deletes.
