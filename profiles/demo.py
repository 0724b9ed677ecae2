"""Demo accounts. Second factors of the authority users are deterministic so that the demo
can be signed into: the TOTP key and the backup codes are printed by `make run`."""

from django.db import transaction

from profiles.models import EmployerMembership, EmployerOrganisation, User
from tori.demo import DEMO_PASSWORD

DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"  # RFC 6238 test key
DEMO_BACKUP_CODES = ["tori-demo-1", "tori-demo-2", "tori-demo-3", "tori-demo-4", "tori-demo-5"]

DEMO_USERS = [
    ("maija.meikalainen@demo.tori.fi", "Maija", "Meikäläinen", User.Role.JOBSEEKER),
    ("ahmed.hassan@demo.tori.fi", "Ahmed", "Hassan", User.Role.JOBSEEKER),
    ("anna.lindqvist@demo.tori.fi", "Anna", "Lindqvist", User.Role.JOBSEEKER),
    ("rekry@demo.tori.fi", "Pekka", "Rekrytoija", User.Role.EMPLOYER),
    ("valmentaja@demo.tori.fi", "Sari", "Valmentaja", User.Role.PROVIDER),
    ("asiantuntija@demo.tori.fi", "Eeva", "Asiantuntija", User.Role.EXPERT),
    ("admin@demo.tori.fi", "Ylläpitäjä", "Tori", User.Role.PLATFORM_ADMIN),
]


def demo_second_factor(user: User) -> None:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.update_or_create(
        user=user, name="Demo authenticator", defaults={"key": DEMO_TOTP_KEY_HEX, "confirmed": True}
    )
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Demo backup codes")
    device.token_set.all().delete()
    StaticToken.objects.bulk_create(StaticToken(device=device, token=t) for t in DEMO_BACKUP_CODES)


@transaction.atomic
def load() -> list[str]:
    users = {}
    for email, first, last, role in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last, "role": role}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            if role == User.Role.PLATFORM_ADMIN:
                user.is_staff = user.is_superuser = True
            user.save()
        if role in (User.Role.EXPERT, User.Role.PLATFORM_ADMIN):
            demo_second_factor(user)
        users[role] = user
    organisation, _ = EmployerOrganisation.objects.get_or_create(
        business_id="0737546-2", defaults={"name": "Pirkanmaan Rakennus Oy"}
    )
    EmployerMembership.objects.get_or_create(
        organisation=organisation,
        user=users[User.Role.EMPLOYER],
        defaults={"role": EmployerMembership.Role.ADMIN},
    )
    width = max(len(u[0]) for u in DEMO_USERS)
    lines = ["", f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    for email, _first, _last, role in DEMO_USERS:
        lines.append(f"  {email:<{width}}  {User.Role(role).label}")
    lines.append(
        "  Experts and admins confirm sign-in with a second factor: one-time backup codes "
        + ", ".join(DEMO_BACKUP_CODES)
        + " (reset by every `make run`), or TOTP key (base32) GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ."
    )
    return lines
