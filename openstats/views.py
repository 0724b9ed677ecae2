"""The public statistics page: the four protected tables, filters and CSV links."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views import View

from openstats import selectors
from openstats.forms import StatisticsFilterForm
from openstats.params import StatisticsQuery, parse_measure, parse_period

API_URL_NAMES = {
    "skills-demand": "api-statistics-skills-demand",
    "services": "api-statistics-services",
    "enrolments": "api-statistics-enrolments",
    "outcomes": "api-statistics-outcomes",
}
# which filters each table takes (the CSV link keeps only those)
TABLE_FILTERS = {
    "skills-demand": ("period", "region"),
    "services": ("region",),
    "enrolments": ("period", "region", "measure"),
    "outcomes": ("period",),
}


class StatisticsView(View):
    template_name = "openstats/statistics.html"

    def get(self, request):
        form = StatisticsFilterForm(request.GET or None, regions=selectors._regions())
        status = 200
        params: dict[str, str] = {}
        if form.is_bound and form.is_valid():
            params = {k: v for k, v in request.GET.items() if k in form.fields and v}
            filters = form.query  # parsed once by the form
        else:
            if form.is_bound:
                status = 400
            # invalid filters: the errors are shown and the tables keep their defaults
            filters = StatisticsQuery(period=parse_period({}), measure=parse_measure({}))
        lang = (get_language() or "fi")[:2]
        tables = []
        quarter = None
        for dataset in selectors.DATASETS:
            own = {k: v for k, v in params.items() if k in TABLE_FILTERS[dataset]}
            # the filters the table takes, as parse_query(own, dataset=dataset) gives them
            query = StatisticsQuery(**{k: getattr(filters, k) for k in TABLE_FILTERS[dataset]})
            data = selectors.statistics_get(dataset=dataset, query=query)
            quarter = quarter or query.period
            if query.period:  # the links name the quarter shown, also when it was the default
                own = {"period": str(query.period), **own}
            csv_params = {**own, "format": "csv", "lang": lang}
            tables.append(
                {
                    "dataset": dataset,
                    "data": data,
                    "csv_url": reverse(API_URL_NAMES[dataset]) + "?" + urlencode(csv_params),
                    "json_url": reverse(API_URL_NAMES[dataset]) + "?" + urlencode(own),
                }
            )
        context = {
            "form": form,
            "tables": {t["dataset"].replace("-", "_"): t for t in tables},
            "k": selectors.k_threshold(),
            "quarter": quarter,
        }
        return render(request, self.template_name, context, status=status)
