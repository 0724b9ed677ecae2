"""Facts of the accessibility statement, in one place so that the browser tests check the
same pages the statement says were checked (tests/browser/test_situation_and_statement.py)."""

import datetime

from django.utils.translation import gettext_lazy as _

# The day the statement was prepared and last reviewed.
PREPARED_ON = datetime.date(2026, 11, 28)
REVIEWED_ON = datetime.date(2026, 11, 28)

# Pages the automated checks (axe-core, WCAG 2.1 A/AA) run on in every browser-test run.
CHECKED_PATHS = [
    "/",
    "/accounts/sign-in/",
    "/accounts/sign-up/",
    "/situation/",
    "/accessibility/",
]

# Content that does not yet meet the requirements, with the reason.
KNOWN_ISSUES = [
    _(
        "Job ads imported from partner platforms are published as the partner wrote them. "
        "They may lack a Swedish version, and their headings and links may not be "
        "descriptive."
    ),
    _(
        "Service descriptions are written by the service providers. Some are only in Finnish, "
        "and only some services have a plain-language summary."
    ),
    _(
        "The interactive API documentation (Open API) is produced by a third-party tool and "
        "has not been assessed."
    ),
]

ENFORCEMENT_URL = "https://www.saavutettavuusvaatimukset.fi/"
ENFORCEMENT_EMAIL = "saavutettavuus@avi.fi"
