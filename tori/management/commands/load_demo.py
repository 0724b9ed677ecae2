from django.core.management.base import BaseCommand

from tori.demo import load_all


class Command(BaseCommand):
    help = "Load the demo data set (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        for line in load_all():
            self.stdout.write(line)
