"""/api/v1/recommendations/: the signed-in user's recommendations (a jobseeker's services and
jobs, an employer's services), candidates for an employer's job ad, and feedback. Permission
checks wrap the predicates in tori.permissions; factor texts follow Accept-Language."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog.api import TranslatedField
from jobs.models import JobAd
from matching import selectors, services
from matching.models import Kind, Recommendation, RecommendationFeedback
from profiles import services as profile_services
from tori import permissions as perms


class FactorSerializer(serializers.Serializer):
    code = serializers.CharField()
    points = serializers.FloatField()
    text = serializers.CharField()


class ServiceTargetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uuid = serializers.UUIDField()
    name = TranslatedField("name")


class JobTargetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uuid = serializers.UUIDField()
    title = TranslatedField("title")
    municipality = serializers.CharField(source="municipality_id")
    application_deadline = serializers.DateField()


class CandidateTargetSerializer(serializers.Serializer):
    public_id = serializers.UUIDField()
    pseudonym = serializers.CharField()


TARGET_SERIALIZERS = {
    Kind.SERVICE: ServiceTargetSerializer,
    Kind.JOB: JobTargetSerializer,
    Kind.CANDIDATE: CandidateTargetSerializer,
}


class RecommendationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    score = serializers.FloatField()
    saved = serializers.BooleanField()
    target = serializers.SerializerMethodField()
    factors = FactorSerializer(many=True)

    def get_target(self, row) -> dict:
        return TARGET_SERIALIZERS[row.kind](row.target).data


class FeedbackInputSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=RecommendationFeedback.Action.choices)


def _rows(request, subject, kind):
    rows = selectors.recommendation_list(viewer=request.user, subject=subject, kind=kind)
    return Response(RecommendationSerializer(rows, many=True).data)


class RecommendationListApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("kind", enum=[Kind.SERVICE, Kind.JOB]),
            OpenApiParameter("organisation", int, description="Employers: which organisation"),
        ],
        responses=RecommendationSerializer(many=True),
    )
    def get(self, request):
        """Jobseekers: kind=service or kind=job for their profile. Employers: kind=service
        for their (first) organisation, or ?organisation=<id>."""
        kind = request.query_params.get("kind", Kind.SERVICE)
        if kind not in (Kind.SERVICE, Kind.JOB):
            raise exceptions.ValidationError({"kind": ["service or job"]})
        if perms.is_jobseeker(request.user):
            profile = profile_services.jobseeker_profile_get_or_create(user=request.user)
            return _rows(request, profile, kind)
        if perms.can_use_employer_pages(request.user) and kind == Kind.SERVICE:
            memberships = request.user.employer_memberships.active().select_related("organisation")
            wanted = request.query_params.get("organisation")
            if wanted:
                if not (wanted.isascii() and wanted.isdigit()):
                    raise exceptions.ValidationError({"organisation": [_("Enter a whole number.")]})
                memberships = memberships.filter(organisation_id=int(wanted))
            membership = memberships.order_by("organisation_id").first()
            if membership is None:
                raise Http404
            return _rows(request, membership.organisation, kind)
        raise exceptions.PermissionDenied


class JobCandidatesApi(APIView):
    @extend_schema(responses=RecommendationSerializer(many=True))
    def get(self, request, pk):
        """Pseudonymous candidates for a job ad of the employer's own organisation."""
        job_ad = get_object_or_404(JobAd, pk=pk)
        if not perms.can_view_recommendations(request.user, job_ad):
            raise exceptions.PermissionDenied
        return _rows(request, job_ad, Kind.CANDIDATE)


class RecommendationFeedbackApi(APIView):
    @extend_schema(request=FeedbackInputSerializer, responses={201: FeedbackInputSerializer})
    def post(self, request, pk):
        """Save a recommendation or dismiss it ("not for me")."""
        if not perms.is_signed_in(request.user):
            raise exceptions.NotAuthenticated
        try:
            recommendation = selectors.recommendation_get(viewer=request.user, recommendation_id=pk)
        except Recommendation.DoesNotExist:
            raise Http404 from None
        data = FeedbackInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        feedback = services.feedback_record(
            user=request.user, recommendation=recommendation, action=data.validated_data["action"]
        )
        return Response({"action": feedback.action}, status=status.HTTP_201_CREATED)
