from django.core.management import call_command
from django.core.management.base import BaseCommand

# Every reference data set Tori ships, in dependency order.
IMPORT_COMMANDS = ["import_areas", "import_esco"]


class Command(BaseCommand):
    help = "Import all shipped reference data (areas, ESCO); idempotent."

    def handle(self, *args, **options):
        for name in IMPORT_COMMANDS:
            call_command(name, stdout=self.stdout, stderr=self.stderr)
