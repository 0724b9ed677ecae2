import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from matching import selectors, services
from matching.models import Kind
from tests.factories import (
    EducationFactory,
    EmployerUserFactory,
    ExpertUserFactory,
    JobAdFactory,
    JobseekerProfileFactory,
    ServiceFactory,
)
from tests.factories.matching import RecommendationFactory, RecommendationFeedbackFactory

pytestmark = pytest.mark.django_db


def test_recommendation_list__renders_factors_in_the_active_language(world):
    services.recommendations_refresh(profile=world.profile)
    user = world.profile.user
    with translation.override("en"):
        [row] = selectors.recommendation_list(viewer=user, subject=world.profile, kind=Kind.JOB)
        texts = [f.text for f in row.factors]
    assert row.target == world.job_ad
    assert "Same occupation: cook" in texts
    assert "Matching skills (2 of 2): cooking, food hygiene" in texts
    assert "In a municipality wished for: Tampere" in texts
    with translation.override("sv"):
        [row] = selectors.recommendation_list(viewer=user, subject=world.profile, kind=Kind.JOB)
    assert any("kock" in f.text for f in row.factors)
    assert any("Tammerfors" in f.text for f in row.factors)


def test_recommendation_list__education_below_the_requirement_is_explained(world):
    # given: the highest of two entries is upper secondary; the job asks for a bachelor's
    EducationFactory(profile=world.profile, level="31")
    EducationFactory(profile=world.profile, level="32")
    world.job_ad.education_level = "6"
    world.job_ad.save()
    services.recommendations_refresh(profile=world.profile)
    # when
    with translation.override("en"):
        [row] = selectors.recommendation_list(
            viewer=world.profile.user, subject=world.profile, kind=Kind.JOB
        )
    # then
    factor = next(f for f in row.factors if f.code == "education_mismatch")
    assert factor.points == -10.0
    assert not factor.positive
    assert factor.text == (
        "Education required: Bachelor's level; "
        "highest education in the profile: Upper secondary education"
    )


def test_recommendation_list__no_education_penalty_when_met_or_unknown(world):
    world.job_ad.education_level = "6"
    world.job_ad.save()
    services.recommendations_refresh(profile=world.profile)  # no education in the profile
    [row] = selectors.recommendation_list(
        viewer=world.profile.user, subject=world.profile, kind=Kind.JOB
    )
    assert "education_mismatch" not in {f.code for f in row.factors}
    EducationFactory(profile=world.profile, level="7")
    services.recommendations_refresh(profile=world.profile)
    [row] = selectors.recommendation_list(
        viewer=world.profile.user, subject=world.profile, kind=Kind.JOB
    )
    assert "education_mismatch" not in {f.code for f in row.factors}


def _verified(user):
    user.is_verified = lambda: True
    return user


def test_recommendation_list__expert_can_read_a_customers_service_suggestions(world):
    # given: the call the expert app makes, by an expert of the customer's area (Tampere)
    world.profile.home_municipality = world.tampere
    world.profile.save()
    services.recommendations_refresh(profile=world.profile)
    expert = _verified(ExpertUserFactory())
    # when
    rows = selectors.recommendation_list(
        viewer=expert, subject=world.profile, kind="service", limit=10
    )
    # then
    assert [r.target for r in rows] == [world.course]
    points = {f.code: f.points for f in rows[0].factors}
    assert points["skill_gap"] == 10.0  # one of the three missing skills of a cook


def test_recommendation_list__expert_of_another_area_is_denied(world):
    from django.core.exceptions import PermissionDenied

    from tests.factories import ExpertOfficeFactory

    world.profile.home_municipality = world.tampere
    world.profile.save()
    outsider = _verified(
        ExpertUserFactory(office=ExpertOfficeFactory(municipalities=[world.helsinki]))
    )
    with pytest.raises(PermissionDenied):
        selectors.recommendation_list(
            viewer=outsider, subject=world.profile, kind="service", limit=10
        )


@pytest.mark.parametrize("who", ["anonymous", "other_jobseeker", "employer"])
def test_recommendation_list__others_are_denied(world, who, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    viewer = {
        "anonymous": AnonymousUser,
        "other_jobseeker": lambda: JobseekerProfileFactory().user,
        "employer": EmployerUserFactory,
    }[who]()
    with pytest.raises(PermissionDenied):
        selectors.recommendation_list(viewer=viewer, subject=world.profile, kind=Kind.SERVICE)


def test_recommendation_list__filters_unpublished_expired_and_dismissed_at_read_time(world):
    # given: stored rows whose targets changed after computation
    profile = world.profile
    shown = RecommendationFactory(subject_profile=profile, target_service=world.course, score=9)
    RecommendationFactory(subject_profile=profile, target_service=ServiceFactory(draft=True))
    dismissed = RecommendationFactory(subject_profile=profile, target_service=ServiceFactory())
    RecommendationFeedbackFactory(subject_profile=profile, target_service=dismissed.target_service)
    RecommendationFactory(
        subject_profile=profile, job=True, target_job_ad=JobAdFactory(past_deadline=True)
    )
    # when
    offers = selectors.recommendation_list(viewer=profile.user, subject=profile, kind="service")
    jobs = selectors.recommendation_list(viewer=profile.user, subject=profile, kind="job")
    # then
    assert [r.id for r in offers] == [shown.pk]
    assert jobs == []


def test_recommendation_list__candidates_only_with_consent_and_for_own_ads(world):
    services.recommendations_refresh(job_ad=world.job_ad)
    rows = selectors.recommendation_list(
        viewer=world.employer, subject=world.job_ad, kind=Kind.CANDIDATE
    )
    assert [r.target for r in rows] == [world.profile]
    world.profile.is_published = False
    world.profile.save()
    assert (
        selectors.recommendation_list(
            viewer=world.employer, subject=world.job_ad, kind=Kind.CANDIDATE
        )
        == []
    )
    with pytest.raises(PermissionDenied):
        selectors.recommendation_list(
            viewer=EmployerUserFactory(), subject=world.job_ad, kind=Kind.CANDIDATE
        )


def test_recommendation_list__saved_flag_and_constant_queries(world, django_assert_num_queries):
    services.recommendations_refresh(profile=world.profile)
    [row] = selectors.recommendation_list(
        viewer=world.profile.user, subject=world.profile, kind=Kind.JOB
    )
    RecommendationFeedbackFactory(
        kind=Kind.JOB,
        subject_profile=world.profile,
        target_service=None,
        target_job_ad=world.job_ad,
        action="saved",
    )
    user = world.profile.user
    with django_assert_num_queries(5):
        [row] = selectors.recommendation_list(viewer=user, subject=world.profile, kind="job")
    assert row.saved is True


def test_recommendation_get__only_for_who_may_give_feedback(world):
    rec = RecommendationFactory(subject_profile=world.profile)
    assert selectors.recommendation_get(viewer=world.profile.user, recommendation_id=rec.pk) == rec
    with pytest.raises(rec.DoesNotExist):
        selectors.recommendation_get(viewer=ExpertUserFactory(), recommendation_id=rec.pk)


def test_recommendation_list__factor_html_marks_labels_in_another_language(world):
    """#18 point 7: on Swedish pages the Finnish fallback of a skill label carries lang="fi";
    the plain text (also served by the API) stays without markup."""
    services.recommendations_refresh(profile=world.profile)
    with translation.override("sv"):
        [row] = selectors.recommendation_list(
            viewer=world.profile.user, subject=world.profile, kind=Kind.JOB
        )
    skills = next(f for f in row.factors if f.code == "skills")
    occupation = next(f for f in row.factors if f.code == "occupation")
    assert '<span lang="fi">ruoanvalmistus</span>, <span lang="fi">hygienia</span>' in skills.html
    assert "<span" not in skills.text
    assert "ruoanvalmistus, hygienia" in skills.text
    assert "kock" in occupation.html
    assert "<span" not in occupation.html
