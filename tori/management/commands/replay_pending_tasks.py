from django.core.management.base import BaseCommand

from tori.queue import pending_tasks_replay


class Command(BaseCommand):
    help = "Queue the outbox (tori.PendingTask) again; beat does this every minute."

    def handle(self, *args, **options):
        replayed = pending_tasks_replay()
        self.stdout.write(f"{replayed} replayed")
