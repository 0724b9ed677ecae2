"""E-mail addresses become case-insensitive: stored in lower case, unique whatever the case.

Existing addresses are lower-cased. Two accounts whose addresses differ only by case cannot
both keep the address: the one signed in most recently (then the oldest) keeps it; each other
one is deactivated and its address moved aside to ``<address>.duplicate-<id>.invalid`` (a
reserved, undeliverable domain), so nothing is deleted and an administrator can merge or
restore it by hand. Both are printed when the migration runs.
"""

import django.db.models.functions.text
import django.utils.timezone
from django.db import migrations, models


def lower_case_emails(apps, schema_editor):
    User = apps.get_model("profiles", "User")
    users = User.objects.order_by(
        models.F("last_login").desc(nulls_last=True), "date_joined", "pk"
    ).values_list("pk", "email")
    keepers, duplicates = {}, []
    for pk, email in users.iterator():
        address = email.strip().lower()
        if address in keepers:
            duplicates.append((pk, email, address))
        else:
            keepers[address] = (pk, email)
    # first move the duplicates aside, so that lower-casing a keeper never collides
    for pk, email, address in duplicates:
        moved = f"{address}.duplicate-{pk}.invalid"
        User.objects.filter(pk=pk).update(email=moved, is_active=False)
        print(
            f"\n  profiles.User {pk}: {email!r} duplicates {address!r} "
            f"(kept by user {keepers[address][0]}); deactivated and renamed to {moved!r}"
        )
    for address, (pk, email) in keepers.items():
        if email != address:
            User.objects.filter(pk=pk).update(email=address)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("profiles", "0004_access_log_referral_purpose"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="email_confirmed_at",
            field=models.DateTimeField(
                blank=True,
                default=django.utils.timezone.now,
                null=True,
                verbose_name="e-mail address confirmed",
            ),
        ),
        migrations.RunPython(lower_case_emails, migrations.RunPython.noop, elidable=False),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                name="uniq_user_email_case_insensitive",
            ),
        ),
    ]
