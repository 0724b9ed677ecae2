import json

from django.core.management.base import BaseCommand, CommandError

from catalog.hsds.importing import import_service, service_objects
from profiles.models import User
from providers.models import Provider
from tori import permissions as perms
from tori.exceptions import ApplicationError


class Command(BaseCommand):
    help = (
        "Import services from an HSDS 3.0 JSON file (one service, a list, or a page of "
        "/services). Services of verified providers go to moderation, or are published "
        "with --publish; new providers are created unverified."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="HSDS JSON file")
        parser.add_argument("--publish", action="store_true", help="publish directly")
        parser.add_argument(
            "--sector",
            default=Provider.Sector.THIRD,
            choices=Provider.Sector.values,
            help="sector of providers created by the import (default: third)",
        )
        parser.add_argument("--actor", help="e-mail of the platform administrator importing")

    def handle(self, *args, **options):
        actor = self._actor(options.get("actor"))
        try:
            with open(options["path"], encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {options['path']}: {error}")
        created = updated = failed = 0
        try:
            objects = service_objects(document)
        except ApplicationError as error:
            raise CommandError(error.message)
        for data in objects:
            try:
                service, is_new = import_service(
                    data, actor=actor, default_sector=options["sector"], publish=options["publish"]
                )
            except (ApplicationError, ValueError, KeyError, TypeError) as error:
                failed += 1
                message = getattr(error, "message", str(error))
                self.stderr.write(f"{data.get('id', '?')}: {message}")
                continue
            created += is_new
            updated += not is_new
        self.stdout.write(f"created {created}, updated {updated}, failed {failed}")
        if failed and not (created or updated):
            raise CommandError("Nothing was imported.")

    def _actor(self, email):
        queryset = User.objects.filter(is_active=True)
        if email:
            actor = queryset.filter(email__iexact=email).first()
        else:
            actor = (
                queryset.filter(role=User.Role.PLATFORM_ADMIN).order_by("pk").first()
                or queryset.filter(is_superuser=True).order_by("pk").first()
            )
        if actor is None or not (actor.is_superuser or actor.role == User.Role.PLATFORM_ADMIN):
            raise CommandError("A platform administrator is needed (--actor e-mail).")
        return perms.acting_from_server_console(actor)
