from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from profiles import selectors, services
from profiles.forms import CandidateSearchForm
from profiles.models import DataAccessLog, ProfileSection
from tori import permissions as perms
from tori.api import IsAuthenticatedUser


class MeSerializer(serializers.Serializer):
    email = serializers.EmailField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    role = serializers.CharField()
    preferred_language = serializers.CharField()


class MeApi(APIView):
    """The signed-in user's own account."""

    permission_classes = [IsAuthenticatedUser]
    serializer_class = MeSerializer

    def get(self, request):
        return Response(MeSerializer(request.user).data)


# --- Jobseeker profile, consent, My data; candidates for employers -------------------------


class IsJobseeker(permissions.BasePermission):
    def has_permission(self, request, view):
        return perms.can_manage_own_data(request.user)


class CanSearchCandidates(permissions.BasePermission):
    def has_permission(self, request, view):
        return perms.can_search_candidates(request.user)


class ProfileUpdateSerializer(serializers.Serializer):
    headline = serializers.CharField(max_length=150, allow_blank=True, required=False)
    introduction = serializers.CharField(max_length=4000, allow_blank=True, required=False)


class ProfileApi(APIView):
    """GET: the jobseeker's own profile (every part). PATCH: headline and introduction."""

    permission_classes = [IsJobseeker]

    def _data(self, request):
        profile = selectors.own_profile_get(viewer=request.user)
        return {
            "id": str(profile.public_id),
            "published_to_employers": profile.is_published,
            "published_sections": profile.published_sections,
            "work_ability_reasons": selectors.work_ability_get(
                viewer=request.user, profile=profile
            ),
            **selectors.profile_sections_data(profile=profile, sections=ProfileSection.values),
        }

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        services.jobseeker_profile_get_or_create(user=request.user)
        return Response(self._data(request))

    @extend_schema(request=ProfileUpdateSerializer, responses=OpenApiTypes.OBJECT)
    def patch(self, request):
        serializer = ProfileUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        profile = services.jobseeker_profile_get_or_create(user=request.user)
        services.jobseeker_introduction_update(
            profile=profile,
            actor=request.user,
            headline=serializer.validated_data.get("headline", profile.headline),
            introduction=serializer.validated_data.get("introduction", profile.introduction),
            home_municipality=profile.home_municipality,
        )
        return Response(self._data(request))


class PublicationSerializer(serializers.Serializer):
    sections = serializers.ListField(child=serializers.CharField(), allow_empty=False)


class PublicationApi(APIView):
    """PUT: publish pseudonymously with the chosen parts (a consent). DELETE: withdraw."""

    permission_classes = [IsJobseeker]

    @extend_schema(request=PublicationSerializer, responses=OpenApiTypes.OBJECT)
    def put(self, request):
        serializer = PublicationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        profile = services.jobseeker_profile_get_or_create(user=request.user)
        consent = services.profile_publish(
            profile=profile, actor=request.user, sections=serializer.validated_data["sections"]
        )
        return Response(
            {
                "consent": str(consent.pk),
                "sections": consent.scope,
                "version": consent.version,
                "given_at": consent.given_at,
            }
        )

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        profile = services.jobseeker_profile_get_or_create(user=request.user)
        services.profile_unpublish(profile=profile, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyDataExportApi(APIView):
    permission_classes = [IsJobseeker]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        return Response(selectors.my_data_export(viewer=request.user))


class ContactRequestSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    organisation = serializers.CharField(source="organisation.name")
    candidate = serializers.UUIDField(source="profile.public_id")
    message = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)


class ContactRequestListApi(APIView):
    """Jobseekers: requests to them. Employers: requests their organisations sent."""

    permission_classes = [IsAuthenticatedUser]

    @extend_schema(responses=ContactRequestSerializer(many=True))
    def get(self, request):
        if not (perms.is_jobseeker(request.user) or perms.can_search_candidates(request.user)):
            raise exceptions.PermissionDenied
        items = selectors.contact_request_list(viewer=request.user)
        return Response(ContactRequestSerializer(items, many=True).data)


class ContactAnswerSerializer(serializers.Serializer):
    accept = serializers.BooleanField()


class ContactRequestAnswerApi(APIView):
    permission_classes = [IsJobseeker]

    @extend_schema(request=ContactAnswerSerializer, responses=ContactRequestSerializer)
    def post(self, request, request_id):
        contact = selectors.contact_request_get(viewer=request.user, request_id=request_id)
        serializer = ContactAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        contact = services.contact_request_answer(
            actor=request.user,
            contact_request=contact,
            accept=serializer.validated_data["accept"],
        )
        return Response(ContactRequestSerializer(contact).data)


class CandidateListApi(APIView):
    """Published, consenting profiles; pseudonymous (no name, no contact, no situation)."""

    permission_classes = [CanSearchCandidates]

    @extend_schema(
        parameters=[
            OpenApiParameter("skill", str),
            OpenApiParameter("occupation", str),
            OpenApiParameter("region", str),
            OpenApiParameter("language", str),
        ],
        responses=OpenApiTypes.OBJECT,
        operation_id="candidates_list",
    )
    def get(self, request):
        form = CandidateSearchForm(request.query_params)
        if request.query_params and not form.is_valid():
            raise exceptions.ValidationError(form.errors)
        paginator = PageNumberPagination()
        paginator.page_size = 20
        queryset = selectors.candidate_list(viewer=request.user, filters=form.filters())
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(
            [
                selectors.candidate_data(viewer=request.user, profile=p, with_contact=False)
                for p in page
            ]
        )


class CandidateDetailApi(APIView):
    permission_classes = [CanSearchCandidates]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, public_id):
        profile = selectors.candidate_get(viewer=request.user, public_id=public_id)
        data = selectors.candidate_data(viewer=request.user, profile=profile)
        if "contact" in data["sections"]:
            services.data_access_record(
                subject=profile.user,
                accessor=request.user,
                purpose=DataAccessLog.Purpose.EMPLOYER_CANDIDATE,
                sections=data["sections"],
                object_ref=str(profile.public_id),
                organisation=", ".join(
                    m.organisation.name
                    for m in request.user.employer_memberships.active().select_related(
                        "organisation"
                    )
                ),
            )
        return Response(data)


class ContactRequestCreateSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=1000)


class CandidateContactApi(APIView):
    permission_classes = [CanSearchCandidates]

    @extend_schema(
        request=ContactRequestCreateSerializer, responses={201: ContactRequestSerializer}
    )
    def post(self, request, public_id):
        profile = selectors.candidate_get(viewer=request.user, public_id=public_id)
        serializer = ContactRequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        contact = services.contact_request_create(
            actor=request.user, profile=profile, message=serializer.validated_data["message"]
        )
        return Response(ContactRequestSerializer(contact).data, status=status.HTTP_201_CREATED)
