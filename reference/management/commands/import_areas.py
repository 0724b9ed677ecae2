from django.core.management.base import BaseCommand

from reference import services
from reference.progress import progress_bar


class Command(BaseCommand):
    help = "Import Finland's regions, municipalities and postal codes (idempotent upsert)."

    def handle(self, *args, **options):
        result = services.areas_import(
            progress=lambda rows: progress_bar(rows, "postal codes", self.stderr)
        )
        for problem in result["problems"]:
            self.stderr.write(f"skipped {problem}")
        counts = ", ".join(f"{v} {k}" for k, v in result["counts"].items())
        self.stdout.write(self.style.SUCCESS(f"Areas imported: {counts}"))
