"""Job search benchmark: p50/p95 latency of jobs.selectors.job_ad_search (normalised query,
vocabulary/trigram look-up, tsquery over the GIN index on PostgreSQL, first page of 20, total
and all seven facet counts) against a naive `icontains` baseline (first page, COUNT and one
GROUP BY per facet), in the same run.

    .venv/bin/python bench/jobs_search.py            # --n 1500, about a minute on SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tori \
        .venv/bin/python bench/jobs_search.py --n 20000

Creates a throw-away test database (test_<name>), fills it with N synthetic listed job ads whose
fi/sv/en titles and descriptions are built from occupation words and Finland's municipalities
(reference/data), indexes them with the production indexer, prints JSON."""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tori.settings.test")

OCCUPATIONS = [
    ("hitsaaja", "svetsare", "welder"),
    ("ohjelmistokehittäjä", "mjukvaruutvecklare", "software developer"),
    ("siivooja", "städare", "cleaner"),
    ("kokki", "kock", "cook"),
    ("lähihoitaja", "närvårdare", "practical nurse"),
    ("varastotyöntekijä", "lagerarbetare", "warehouse worker"),
    ("kirjanpitäjä", "bokförare", "bookkeeper"),
    ("myyjä", "försäljare", "sales assistant"),
    ("sähköasentaja", "elmontör", "electrician"),
    ("kirvesmies", "snickare", "carpenter"),
    ("linja-autonkuljettaja", "bussförare", "bus driver"),
    ("sairaanhoitaja", "sjuksköterska", "registered nurse"),
]
TITLES = {
    "fi": ["{occ}", "{occ}, {city}", "Kesätyö: {occ}", "Kokenut {occ}"],
    "sv": ["{occ}", "{occ}, {city}", "Sommarjobb: {occ}", "Erfaren {occ}"],
    "en": ["{occ}", "{occ}, {city}", "Summer job: {occ}", "Experienced {occ}"],
}
DESCRIPTIONS = {
    "fi": "<p>Haemme {occ}a {city}. Tarjoamme perehdytyksen ja hyvän työyhteisön.</p>",
    "sv": "<p>Vi söker en {occ} i {city}. Vi erbjuder introduktion och en bra arbetsplats.</p>",
    "en": "<p>We are hiring a {occ} in {city}. We offer an induction and a good team.</p>",
}
QUERIES = [
    "hitsaajaksi",
    "kokki tampereella",
    "kesätyö",
    "ohjelmistokehittäjä",
    "kehittäjä",
    "svetsare",
    "sommarjobb",
    "welder",
    "summer job",
    "siivoojaksi",
    "hitsajaksi",
    "sairaanhoitaja helsinki",
]


def generate(n, seed):
    from django.core.management import call_command
    from django.utils import timezone

    from jobs import search
    from jobs.models import JobAd
    from profiles.models import EmployerOrganisation
    from reference.models import Municipality

    random.seed(seed)
    call_command("import_areas", verbosity=0, stdout=open(os.devnull, "w"))
    municipalities = list(Municipality.objects.select_related("region"))
    big = [m for m in municipalities if m.code in ("837", "091", "564", "049", "853", "179")]
    organisations = [
        EmployerOrganisation.objects.create(name=f"Työnantaja {i} Oy", business_id=f"B{i:07d}")
        for i in range(30)
    ]
    now = timezone.now()
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    for start in range(0, n, 1000):
        rows = []
        for _ in range(min(1000, n - start)):
            occ = random.choice(OCCUPATIONS)
            muni = random.choice(big if random.random() < 0.6 else municipalities)
            fields = {}
            pattern = random.randrange(4)
            for index, lang in enumerate(("fi", "sv", "en")):
                city = muni.name_sv if lang == "sv" and muni.name_sv else muni.name_fi
                fields[f"title_{lang}"] = TITLES[lang][pattern].format(occ=occ[index], city=city)
                fields[f"description_{lang}"] = DESCRIPTIONS[lang].format(occ=occ[index], city=city)
            if random.random() < 0.3:
                fields["title_sv"] = fields["description_sv"] = ""
            rows.append(
                JobAd(
                    organisation=random.choice(organisations),
                    municipality=muni,
                    work_time=random.choice(["01", "01", "02"]),
                    continuity=random.choice(["01", "01", "02", "0201", "0202"]),
                    remote=random.random() < 0.15,
                    application_deadline=deadline,
                    status="published",
                    published_at=now,
                    **fields,
                )
            )
        JobAd.objects.bulk_create(rows)
        fresh = list(
            JobAd.objects.filter(pk__in=[r.pk for r in rows]).select_related(
                "organisation", "municipality__region", "occupation"
            )
        )
        search.index_job_ads(fresh)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure(function, repeats):
    times = []
    for _ in range(repeats):
        for query in QUERIES:
            start = time.perf_counter()
            function(query)
            times.append((time.perf_counter() - start) * 1000)
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 95), 2),
        "queries": len(times),
    }


def fts(query):
    from jobs import selectors

    result = selectors.job_ad_search(viewer=None, filters={"q": query})
    list(result.job_ads[:20])
    return result


def naive(query):
    from django.db.models import Count, Q

    from jobs.models import JobAd

    queryset = JobAd.objects.listed()
    for word in query.split():
        condition = Q()
        for lang in ("fi", "sv", "en"):
            condition |= Q(**{f"title_{lang}__icontains": word})
            condition |= Q(**{f"description_{lang}__icontains": word})
        queryset = queryset.filter(condition)
    list(queryset.order_by("-published_at")[:20])
    queryset.count()
    for field in (
        "occupation",
        "municipality",
        "municipality__region",
        "work_time",
        "continuity",
        "remote",
        "title_sv",
    ):
        list(queryset.order_by().values(field).annotate(n=Count("pk")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1500, help="synthetic job ads (default 1500)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        generate(args.n, args.seed)
        load_seconds = time.perf_counter() - started
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE jobs_jobad")
                cursor.execute("ANALYZE jobs_jobsearchterm")
        for query in QUERIES:  # warm-up: analyser caches, vocabulary
            fts(query)
            naive(query)
        hits = {query: fts(query).total for query in QUERIES[:6]}
        result = {
            "database": connection.vendor,
            "job_ads": args.n,
            "load_seconds": round(load_seconds, 1),
            "fts_with_facets": measure(fts, args.repeats),
            "naive_icontains": measure(naive, args.repeats),
            "hits": hits,
        }
        print(json.dumps(result, ensure_ascii=False, indent=2))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
