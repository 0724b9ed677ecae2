"""/api/v1/ for the catalogue: public reads (search with facets), the providers' write API
(token authentication: ``Authorization: Token <key>``), moderation and enrolment requests.
Permission classes and checks wrap the predicates in tori.permissions."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog import selectors, services
from catalog.filters import ServiceFilter
from catalog.models import LANGUAGE_CODES, EnrolmentRequest, Service, TaxonomyTerm
from providers.models import Provider
from reference.models import EscoOccupation, EscoSkill, Municipality, Region
from tori import permissions as perms
from tori.api import IsAuthenticatedUser, IsPlatformAdmin


def _check(allowed: bool) -> None:
    if not allowed:
        raise exceptions.PermissionDenied


class IsProviderMember(BasePermission):
    def has_permission(self, request, view):
        return perms.is_provider_member(request.user) or perms.is_platform_admin(request.user)


class CanEditService(BasePermission):
    def has_object_permission(self, request, view, obj):
        return perms.can_edit_service(request.user, obj)


def translations(obj, field):
    return {lang: getattr(obj, f"{field}_{lang}") for lang in ("fi", "sv", "en")}


TRANSLATIONS_SCHEMA = {
    "type": "object",
    "properties": {lang: {"type": "string"} for lang in ("fi", "sv", "en")},
}


@extend_schema_field(TRANSLATIONS_SCHEMA)
class TranslatedField(serializers.Field):
    def __init__(self, field_name, **kwargs):
        self.base_name = field_name
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return translations(value, self.base_name)


class TaxonomyTermSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid")
    name = TranslatedField("name")

    class Meta:
        model = TaxonomyTerm
        fields = ["id", "taxonomy", "code", "name"]


class ProviderSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    description = TranslatedField("description")

    class Meta:
        model = Provider
        fields = [
            "id",
            "uuid",
            "name",
            "description",
            "sector",
            "business_id",
            "municipality_code",
            "email",
            "phone",
            "website",
            "street_address",
            "postal_code",
            "city",
            "is_nationwide",
            "is_verified",
        ]

    def get_name(self, obj) -> dict:
        return obj.names()


class LocationSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    street_address = serializers.CharField(max_length=200)
    postal_code = serializers.RegexField(r"^\d{5}$")
    city = serializers.CharField(max_length=100)


class ServiceOutputSerializer(serializers.ModelSerializer):
    provider = serializers.SerializerMethodField()
    name = TranslatedField("name")
    summary = TranslatedField("summary")
    description = TranslatedField("description")
    schedule = TranslatedField("schedule")
    price_terms = TranslatedField("price_terms")
    how_to_enrol = TranslatedField("how_to_enrol")
    service_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    target_groups = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    municipalities = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    esco_skills = serializers.SlugRelatedField(slug_field="uri", many=True, read_only=True)
    esco_occupations = serializers.SlugRelatedField(slug_field="uri", many=True, read_only=True)
    locations = LocationSerializer(many=True, read_only=True)

    class Meta:
        model = Service
        fields = [
            "id",
            "uuid",
            "provider",
            "status",
            "name",
            "summary",
            "description",
            "service_type",
            "target_groups",
            "delivery_mode",
            "is_nationwide",
            "regions",
            "municipalities",
            "locations",
            "languages",
            "schedule",
            "days_per_week",
            "hours_per_day",
            "duration_value",
            "duration_unit",
            "is_free",
            "price",
            "price_terms",
            "capacity",
            "enrolment_starts",
            "enrolment_ends",
            "funding",
            "esco_skills",
            "esco_occupations",
            "how_to_enrol",
            "contact_name",
            "contact_email",
            "contact_phone",
            "url",
            "moderation_note",
            "published_at",
            "confirmed_at",
            "updated_at",
        ]

    def get_provider(self, obj) -> dict:
        return {"id": obj.provider_id, "name": obj.provider.names(), "sector": obj.provider.sector}


ServiceTextFields = type(
    "ServiceTextFields",
    (serializers.Serializer,),
    {
        name: serializers.CharField(
            required=False, allow_blank=True, max_length=services.MAX_HTML_LENGTH
        )
        for name in services.TEXT_FIELDS + services.HTML_FIELDS
    },
)


class ServiceInputSerializer(ServiceTextFields):
    """Flat fields as in the model (texts as name_fi, name_sv, …; descriptions may contain
    simple HTML, which is sanitised); taxonomy and areas by code, ESCO by URI."""

    provider = serializers.PrimaryKeyRelatedField(queryset=Provider.objects.all(), required=False)
    service_type = serializers.SlugRelatedField(
        slug_field="code",
        queryset=TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.SERVICE_TYPE),
        required=False,
        allow_null=True,
    )
    target_groups = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        queryset=TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TARGET_GROUP),
        required=False,
    )
    delivery_mode = serializers.ChoiceField(choices=Service.DeliveryMode.choices, required=False)
    is_nationwide = serializers.BooleanField(required=False)
    regions = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        queryset=Region.objects.all(),
        required=False,
    )
    municipalities = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        queryset=Municipality.objects.all(),
        required=False,
    )
    esco_skills = serializers.SlugRelatedField(
        slug_field="uri",
        many=True,
        queryset=EscoSkill.objects.all(),
        required=False,
    )
    esco_occupations = serializers.SlugRelatedField(
        slug_field="uri",
        many=True,
        queryset=EscoOccupation.objects.all(),
        required=False,
    )
    locations = LocationSerializer(many=True, required=False)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGE_CODES), required=False
    )
    days_per_week = serializers.IntegerField(
        min_value=1, max_value=7, required=False, allow_null=True
    )
    hours_per_day = serializers.DecimalField(
        max_digits=3, decimal_places=1, required=False, allow_null=True
    )
    duration_value = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    duration_unit = serializers.ChoiceField(
        choices=Service.DurationUnit.choices, required=False, allow_blank=True
    )
    is_free = serializers.BooleanField(required=False)
    price = serializers.DecimalField(
        max_digits=9, decimal_places=2, required=False, allow_null=True
    )
    capacity = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    enrolment_starts = serializers.DateField(required=False, allow_null=True)
    enrolment_ends = serializers.DateField(required=False, allow_null=True)
    funding = serializers.ChoiceField(choices=Service.Funding.choices, required=False)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    url = serializers.URLField(required=False, allow_blank=True)


class CatalogPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class SearchPagination(CatalogPagination):
    """Pages of a search result whose total is already known from the facet counts."""

    def __init__(self, total):
        self.total = total

    def django_paginator_class(self, object_list, per_page):
        from catalog.views import KnownCountPaginator

        return KnownCountPaginator(object_list, per_page, count=self.total)


def _filter_parameters():
    params = []
    for name, flt in ServiceFilter.base_filters.items():
        many = flt.__class__.__name__ == "ChoicesFilter"
        params.append(
            OpenApiParameter(
                name,
                OpenApiTypes.STR,
                description=str(flt.label),
                many=many,
                explode=True if many else None,
            )
        )
    params.append(OpenApiParameter("page", OpenApiTypes.INT))
    return params


class ServiceListApi(APIView):
    """GET: search published services (same parameters as the HTML catalogue) with facet
    counts. POST: a provider member creates a draft service (token or session auth)."""

    pagination_class = CatalogPagination

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsProviderMember()]
        return []

    @extend_schema(parameters=_filter_parameters(), responses=ServiceOutputSerializer(many=True))
    def get(self, request):
        result = selectors.service_search(viewer=request.user, filters=request.query_params)
        paginator = SearchPagination(result.total)
        page = paginator.paginate_queryset(result.services, request, view=self)
        response = paginator.get_paginated_response(ServiceOutputSerializer(page, many=True).data)
        response.data["facets"] = {
            name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for name, values in result.facets.items()
        }
        # False when more than catalog.search.FACET_COUNT_LIMIT (5,000) services match:
        # "count" is then that limit, the facet counts are lower bounds, and the pages cover
        # the first 5,000 results (narrow the search to see the rest)
        response.data["counts_exact"] = result.counts_exact
        return response

    @extend_schema(request=ServiceInputSerializer, responses={201: ServiceOutputSerializer})
    def post(self, request):
        serializer = ServiceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        provider = data.pop("provider", None)
        if provider is None:
            member_of = list(perms.provider_ids(request.user))
            if len(member_of) != 1:
                raise exceptions.ValidationError({"provider": [_("Choose the provider.")]})
            provider = Provider.objects.get(pk=member_of[0])
        _check(perms.can_create_service(request.user, provider))
        service = services.service_create(actor=request.user, provider=provider, data=data)
        return Response(ServiceOutputSerializer(service).data, status=status.HTTP_201_CREATED)


class ServiceDetailApi(APIView):
    """GET a service visible to the viewer; PATCH (members of its own provider only)."""

    def get_permissions(self):
        if self.request.method in ("PATCH", "PUT"):
            return [IsProviderMember()]
        return []

    @extend_schema(responses=ServiceOutputSerializer)
    def get(self, request, pk):
        service = selectors.service_get(viewer=request.user, service_id=pk)
        return Response(ServiceOutputSerializer(service).data)

    @extend_schema(request=ServiceInputSerializer, responses=ServiceOutputSerializer)
    def patch(self, request, pk):
        service = get_object_or_404(Service.objects.select_related("provider"), pk=pk)
        _check(perms.can_edit_service(request.user, service))
        serializer = ServiceInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("provider", None)
        service = services.service_update(actor=request.user, service=service, data=data)
        return Response(ServiceOutputSerializer(service).data)


class _ServiceActionApi(APIView):
    permission_classes = [IsProviderMember]
    predicate = staticmethod(perms.can_edit_service)
    function = None

    @extend_schema(request=None, responses=ServiceOutputSerializer)
    def post(self, request, pk):
        service = get_object_or_404(Service.objects.select_related("provider"), pk=pk)
        _check(self.predicate(request.user, service))
        service = self.function(actor=request.user, service=service)
        return Response(ServiceOutputSerializer(service).data)


class ServiceSubmitApi(_ServiceActionApi):
    function = staticmethod(services.service_submit)


class ServiceConfirmApi(_ServiceActionApi):
    function = staticmethod(services.service_confirm)


class ServiceArchiveApi(_ServiceActionApi):
    predicate = staticmethod(perms.can_archive_service)
    function = staticmethod(services.service_archive)


class ServicePublishApi(_ServiceActionApi):
    permission_classes = [IsPlatformAdmin]
    predicate = staticmethod(perms.can_moderate_service)
    function = staticmethod(services.service_publish)


class RejectSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000)


class ServiceRejectApi(APIView):
    permission_classes = [IsPlatformAdmin]

    @extend_schema(request=RejectSerializer, responses=ServiceOutputSerializer)
    def post(self, request, pk):
        service = get_object_or_404(Service.objects.select_related("provider"), pk=pk)
        _check(perms.can_moderate_service(request.user, service))
        serializer = RejectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        service = services.service_reject(
            actor=request.user, service=service, note=serializer.validated_data["note"]
        )
        return Response(ServiceOutputSerializer(service).data)


class ProviderServiceListApi(APIView):
    """The signed-in provider member's own services in every status."""

    permission_classes = [IsProviderMember]
    pagination_class = CatalogPagination  # also documents the page in the schema

    @extend_schema(responses=ServiceOutputSerializer(many=True))
    def get(self, request):
        queryset = (
            Service.objects.filter(provider_id__in=perms.provider_ids(request.user))
            .select_related("provider", "service_type")
            .prefetch_related("target_groups", "regions", "municipalities", "locations")
            .order_by("pk")
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(ServiceOutputSerializer(page, many=True).data)


class ProviderListApi(APIView):
    pagination_class = CatalogPagination  # also documents the page in the schema

    @extend_schema(responses=ProviderSerializer(many=True))
    def get(self, request):
        queryset = Provider.objects.filter(is_verified=True).order_by("name")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(ProviderSerializer(page, many=True).data)


class ProviderDetailApi(APIView):
    @extend_schema(responses=ProviderSerializer)
    def get(self, request, pk):
        provider = get_object_or_404(Provider, pk=pk)
        if not (provider.is_verified or perms.can_manage_provider(request.user, provider)):
            raise Http404
        return Response(ProviderSerializer(provider).data)


class TaxonomyTermListApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("taxonomy", OpenApiTypes.STR)],
        responses=TaxonomyTermSerializer(many=True),
    )
    def get(self, request):
        taxonomy = request.query_params.get("taxonomy") or None
        if taxonomy and taxonomy not in TaxonomyTerm.Taxonomy.values:
            raise exceptions.ValidationError({"taxonomy": [_("Unknown taxonomy.")]})
        terms = selectors.taxonomy_terms(taxonomy=taxonomy)
        return Response(TaxonomyTermSerializer(terms, many=True).data)


class EnrolmentSerializer(serializers.ModelSerializer):
    service = serializers.PrimaryKeyRelatedField(read_only=True)
    service_name = serializers.SerializerMethodField()

    class Meta:
        model = EnrolmentRequest
        fields = ["id", "service", "service_name", "message", "status", "created_at"]

    def get_service_name(self, obj) -> dict:
        return translations(obj.service, "name")


class EnrolmentCreateSerializer(serializers.Serializer):
    service = serializers.IntegerField()
    message = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class EnrolmentListApi(APIView):
    """GET: the viewer's own requests and, for provider members, requests to their
    providers. POST: 'I'm interested' for a published service."""

    permission_classes = [IsAuthenticatedUser]
    pagination_class = CatalogPagination  # also documents the page in the schema

    @extend_schema(responses=EnrolmentSerializer(many=True))
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.enrolment_list(viewer=request.user), request, view=self
        )
        return paginator.get_paginated_response(EnrolmentSerializer(page, many=True).data)

    @extend_schema(request=EnrolmentCreateSerializer, responses={201: EnrolmentSerializer})
    def post(self, request):
        serializer = EnrolmentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            service = selectors.service_get(
                viewer=request.user, service_id=serializer.validated_data["service"]
            )
        except Http404:
            raise exceptions.ValidationError({"service": [_("No such service.")]})
        _check(perms.can_request_enrolment(request.user, service))
        enrolment = services.enrolment_request_create(
            user=request.user,
            service=service,
            message=serializer.validated_data.get("message", ""),
        )
        return Response(EnrolmentSerializer(enrolment).data, status=status.HTTP_201_CREATED)


class DecisionSerializer(serializers.Serializer):
    accept = serializers.BooleanField()


class EnrolmentDecideApi(APIView):
    permission_classes = [IsProviderMember]

    @extend_schema(request=DecisionSerializer, responses=EnrolmentSerializer)
    def post(self, request, pk):
        enrolment = selectors.enrolment_get(viewer=request.user, enrolment_id=pk)
        _check(perms.can_decide_enrolment(request.user, enrolment))
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        enrolment = services.enrolment_request_decide(
            actor=request.user, enrolment=enrolment, accept=serializer.validated_data["accept"]
        )
        return Response(EnrolmentSerializer(enrolment).data)


class EnrolmentWithdrawApi(APIView):
    permission_classes = [IsAuthenticatedUser]

    @extend_schema(request=None, responses=EnrolmentSerializer)
    def post(self, request, pk):
        enrolment = selectors.enrolment_get(viewer=request.user, enrolment_id=pk)
        _check(perms.can_withdraw_enrolment(request.user, enrolment))
        enrolment = services.enrolment_request_withdraw(actor=request.user, enrolment=enrolment)
        return Response(EnrolmentSerializer(enrolment).data)
