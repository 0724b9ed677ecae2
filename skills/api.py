"""POST /api/v1/skills/suggest — free text (JSON) or a CV file (multipart) → suggestions."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from skills import extraction, selectors
from skills.messages import error_message
from tori.exceptions import ApplicationError


class SuggestionSerializer(serializers.Serializer):
    uri = serializers.CharField()
    kind = serializers.ChoiceField(choices=["skill", "occupation"])
    label = serializers.CharField()
    label_language = serializers.CharField(
        help_text=_(
            "Language of the label: the requested one, or fi/en/sv when the skill or "
            "occupation has no label in it."
        )
    )
    score = serializers.FloatField()
    evidence = serializers.CharField()
    matched_words = serializers.ListField(child=serializers.CharField())
    implied_by = serializers.CharField(allow_null=True)


class SkillSuggestApi(APIView):
    class InputSerializer(serializers.Serializer):
        text = serializers.CharField(
            required=False,
            allow_blank=True,
            trim_whitespace=False,
            help_text=_("Free text about work, studies or skills (fi, sv or en)."),
        )
        file = serializers.FileField(
            required=False,
            allow_empty_file=True,
            help_text=_("A CV as PDF, DOCX, ODT or TXT (multipart upload)."),
        )
        language = serializers.CharField(required=False, allow_blank=True)
        limit = serializers.IntegerField(required=False, min_value=1, max_value=selectors.MAX_LIMIT)

    class OutputSerializer(serializers.Serializer):
        language = serializers.CharField()
        suggestions = SuggestionSerializer(many=True)

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def post(self, request):
        upload = request.FILES.get("file")
        if upload is not None and upload.size > extraction.MAX_UPLOAD_BYTES:
            raise ApplicationError(error_message("too_large"), field="file", code="too_large")
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        text = data.get("text")
        if upload is not None:
            try:
                text = extraction.extract_text(upload.name, upload.read())
            except extraction.ExtractionError as error:
                raise ApplicationError(
                    error_message(error.code), field="file", code=error.code
                ) from None
        result = selectors.skill_suggestions(
            text=text,
            language=data.get("language") or None,
            ui_language=(get_language() or "fi")[:2],
            limit=data.get("limit", 10),
        )
        return Response(
            self.OutputSerializer(
                {"language": result["language"], "suggestions": result["suggestions"]}
            ).data
        )
