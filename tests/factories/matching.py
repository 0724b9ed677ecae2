import factory
from factory.django import DjangoModelFactory

from matching import scoring
from matching.models import Kind, Recommendation, RecommendationFeedback
from tests.factories.catalog import ServiceFactory
from tests.factories.jobs import JobAdFactory
from tests.factories.profiles import PublishedProfileFactory
from tests.factories.skills import JobseekerProfileFactory


class RecommendationFactory(DjangoModelFactory):
    """A stored service recommendation for a profile; traits job / candidate."""

    class Meta:
        model = Recommendation

    kind = Kind.SERVICE
    subject_profile = factory.SubFactory(JobseekerProfileFactory)
    target_service = factory.SubFactory(ServiceFactory)
    score = 50.0
    factors = factory.LazyFunction(lambda: [{"code": "free", "points": 5.0, "detail": {}}])
    algorithm_version = scoring.ALGORITHM_VERSION

    class Params:
        job = factory.Trait(
            kind=Kind.JOB, target_service=None, target_job_ad=factory.SubFactory(JobAdFactory)
        )
        candidate = factory.Trait(
            kind=Kind.CANDIDATE,
            subject_profile=None,
            target_service=None,
            subject_job_ad=factory.SubFactory(JobAdFactory),
            target_profile=factory.SubFactory(PublishedProfileFactory),
        )


class RecommendationFeedbackFactory(DjangoModelFactory):
    class Meta:
        model = RecommendationFeedback

    kind = Kind.SERVICE
    subject_profile = factory.SubFactory(JobseekerProfileFactory)
    target_service = factory.SubFactory(ServiceFactory)
    action = RecommendationFeedback.Action.DISMISSED
