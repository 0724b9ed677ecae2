from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from tori import permissions as perms

# Every navigation entry a role may see; an entry whose page does not exist (yet) is left out.
NAV_ITEMS = {
    "catalog": ("catalog:service-list", _("Services")),
    "jobs": ("jobs:job-list", _("Jobs")),
    "employer": ("jobs:employer-dashboard", _("Job ads")),
    "my-profile": ("profiles:overview", _("My profile")),
    "my-organisation": ("accounts:dashboard", _("My organisation")),
    "provider-dashboard": ("providers:dashboard", _("Provider dashboard")),
    "expert-worklist": ("expert:worklist", _("Worklist")),
    "admin": ("admin:index", _("Administration")),
    "recommendations": ("matching:for-me", _("Recommended for you")),
    "provider-groups": ("delivery:group-list", _("Groups")),
    "impact": ("impact:provider", _("Impact")),
    "municipality-impact": ("impact:municipality", _("Impact")),
}


def navigation(request):
    items = []
    for key in perms.navigation_keys(getattr(request, "user", None)):
        url_name, label = NAV_ITEMS[key]
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "current": request.path.startswith(url)})
    return {"nav_items": items}
