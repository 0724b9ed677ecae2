"""/api/v1/ for jobs: public reads of listed ads (search with the job list's filters and facet
counts; detail answers 410 Gone once the application period is over) and the employers' write
API (session or token authentication: ``Authorization: Token <key>``). Permission classes and
checks wrap the predicates in tori.permissions."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog.api import CatalogPagination, SearchPagination, TranslatedField
from jobs import codes, selectors, services
from jobs.filters import JobAdFilter
from jobs.models import LANGUAGE_LEVEL_CHOICES, JobAd
from profiles import services as profile_services
from profiles.codes import EDUCATION_LEVELS
from profiles.models import EmployerOrganisation
from tori import permissions as perms


def _check(allowed: bool) -> None:
    if not allowed:
        raise exceptions.PermissionDenied


class IsEmployer(BasePermission):
    def has_permission(self, request, view):
        return perms.can_use_employer_pages(request.user)


class LanguageRequirementSerializer(serializers.Serializer):
    language = serializers.ChoiceField(
        choices=sorted(codes.codes(codes.LANGUAGES)),
        help_text="ISO 639-1 code or the ISO 639-2/3 codes of the Työmarkkinatori code list",
    )
    level = serializers.ChoiceField(
        choices=[code for code, _label in LANGUAGE_LEVEL_CHOICES],
        help_text="Työmarkkinatori language level (CEFR based): A1, B1, B2, C1, L1",
    )


class JobAdOutputSerializer(serializers.ModelSerializer):
    organisation = serializers.SerializerMethodField()
    title = TranslatedField("title")
    description = TranslatedField("description")
    how_to_apply = TranslatedField("how_to_apply")
    occupation = serializers.SlugRelatedField(slug_field="uri", read_only=True, allow_null=True)
    skills = serializers.SlugRelatedField(slug_field="uri", many=True, read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region = serializers.CharField(source="municipality.region_id", read_only=True)
    language_requirements = LanguageRequirementSerializer(many=True, read_only=True)
    cards_permits = serializers.ListField(child=serializers.CharField(), read_only=True)
    driving_licences = serializers.ListField(child=serializers.CharField(), read_only=True)
    valid_through = serializers.DateTimeField(read_only=True)

    class Meta:
        model = JobAd
        fields = [
            "id",
            "uuid",
            "organisation",
            "status",
            "title",
            "description",
            "how_to_apply",
            "application_url",
            "application_email",
            "occupation",
            "skills",
            "municipality",
            "region",
            "street_address",
            "postal_code",
            "remote",
            "work_time",
            "continuity",
            "start_type",
            "start_date",
            "salary_basis",
            "salary_min",
            "salary_max",
            "salary_period",
            "language_requirements",
            "education_level",
            "cards_permits",
            "driving_licences",
            "application_deadline",
            "valid_through",
            "published_at",
            "updated_at",
        ]

    def get_organisation(self, obj) -> dict:
        return {
            "id": obj.organisation_id,
            "name": obj.organisation.name,
            "business_id": obj.organisation.business_id,
        }


JobAdTextFields = type(
    "JobAdTextFields",
    (serializers.Serializer,),
    {
        name: serializers.CharField(
            required=False, allow_blank=True, max_length=services.MAX_HTML_LENGTH
        )
        for name in services.TEXT_FIELDS + services.HTML_FIELDS
    },
)


class JobAdInputSerializer(JobAdTextFields):
    """Flat fields (title_fi, description_sv, …; descriptions may hold simple HTML, which is
    sanitised). Codes as in the Työmarkkinatori code lists: municipality (Kunnat), work_time
    (työaika 01/02), continuity (työn jatkuvuus 01/02/0201/0202), start_type (työ alkaa),
    salary_basis (palkan peruste 01–07), education_level (koulutusaste, the minimum required),
    cards_permits (kortit ja luvat), driving_licences (ajokortti); ESCO occupation and skills by
    URI."""

    organisation = serializers.IntegerField(required=False)
    municipality = serializers.CharField(max_length=3, required=False)
    occupation = serializers.CharField(max_length=200, required=False, allow_blank=True)
    skills = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=50
    )
    street_address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    postal_code = serializers.CharField(max_length=5, required=False, allow_blank=True)
    remote = serializers.BooleanField(required=False)
    work_time = serializers.ChoiceField(choices=JobAd.WorkTime.choices, required=False)
    continuity = serializers.ChoiceField(choices=JobAd.Continuity.choices, required=False)
    start_type = serializers.ChoiceField(choices=JobAd.StartType.choices, required=False)
    start_date = serializers.DateField(required=False, allow_null=True)
    salary_basis = serializers.ChoiceField(
        choices=JobAd.SalaryBasis.choices, required=False, allow_blank=True
    )
    salary_min = serializers.DecimalField(
        max_digits=9, decimal_places=2, required=False, allow_null=True
    )
    salary_max = serializers.DecimalField(
        max_digits=9, decimal_places=2, required=False, allow_null=True
    )
    salary_period = serializers.ChoiceField(
        choices=JobAd.SalaryPeriod.choices, required=False, allow_blank=True
    )
    language_requirements = LanguageRequirementSerializer(many=True, required=False)
    education_level = serializers.ChoiceField(
        choices=EDUCATION_LEVELS,
        required=False,
        allow_blank=True,
        help_text="Minimum level of education required (koulutusaste 7.6: 31, 32, 4–8)",
    )
    cards_permits = serializers.ListField(
        child=serializers.CharField(max_length=5), required=False, max_length=50
    )
    driving_licences = serializers.ListField(
        child=serializers.CharField(max_length=5), required=False, max_length=10
    )
    application_deadline = serializers.DateField(required=False)
    application_url = serializers.URLField(required=False, allow_blank=True)
    application_email = serializers.EmailField(required=False, allow_blank=True)

    def service_data(self) -> dict:
        data = dict(self.validated_data)
        data.pop("organisation", None)
        if "language_requirements" in data:
            data["language_requirements"] = [dict(row) for row in data["language_requirements"]]
        return data


def _filter_parameters():
    params = []
    for name, flt in JobAdFilter.base_filters.items():
        many = flt.__class__.__name__ == "ChoicesFilter"
        params.append(
            OpenApiParameter(
                name,
                OpenApiTypes.BOOL if name == "remote" else OpenApiTypes.STR,
                description=str(flt.label),
                many=many,
                explode=True if many else None,
            )
        )
    params.append(OpenApiParameter("page", OpenApiTypes.INT))
    params.append(OpenApiParameter("page_size", OpenApiTypes.INT))
    return params


GONE = OpenApiResponse(description="The application period of the ad is over (410 Gone).")


def _job_ad_or_gone(request, pk):
    try:
        return selectors.job_ad_get(viewer=request.user, job_ad_id=pk)
    except selectors.JobAdGone:
        return None


class JobAdListApi(APIView):
    """GET: search listed job ads (the job list's parameters) with facet counts.
    POST: an employer creates a draft ad for their organisation."""

    pagination_class = CatalogPagination

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsEmployer()]
        return []

    @extend_schema(parameters=_filter_parameters(), responses=JobAdOutputSerializer(many=True))
    def get(self, request):
        result = selectors.job_ad_search(viewer=request.user, filters=request.query_params)
        paginator = SearchPagination(result.total)
        page = paginator.paginate_queryset(result.job_ads, request, view=self)
        response = paginator.get_paginated_response(JobAdOutputSerializer(page, many=True).data)
        response.data["facets"] = {
            name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for name, values in result.facets.items()
        }
        return response

    @extend_schema(request=JobAdInputSerializer, responses={201: JobAdOutputSerializer})
    def post(self, request):
        serializer = JobAdInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation_id = serializer.validated_data.get("organisation")
        member_of = perms.employer_ids(request.user)
        if organisation_id is None:
            if len(member_of) != 1:
                raise exceptions.ValidationError({"organisation": [_("Choose the employer.")]})
            organisation_id = next(iter(member_of))
        organisation = EmployerOrganisation.objects.filter(pk=organisation_id).first()
        _check(perms.can_create_job_ad(request.user, organisation))
        job_ad = services.job_ad_create(
            actor=request.user, organisation=organisation, data=serializer.service_data()
        )
        return Response(JobAdOutputSerializer(job_ad).data, status=status.HTTP_201_CREATED)


class JobAdDetailApi(APIView):
    """GET: a listed ad (or any ad of the viewer's organisation); 410 once it has expired or
    been closed. PATCH: members of the ad's organisation edit a draft or published ad."""

    def get_permissions(self):
        if self.request.method in ("PATCH", "PUT"):
            return [IsEmployer()]
        return []

    @extend_schema(responses={200: JobAdOutputSerializer, 404: None, 410: GONE})
    def get(self, request, pk):
        job_ad = _job_ad_or_gone(request, pk)
        if job_ad is None:
            return Response({"detail": _("This job ad is no longer open.")}, status=410)
        return Response(JobAdOutputSerializer(job_ad).data)

    @extend_schema(
        request=JobAdInputSerializer, responses={200: JobAdOutputSerializer, 403: None, 404: None}
    )
    def patch(self, request, pk):
        job_ad = get_object_or_404(JobAd.objects.select_related("organisation"), pk=pk)
        if job_ad.organisation_id not in perms.employer_ids(request.user):
            raise Http404
        _check(perms.can_edit_job_ad(request.user, job_ad))
        serializer = JobAdInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        job_ad = services.job_ad_update(
            actor=request.user, job_ad=job_ad, data=serializer.service_data()
        )
        return Response(JobAdOutputSerializer(job_ad).data)


class _JobAdActionApi(APIView):
    permission_classes = [IsEmployer]
    service = None
    allowed = None

    def denied_detail(self, job_ad):
        return None

    @extend_schema(request=None, responses={200: JobAdOutputSerializer, 403: None, 404: None})
    def post(self, request, pk):
        job_ad = get_object_or_404(JobAd.objects.select_related("organisation"), pk=pk)
        if job_ad.organisation_id not in perms.employer_ids(request.user):
            raise Http404
        if not type(self).allowed(request.user, job_ad):
            raise exceptions.PermissionDenied(self.denied_detail(job_ad))
        job_ad = type(self).service(actor=request.user, job_ad=job_ad)
        return Response(JobAdOutputSerializer(job_ad).data)


class JobAdPublishApi(_JobAdActionApi):
    """Draft → published."""

    service = staticmethod(services.job_ad_publish)
    allowed = staticmethod(perms.can_publish_job_ad)

    def denied_detail(self, job_ad):
        """An unverified organisation is told why it cannot publish yet."""
        if perms.is_verified_employer(job_ad.organisation):
            return None
        return profile_services.employer_unverified_error(job_ad.organisation).message


class JobAdCloseApi(_JobAdActionApi):
    """Published → closed (the application period ends now)."""

    service = staticmethod(services.job_ad_close)
    allowed = staticmethod(perms.can_close_job_ad)


class EmployerJobAdListApi(APIView):
    """Every ad of the employer's organisations, drafts and ended ads included."""

    permission_classes = [IsEmployer]
    pagination_class = CatalogPagination

    @extend_schema(responses=JobAdOutputSerializer(many=True))
    def get(self, request):
        paginator = CatalogPagination()
        queryset = (
            selectors.job_ad_list_for_employer(viewer=request.user)
            .prefetch_related("skills")
            .select_related("occupation", "municipality__region")
        )
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(JobAdOutputSerializer(page, many=True).data)
