"""Job search parameters, validated by django-filter; the HTML list, the API and saved searches
use the same names. jobs.search applies them all together (like catalog.filters)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.filters import ChoicesFilter, OneChoiceFilter, QueryFilter
from jobs import codes
from jobs.models import JobAd
from jobs.search import JobSearchParams


def _occupations():
    from reference.models import EscoOccupation

    used = JobAd.objects.exclude(occupation=None).values("occupation_id")
    return [(str(o.pk), o.label) for o in EscoOccupation.objects.filter(pk__in=used)]


def _regions():
    from reference.models import Region

    return [(r.code, r.name) for r in Region.objects.all()]


def _municipalities():
    from reference.models import Municipality

    return [(m.code, m.name) for m in Municipality.objects.all()]


def _ad_languages():
    return [
        (code, label)
        for code, label in codes.choices(codes.LANGUAGES)
        if code in codes.AD_LANGUAGES
    ]


class RemoteFilter(django_filters.BooleanFilter):
    field_class = forms.BooleanField

    def filter(self, qs, value):
        return qs


class JobAdFilter(django_filters.FilterSet):
    SORT_CHOICES = [
        ("relevance", _("Relevance")),
        ("newest", _("Newest first")),
        ("deadline", _("Closing soonest")),
    ]
    # Työmarkkinatori's names of the same criteria, for reference: ammatti, maakunta, kunta,
    # tyoaika, tyonjatkuvuus, kieli, sijaintijoustava.
    q = QueryFilter(label=_("Search words"))
    occupation = ChoicesFilter(label=_("Occupation"), choices=_occupations)
    region = ChoicesFilter(label=_("Region"), choices=_regions)
    municipality = ChoicesFilter(label=_("Municipality"), choices=_municipalities)
    work_time = ChoicesFilter(label=_("Working time"), choices=JobAd.WorkTime.choices)
    continuity = ChoicesFilter(label=_("Continuity"), choices=JobAd.Continuity.choices)
    language = ChoicesFilter(label=_("Language of the ad"), choices=_ad_languages)
    remote = RemoteFilter(label=_("Remote work possible"), required=False)
    sort = OneChoiceFilter(label=_("Sort by"), choices=SORT_CHOICES)

    class Meta:
        model = JobAd
        fields: list[str] = []

    def filter_queryset(self, queryset):
        return queryset

    def search_params(self) -> JobSearchParams:
        data = self.form.cleaned_data
        q = (data.get("q") or "").strip()
        return JobSearchParams(
            q=q,
            occupations=list(data.get("occupation") or []),
            regions=list(data.get("region") or []),
            municipalities=list(data.get("municipality") or []),
            work_times=list(data.get("work_time") or []),
            continuities=list(data.get("continuity") or []),
            languages=list(data.get("language") or []),
            remote=bool(data.get("remote")),
            sort=data.get("sort") or ("relevance" if q else "newest"),
        )


def normalised_filters(params: JobSearchParams) -> dict:
    """The non-empty parameters of a search, as stored in a saved search (query-string shape)."""
    data = {
        "q": params.q,
        "occupation": params.occupations,
        "region": params.regions,
        "municipality": params.municipalities,
        "work_time": params.work_times,
        "continuity": params.continuities,
        "language": params.languages,
        "remote": "1" if params.remote else "",
    }
    return {key: value for key, value in data.items() if value}
