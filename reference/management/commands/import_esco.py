from django.core.management.base import BaseCommand

from reference import services
from reference.progress import progress_bar


class Command(BaseCommand):
    help = "Import ESCO v1.1 skills, occupations, ISCO groups and their links (idempotent upsert)."

    def handle(self, *args, **options):
        result = services.esco_import(
            progress=lambda rows, label: progress_bar(rows, label, self.stderr)
        )
        for problem in result["problems"]:
            self.stderr.write(f"skipped {problem}")
        counts = ", ".join(f"{v} {k}" for k, v in result["counts"].items())
        self.stdout.write(self.style.SUCCESS(f"ESCO imported: {counts}"))
