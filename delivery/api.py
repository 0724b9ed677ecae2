"""/api/v1/ for service delivery: providers' own systems record attendance (token
authentication as in the catalogue's write API: ``Authorization: Token <key>``)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from delivery.models import Attendance
from delivery.selectors import groups as selectors
from delivery.services import attendance as services
from tori import permissions as perms


class CanUseDelivery(BasePermission):
    def has_permission(self, request, view):
        return perms.can_use_delivery(request.user)


class AttendanceItemSerializer(serializers.Serializer):
    participation = serializers.UUIDField(help_text="The participation's id (uuid).")
    date = serializers.DateField(help_text="A scheduled day of the group, not in the future.")
    status = serializers.ChoiceField(choices=Attendance.Status.choices)
    absence_reason = serializers.ChoiceField(
        choices=Attendance.AbsenceReason.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required when the status is absent; empty otherwise.",
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


class AttendanceOutputSerializer(serializers.ModelSerializer):
    participation = serializers.UUIDField(source="participation.uuid")
    date = serializers.DateField(source="session.date")

    class Meta:
        model = Attendance
        fields = ["participation", "date", "status", "absence_reason", "note", "recorded_at"]


class AttendanceErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    items = serializers.ListField(
        child=serializers.DictField(child=serializers.ListField(child=serializers.CharField())),
        help_text="One object per item sent, in the same order: {} for a good item, "
        "{field: [message]} for a refused one.",
    )


def _item_errors(errors, data) -> list[dict] | None:
    """The list serializer's errors as one dict per item sent (DRF gives a list, or a dict
    keyed by the item's index)."""
    if isinstance(errors, list):
        return [dict(item) for item in errors]
    if isinstance(errors, dict) and errors and all(str(k).isdigit() for k in errors):
        return [dict(errors.get(str(i), errors.get(i, {}))) for i in range(len(data))]
    return None


class GroupAttendanceApi(APIView):
    """POST a list of attendance records of one group. All items are checked first; if any
    is refused nothing is saved and the answer is 400 with a message per item. A record for
    the same participant and day again corrects it. Another provider's group: 404."""

    permission_classes = [CanUseDelivery]

    @extend_schema(
        request=AttendanceItemSerializer(many=True),
        responses={
            200: AttendanceOutputSerializer(many=True),
            400: OpenApiResponse(response=AttendanceErrorSerializer),
            404: OpenApiResponse(description="No such group of your providers."),
        },
        summary="Record attendance of a group",
    )
    def post(self, request, group_id):
        group = selectors.group_get(viewer=request.user, group_id=group_id)
        serializer = AttendanceItemSerializer(data=request.data, many=True)
        if not serializer.is_valid():
            items = _item_errors(serializer.errors, request.data)
            if items is None:  # not a list of items at all
                raise exceptions.ValidationError(serializer.errors)
            return Response(
                {"detail": _("Some items were refused; nothing was saved."), "items": items},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            saved = services.attendance_record(
                actor=request.user, group=group, rows=serializer.validated_data
            )
        except services.AttendanceRefused as error:
            return Response(
                {"detail": _("Some items were refused; nothing was saved."), "items": error.errors},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(AttendanceOutputSerializer(saved, many=True).data)
