"""/api/v1/e-services/: applicants submit and follow their items; experts process and decide."""

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from eservices import selectors, services
from eservices.models import AVAILABILITY, EserviceItem
from expert import selectors as expert_selectors
from expert import services as expert_services
from profiles import codes
from profiles.models import EmployerOrganisation
from reference.models import Municipality
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
            "municipality",
            "data",
            "decision_reason",
            "submitted_at",
            "decided_at",
        ]


class EserviceItemDetailSerializer(EserviceItemSerializer):
    """An item as its detail endpoint returns it. For an expert of the item's area the same as
    on the expert's item page: the item, the applicant's name and the reference of the
    customer's open case (the profile and the work ability details are read on the customer
    page, through the case); for the applicant those two are empty."""

    applicant_name = serializers.SerializerMethodField()
    case = serializers.SerializerMethodField()

    class Meta(EserviceItemSerializer.Meta):
        fields = [*EserviceItemSerializer.Meta.fields, "applicant_name", "case"]

    def get_applicant_name(self, item) -> str:
        if not self.context.get("expert") or item.subject_id is None:
            return ""
        return item.subject.get_full_name()

    def get_case(self, item) -> str | None:
        case = self.context.get("case")
        return case.reference if self.context.get("expert") and case is not None else None


class ItemPagination(PageNumberPagination):
    page_size = 50


class ItemListApi(APIView):
    """Own items (jobseekers, employers' organisations); the items of their area for experts."""

    permission_classes = [IsAuthenticatedUser]
    pagination_class = ItemPagination  # also documents the page in the schema

    @extend_schema(responses=EserviceItemSerializer(many=True))
    def get(self, request):
        user = request.user
        if not (
            perms.is_jobseeker(user) or perms.is_employer(user) or perms.can_use_expert_view(user)
        ):
            raise exceptions.PermissionDenied
        paginator = self.pagination_class()
        queryset = selectors.eservice_item_list(viewer=user, filters=request.query_params)
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(EserviceItemSerializer(page, many=True).data)


class ItemDetailApi(APIView):
    """The applicant's own item; for an expert of the item's area the expert's reading of it,
    recorded in the person's access log like the expert's item page."""

    permission_classes = [IsAuthenticatedUser]

    @extend_schema(responses=EserviceItemDetailSerializer)
    def get(self, request, item_id):
        item = selectors.eservice_item_get(viewer=request.user, item_id=item_id)
        if perms.is_eservice_item_party(request.user, item):
            return Response(EserviceItemDetailSerializer(item).data)
        expert_services.eservice_item_access_record(viewer=request.user, item=item)
        case = expert_selectors.eservice_item_case(viewer=request.user, item=item)
        context = {"expert": True, "case": case}
        return Response(EserviceItemDetailSerializer(item, context=context).data)


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
    municipality = serializers.PrimaryKeyRelatedField(
        queryset=Municipality.objects.all(),
        help_text="Code of the workplace municipality; its employment services handle it.",
    )
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
    """Take an item of the area to handle (as on the expert's item page: a registration of a
    customer without an open case opens one); another area's item is 404."""

    permission_classes = [IsExpert]

    @extend_schema(request=None, responses=EserviceItemSerializer)
    def post(self, request, item_id):
        item = expert_selectors.eservice_item_get(viewer=request.user, item_id=item_id)
        item, _case = expert_services.eservice_item_take(actor=request.user, item=item)
        return Response(EserviceItemSerializer(item).data)


class ItemDecisionApi(APIView):
    """Decide an item of the area; another area's item is 404."""

    permission_classes = [IsExpert]

    @extend_schema(request=EserviceDecisionSerializer, responses=EserviceItemSerializer)
    def post(self, request, item_id):
        item = expert_selectors.eservice_item_get(viewer=request.user, item_id=item_id)
        serializer = EserviceDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = expert_services.eservice_item_decide(
            item=item,
            actor=request.user,
            decision=serializer.validated_data["decision"],
            reason=serializer.validated_data.get("reason", ""),
        )
        return Response(EserviceItemSerializer(item).data)
