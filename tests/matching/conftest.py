"""A small world for the matching tests: cooks in Tampere, a kitchen job, a cooking course."""

from types import SimpleNamespace

import pytest

from matching import features
from profiles.models import ProfileOccupation, ProfileSkill
from tests.factories import (
    EmployerUserFactory,
    EscoOccupationFactory,
    EscoSkillFactory,
    JobAdFactory,
    JobseekerProfileFactory,
    MunicipalityFactory,
    OccupationSkillFactory,
    ProfileLanguageFactory,
    PublishedProfileFactory,
    RegionFactory,
    ServiceFactory,
    taxonomy_term,
)


@pytest.fixture(autouse=True)
def _fresh_feature_cache():
    features.clear_cache()
    yield
    features.clear_cache()


def give(profile, *, skills=(), occupations=(), municipalities=(), languages=()):
    for skill in skills:
        ProfileSkill.objects.create(profile=profile, skill=skill)
    for occupation in occupations:
        ProfileOccupation.objects.create(profile=profile, occupation=occupation)
    profile.wish_municipalities.set(municipalities)
    for code, level in languages:
        ProfileLanguageFactory(profile=profile, language=code, level=level)
    return profile


@pytest.fixture
def world(db):
    tampere = MunicipalityFactory()
    helsinki = MunicipalityFactory(
        code="091",
        name_fi="Helsinki",
        name_sv="Helsingfors",
        name_en="Helsinki",
        region=RegionFactory(code="01", name_fi="Uusimaa", name_sv="Nyland", name_en="Uusimaa"),
    )
    cook = EscoOccupationFactory(label_fi="kokki", label_sv="kock", label_en="cook")
    cooking = EscoSkillFactory(label_fi="ruoanvalmistus", label_en="cooking")
    hygiene = EscoSkillFactory(label_fi="hygienia", label_en="food hygiene")
    menus = EscoSkillFactory(label_fi="ruokalistat", label_en="menu planning")
    welding = EscoSkillFactory(label_fi="hitsaus", label_en="welding")
    for skill in (cooking, hygiene, menus):
        OccupationSkillFactory(occupation=cook, skill=skill)
    employer = EmployerUserFactory()
    organisation = employer.employer_memberships.get().organisation
    job_ad = JobAdFactory(
        organisation=organisation, occupation=cook, skills=[cooking, hygiene], municipality=tampere
    )
    profile = give(
        PublishedProfileFactory(),
        skills=[cooking, hygiene],
        occupations=[cook],
        municipalities=[tampere],
        languages=[("fi", "L1")],
    )
    course = ServiceFactory(municipalities=[tampere], target_groups=[taxonomy_term("jobseekers")])
    course.esco_skills.set([menus])
    recruitment = ServiceFactory(
        service_type=taxonomy_term("recruitment"),
        target_groups=[taxonomy_term("employers")],
        regions=[tampere.region],
    )
    recruitment.esco_occupations.set([cook])
    return SimpleNamespace(
        tampere=tampere,
        helsinki=helsinki,
        cook=cook,
        cooking=cooking,
        hygiene=hygiene,
        menus=menus,
        welding=welding,
        employer=employer,
        organisation=organisation,
        job_ad=job_ad,
        profile=profile,
        course=course,
        recruitment=recruitment,
        private_profile=lambda: give(
            JobseekerProfileFactory(), skills=[cooking, hygiene], occupations=[cook]
        ),
    )
