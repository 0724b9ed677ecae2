"""/api/v1/statistics/: anonymised open statistics for partners (public, throttled like the
other public APIs, cached for an hour; the tables of a quarter are frozen once published,
see openstats.models). JSON by default, CSV with ``?format=csv``."""

from __future__ import annotations

import csv
import io

from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from openstats import selectors
from openstats.params import ENROLMENT_MEASURES, parse_query

K_RULE = (
    "**Disclosure control.** Every figure that counts people (or events of people) with "
    "0 < n < k is suppressed (`value: null, suppressed: true`); k is given in the response "
    "(`k`, 5 unless configured otherwise). Further figures are suppressed where a hidden "
    "figure could otherwise be worked out from the published row, column or grand totals "
    "(secondary suppression); suppressed figures are not marked as primary or secondary, so "
    "a suppressed figure may be any number from 1 upwards. Zeros are published as 0. "
    "Filtering by region selects rows of the national protected table. No personal data: "
    "no ids of people, no free text. CSV (`?format=csv`): the same table with a header row; "
    "a suppressed figure is an empty field."
)

PERIOD_RULE = (
    "**Periods: fixed quarters, frozen figures.** Figures are published per calendar quarter "
    "(`period=2026-Q3`), two weeks after the quarter has ended (so that late entries count); "
    "the default is the latest published quarter. Quarters never overlap, so two published "
    "tables cannot be subtracted from each other to reveal a hidden figure; for the same "
    "reason free periods (`year`, `from`, `to`) are refused with 400. A quarter's table is "
    "computed and protected the first time it is requested and stored: every later "
    "request gets exactly the same figures (`generated_at` is when they were computed). "
    "Late or corrected data — for example an outcome confirmed after the table was "
    "published — is not shown."
)

PERIOD_PARAMETERS = [
    OpenApiParameter(
        "period",
        OpenApiTypes.STR,
        pattern=r"^\d{4}-Q[1-4]$",
        description=(
            "Calendar quarter, `YYYY-QN` (e.g. `2026-Q3`); published two weeks after the "
            "quarter has ended, from the first quarter with figures onwards. Default: the "
            "latest published quarter. A quarter not yet published, a malformed value or "
            "`year`, `from` and `to` parameters give 400."
        ),
    ),
]
REGION_PARAMETER = OpenApiParameter(
    "region", OpenApiTypes.STR, description="Region (maakunta) code, e.g. `06`."
)
COMMON_PARAMETERS = [
    OpenApiParameter(
        "format", OpenApiTypes.STR, enum=["json", "csv"], description="`csv` for a CSV file."
    ),
    OpenApiParameter(
        "lang",
        OpenApiTypes.STR,
        enum=["fi", "sv", "en"],
        description="Language of the labels (default: Accept-Language, else Finnish).",
    ),
]


class StatisticsFigureSerializer(serializers.Serializer):
    value = serializers.IntegerField(allow_null=True, help_text="null when suppressed")
    suppressed = serializers.BooleanField()


class StatisticsColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField(help_text="In the language of the response")


class StatisticsRowSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text="Region code, service-type code, ESCO skill URI or `unknown`/`none`/`total`"
    )
    label = serializers.CharField()
    cells = StatisticsFigureSerializer(many=True, help_text="One figure per column, in order")


class StatisticsPeriodSerializer(serializers.Serializer):
    # "from" is a Python keyword, hence the explicit field names
    def get_fields(self):
        return {
            "quarter": serializers.CharField(help_text="YYYY-QN, e.g. 2026-Q3"),
            "from": serializers.DateField(help_text="First day of the quarter"),
            "to": serializers.DateField(help_text="Last day of the quarter"),
        }


class StatisticsRegionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class StatisticsTableSerializer(serializers.Serializer):
    dataset = serializers.ChoiceField(choices=list(selectors.DATASETS))
    k = serializers.IntegerField(help_text="Figures between 1 and k - 1 are never published")
    period = StatisticsPeriodSerializer(
        allow_null=True, help_text="The quarter; null for the services snapshot of today"
    )
    region = StatisticsRegionSerializer(allow_null=True)
    measure = serializers.CharField(allow_null=True)
    language = serializers.CharField()
    generated_at = serializers.DateTimeField(
        help_text="When the figures were computed: for a quarter, when its table was "
        "published (frozen); for the services snapshot, now"
    )
    columns = StatisticsColumnSerializer(many=True)
    rows = StatisticsRowSerializer(many=True)
    totals = StatisticsRowSerializer(allow_null=True, help_text="Whole-country totals, if additive")


class StatisticsCsvRenderer(BaseRenderer):
    """The table as CSV: a header row (the row label's column, then the columns), the rows
    and the totals row; a suppressed figure is an empty field."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        with translation.override(data.get("language") or translation.get_language()):
            row_heading = _("Row")  # rendered after the view's language override has ended
        writer.writerow([row_heading, *[c["label"] for c in data["columns"]]])
        rows = list(data["rows"])
        if data.get("totals"):
            rows.append(data["totals"])
        for row in rows:
            writer.writerow(
                [
                    row["label"],
                    *["" if c["suppressed"] else c["value"] for c in row["cells"]],
                ]
            )
        return out.getvalue().encode("utf-8")


class _StatisticsApi(APIView):
    """Shared GET: parse the filters, read the cached protected table, render."""

    permission_classes: list = []
    renderer_classes = [JSONRenderer, StatisticsCsvRenderer]
    dataset = ""

    def get(self, request):
        lang = request.query_params.get("lang") or ""
        if lang and lang not in ("fi", "sv", "en"):
            raise exceptions.ValidationError({"lang": [_("Use fi, sv or en.")]})
        with translation.override(lang or translation.get_language() or "fi"):
            query = parse_query(request.query_params, dataset=self.dataset)
            data = selectors.statistics_get(dataset=self.dataset, query=query)
        response = Response(data)
        if getattr(request.accepted_renderer, "format", "") == "csv":
            period = data["period"]
            parts = [
                "tori",
                self.dataset,
                data["region"]["code"] if data["region"] else "",
                period["quarter"] if period else "",
            ]
            name = "-".join(p for p in parts if p)
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        # errors are always JSON, also when a CSV was asked for
        if response.status_code >= 400:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


def _schema(summary: str, description: str, parameters: list, *, period: bool = True):
    return extend_schema(
        tags=["statistics"],
        summary=summary,
        description="\n\n".join([description, *([PERIOD_RULE] if period else []), K_RULE]),
        parameters=[*parameters, *COMMON_PARAMETERS],
        responses={
            (200, "application/json"): StatisticsTableSerializer,
            (200, "text/csv"): OpenApiTypes.STR,
            400: OpenApiResponse(description="Bad parameter: `{parameter: [message]}`"),
        },
    )


@extend_schema_view(
    get=_schema(
        "Demand for skills",
        "The ESCO skills most in demand: `job_ads` = job ads published in the quarter that "
        "require the skill (by the ad's municipality; about employers, not suppressed); "
        "`jobseekers` = jobseekers whose profile lists the skill at the end of the quarter "
        "(by home municipality; suppressed below k, protected per skill across regions). "
        "Rows are the top 20 skills by job ads and the top 20 by published jobseeker counts "
        "(in the region, when `region` is given; picked out of the stored national table).",
        [*PERIOD_PARAMETERS, REGION_PARAMETER],
    )
)
class SkillsDemandApi(_StatisticsApi):
    dataset = "skills-demand"


@extend_schema_view(
    get=_schema(
        "Services by region and type",
        "Published services of the catalogue today, by region where they are available "
        "(nationwide services count in every region) and service type. These count "
        "organisations' public offers, not people, so they are not suppressed; a service "
        "may count in several regions, so totals are distinct services, not sums. Not by "
        "quarter and not frozen: always today's catalogue.",
        [REGION_PARAMETER],
        period=False,
    )
)
class ServicesApi(_StatisticsApi):
    dataset = "services"


@extend_schema_view(
    get=_schema(
        "Enrolments by region and service type",
        "Events of people in the quarter by the region of the person's home municipality and "
        "the service type. `measure=requests` (default): enrolment requests sent; "
        "`participations`: people who joined a group of a service; `referrals`: expert "
        "referrals started. One protected table with row, column and grand totals; `region` "
        "selects a row of the stored national table.",
        [
            *PERIOD_PARAMETERS,
            REGION_PARAMETER,
            OpenApiParameter("measure", OpenApiTypes.STR, enum=list(ENROLMENT_MEASURES)),
        ],
    )
)
class EnrolmentsApi(_StatisticsApi):
    dataset = "enrolments"


@extend_schema_view(
    get=_schema(
        "Outcomes by service type",
        "Confirmed outcomes of participations (outcome date in the quarter) and outcomes of "
        "completed or interrupted expert referrals that ended in the quarter, by service type "
        "and outcome category (open labour market, education, employment service, "
        "unemployment, other). National only: `region` is refused.",
        PERIOD_PARAMETERS,
    )
)
class OutcomesApi(_StatisticsApi):
    dataset = "outcomes"
