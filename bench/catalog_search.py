"""Catalogue search benchmark: p50/p95 latency of the full-text query with facet counts
(catalog.selectors.service_search as the catalogue page runs it: first page of 20 result
cards + total + all facet counts) against a naive `icontains` baseline (first page + total +
GROUP BY facet counts), in the same run. Also timed: the same search loading whole services
(what /api/v1/services/ serialises).

    .venv/bin/python bench/catalog_search.py                       # SQLite, 2,000 services
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tori_bench \
        .venv/bin/python bench/catalog_search.py --n 100000 --keepdb

Creates a test database (test_<name>), fills it with N synthetic services whose fi/sv/en
texts are built from ESCO occupation and skill labels (../shared/data/esco when available,
else a built-in list) and Finland's areas (reference/data), runs VACUUM ANALYZE and a
CHECKPOINT (what autovacuum and the checkpointer do after a bulk load) and prints JSON.
--keepdb keeps the database and reuses it when it already holds N services (loading 100,000
takes about ten minutes)."""

import argparse
import csv
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

FALLBACK_OCCUPATIONS = [
    ("hitsaaja", "svetsare", "welder"),
    ("ohjelmistokehittäjä", "mjukvaruutvecklare", "software developer"),
    ("siivooja", "städare", "cleaner"),
    ("kokki", "kock", "cook"),
    ("lähihoitaja", "närvårdare", "practical nurse"),
    ("varastotyöntekijä", "lagerarbetare", "warehouse worker"),
    ("kirjanpitäjä", "bokförare", "bookkeeper"),
    ("myyjä", "försäljare", "shop assistant"),
]
PATTERNS = {
    "fi": [
        "{occ} – koulutus {city}",
        "Valmennus: {occ}",
        "Työkokeilu {city}: {occ}",
        "Uraohjaus ja {skill}",
    ],
    "sv": [
        "Utbildning till {occ} i {city}",
        "Coachning: {occ}",
        "Arbetsprövning: {occ}",
        "Karriärvägledning och {skill}",
    ],
    "en": [
        "{occ} training in {city}",
        "Coaching: {occ}",
        "Work trial: {occ}",
        "Career guidance and {skill}",
    ],
}
DESCRIPTIONS = {
    "fi": "Palvelu {occ_l}. Opit taidot: {skill}. Toteutus {city}, tukena valmentaja.",
    "sv": "Tjänsten riktar sig till {occ}. Du lär dig: {skill}. Genomförs i {city}.",
    "en": "For people who want to work as a {occ}. You learn to {skill}. Delivered in {city}.",
}
QUERIES = [
    "hitsaajaksi",
    "koulutus tampereella",
    "valmennus",
    "ohjelmistokehittäjä",
    "kehittäjä",
    "svetsare",
    "utbildning",
    "training",
    "career guidance",
    "siivoojaksi",
    "kokki helsinki",
    "hitsajaksi",
    "työkokeilu",
    "coaching",
    "lähihoitaja",
    "warehouse",
]


def load_vocabulary(limit=400):
    occupations, skills = [], []
    esco = ROOT.parent / "shared" / "data" / "esco"
    if (esco / "occupations.csv").exists():
        with open(esco / "occupations.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["label_fi"] and row["label_sv"] and row["label_en"]:
                    occupations.append((row["label_fi"], row["label_sv"], row["label_en"]))
        with open(esco / "skills.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["label_fi"] and row["label_en"]:
                    skills.append((row["label_fi"], row["label_en"], row["label_en"]))
    random.shuffle(occupations)
    random.shuffle(skills)
    occupations = FALLBACK_OCCUPATIONS + occupations[:limit]
    skills = skills[:limit] or [("hitsaus", "svetsning", "welding")]
    return occupations, skills


def generate(n, seed):
    from django.core.management import call_command
    from django.utils import timezone

    from catalog import search
    from catalog.models import Service, TaxonomyTerm
    from providers.models import Provider
    from reference.models import Municipality

    random.seed(seed)
    call_command("import_areas", verbosity=0, stdout=open(os.devnull, "w"))
    municipalities = list(Municipality.objects.select_related("region"))
    big = [m for m in municipalities if m.code in ("837", "091", "564", "049", "853", "179")]
    types = list(TaxonomyTerm.objects.filter(taxonomy="service_type"))
    groups = list(TaxonomyTerm.objects.filter(taxonomy="target_group"))
    providers = [
        Provider.objects.create(
            name=f"Tarjoaja {i}",
            sector=sector,
            is_verified=True,
            business_id="",
            municipality_code="837",
        )
        for i, sector in enumerate(["public", "private", "third"] * 10)
    ]
    occupations, skills = load_vocabulary()
    now = timezone.now()
    batch = 1000
    for start in range(0, n, batch):
        rows, areas = [], []
        for _ in range(min(batch, n - start)):
            occ = random.choice(occupations)
            skill = random.choice(skills)
            muni = random.choice(big if random.random() < 0.6 else municipalities)
            fields = {}
            for index, lang in enumerate(("fi", "sv", "en")):
                city = muni.name_sv if lang == "sv" and muni.name_sv else muni.name_fi
                fields[f"name_{lang}"] = random.choice(PATTERNS[lang]).format(
                    occ=occ[index], city=city, skill=skill[index]
                )[:200]
                fields[f"description_{lang}"] = DESCRIPTIONS[lang].format(
                    occ=occ[index], occ_l=occ[index], city=city, skill=skill[index]
                )
            is_free = random.random() < 0.8
            rows.append(
                Service(
                    provider=random.choice(providers),
                    service_type=random.choice(types),
                    delivery_mode=random.choice(["onsite", "onsite", "remote", "hybrid"]),
                    is_nationwide=random.random() < 0.05,
                    languages=random.choice([["fi"], ["fi", "sv"], ["fi", "en"], ["sv"]]),
                    is_free=is_free,
                    price=None if is_free else random.choice([50, 120, 900]),
                    status="published",
                    published_at=now,
                    confirmed_at=now,
                    **fields,
                )
            )
            areas.append((muni, random.sample(groups, random.randint(1, 3))))
        Service.objects.bulk_create(rows)
        through_m = Service.municipalities.through
        through_t = Service.target_groups.through
        through_m.objects.bulk_create(
            [
                through_m(service_id=s.pk, municipality_id=a[0].code)
                for s, a in zip(rows, areas, strict=True)
                if not s.is_nationwide
            ]
        )
        through_t.objects.bulk_create(
            [
                through_t(service_id=s.pk, taxonomyterm_id=g.pk)
                for s, a in zip(rows, areas, strict=True)
                for g in a[1]
            ]
        )
        fresh = list(
            Service.objects.filter(pk__in=[s.pk for s in rows])
            .select_related("provider", "service_type")
            .prefetch_related(
                "target_groups",
                "municipalities",
                "regions",
                "esco_skills",
                "esco_occupations",
                "locations",
            )
        )
        search.index_services(fresh)


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
    from catalog import selectors

    result = selectors.service_search(viewer=None, filters={"q": query}, cards_only=True)
    list(result.services[:20])  # the total comes with the facet counts (result.total)
    return result


def fts_full_services(query):
    from catalog import selectors

    result = selectors.service_search(viewer=None, filters={"q": query})
    for service in result.services[:20]:  # the API's serializer reads the target groups too
        list(service.target_groups.all())
    return result


def naive(query):
    from django.db.models import Count, Q

    from catalog.models import Service

    queryset = Service.objects.published()
    for word in query.split():
        condition = Q()
        for lang in ("fi", "sv", "en"):
            condition |= Q(**{f"name_{lang}__icontains": word})
            condition |= Q(**{f"description_{lang}__icontains": word})
        queryset = queryset.filter(condition)
    list(queryset.order_by("-published_at")[:20])
    queryset.count()
    for field in (
        "service_type",
        "delivery_mode",
        "provider__sector",
        "is_free",
        "target_groups",
        "municipalities",
        "municipalities__region",
    ):
        list(queryset.order_by().values(field).annotate(n=Count("pk")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="synthetic services (default 2000)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--keepdb",
        action="store_true",
        help="keep the test database and reuse it when it already holds --n services",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from catalog.models import Service

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keepdb)
    try:
        started = time.perf_counter()
        existing = Service.objects.count()
        if existing not in (0, args.n):
            raise SystemExit(f"the kept database holds {existing} services, not {args.n}")
        if not existing:
            generate(args.n, args.seed)
        load_seconds = time.perf_counter() - started
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
                # write out what the load dirtied, as the checkpointer would in the minutes
                # after it; otherwise the first timed queries share the disk with that
                # write-back (a run straight after loading 100,000 services: p95 30 ms;
                # the same database a few minutes later: 19 ms)
                cursor.execute("CHECKPOINT")
        for query in QUERIES:  # warm caches (Voikko, plans)
            fts(query)
            naive(query)
        sample = {q: fts(q).total for q in QUERIES[:6]}
        estimated = [q for q in QUERIES if not fts(q).counts_exact]
        load_before = os.getloadavg()[0]
        result = {
            "benchmark": "catalog_search",
            "database": connection.vendor,
            "services": Service.objects.count(),
            "load_seconds": round(load_seconds, 1),
            "fts_with_facets": measure(fts, args.repeats),
            "fts_with_facets_full_services": measure(fts_full_services, args.repeats),
            "naive_icontains": measure(naive, args.repeats),
            "sample_hits": sample,
            "queries_over_the_count_limit": estimated,
            "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        }
        print(json.dumps(result, ensure_ascii=False, indent=2))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=args.keepdb)


if __name__ == "__main__":
    main()
