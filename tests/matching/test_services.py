from unittest.mock import patch

import pytest

from jobs.models import JobAd
from matching import services
from matching.models import Kind, Recommendation, RecommendationFeedback
from profiles import services as profile_services
from tests.factories import (
    EducationFactory,
    EmployerUserFactory,
    ExpertUserFactory,
    JobAdFactory,
    JobseekerProfileFactory,
    ServiceFactory,
)
from tests.factories.matching import RecommendationFactory
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def targets(**filters):
    return list(Recommendation.objects.filter(**filters).order_by("-score"))


def test_recommendations_refresh__profile_gets_jobs_and_services_with_factors(world):
    # when
    services.recommendations_refresh(profile=world.profile)
    # then
    [job] = targets(subject_profile=world.profile, kind=Kind.JOB)
    assert job.target_job_ad == world.job_ad
    codes = {f["code"]: f["points"] for f in job.factors}
    assert codes["occupation"] == 40.0
    assert codes["skills"] == 40.0
    assert codes["location_municipality"] == 10.0
    [offer] = targets(subject_profile=world.profile, kind=Kind.SERVICE)
    assert offer.target_service == world.course  # recruitment help is for employers only
    gap = next(f for f in offer.factors if f["code"] == "skill_gap")
    assert gap["detail"] == {"skills": [world.menus.pk]}
    assert offer.algorithm_version == "tori-match-1"


def test_recommendations_refresh__profile_is_idempotent(world):
    services.recommendations_refresh(profile=world.profile)
    first = list(Recommendation.objects.values_list("kind", "score"))
    services.recommendations_refresh(profile=world.profile)
    assert sorted(Recommendation.objects.values_list("kind", "score")) == sorted(first)


def test_recommendations_refresh__published_profile_enters_candidate_lists(world):
    services.recommendations_refresh(profile=world.profile)
    [candidate] = targets(kind=Kind.CANDIDATE)
    assert (candidate.subject_job_ad, candidate.target_profile) == (world.job_ad, world.profile)


def test_recommendations_refresh__private_profile_never_becomes_a_candidate(world):
    # given
    private = world.private_profile()
    # when
    services.recommendations_refresh(profile=private)
    services.recommendations_refresh(job_ad=world.job_ad)
    # then
    assert targets(kind=Kind.CANDIDATE, target_profile=private) == []
    assert len(targets(kind=Kind.JOB, subject_profile=private)) == 1  # still gets jobs


def test_recommendations_refresh__unpublishing_removes_profile_from_candidates(world):
    services.recommendations_refresh(job_ad=world.job_ad)
    assert targets(kind=Kind.CANDIDATE)
    world.profile.is_published = False
    world.profile.save()
    services.recommendations_refresh(profile=world.profile)
    assert targets(kind=Kind.CANDIDATE) == []


def test_recommendations_refresh__job_ad_lists_candidates_and_reaches_profiles(world):
    # given: a second ad arrives after the profile was computed
    services.recommendations_refresh(profile=world.profile)
    new_ad = JobAdFactory(occupation=world.cook, skills=[world.cooking], municipality=world.tampere)
    # when
    services.recommendations_refresh(job_ad=new_ad)
    # then
    assert [r.target_profile for r in targets(subject_job_ad=new_ad)] == [world.profile]
    assert {r.target_job_ad for r in targets(subject_profile=world.profile, kind=Kind.JOB)} == {
        world.job_ad,
        new_ad,
    }


def test_recommendations_refresh__closed_or_expired_ad_is_removed_everywhere(world):
    services.recommendations_refresh(profile=world.profile)
    world.job_ad.status = "closed"
    world.job_ad.save()
    services.recommendations_refresh(job_ad=world.job_ad)
    assert targets(target_job_ad=world.job_ad) == []
    assert targets(subject_job_ad=world.job_ad) == []
    expired = JobAdFactory(expired=True, occupation=world.cook, skills=[world.cooking])
    services.recommendations_refresh(profile=world.profile)
    assert targets(target_job_ad=expired) == []


def test_recommendations_refresh__organisation_gets_employer_services(world):
    services.recommendations_refresh(organisation=world.organisation)
    [offer] = targets(subject_organisation=world.organisation)
    assert offer.target_service == world.recruitment
    codes = {f["code"] for f in offer.factors}
    assert {"employer_service", "aims_occupation", "area_region"} <= codes


def test_recommendations_refresh__service_fans_out_and_unpublished_service_leaves(world):
    # given: profile computed before the service existed
    services.recommendations_refresh(profile=world.profile)
    new_course = ServiceFactory(municipalities=[world.tampere])
    new_course.esco_skills.set([world.menus])
    # when
    services.recommendations_refresh(service=new_course)
    # then
    assert targets(target_service=new_course)[0].subject_profile == world.profile
    new_course.status = "archived"
    new_course.save()
    services.recommendations_refresh(service=new_course)
    assert targets(target_service=new_course) == []


def test_recommendations_refresh__dismissed_targets_stay_away(world):
    services.recommendations_refresh(profile=world.profile)
    [offer] = targets(subject_profile=world.profile, kind=Kind.SERVICE)
    services.feedback_record(user=world.profile.user, recommendation=offer, action="dismissed")
    services.recommendations_refresh(profile=world.profile)
    assert targets(subject_profile=world.profile, kind=Kind.SERVICE) == []
    assert RecommendationFeedback.objects.count() == 1


def test_recommendations_refresh__bad_input_is_scored_without_errors(world):
    # given: a profile with nothing, a job with no occupation or skills, a service with no area
    empty = JobseekerProfileFactory()
    bare_ad = JobAdFactory(occupation=None)
    no_area = ServiceFactory(languages=[])
    # when
    services.recommendations_refresh(profile=empty)
    services.recommendations_refresh(job_ad=bare_ad)
    services.recommendations_refresh(service=no_area)
    # then
    assert targets(subject_profile=empty, kind=Kind.JOB) == []
    assert targets(subject_job_ad=bare_ad) == []
    offers = {r.target_service for r in targets(subject_profile=empty, kind=Kind.SERVICE)}
    assert no_area in offers  # free of charge, neutral area: still suggested
    factors = targets(subject_profile=empty, target_service=no_area)[0].factors
    assert {f["code"] for f in factors} == {"free"}


def test_recommendations_refresh__requires_exactly_one_subject(world):
    with pytest.raises(ValueError, match="exactly one"):
        services.recommendations_refresh()
    with pytest.raises(ValueError, match="exactly one"):
        services.recommendations_refresh(profile=world.profile, job_ad=world.job_ad)


def test_recommendations_refresh_chunk__each_kind_writes_its_rows(world):
    ids = {
        "profiles": world.profile.pk,
        "job_ads": world.job_ad.pk,
        "organisations": world.organisation.pk,
    }
    for kind, pk in ids.items():
        services.recommendations_refresh_chunk(kind=kind, first_id=pk, last_id=pk)
    assert set(Recommendation.objects.values_list("kind", flat=True)) == {
        Kind.JOB,
        Kind.SERVICE,
        Kind.CANDIDATE,
    }
    with pytest.raises(ValueError, match="Unknown chunk kind"):
        services.recommendations_refresh_chunk(kind="nope", first_id=1, last_id=2)


def test_recommendations_prune__deletes_rows_of_targets_no_longer_shown(world):
    RecommendationFactory(target_service=ServiceFactory(draft=True))
    RecommendationFactory(job=True, target_job_ad=JobAdFactory(expired=True))
    RecommendationFactory(candidate=True, target_profile=JobseekerProfileFactory())
    kept = RecommendationFactory(subject_profile=world.profile, target_service=world.course)
    assert services.recommendations_prune() == 3
    assert list(Recommendation.objects.all()) == [kept]


def test_recommendations_schedule_full_refresh__queues_chunks_after_commit(
    world, django_capture_on_commit_callbacks
):
    with (
        patch("matching.tasks.recommendations_refresh_chunk_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        queued = services.recommendations_schedule_full_refresh()
    assert queued == 3
    kinds = sorted(call.kwargs["kind"] for call in delay.call_args_list)
    assert kinds == ["job_ads", "organisations", "profiles"]


def test_feedback_record__stores_signal_for_evaluation(world):
    services.recommendations_refresh(profile=world.profile)
    [job] = targets(subject_profile=world.profile, kind=Kind.JOB)
    feedback = services.feedback_record(user=world.profile.user, recommendation=job, action="saved")
    assert (feedback.kind, feedback.target_job_ad, feedback.action) == (
        Kind.JOB,
        world.job_ad,
        "saved",
    )
    assert feedback.score == job.score
    assert feedback.factors == job.factors
    services.recommendations_refresh(profile=world.profile)  # rows recomputed…
    assert RecommendationFeedback.objects.get().pk == feedback.pk  # …feedback kept


@pytest.mark.parametrize("who", ["other_jobseeker", "expert", "employer"])
def test_feedback_record__others_cannot_give_feedback_and_nothing_is_stored(world, who):
    services.recommendations_refresh(profile=world.profile)
    [offer] = targets(subject_profile=world.profile, kind=Kind.SERVICE)
    user = {
        "other_jobseeker": lambda: JobseekerProfileFactory().user,
        "expert": ExpertUserFactory,
        "employer": EmployerUserFactory,
    }[who]()
    with pytest.raises(ApplicationError):
        services.feedback_record(user=user, recommendation=offer, action="dismissed")
    assert RecommendationFeedback.objects.exists() is False


def test_feedback_record__unknown_action_is_rejected(world):
    offer = RecommendationFactory(subject_profile=world.profile)
    with pytest.raises(ApplicationError):
        services.feedback_record(user=world.profile.user, recommendation=offer, action="love")
    assert RecommendationFeedback.objects.exists() is False


def test_feedback_record__employer_dismisses_a_candidate_for_its_job_ad(world):
    services.recommendations_refresh(job_ad=world.job_ad)
    [candidate] = targets(kind=Kind.CANDIDATE)
    services.feedback_record(user=world.employer, recommendation=candidate, action="dismissed")
    services.recommendations_refresh(job_ad=world.job_ad)
    assert targets(kind=Kind.CANDIDATE) == []


def test_demo_load__computes_recommendations_for_existing_rows(world):
    from matching import demo

    [line] = demo.load()
    assert line == f"Matching: {Recommendation.objects.count()} recommendations computed."
    assert Recommendation.objects.filter(subject_organisation=world.organisation).exists()


# --- candidates: only what the jobseeker published to employers ------------------------------


def _publish(profile, sections):
    profile_services.profile_publish(profile=profile, actor=profile.user, sections=sections)


def test_recommendations_refresh__candidate_who_published_only_languages_is_no_candidate(world):
    # given: skills, an occupation and a wished municipality in the profile, only languages
    # published
    _publish(world.profile, ["languages"])
    # when
    services.recommendations_refresh(profile=world.profile)
    services.recommendations_refresh(job_ad=world.job_ad)
    # then: nothing published makes the profile relevant to the ad
    assert targets(kind=Kind.CANDIDATE) == []
    # … while the jobseeker's own recommendations still use everything
    [job] = targets(subject_profile=world.profile, kind=Kind.JOB)
    assert {"occupation", "skills", "location_municipality"} <= {f["code"] for f in job.factors}


def test_recommendations_refresh__candidate_is_scored_only_on_published_sections(world):
    # given: skills published; occupation, wishes and education not
    EducationFactory(profile=world.profile, level="32")
    JobAd.objects.filter(pk=world.job_ad.pk).update(education_level="6")
    _publish(world.profile, ["skills", "languages"])
    # when
    services.recommendations_refresh(job_ad=world.job_ad)
    services.recommendations_refresh(profile=world.profile)
    # then
    [candidate] = targets(kind=Kind.CANDIDATE)
    assert candidate.target_profile == world.profile
    assert candidate.factors == [
        {
            "code": "skills",
            "points": 40.0,
            "detail": {"skills": sorted([world.cooking.pk, world.hygiene.pk]), "count": 2, "of": 2},
        }
    ]
    assert candidate.score == 40.0
    [job] = targets(subject_profile=world.profile, kind=Kind.JOB)
    assert {"occupation", "location_municipality", "education_mismatch"} <= {
        f["code"] for f in job.factors
    }


def test_recommendations_refresh__published_wishes_and_education_count_for_candidates(world):
    EducationFactory(profile=world.profile, level="32")
    JobAd.objects.filter(pk=world.job_ad.pk).update(education_level="6")
    _publish(world.profile, ["skills", "wishes", "education"])
    services.recommendations_refresh(job_ad=world.job_ad)
    [candidate] = targets(kind=Kind.CANDIDATE)
    assert [f["code"] for f in candidate.factors] == [
        "skills",
        "education_mismatch",
        "location_municipality",
    ]


def test_profile_publish__narrower_consent_recomputes_the_candidate_explanation(
    world, django_capture_on_commit_callbacks
):
    # given: everything published, the candidate explained by occupation, skills and place
    services.recommendations_refresh(job_ad=world.job_ad)
    [before] = targets(kind=Kind.CANDIDATE)
    assert {"occupation", "skills", "location_municipality"} <= {f["code"] for f in before.factors}
    # when: the jobseeker publishes only the skills (the refresh runs after commit)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _publish(world.profile, ["skills"])
    # then: the stored explanation was recomputed without the unpublished parts
    assert len(callbacks) == 1
    [after] = targets(kind=Kind.CANDIDATE)
    assert [f["code"] for f in after.factors] == ["skills"]
