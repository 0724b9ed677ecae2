"""Demo recommendations: computed for every demo jobseeker, listed job ad and employer
organisation (idempotent: each subject's rows are replaced). Later demo loaders that publish
job ads schedule their own refreshes through jobs.services."""

from jobs.models import JobAd
from matching import services
from matching.models import Recommendation
from openstats.demo import SYNTHETIC_EMAIL_PREFIX
from profiles.models import EmployerOrganisation, JobseekerProfile


def load() -> list[str]:
    # the open statistics' 240 synthetic people need no recommendations
    people = JobseekerProfile.objects.filter(user__is_active=True).exclude(
        user__email__startswith=SYNTHETIC_EMAIL_PREFIX
    )
    for profile in people.order_by("pk"):
        services.recommendations_refresh(profile=profile)
    for job_ad in JobAd.objects.listed().order_by("pk"):
        services.recommendations_refresh(job_ad=job_ad)
    for organisation in EmployerOrganisation.objects.order_by("pk"):
        services.recommendations_refresh(organisation=organisation)
    return [f"Matching: {Recommendation.objects.count()} recommendations computed."]
