"""Duplicate-detection benchmark: precision and recall of syndication.dedup on a generated set
of job ads with known duplicates (copies with changed employer spelling and title decorations,
and paraphrases: sentences reordered, words swapped for synonyms, a sentence added or dropped),
plus throughput (ads per second for the whole find_duplicates run).

    .venv/bin/python bench/dedup.py                 # --n 5000, a few seconds
    .venv/bin/python bench/dedup.py --n 200000      # the 200k run of docs/benchmarks.md

Pure Python and numpy, no database. Prints JSON."""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from syndication.dedup import AdText, find_duplicates  # noqa: E402

OCCUPATIONS = [
    ("Hitsaaja", ["hitsausta", "levytöitä", "MIG-hitsausta", "TIG-hitsausta", "kokoonpanoa"]),
    ("Sairaanhoitaja", ["potilastyötä", "lääkehoitoa", "kotihoitoa", "vuorotyötä", "kirjaamista"]),
    ("Myyjä", ["asiakaspalvelua", "kassatyötä", "esillepanoa", "tilausten käsittelyä", "myyntiä"]),
    ("Ohjelmistokehittäjä", ["Python-kehitystä", "rajapintoja", "testausta", "pilvipalveluita"]),
    ("Kokki", ["ruoanvalmistusta", "listasuunnittelua", "tilauksia", "hygieniaosaamista"]),
    ("Kuorma-autonkuljettaja", ["jakelua", "kaukoliikennettä", "lastausta", "C-ajokorttia"]),
    ("Siivooja", ["toimistosiivousta", "ylläpitosiivousta", "perussiivousta", "kone-ajoa"]),
    ("Lähihoitaja", ["hoivatyötä", "kuntoutusta", "asiakkaan ohjausta", "kotikäyntejä"]),
    ("Kirjanpitäjä", ["tilinpäätöksiä", "palkanlaskentaa", "reskontraa", "ALV-laskelmia"]),
    ("Sähköasentaja", ["asennustöitä", "huoltoa", "vianetsintää", "urakointia"]),
]
EMPLOYER_WORDS = "Pohjolan Etelän Järvi Koski Metsä Tunturi Ranta Saari Kallio Laakso".split()
EMPLOYER_KINDS = "Konepaja Palvelut Rakennus Logistiikka Hoiva Ravintolat Data Kauppa".split()
MUNICIPALITIES = [f"{n:03d}" for n in range(1, 310)]
SYNONYMS = {
    "Haemme": "Etsimme",
    "kokenutta": "osaavaa",
    "vakituinen": "toistaiseksi voimassa oleva",
    "kokoaikainen": "täysiaikainen",
    "Tarjoamme": "Meillä saat",
    "mukavan": "hyvän",
    "työyhteisön": "tiimin",
    "Edellytämme": "Vaadimme",
}
EXTRA = [
    "Lisätietoja antaa esihenkilö puhelimitse.",
    "Hakemukset käsitellään saapumisjärjestyksessä.",
    "Työpaikalle pääsee hyvin julkisilla liikenneyhteyksillä.",
]


def _ad_sentences(rng: random.Random, title: str, tasks: list[str], employer: str) -> list[str]:
    picked = rng.sample(tasks, k=min(3, len(tasks)))
    number = rng.randint(2, 40)
    return [
        f"Haemme kokenutta {title.lower()}a {employer}-yhtiöön.",
        f"Työ on vakituinen ja kokoaikainen, ja siihen kuuluu {', '.join(picked)}.",
        f"Tarjoamme mukavan työyhteisön, jossa on {number} ammattilaista.",
        f"Edellytämme vähintään {rng.randint(1, 10)} vuoden kokemusta ja "
        f"{rng.choice(['hyvää suomen kielen taitoa', 'B-ajokorttia', 'alan tutkintoa'])}.",
        f"Työaika on {rng.choice(['päivä', 'vuoro', 'ilta', 'kaksivuoro'])}työtä, "
        f"ja palkka on noin {rng.randint(20, 45) * 100} euroa kuukaudessa.",
    ]


def _paraphrase(rng: random.Random, sentences: list[str]) -> list[str]:
    out = []
    for sentence in sentences:
        for word, synonym in SYNONYMS.items():
            if word in sentence and rng.random() < 0.5:
                sentence = sentence.replace(word, synonym)
        out.append(sentence)
    rng.shuffle(out)
    if rng.random() < 0.5:
        out.append(rng.choice(EXTRA))
    elif len(out) > 4:
        out.pop(rng.randrange(len(out)))
    return out


def _copy_employer(rng: random.Random, name: str) -> str:
    return rng.choice([name, name.upper(), name.replace(" Oy", ""), name + " Ab"])


def _copy_title(rng: random.Random, title: str) -> str:
    return rng.choice([title, f"{title} (m/n)", f"Haemme: {title}", title.upper()])


def generate(n: int, seed: int = 1, duplicate_share: float = 0.3):
    """n ads; about `duplicate_share` of them are copies or paraphrases of another ad.
    Returns (ads, set of duplicate key pairs)."""
    rng = random.Random(seed)
    ads: list[AdText] = []
    clusters: list[list[int]] = []
    while len(ads) < n:
        title, tasks = rng.choice(OCCUPATIONS)
        employer = (
            f"{rng.choice(EMPLOYER_WORDS)} {rng.choice(EMPLOYER_KINDS)} {rng.randint(1, 999)} Oy"
        )
        municipality = rng.choice(MUNICIPALITIES)
        sentences = _ad_sentences(rng, title, tasks, employer.split()[0])
        cluster = [len(ads)]
        ads.append(
            AdText(len(ads), title, employer, municipality, " ".join(sentences), (0, len(ads)))
        )
        copies = 0
        if rng.random() < duplicate_share / (1 - duplicate_share) / 1.5:
            copies = rng.choice([1, 1, 2, 3])
        for _ in range(copies):
            if len(ads) >= n:
                break
            text = sentences if rng.random() < 0.4 else _paraphrase(rng, sentences)
            ads.append(
                AdText(
                    len(ads),
                    _copy_title(rng, title),
                    _copy_employer(rng, employer),
                    municipality,
                    " ".join(text),
                    (1, len(ads)),
                )
            )
            cluster.append(len(ads) - 1)
        clusters.append(cluster)
    truth = {pair for cluster in clusters for pair in itertools.combinations(sorted(cluster), 2)}
    return ads, truth


def evaluate(ads: list[AdText], truth: set[tuple[int, int]]) -> dict:
    started = time.perf_counter()
    groups = find_duplicates(ads)
    seconds = time.perf_counter() - started
    predicted = set()
    for canonical, members in groups:
        keys = sorted([canonical, *[key for key, _s in members]])
        predicted.update(itertools.combinations(keys, 2))
    hits = len(predicted & truth)
    return {
        "n": len(ads),
        "true_pairs": len(truth),
        "predicted_pairs": len(predicted),
        "precision": round(hits / len(predicted), 4) if predicted else 1.0,
        "recall": round(hits / len(truth), 4) if truth else 1.0,
        "seconds": round(seconds, 2),
        "ads_per_second": round(len(ads) / seconds) if seconds else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    ads, truth = generate(args.n, seed=args.seed)
    print(json.dumps(evaluate(ads, truth), indent=2))


if __name__ == "__main__":
    main()
