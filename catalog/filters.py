"""Catalogue filters: django-filter validates and documents the parameters (HTML and API use
the same names); catalog.search applies them together with the text query."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from catalog import text
from catalog.models import LANGUAGE_CHOICES, Service, TaxonomyTerm
from catalog.search import SearchParams
from providers.models import Provider


def _terms(taxonomy):
    def choices():
        return [(t.code, t.name) for t in TaxonomyTerm.objects.filter(taxonomy=taxonomy)]

    return choices


def _regions():
    from reference.models import Region

    return [(r.code, r.name) for r in Region.objects.all()]


def _municipalities():
    from reference.models import Municipality

    return [(m.code, m.name) for m in Municipality.objects.all()]


class QueryField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs["required"] = False
        super().__init__(
            max_length=text.MAX_QUERY_LENGTH,
            error_messages={
                "max_length": _("The search is too long. Use at most %(limit_value)d characters.")
            },
            **kwargs,
        )


# Each filter below is applied by catalog.search, all together, not one by one.
class QueryFilter(django_filters.CharFilter):
    field_class = QueryField

    def filter(self, qs, value):
        return qs


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    def filter(self, qs, value):
        return qs


class OneChoiceFilter(django_filters.ChoiceFilter):
    def filter(self, qs, value):
        return qs


class ServiceFilter(django_filters.FilterSet):
    COST_CHOICES = [("free", _("Free of charge")), ("paid", _("Paid"))]
    SORT_CHOICES = [("relevance", _("Relevance")), ("newest", _("Newest first"))]

    q = QueryFilter(label=_("Search words"))
    type = ChoicesFilter(
        label=_("Service type"), choices=_terms(TaxonomyTerm.Taxonomy.SERVICE_TYPE)
    )
    target_group = ChoicesFilter(
        label=_("Target group"), choices=_terms(TaxonomyTerm.Taxonomy.TARGET_GROUP)
    )
    delivery_mode = ChoicesFilter(label=_("Delivery mode"), choices=Service.DeliveryMode.choices)
    region = ChoicesFilter(label=_("Region"), choices=_regions)
    municipality = ChoicesFilter(label=_("Municipality"), choices=_municipalities)
    language = ChoicesFilter(label=_("Language"), choices=LANGUAGE_CHOICES)
    cost = OneChoiceFilter(label=_("Cost"), choices=COST_CHOICES)
    sector = ChoicesFilter(label=_("Provider sector"), choices=Provider.Sector.choices)
    sort = OneChoiceFilter(label=_("Sort by"), choices=SORT_CHOICES)

    # the filters other than the text query and the sort order
    CHOICE_FILTERS = (
        "type",
        "target_group",
        "delivery_mode",
        "region",
        "municipality",
        "language",
        "cost",
        "sector",
    )
    SORT_VALUES = tuple(value for value, _label in SORT_CHOICES)

    class Meta:
        model = Service
        fields: list[str] = []

    def filter_queryset(self, queryset):
        return queryset

    @classmethod
    def plain_query_params(cls, data) -> SearchParams | None:
        """The common case without the form: only a text query and a sort order, both
        valid. Returns None whenever anything else is given, or either value would fail
        validation (the caller then builds the filterset for its field-specific error).
        Gives the same SearchParams as ``search_params`` of a valid filterset; building and
        validating the form (ten fields, their choices) was ~3 ms of every search."""
        if any(name in data for name in cls.CHOICE_FILTERS):
            return None
        q = data.get("q")
        if q in (None, ""):
            q = ""
        elif not isinstance(q, str) or "\x00" in q:
            return None
        q = q.strip()
        if len(q) > text.MAX_QUERY_LENGTH:
            return None
        sort = data.get("sort")
        if sort not in (None, "", *cls.SORT_VALUES):
            return None
        return SearchParams(q=q, sort=sort or ("relevance" if q else "newest"))

    def search_params(self) -> SearchParams:
        from reference.models import Municipality

        data = self.form.cleaned_data
        codes = data.get("municipality") or []
        regions = dict(Municipality.objects.filter(code__in=codes).values_list("code", "region_id"))
        return SearchParams(
            q=(data.get("q") or "").strip(),
            types=list(data.get("type") or []),
            target_groups=list(data.get("target_group") or []),
            delivery_modes=list(data.get("delivery_mode") or []),
            regions=list(data.get("region") or []),
            municipalities=[(code, regions[code]) for code in codes if code in regions],
            languages=list(data.get("language") or []),
            cost=data.get("cost") or "",
            sectors=list(data.get("sector") or []),
            sort=data.get("sort") or ("relevance" if data.get("q") else "newest"),
        )
