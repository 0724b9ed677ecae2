from django.urls import path

from catalog.hsds import views

app_name = "hsds"

urlpatterns = [
    path("", views.root, name="root"),
    path("profile/", views.profile, name="profile"),
    path("openapi.json", views.openapi, name="openapi"),
    path("services", views.service_list, name="service-list"),
    path("services/<uuid:pk>", views.service_detail, name="service-detail"),
    path("organizations", views.organization_list, name="organization-list"),
    path("organizations/<uuid:pk>", views.organization_detail, name="organization-detail"),
    path("taxonomies", views.taxonomy_list, name="taxonomy-list"),
    path("taxonomies/<uuid:pk>", views.taxonomy_detail, name="taxonomy-detail"),
    path("taxonomy_terms", views.taxonomy_term_list, name="taxonomy-term-list"),
    path("taxonomy_terms/<uuid:pk>", views.taxonomy_term_detail, name="taxonomy-term-detail"),
]
