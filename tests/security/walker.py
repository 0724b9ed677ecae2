"""Every URL pattern from the resolver, filled with the ids of the world's objects.

``patterns()`` walks ``get_resolver().url_patterns`` recursively (includes, namespaces and the
``/fi/`` language prefix of ``i18n_patterns``), so a new pattern is walked without writing a
test. ``KWARGS`` says which model (and which field of it) a URL keyword names; a keyword that no
rule maps makes ``test_every_url_keyword_is_mapped`` fail, so no new URL escapes silently."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

# Patterns not walked, each with its reason.
EXCLUDED = {
    r"^fi/accounts/sign-out/$": "signs the walking client out (the session is the identity)",
    r"^fi/jsi18n/$": "the JavaScript translation catalogue: static strings, no data",
    r"^fi/i18n/setlang/$|^i18n/setlang/$": "sets the language cookie only",
    r"^api/v1/(docs|redoc)/$": "Swagger and ReDoc HTML shells around the schema (schema walked)",
    r"^fi/admin/r/": "the admin's 'view on site' redirect to an object's public URL",
    r"^fi/admin/<url>": "the admin's catch-all that answers 404 for unknown admin URLs",
}


@dataclass(frozen=True)
class Pattern:
    route: str  # e.g. "fi/expert/cases/<uuid:case_id>/"
    name: str
    callback: object
    keywords: tuple[str, ...]

    @property
    def is_api(self) -> bool:
        return self.route.startswith(("api/", "hsds/"))

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("fi/admin/")

    def methods(self) -> list[str]:
        """The write methods the view answers (class-based views say so; functions may)."""
        view = getattr(self.callback, "view_class", None) or getattr(self.callback, "cls", None)
        if view is None:
            return ["post"]
        methods = [m for m in ("post", "put", "patch", "delete") if hasattr(view, m)]
        if self.is_admin:
            return ["post"] if methods else []
        return methods


def _route(pattern) -> str:
    text = str(pattern.pattern)
    if isinstance(pattern.pattern, RegexPattern):  # re_path: drop anchors, optional slashes
        text = text.removeprefix("^").removesuffix("$").replace("/?", "/")
        text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", text)
    return text


def patterns() -> list[Pattern]:
    found = []

    def walk(entries, prefix):
        for entry in entries:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + _route(entry))
            elif isinstance(entry, URLPattern):
                route = prefix + _route(entry)
                if any(re.search(rx, route) for rx in EXCLUDED):
                    continue
                keywords = tuple(re.findall(r"<(?:\w+:)?(\w+)>", route))
                found.append(Pattern(route, entry.name or "", entry.callback, keywords))

    walk(get_resolver().url_patterns, "")
    return found


# --- what a URL keyword names -------------------------------------------------------------
# (route regex, keyword) -> (model label, field) ; first match wins. "pk" means different
# models in different routes, so it is mapped by the path segment before it.
KWARGS = [
    (r"", "item_id", "eservices.EserviceItem", "pk", r"e-services/|expert/items/"),
    (r"", "case_id", "expert.Case", "pk", None),
    (r"", "plan_id", "expert.Plan", "pk", None),
    (r"", "task_id", "expert.PlanTask", "pk", None),
    (r"", "referral_id", "expert.Referral", "pk", None),
    (r"", "offer_id", "expert.JobOffer", "pk", None),
    (r"", "public_id", "profiles.JobseekerProfile", "public_id", None),
    (r"", "request_id", "profiles.ContactRequest", "pk", None),
    (r"", "consent_id", "profiles.ProfileConsent", "pk", None),
    (r"", "enrolment_id", "catalog.EnrolmentRequest", "pk", None),
    (r"", "run_id", "skills.SkillSuggestionRun", "pk", None),
    (r"", "group_id", "delivery.ServiceGroup", "uuid", None),
    (r"", "participation_id", "delivery.Participation", "uuid", None),
    (r"", "day", "delivery.GroupSession", "date", None),
    (r"", "external_id", "syndication.PartnerJobAd", "external_id", None),
    (r"", "token", "jobs.SavedJobSearch", "unsubscribe", r"searches/unsubscribe/"),
    (r"", "uidb64", "profiles.User", "uidb64", None),
    (r"", "token", "profiles.User", "reset_token", r"password/reset/"),
    (r"", "token", "profiles.User", "sign_up_token", r"sign-up/confirm/"),
    (r"", "membership_id", "profiles.EmployerMembership", "pk", None),
    (r"", "path", "skills.SkillSuggestionRun", "file", r"^media/"),
    (r"", "kind", "profiles.JobseekerProfile", "item_kind", r"profile/entries/"),
    (r"", "item_id", "profiles.JobseekerProfile", "item_id", r"profile/entries/"),
    (r"", "object_id", "admin", "pk", r"^fi/admin/"),
    (r"", "id", "admin", "pk", r"^fi/admin/"),
    (r"", "pk", "admin", "pk", r"^fi/admin/"),
    (r"", "app_label", "admin", "app_label", r"^fi/admin/"),
    # pk by the segment before it
    (r"services/<(int:)?pk>", "pk", "catalog.Service", "pk", r"(api/v1|fi)/services/"),
    (r"hsds/services/<uuid:pk>", "pk", "catalog.Service", "uuid", None),
    (r"hsds/organizations/<uuid:pk>", "pk", "providers.Provider", "uuid", None),
    (r"hsds/taxonomies/<uuid:pk>", "pk", "public", "taxonomy_id", None),
    (r"hsds/taxonomy_terms/<uuid:pk>", "pk", "catalog.TaxonomyTerm", "uuid", None),
    (r"providers/<int:pk>|provider/<int:pk>", "pk", "providers.Provider", "pk", None),
    (r"enrolments/<int:pk>", "pk", "catalog.EnrolmentRequest", "pk", None),
    (r"(^|/)jobs/<int:pk>|job-ads/<int:pk>", "pk", "jobs.JobAd", "pk", None),
    (r"jobs/searches/<int:pk>", "pk", "jobs.SavedJobSearch", "pk", None),
    (r"recommendations/<int:pk>", "pk", "matching.Recommendation", "pk", None),
    (r"organisation/<int:pk>", "pk", "profiles.EmployerOrganisation", "pk", None),
]


def keyword_rule(pattern: Pattern, keyword: str):
    for route_rx, name, model, fieldname, scope in KWARGS:
        if name != keyword:
            continue
        if scope and not re.search(scope, pattern.route):
            continue
        if route_rx and not re.search(route_rx, pattern.route):
            continue
        return model, fieldname
    return None


def capability(pattern: Pattern) -> set[str] | None:
    """The categories a bearer-capability keyword of this pattern grants (policy.CAPABILITIES)."""
    from tests.security.policy import CAPABILITIES

    for keyword in pattern.keywords:
        rule = keyword_rule(pattern, keyword)
        if rule and rule[1] in CAPABILITIES:
            return CAPABILITIES[rule[1]][0]
    return None


def unmapped(pattern_list) -> list[str]:
    return [
        f"{p.route} <{k}>" for p in pattern_list for k in p.keywords if keyword_rule(p, k) is None
    ]


def _admin_model(route: str):
    from django.apps import apps

    found = re.match(r"fi/admin/(\w+)/(\w+)/", route)
    if not found:
        return None
    try:
        return apps.get_model(found.group(1), found.group(2))
    except LookupError:
        return None


def _value(world, obj, fieldname, pattern):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    if fieldname == "unsubscribe":
        from jobs.services import unsubscribe_token

        return unsubscribe_token(obj)
    if fieldname == "uidb64":
        return urlsafe_base64_encode(force_bytes(obj.pk))
    if fieldname == "reset_token":
        return default_token_generator.make_token(obj)
    if fieldname == "sign_up_token":
        from profiles.services import sign_up_confirmation_tokens

        return sign_up_confirmation_tokens.make_token(obj)
    if fieldname == "file":
        return obj.file.name if obj.file else None
    if fieldname == "date":
        return obj.date.isoformat()
    return str(getattr(obj, fieldname))


def fillings(world, pattern: Pattern):
    """(party, url, [objects]) for every party owning objects the pattern's keywords name.
    All keywords of one URL come from the same party (the plan of that party's case)."""
    if not pattern.keywords:
        yield None, "/" + pattern.route, []
        return
    from django.apps import apps

    from profiles.models import PROFILE_ITEM_KINDS

    if pattern.is_admin:
        if pattern.keywords == ("app_label",):
            from django.contrib import admin

            for label in sorted({m._meta.app_label for m in admin.site._registry}):
                yield "public", "/" + pattern.route.replace("<app_label>", label), []
            return
        model = _admin_model(pattern.route)
        if model is None:
            return
        for party, by_model in world.objects.items():
            for obj in by_model.get(model, []):
                yield party, "/" + re.sub(r"<(?:\w+:)?\w+>", str(obj.pk), pattern.route), [obj]
        return
    rules = {k: keyword_rule(pattern, k) for k in pattern.keywords}
    if None in rules.values():  # unmapped: test_every_url_keyword_is_mapped names it
        return
    if pattern.keywords == ("kind",):  # adding to one's own profile: no one else's id
        for kind in PROFILE_ITEM_KINDS:
            yield None, "/" + pattern.route.replace("<slug:kind>", kind), []
        return
    if rules.get("kind"):  # profile entries: the kind decides the model of item_id
        for party in ("js1", "js2"):
            profile = world.users[party].jobseeker_profile
            for kind, relation in PROFILE_ITEM_KINDS.items():
                for item in getattr(profile, relation).all():
                    url = pattern.route.replace("<slug:kind>", kind)
                    url = url.replace("<int:item_id>", str(item.pk))
                    yield party, "/" + url, [item]
        return
    if any(model == "public" for model, _f in rules.values()):
        from catalog.hsds import serializers as hsds
        from catalog.models import TaxonomyTerm

        for value in TaxonomyTerm.Taxonomy.values:
            yield "public", "/" + re.sub(r"<[^>]+>", hsds.taxonomy_id(value), pattern.route), []
        return
    if pattern.keywords == ("group_id", "day"):  # a day of that group
        for party, by_model in world.objects.items():
            for session in by_model.get(apps.get_model("delivery.GroupSession"), []):
                url = pattern.route.replace("<uuid:group_id>", str(session.group.uuid))
                yield party, "/" + url.replace("<str:day>", session.date.isoformat()), [session]
        return
    if set(pattern.keywords) == {"group_id", "participation_id"}:  # a participant of the group
        for party, by_model in world.objects.items():
            for participation in by_model.get(apps.get_model("delivery.Participation"), []):
                url = pattern.route.replace("<uuid:group_id>", str(participation.group.uuid))
                url = url.replace("<uuid:participation_id>", str(participation.uuid))
                yield party, "/" + url, [participation]
        return
    for party, by_model in world.objects.items():
        choices = []
        for keyword in pattern.keywords:
            model_label, fieldname = rules[keyword]
            objs = by_model.get(apps.get_model(model_label), [])
            choices.append([(keyword, fieldname, o) for o in objs])
        for combo in itertools.product(*choices):
            if not _related(combo):
                continue
            url = pattern.route
            for keyword, fieldname, obj in combo:
                value = _value(world, obj, fieldname, pattern)
                if value is None:
                    break
                url = re.sub(rf"<(?:\w+:)?{keyword}>", value, url)
            else:
                yield party, "/" + url, [o for _k, _f, o in combo]


def _related(combo) -> bool:
    """Several keywords name objects that belong together (the case of the plan)."""
    objs = {k: o for k, _f, o in combo}
    case = objs.get("case_id")
    if case is not None:
        for key in ("plan_id", "referral_id"):
            if key in objs and objs[key].case_id != case.pk:
                return False
        if "task_id" in objs and objs["task_id"].plan.case_id != case.pk:
            return False
    membership = objs.get("membership_id")
    if membership is not None and "pk" in objs:  # a member of that organisation
        return membership.organisation_id == objs["pk"].pk
    group = objs.get("group_id")
    if group is not None and "participation_id" in objs:
        return objs["participation_id"].group_id == group.pk
    return True
