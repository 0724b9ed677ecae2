import factory
from factory.django import DjangoModelFactory

from profiles.models import (
    PUBLISHABLE_SECTIONS,
    ContactRequest,
    DataAccessLog,
    Education,
    ProfileConsent,
    ProfileFreeSkill,
    ProfileLanguage,
    WorkAbilityDetails,
    WorkExperience,
)
from tests.factories.skills import JobseekerProfileFactory
from tests.factories.users import EmployerOrganisationFactory


class PublishedProfileFactory(JobseekerProfileFactory):
    """A profile with an active publication consent (as profile_publish leaves it)."""

    class Meta:
        skip_postgeneration_save = True

    headline = factory.Faker("job", locale="fi_FI")
    introduction = "Olen luotettava ja oppimishaluinen."
    is_published = True
    published_sections = factory.LazyFunction(lambda: list(PUBLISHABLE_SECTIONS))

    @factory.post_generation
    def consent(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            ProfileConsent.objects.create(
                user=obj.user,
                purpose=ProfileConsent.Purpose.PUBLISH,
                scope=obj.published_sections,
                version="2026-1",
            )


class ProfileFreeSkillFactory(DjangoModelFactory):
    class Meta:
        model = ProfileFreeSkill

    profile = factory.SubFactory(JobseekerProfileFactory)
    name = factory.Sequence(lambda n: f"Oma taito {n}")


class WorkExperienceFactory(DjangoModelFactory):
    class Meta:
        model = WorkExperience

    profile = factory.SubFactory(JobseekerProfileFactory)
    title = "Kokki"
    employer_name = "Ravintola Aalto"
    start_date = factory.Faker("date_between", start_date="-10y", end_date="-2y")


class EducationFactory(DjangoModelFactory):
    class Meta:
        model = Education

    profile = factory.SubFactory(JobseekerProfileFactory)
    degree = "Ravintola- ja catering-alan perustutkinto"
    institution = "Tredu"
    level = "32"


class ProfileLanguageFactory(DjangoModelFactory):
    class Meta:
        model = ProfileLanguage

    profile = factory.SubFactory(JobseekerProfileFactory)
    language = "fi"
    level = "L1"


class WorkAbilityDetailsFactory(DjangoModelFactory):
    class Meta:
        model = WorkAbilityDetails

    profile = factory.SubFactory(JobseekerProfileFactory, partial_work_ability=True)
    reasons = "Selkävaiva rajoittaa raskaita nostoja."


class ContactRequestFactory(DjangoModelFactory):
    class Meta:
        model = ContactRequest

    profile = factory.SubFactory(PublishedProfileFactory)
    organisation = factory.SubFactory(EmployerOrganisationFactory)
    message = "Meillä olisi kokin paikka auki."
    status = ContactRequest.Status.PENDING


class DataAccessLogFactory(DjangoModelFactory):
    class Meta:
        model = DataAccessLog

    subject = factory.SubFactory("tests.factories.users.JobseekerUserFactory")
    subject_key = factory.Faker("uuid4", cast_to=None)
    accessor_role = "employer"
    purpose = DataAccessLog.Purpose.EMPLOYER_CANDIDATE
    sections = factory.LazyFunction(lambda: ["skills"])
