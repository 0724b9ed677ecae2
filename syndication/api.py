"""/api/v1/ for syndication.

* ``GET feeds/jobs?modified_since=…`` — public, paginated feed of Tori's own job ads for partner
  platforms (the same representation as /api/v1/jobs/).
* ``partner/…`` — the partner write API for recruitment firms and ATS systems:
  ``Authorization: Bearer <token>``; a partner sees and writes only the ads it published for
  the employer organisations that authorised it (tori.permissions.can_partner_*)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import authentication, exceptions, serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog.api import CatalogPagination
from jobs.api import JobAdInputSerializer, JobAdOutputSerializer
from profiles.models import EmployerOrganisation
from syndication import selectors, services
from syndication.models import PartnerClient, hash_token
from tori import permissions as perms
from tori.dates import parse_moment


class FeedPagination(CatalogPagination):
    page_size = 100
    max_page_size = 500


def parse_modified_since(value: str | None) -> datetime.datetime | None:
    """ISO 8601 date or date-time; a time without a zone is Finnish time."""
    if value in (None, ""):
        return None
    try:
        # a "+" of the offset arrives as a space when the client did not encode it
        return parse_moment(value.replace(" ", "+"))
    except ValueError:
        raise exceptions.ValidationError(
            {"modified_since": [_("Give an ISO 8601 date or date and time.")]}
        ) from None


class JobAdFeedApi(APIView):
    """Tori's own job ads for partner platforms, oldest change first. Poll with the
    `modified_since` of your previous poll's start to receive new, changed, expired and
    closed ads (their `status` tells which)."""

    authentication_classes: list = []
    permission_classes: list = []
    pagination_class = FeedPagination

    @extend_schema(
        parameters=[
            OpenApiParameter("modified_since", OpenApiTypes.DATETIME),
            OpenApiParameter("page", OpenApiTypes.INT),
            OpenApiParameter("page_size", OpenApiTypes.INT),
        ],
        responses=JobAdOutputSerializer(many=True),
    )
    def get(self, request):
        since = parse_modified_since(request.query_params.get("modified_since"))
        queryset = selectors.job_ad_feed(viewer=request.user, modified_since=since)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(JobAdOutputSerializer(page, many=True).data)


# --- partner write API -------------------------------------------------------------------------


class PartnerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            token = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        partner = PartnerClient.objects.filter(token_hash=hash_token(token)).first()
        if partner is None or not partner.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return AnonymousUser(), partner

    def authenticate_header(self, request):
        return self.keyword


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    target_class = PartnerTokenAuthentication
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Partner token, issued by Tori's platform administrators.",
        }


class IsPartner(BasePermission):
    def has_permission(self, request, view):
        return perms.is_active_partner(request.auth)


class _PartnerApi(APIView):
    authentication_classes = [PartnerTokenAuthentication]
    permission_classes = [IsPartner]


class PartnerOrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = EmployerOrganisation
        fields = ["id", "name", "business_id"]


class PartnerJobAdOutputSerializer(JobAdOutputSerializer):
    external_id = serializers.CharField(source="partner_link.external_id", read_only=True)

    class Meta(JobAdOutputSerializer.Meta):
        fields = ["external_id", *JobAdOutputSerializer.Meta.fields]


class PartnerJobAdInputSerializer(JobAdInputSerializer):
    external_id = serializers.CharField(max_length=200)
    business_id = serializers.CharField(
        max_length=9, help_text="Business ID (Y-tunnus) of the employer that authorised you"
    )
    publish = serializers.BooleanField(default=True)

    def service_data(self) -> dict:
        data = super().service_data()
        for name in ("external_id", "business_id", "publish"):
            data.pop(name, None)
        return data


def _check(allowed: bool) -> None:
    if not allowed:
        raise exceptions.PermissionDenied


class PartnerOrganisationListApi(_PartnerApi):
    """The employer organisations that authorised this partner."""

    @extend_schema(responses=PartnerOrganisationSerializer(many=True))
    def get(self, request):
        organisations = selectors.partner_organisation_list(partner=request.auth)
        return Response(PartnerOrganisationSerializer(organisations, many=True).data)


class PartnerJobAdListApi(_PartnerApi):
    """GET: the partner's ads. POST: create, or update when `external_id` is already known
    (idempotent); published unless `publish` is false."""

    pagination_class = CatalogPagination

    @extend_schema(responses=PartnerJobAdOutputSerializer(many=True))
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.partner_job_ad_list(partner=request.auth), request, view=self
        )
        return paginator.get_paginated_response(PartnerJobAdOutputSerializer(page, many=True).data)

    @extend_schema(
        request=PartnerJobAdInputSerializer,
        responses={201: PartnerJobAdOutputSerializer, 200: PartnerJobAdOutputSerializer},
    )
    def post(self, request):
        serializer = PartnerJobAdInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        business_id = serializer.validated_data["business_id"].strip()
        organisation = EmployerOrganisation.objects.filter(business_id=business_id).first()
        _check(perms.can_partner_publish_for(request.auth, organisation))
        job_ad, created = services.partner_job_ad_upsert(
            partner=request.auth,
            organisation=organisation,
            external_id=serializer.validated_data["external_id"],
            data=serializer.service_data(),
            publish=serializer.validated_data["publish"],
        )
        return Response(
            PartnerJobAdOutputSerializer(job_ad).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class PartnerJobAdDetailApi(_PartnerApi):
    """GET or PATCH one of the partner's ads by the partner's own id for it."""

    @extend_schema(responses=PartnerJobAdOutputSerializer)
    def get(self, request, external_id):
        job_ad = selectors.partner_job_ad_get(partner=request.auth, external_id=external_id)
        return Response(PartnerJobAdOutputSerializer(job_ad).data)

    @extend_schema(request=JobAdInputSerializer, responses=PartnerJobAdOutputSerializer)
    def patch(self, request, external_id):
        job_ad = selectors.partner_job_ad_get(partner=request.auth, external_id=external_id)
        serializer = JobAdInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        job_ad, _created = services.partner_job_ad_upsert(
            partner=request.auth,
            organisation=job_ad.organisation,
            external_id=external_id,
            data=serializer.service_data(),
            publish=False,
        )
        return Response(PartnerJobAdOutputSerializer(job_ad).data)


class PartnerJobAdCloseApi(_PartnerApi):
    @extend_schema(request=None, responses=PartnerJobAdOutputSerializer)
    def post(self, request, external_id):
        job_ad = selectors.partner_job_ad_get(partner=request.auth, external_id=external_id)
        job_ad = services.partner_job_ad_close(partner=request.auth, job_ad=job_ad)
        return Response(PartnerJobAdOutputSerializer(job_ad).data)
