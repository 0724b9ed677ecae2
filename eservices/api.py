"""/api/v1/e-services/: applicants submit and follow their items; experts process and decide."""

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from eservices import selectors, services
from eservices.models import AVAILABILITY, EserviceItem
from profiles import codes
from profiles import selectors as profile_selectors
from profiles import services as profile_services
from profiles.models import DataAccessLog, EmployerOrganisation, ProfileSection
from tori import permissions as perms
from tori.api import IsAuthenticatedUser, IsExpert


class EserviceItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = EserviceItem
        fields = [
            "id",
            "reference",
            "kind",
            "status",
            "data",
            "decision_reason",
            "submitted_at",
            "decided_at",
        ]


class ItemPagination(PageNumberPagination):
    page_size = 50


class ItemListApi(APIView):
    """Own items (jobseekers, employers' organisations); every item for experts."""

    permission_classes = [IsAuthenticatedUser]
    pagination_class = ItemPagination  # also documents the page in the schema

    @extend_schema(responses=EserviceItemSerializer(many=True))
    def get(self, request):
        user = request.user
        if not (
            perms.is_jobseeker(user)
            or perms.is_employer(user)
            or perms.can_process_eservice_item(user)
        ):
            raise exceptions.PermissionDenied
        paginator = self.pagination_class()
        queryset = selectors.eservice_item_list(viewer=user, filters=request.query_params)
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(EserviceItemSerializer(page, many=True).data)


class ItemDetailApi(APIView):
    """An expert opening an item about a jobseeker is recorded in the person's access log;
    the expert handling it also gets the profile (and work ability details)."""

    permission_classes = [IsAuthenticatedUser]

    @extend_schema(responses=EserviceItemSerializer)
    def get(self, request, item_id):
        item = selectors.eservice_item_get(viewer=request.user, item_id=item_id)
        data = EserviceItemSerializer(item).data
        expert_view = perms.can_process_eservice_item(request.user) and request.user.pk not in (
            item.applicant_id,
            item.subject_id,
        )
        if expert_view and item.subject_id is not None:
            profile = profile_services.jobseeker_profile_get_or_create(user=item.subject)
            sections = list(ProfileSection.values)
            profile_services.data_access_record(
                subject=item.subject,
                accessor=request.user,
                purpose=DataAccessLog.Purpose.EXPERT,
                sections=sections,
                object_ref=item.reference,
            )
            profile = profile_selectors.profile_queryset().get(pk=profile.pk)
            data["profile"] = profile_selectors.profile_sections_data(
                profile=profile, sections=sections
            )
            data["profile"]["work_ability_reasons"] = profile_selectors.work_ability_get(
                viewer=request.user, profile=profile
            )
        return Response(data)


class UnemploymentRegistrationSerializer(serializers.Serializer):
    start_date = serializers.DateField()
    previous_work = serializers.CharField(max_length=2000)
    previous_employer = serializers.CharField(max_length=150, required=False, allow_blank=True)
    previous_work_ended = serializers.DateField(required=False, allow_null=True)
    education = serializers.CharField(max_length=1000)
    education_level = serializers.ChoiceField(
        choices=[("", ""), *codes.EDUCATION_LEVELS], required=False
    )
    availability = serializers.ChoiceField(choices=AVAILABILITY)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    additional_information = serializers.CharField(
        max_length=2000, required=False, allow_blank=True
    )


class RegistrationApi(APIView):
    permission_classes = [IsAuthenticatedUser]

    @extend_schema(
        request=UnemploymentRegistrationSerializer, responses={201: EserviceItemSerializer}
    )
    def post(self, request):
        if not perms.can_register_as_unemployed(request.user):
            raise exceptions.PermissionDenied
        serializer = UnemploymentRegistrationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.unemployment_registration_submit(
            actor=request.user, **serializer.validated_data
        )
        return Response(EserviceItemSerializer(item).data, status=status.HTTP_201_CREATED)


class WageSubsidySerializer(serializers.Serializer):
    organisation = serializers.IntegerField()
    person_name = serializers.CharField(max_length=150)
    person_email = serializers.EmailField(required=False, allow_blank=True)
    job_title = serializers.CharField(max_length=150)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    weekly_hours = serializers.DecimalField(max_digits=4, decimal_places=1)
    monthly_wage = serializers.DecimalField(max_digits=8, decimal_places=2)
    justification = serializers.CharField(max_length=3000)


class WageSubsidyApi(APIView):
    permission_classes = [IsAuthenticatedUser]

    @extend_schema(request=WageSubsidySerializer, responses={201: EserviceItemSerializer})
    def post(self, request):
        if not perms.can_apply_wage_subsidy(request.user):
            raise exceptions.PermissionDenied
        serializer = WageSubsidySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = EmployerOrganisation.objects.filter(
            pk=data.pop("organisation"), pk__in=perms.employer_ids(request.user)
        ).first()
        if organisation is None:
            raise exceptions.ValidationError(
                {"organisation": [gettext("Choose your own organisation.")]}
            )
        item = services.wage_subsidy_apply(actor=request.user, organisation=organisation, **data)
        return Response(EserviceItemSerializer(item).data, status=status.HTTP_201_CREATED)


class EserviceDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[EserviceItem.Status.APPROVED, EserviceItem.Status.REJECTED]
    )
    reason = serializers.CharField(max_length=3000, required=False, allow_blank=True)


class ItemProcessApi(APIView):
    permission_classes = [IsExpert]

    @extend_schema(request=None, responses=EserviceItemSerializer)
    def post(self, request, item_id):
        item = selectors.eservice_item_get(viewer=request.user, item_id=item_id)
        item = services.eservice_start_processing(item=item, actor=request.user)
        return Response(EserviceItemSerializer(item).data)


class ItemDecisionApi(APIView):
    permission_classes = [IsExpert]

    @extend_schema(request=EserviceDecisionSerializer, responses=EserviceItemSerializer)
    def post(self, request, item_id):
        item = selectors.eservice_item_get(viewer=request.user, item_id=item_id)
        serializer = EserviceDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.eservice_decide(
            item=item,
            actor=request.user,
            decision=serializer.validated_data["decision"],
            reason=serializer.validated_data.get("reason", ""),
        )
        return Response(EserviceItemSerializer(item).data)
