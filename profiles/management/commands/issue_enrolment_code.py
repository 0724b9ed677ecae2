"""Print a one-time enrolment code with which an expert or a platform administrator connects
their first authenticator app. The code is printed once and stored only hashed."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from profiles import services
from profiles.models import User
from tori.exceptions import ApplicationError


class Command(BaseCommand):
    help = "Issue a one-time authenticator enrolment code for an expert or administrator."

    def add_arguments(self, parser):
        parser.add_argument("email", help="E-mail address of the expert or administrator")

    def handle(self, *args, **options):
        account = User.objects.filter(email__iexact=options["email"].strip()).first()
        if account is None:
            raise CommandError(f"No account with the e-mail address {options['email']}.")
        try:
            # Run on the server: the console is the administrator (actor None).
            code = services.second_factor_enrolment_code_issue(account=account, actor=None)
        except ApplicationError as error:
            raise CommandError(str(error.message))
        hours = settings.TORI_SECOND_FACTOR_ENROLMENT_HOURS
        self.stdout.write(
            f"Enrolment code for {account.email} (valid {hours} h, works once; give it to the "
            f"person over a channel other than their e-mail): {code}"
        )
