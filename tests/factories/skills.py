import factory
from factory.django import DjangoModelFactory

from profiles.models import JobseekerProfile, ProfileItemSource, ProfileSkill
from reference.models import EscoOccupation, EscoSkill, OccupationSkill
from skills.models import SkillSuggestionRun
from tests.factories.users import JobseekerUserFactory


class EscoSkillFactory(DjangoModelFactory):
    class Meta:
        model = EscoSkill
        django_get_or_create = ["uri"]

    uri = factory.Sequence(lambda n: f"http://data.europa.eu/esco/skill/test-{n}")
    skill_type = EscoSkill.SkillType.SKILL
    label_en = factory.Sequence(lambda n: f"skill {n}")
    label_fi = factory.Sequence(lambda n: f"taito {n}")


class EscoOccupationFactory(DjangoModelFactory):
    class Meta:
        model = EscoOccupation
        django_get_or_create = ["uri"]

    uri = factory.Sequence(lambda n: f"http://data.europa.eu/esco/occupation/test-{n}")
    label_en = factory.Sequence(lambda n: f"occupation {n}")
    label_fi = factory.Sequence(lambda n: f"ammatti {n}")
    label_sv = factory.Sequence(lambda n: f"yrke {n}")


class OccupationSkillFactory(DjangoModelFactory):
    class Meta:
        model = OccupationSkill

    occupation = factory.SubFactory(EscoOccupationFactory)
    skill = factory.SubFactory(EscoSkillFactory)


class JobseekerProfileFactory(DjangoModelFactory):
    class Meta:
        model = JobseekerProfile
        django_get_or_create = ["user"]

    user = factory.SubFactory(JobseekerUserFactory)


class ProfileSkillFactory(DjangoModelFactory):
    class Meta:
        model = ProfileSkill

    profile = factory.SubFactory(JobseekerProfileFactory)
    skill = factory.SubFactory(EscoSkillFactory)
    source = ProfileItemSource.MANUAL
    evidence = ""


class SkillSuggestionRunFactory(DjangoModelFactory):
    class Meta:
        model = SkillSuggestionRun

    user = factory.SubFactory(JobseekerUserFactory)
    source = SkillSuggestionRun.Source.TEXT
    status = SkillSuggestionRun.Status.DONE
    language = "fi"
    result = factory.LazyFunction(list)
