import datetime
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from catalog import services, tasks
from catalog.models import EnrolmentRequest, Service
from tests.factories import (
    EnrolmentRequestFactory,
    JobseekerUserFactory,
    MunicipalityFactory,
    PlatformAdminFactory,
    ProviderFactory,
    ProviderUserFactory,
    ServiceFactory,
    taxonomy_term,
    with_second_factor,
)
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def member_of(provider):
    return ProviderUserFactory(provider=provider)


def draft_data(**extra):
    return {
        "name_fi": "Hitsauskoulutus",
        "summary_fi": "Hitsaajaksi Tampereella",
        "service_type": taxonomy_term("training"),
        "municipalities": [MunicipalityFactory()],
        **extra,
    }


def test_service_create__member_creates_draft_with_sanitised_html():
    provider = ProviderFactory()
    service = services.service_create(
        actor=member_of(provider),
        provider=provider,
        data=draft_data(
            description_fi='<p onclick="x()">Hei<script>alert(1)</script></p>',
            summary_fi="<b>Lyhyt</b> kuvaus",
        ),
    )
    assert service.status == Service.Status.DRAFT
    assert service.description_fi == "<p>Hei</p>"
    assert service.summary_fi == "Lyhyt kuvaus"
    assert " hitsauskoulutus " in service.search_document
    assert " koulutus " in service.search_document


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name_fi": "  "}, "name_fi", "Enter the name of the service in Finnish."),
        (
            {"is_free": True, "price": "10.00"},
            "price",
            "A free service cannot have a price. Remove the price or mark the service as paid.",
        ),
        ({"is_free": False, "price": None}, "price", "Enter the price of a paid service."),
        ({"languages": ["xx"]}, "languages", "Choose languages from the list."),
        (
            {
                "enrolment_starts": datetime.date(2026, 5, 1),
                "enrolment_ends": datetime.date(2026, 4, 1),
            },
            "enrolment_ends",
            "The enrolment period cannot end before it starts.",
        ),
        ({"days_per_week": 9}, "days_per_week", "Enter 1–7 days per week."),
        ({"url": "javascript:alert(1)"}, "url", "Enter a valid web address."),
        ({"name_fi": "x" * 201}, "name_fi", "Use at most 200 characters."),
    ],
)
def test_service_create__bad_input_is_refused(settings, data, field, message):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    translation.activate("en")
    provider = ProviderFactory()
    with pytest.raises(ApplicationError) as error:
        services.service_create(
            actor=member_of(provider), provider=provider, data=draft_data(**data)
        )
    assert (error.value.field, error.value.message) == (field, message)
    assert Service.objects.exists() is False


def test_service_create__other_provider_member_is_refused():
    provider = ProviderFactory()
    with pytest.raises(ApplicationError):
        services.service_create(actor=ProviderUserFactory(), provider=provider, data=draft_data())
    assert Service.objects.exists() is False


def test_service_update__other_provider_member_is_refused():
    service = ServiceFactory(name_fi="Alkuperäinen")
    with pytest.raises(ApplicationError):
        services.service_update(actor=ProviderUserFactory(), service=service, data={"name_fi": "X"})
    service.refresh_from_db()
    assert service.name_fi == "Alkuperäinen"


def test_service_lifecycle__draft_submitted_published_outdated_confirmed_archived():
    provider = ProviderFactory()
    member = member_of(provider)
    admin = with_second_factor(PlatformAdminFactory())
    service = services.service_create(actor=member, provider=provider, data=draft_data())
    services.service_submit(actor=member, service=service)
    assert service.status == Service.Status.SUBMITTED
    services.service_publish(actor=admin, service=service)
    assert service.status == Service.Status.PUBLISHED
    assert service.published_at is not None
    later = timezone.now() + datetime.timedelta(days=200)
    with mock.patch.object(tasks.service_outdated_remind_task, "delay"):
        assert services.service_mark_outdated(service=service, now=later) is True
    service.refresh_from_db()
    assert service.status == Service.Status.OUTDATED
    services.service_confirm(actor=member, service=service)
    assert service.status == Service.Status.PUBLISHED
    services.service_archive(actor=member, service=service)
    assert service.status == Service.Status.ARCHIVED
    with pytest.raises(ApplicationError):
        services.service_update(actor=member, service=service, data={"name_fi": "Uusi"})


def test_service_update__provider_change_to_published_service_goes_back_to_moderation():
    service = ServiceFactory(name_fi="Hitsaus", is_nationwide=True)
    published_at = service.published_at
    member = member_of(service.provider)
    services.service_update(actor=member, service=service, data={"name_fi": "Pikavippi"})
    service.refresh_from_db()
    assert (service.name_fi, service.status) == ("Pikavippi", Service.Status.SUBMITTED)
    assert service.submitted_at is not None
    assert service.published_at == published_at  # first publication date kept
    assert Service.objects.published().filter(pk=service.pk).exists() is False
    # the moderator accepts the change: live again
    services.service_publish(actor=with_second_factor(PlatformAdminFactory()), service=service)
    assert Service.objects.published().filter(pk=service.pk).exists() is True


@pytest.mark.parametrize(
    "change",
    [
        lambda: {"target_groups": [taxonomy_term("immigrants")]},
        lambda: {"municipalities": []},
        lambda: {
            "locations": [{"street_address": "Katu 1", "postal_code": "33100", "city": "Tampere"}]
        },
        lambda: {"price": "99.00", "is_free": False},
    ],
    ids=["target_groups", "municipalities", "locations", "price"],
)
def test_service_update__provider_change_of_areas_or_terms_goes_back_to_moderation(change):
    service = ServiceFactory(
        is_nationwide=True, municipalities=[MunicipalityFactory()], is_free=True
    )
    services.service_update(actor=member_of(service.provider), service=service, data=change())
    service.refresh_from_db()
    assert service.status == Service.Status.SUBMITTED


def test_service_update__saving_without_a_change_only_reconfirms():
    service = ServiceFactory(stale=True, name_fi="Hitsaus", is_nationwide=True)
    services.service_update(
        actor=member_of(service.provider), service=service, data={"name_fi": "Hitsaus"}
    )
    service.refresh_from_db()
    assert service.status == Service.Status.PUBLISHED
    assert service.confirmed_at.date() == timezone.localdate()


def test_service_update__platform_admin_edit_stays_published():
    service = ServiceFactory(name_fi="Hitsaus", is_nationwide=True)
    services.service_update(
        actor=with_second_factor(PlatformAdminFactory()), service=service, data={"name_fi": "Uusi"}
    )
    service.refresh_from_db()
    assert (service.name_fi, service.status) == ("Uusi", Service.Status.PUBLISHED)


def test_service_update__draft_stays_a_draft():
    service = ServiceFactory(draft=True)
    services.service_update(
        actor=member_of(service.provider), service=service, data={"name_fi": "X"}
    )
    service.refresh_from_db()
    assert service.status == Service.Status.DRAFT


def test_service_submit__unverified_provider_cannot_submit():
    provider = ProviderFactory(is_verified=False)
    member = member_of(provider)
    service = services.service_create(actor=member, provider=provider, data=draft_data())
    with pytest.raises(ApplicationError) as error:
        services.service_submit(actor=member, service=service)
    assert error.value.code == "unverified"
    service.refresh_from_db()
    assert service.status == Service.Status.DRAFT


def test_service_submit__needs_area_and_type():
    provider = ProviderFactory()
    member = member_of(provider)
    service = services.service_create(
        actor=member, provider=provider, data={"name_fi": "Ohjaus", "summary_fi": "Ohjausta"}
    )
    with pytest.raises(ApplicationError) as error:
        services.service_submit(actor=member, service=service)
    assert error.value.field == "service_type"


def test_service_publish__only_platform_admin_moderates():
    service = ServiceFactory(submitted=True)
    with pytest.raises(ApplicationError):
        services.service_publish(actor=member_of(service.provider), service=service)
    service.refresh_from_db()
    assert service.status == Service.Status.SUBMITTED


def test_service_publish__admin_without_second_factor_cannot_moderate():
    service = ServiceFactory(submitted=True)
    with pytest.raises(ApplicationError):
        services.service_publish(actor=PlatformAdminFactory(), service=service)
    with pytest.raises(ApplicationError):
        services.service_reject(actor=PlatformAdminFactory(), service=service, note="Ei.")
    service.refresh_from_db()
    assert (service.status, service.moderation_note) == (Service.Status.SUBMITTED, "")


def test_service_reject__back_to_draft_with_note():
    service = ServiceFactory(submitted=True)
    admin = with_second_factor(PlatformAdminFactory())
    services.service_reject(actor=admin, service=service, note="Ei työelämään.")
    service.refresh_from_db()
    assert (service.status, service.moderation_note) == (Service.Status.DRAFT, "Ei työelämään.")


def test_services_mark_outdated__marks_stale_and_dispatches_reminder_on_commit(
    django_capture_on_commit_callbacks,
):
    stale = ServiceFactory(stale=True)
    fresh = ServiceFactory()
    with mock.patch.object(tasks.service_outdated_remind_task, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            changed = services.services_mark_outdated()
    assert changed == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.status, fresh.status) == (Service.Status.OUTDATED, Service.Status.PUBLISHED)
    delay.assert_called_once_with(service_id=stale.pk)


def test_services_mark_outdated_task__is_idempotent():
    ServiceFactory(stale=True)
    with mock.patch.object(tasks.service_outdated_remind_task, "delay"):
        assert tasks.services_mark_outdated_task() == 1
        assert tasks.services_mark_outdated_task() == 0


def test_service_outdated_remind_task__mails_members_in_their_language(
    django_capture_on_commit_callbacks,
):
    service = ServiceFactory(
        name_fi="Valmennus", name_sv="Coachning", status=Service.Status.OUTDATED
    )
    finnish = member_of(service.provider)
    swedish = member_of(service.provider)
    swedish.preferred_language = "sv"
    swedish.save()
    with django_capture_on_commit_callbacks(execute=True):  # mail is queued after commit
        sent = tasks.service_outdated_remind_task(service.pk)
    assert sent == 2
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[finnish.email].endswith("Valmennus")
    assert subjects[swedish.email].endswith("Coachning")
    assert tasks.service_outdated_remind_task(999999) == 0


def test_enrolment_request__create_decide_withdraw():
    service = ServiceFactory()
    jobseeker = JobseekerUserFactory()
    member = member_of(service.provider)
    request = services.enrolment_request_create(user=jobseeker, service=service, message="Hei")
    with pytest.raises(ApplicationError):
        services.enrolment_request_create(user=jobseeker, service=service)
    with pytest.raises(ApplicationError):
        services.enrolment_request_decide(
            actor=ProviderUserFactory(), enrolment=request, accept=True
        )
    services.enrolment_request_decide(actor=member, enrolment=request, accept=True)
    assert request.status == EnrolmentRequest.Status.ACCEPTED
    services.enrolment_request_withdraw(actor=jobseeker, enrolment=request)
    assert request.status == EnrolmentRequest.Status.WITHDRAWN


def test_enrolment_request__provider_member_and_draft_are_refused():
    with pytest.raises(ApplicationError):
        services.enrolment_request_create(user=ProviderUserFactory(), service=ServiceFactory())
    with pytest.raises(ApplicationError):
        services.enrolment_request_create(
            user=JobseekerUserFactory(), service=ServiceFactory(draft=True)
        )
    assert EnrolmentRequest.objects.exists() is False


def test_enrolment_request_withdraw__only_by_requester():
    request = EnrolmentRequestFactory()
    with pytest.raises(ApplicationError):
        services.enrolment_request_withdraw(actor=JobseekerUserFactory(), enrolment=request)
    request.refresh_from_db()
    assert request.status == EnrolmentRequest.Status.NEW


def test_beat_schedule__runs_the_outdating_task_daily(settings):
    from tori.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["catalog-services-mark-outdated"]
    assert entry["task"] == "catalog.services_mark_outdated"
    assert entry["schedule"] == 86400
    assert app.tasks[entry["task"]].name == tasks.services_mark_outdated_task.name
