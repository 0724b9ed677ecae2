"""Reads of the matching app, scoped to the viewer.

Whatever was stored, a list never shows an ad that is no longer listed, a service that is not
published, a profile without a publication consent, or a target the subject dismissed: those
are filtered here at read time too, not only at recomputation."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import LANGUAGE_CHOICES, TaxonomyTerm
from matching import features, services
from matching.models import Kind, Recommendation
from profiles import codes as profile_codes
from reference.models import EscoOccupation, EscoSkill, Municipality, Region
from tori import permissions as perms
from tori.i18n import with_lang

# code → label with named placeholders, filled with names in the active language
FACTOR_LABELS = {
    "occupation": gettext_lazy("Same occupation: %(occupations)s"),
    "occupation_related": gettext_lazy("Related occupation: %(occupations)s"),
    "skills": gettext_lazy("Matching skills (%(count)s of %(of)s): %(skills)s"),
    "location_municipality": gettext_lazy("In a municipality wished for: %(places)s"),
    "location_region": gettext_lazy("In a region wished for: %(places)s"),
    "remote": gettext_lazy("Remote work possible, as wished"),
    "location_mismatch": gettext_lazy("Outside the area wished for: %(places)s"),
    "language_missing": gettext_lazy("Language requirement not met: %(languages)s"),
    "language_unknown": gettext_lazy(
        "Language requirement, no languages in the profile: %(languages)s"
    ),
    "education_mismatch": gettext_lazy(
        "Education required: %(level)s; highest education in the profile: %(yours)s"
    ),
    "fresh": gettext_lazy("Recently published"),
    "skill_gap": gettext_lazy("Teaches skills the occupations sought need: %(skills)s"),
    "skills_needed": gettext_lazy("Teaches skills your job ads ask for: %(skills)s"),
    "skills_related": gettext_lazy("Builds on skills already in the profile: %(skills)s"),
    "aims_occupation": gettext_lazy("Aimed at the occupation sought: %(occupations)s"),
    "aims_related_occupation": gettext_lazy("Aimed at a related occupation: %(occupations)s"),
    "target_group": gettext_lazy("Meant for: %(groups)s"),
    "target_group_general": gettext_lazy("Meant for jobseekers"),
    "target_group_mismatch": gettext_lazy("Meant for other groups: %(groups)s"),
    "employer_service": gettext_lazy("Meant for employers"),
    "area_municipality": gettext_lazy("Available in the municipality: %(places)s"),
    "area_region": gettext_lazy("Available in the region: %(places)s"),
    "area_nationwide": gettext_lazy("Available nationwide"),
    "area_remote": gettext_lazy("Can be taken part in remotely"),
    "area_mismatch": gettext_lazy("Not available in the area wished for"),
    "delivery_remote": gettext_lazy("Remote or hybrid, as wished"),
    "language_fit": gettext_lazy("In a language spoken: %(languages)s"),
    "language_mismatch": gettext_lazy("Only in languages not in the profile: %(languages)s"),
    "free": gettext_lazy("Free of charge"),
}
# rank (profiles.codes.education_rank) → label; both upper secondary codes share rank 3
EDUCATION_RANK_LABELS = {
    **{profile_codes.education_rank(code): label for code, label in profile_codes.EDUCATION_LEVELS},
    3: gettext_lazy("Upper secondary education"),
}
TARGET_SELECT = {
    Kind.SERVICE: ["target_service__provider", "target_service__service_type"],
    Kind.JOB: ["target_job_ad__organisation", "target_job_ad__municipality"],
    Kind.CANDIDATE: ["target_profile"],
}


@dataclass
class Factor:
    code: str
    points: float
    text: str
    html: str = ""  # the text for pages: labels that fell back to another language marked

    @property
    def positive(self) -> bool:
        return self.points > 0


@dataclass
class RecommendationRow:
    id: int
    kind: str
    target: object
    score: float
    factors: list[Factor] = field(default_factory=list)
    saved: bool = False


def _visible(queryset, kind: str):
    today = timezone.localdate()
    if kind == Kind.SERVICE:
        return queryset.filter(target_service__status="published")
    if kind == Kind.JOB:
        return queryset.filter(
            target_job_ad__status="published", target_job_ad__application_deadline__gte=today
        )
    return queryset.filter(
        target_profile__is_published=True,
        target_profile__user__is_active=True,
        subject_job_ad__status="published",
        subject_job_ad__application_deadline__gte=today,
    )


class _Names:
    """Names for the ids and codes in factor details, loaded in one query per kind."""

    def __init__(self, factor_lists):
        wanted: dict[str, set] = {k: set() for k in ("skills", "occupations", "m", "r", "g")}
        for factors in factor_lists:
            for factor in factors:
                detail = factor.get("detail") or {}
                wanted["skills"].update(detail.get("skills", []))
                wanted["occupations"].update(detail.get("occupations", []))
                wanted["m"].update(detail.get("municipalities", []))
                wanted["r"].update(detail.get("regions", []))
                wanted["g"].update(detail.get("groups", []))
        self.skills = {s.pk: s.label for s in EscoSkill.objects.filter(pk__in=wanted["skills"])}
        self.occupations = {
            o.pk: o.label for o in EscoOccupation.objects.filter(pk__in=wanted["occupations"])
        }
        self.places = {m.code: m.name for m in Municipality.objects.filter(code__in=wanted["m"])}
        self.places.update({r.code: r.name for r in Region.objects.filter(code__in=wanted["r"])})
        self.groups = {
            t.code: t.name
            for t in TaxonomyTerm.objects.filter(
                taxonomy=TaxonomyTerm.Taxonomy.TARGET_GROUP, code__in=wanted["g"]
            )
        }
        self.languages = dict(LANGUAGE_CHOICES)

    def language(self, code: str) -> str:
        if code in self.languages:
            return str(self.languages[code])
        return profile_codes.language_name(code)

    def render(self, factor: dict) -> Factor:
        detail = factor.get("detail") or {}
        values = {
            "skills": ", ".join(
                self.skills[s] for s in detail.get("skills", []) if s in self.skills
            ),
            "occupations": ", ".join(
                self.occupations[o] for o in detail.get("occupations", []) if o in self.occupations
            ),
            "places": ", ".join(
                self.places.get(c, c)
                for c in [*detail.get("municipalities", []), *detail.get("regions", [])]
            ),
            "languages": ", ".join(self.language(c) for c in detail.get("languages", [])),
            "groups": ", ".join(self.groups.get(g, g) for g in detail.get("groups", [])),
            "count": detail.get("count", 0),
            "of": detail.get("of", 0),
            "level": _education_label(detail.get("required")),
            "yours": _education_label(detail.get("highest")),
        }
        label = FACTOR_LABELS.get(factor["code"])
        if label is None:
            return Factor(factor["code"], factor["points"], factor["code"], factor["code"])
        marked = {
            **{k: conditional_escape(v) if isinstance(v, str) else v for k, v in values.items()},
            "skills": _marked_list(self.skills, detail.get("skills", [])),
            "occupations": _marked_list(self.occupations, detail.get("occupations", [])),
        }
        text = (str(label) % values).rstrip(": ")
        html = mark_safe((conditional_escape(str(label)) % marked).rstrip(": "))  # noqa: S308
        return Factor(code=factor["code"], points=factor["points"], text=text, html=html)


def _marked_list(labels: dict, keys: list) -> str:
    """Escaped, comma-separated labels; each one in another language than the page's is
    wrapped in <span lang="…"> (tori.i18n.with_lang)."""
    return ", ".join(with_lang(labels[k]) for k in keys if k in labels)


def _education_label(rank) -> str:
    label = EDUCATION_RANK_LABELS.get(rank)
    return str(label) if label is not None else ""


def recommendation_list(*, viewer, subject, kind: str, limit: int = 10) -> list[RecommendationRow]:
    """The best recommendations of ``kind`` for ``subject`` (a jobseeker profile, a job ad or
    an employer organisation), with the factors that explain each one in the active
    language. Raises PermissionDenied unless ``can_view_recommendations(viewer, subject)``."""
    if not perms.can_view_recommendations(viewer, subject):
        raise PermissionDenied
    field_name = services.subject_field(subject)
    feedback = services.latest_feedback(kind=kind, field=field_name, subject_ids=[subject.pk]).get(
        subject.pk, {}
    )
    dismissed = [t for t, action in feedback.items() if action == "dismissed"]
    target = services._target_field(kind)
    queryset = (
        _visible(Recommendation.objects.filter(kind=kind, **{field_name: subject}), kind)
        .exclude(**{f"{target}_id__in": dismissed})
        .select_related(*TARGET_SELECT[kind])
        .order_by("-score", "pk")[:limit]
    )
    recommendations = list(queryset)
    factor_lists = [_shown_factors(r) for r in recommendations]
    names = _Names(factor_lists)
    return [
        RecommendationRow(
            id=r.pk,
            kind=r.kind,
            target=r.target,
            score=r.score,
            factors=[names.render(f) for f in factors],
            saved=feedback.get(r.target_id) == "saved",
        )
        for r, factors in zip(recommendations, factor_lists, strict=True)
    ]


def _shown_factors(recommendation: Recommendation) -> list[dict]:
    """The stored factors the subject's side may read. A candidate's factors are computed from
    the sections published to employers only; here they are checked against the current
    publication too, so nothing unpublished is named while a refresh is pending."""
    if recommendation.kind != Kind.CANDIDATE:
        return recommendation.factors
    published = recommendation.target_profile.published_sections or []
    return [
        f for f in recommendation.factors if features.candidate_factor_shown(f["code"], published)
    ]


def recommendation_get(*, viewer, recommendation_id: int) -> Recommendation:
    """One recommendation the viewer may give feedback on (404 semantics: DoesNotExist)."""
    recommendation = Recommendation.objects.select_related(
        "subject_profile", "subject_job_ad", "subject_organisation"
    ).get(pk=recommendation_id)
    if not perms.can_give_recommendation_feedback(viewer, recommendation.subject):
        raise Recommendation.DoesNotExist
    return recommendation


def no_recommendations_reason(*, profile) -> str:
    """Why a jobseeker's list may be empty, to show beside an empty list."""
    if not profile.skills.exists() and not profile.occupations.exists():
        return _("Add skills and the occupations you are looking for to your profile.")
    return _("Nothing matches your profile right now. New jobs and services appear daily.")
