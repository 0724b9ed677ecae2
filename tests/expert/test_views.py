"""Case work through the HTML views: access log, URLs, worklist, customer page, plans,
notes, referrals (incl. the provider's view), job offers, e-service decisions, outcomes."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from eservices.models import EserviceItem
from expert.models import Case, CaseNote, JobOffer, Plan, PlanTask, Referral, ServiceNeedAssessment
from profiles.models import DataAccessLog
from tests.expert.conftest import sign_in
from tests.factories import (
    CaseFactory,
    CaseNoteFactory,
    EserviceItemFactory,
    JobAdFactory,
    PlanTaskFactory,
    ProviderUserFactory,
    ReferralFactory,
    ServiceFactory,
    WorkAbilityDetailsFactory,
)

pytestmark = pytest.mark.django_db


def case_detail(case):
    return reverse("expert:case-detail", kwargs={"case_id": case.pk})


# --- Access log ------------------------------------------------------------------------------


def test_case_detail__view_is_logged_with_the_case_reference(client, world, expert):
    # given
    case = world["case"]
    # when
    response = sign_in(client, expert).get(case_detail(case))
    # then
    assert response.status_code == 200
    entry = DataAccessLog.objects.get()
    assert entry.subject == case.profile.user
    assert entry.accessor == expert
    assert entry.accessor_role == "expert"
    assert entry.purpose == DataAccessLog.Purpose.EXPERT
    assert entry.object_ref == case.reference
    assert entry.accessor_organisation == case.office.name
    assert "contact" in entry.sections
    assert "situation" in entry.sections


def test_case_detail__every_view_is_a_new_log_entry(client, world, expert):
    # given
    signed_in = sign_in(client, expert)
    # when
    signed_in.get(case_detail(world["case"]))
    signed_in.get(case_detail(world["case"]))
    # then
    assert DataAccessLog.objects.filter(subject=world["profile"].user).count() == 2


def test_case_detail__customer_sees_the_entry_in_my_data(client, world, expert):
    # given
    sign_in(client, expert).get(case_detail(world["case"]))
    client.logout()
    # when
    client.force_login(world["profile"].user)
    response = client.get(reverse("profiles:my-data"))
    # then
    assert response.status_code == 200
    assert expert.get_full_name() in response.content.decode()
    assert str(DataAccessLog.Purpose.EXPERT.label) in [
        str(e.get_purpose_display()) for e in response.context["log_page"]
    ]


def test_access_log__cannot_be_edited_from_the_app(client, world, expert):
    # given
    sign_in(client, expert).get(case_detail(world["case"]))
    entry = DataAccessLog.objects.get()
    # when / then
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        DataAccessLog.objects.update(object_ref="x")
    with pytest.raises(PermissionError):
        entry.delete()


def test_item_detail__view_of_a_registration_is_logged(client, world, expert):
    # when
    sign_in(client, expert).get(reverse("expert:item-detail", kwargs={"item_id": world["item"].pk}))
    # then
    entry = DataAccessLog.objects.get()
    assert entry.subject == world["profile"].user
    assert entry.object_ref == world["case"].reference


def test_work_ability_reasons__only_for_the_responsible_expert(client, world, expert):
    # given
    profile = world["profile"]
    profile.partial_work_ability = True
    profile.save()
    WorkAbilityDetailsFactory(profile=profile, reasons="Selkävaiva rajoittaa nostamista.")
    colleague = type(expert).objects.create_user(email="kollega@example.fi", role="expert")
    colleague.expert_memberships.create(office=world["case"].office)
    # when
    own = sign_in(client, expert).get(case_detail(world["case"])).content.decode()
    client.logout()
    other = sign_in(client, colleague).get(case_detail(world["case"])).content.decode()
    # then
    assert "Selkävaiva rajoittaa nostamista." in own
    assert "Selkävaiva rajoittaa nostamista." not in other
    sections = list(DataAccessLog.objects.order_by("pk").values_list("sections", flat=True))
    assert "work_ability" in sections[0]
    assert "work_ability" not in sections[1]


# --- URLs never carry names or identity codes ------------------------------------------------


UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def test_urls__contain_no_names_only_opaque_ids(client, world, expert):
    # given
    signed_in = sign_in(client, expert)
    user = world["profile"].user
    pages = [
        reverse("expert:worklist"),
        reverse("expert:area-customers"),
        reverse("expert:watch-list"),
        case_detail(world["case"]),
    ]
    world["profile"].unemployed_since = timezone.localdate() - datetime.timedelta(days=100)
    world["profile"].save()
    # when
    links = []
    for page in pages:
        html = signed_in.get(page).content.decode()
        links += re.findall(r'(?:href|action)="([^"]+)"', html)
    # then
    expert_links = [link for link in links if "/expert/" in link or "/my-plan/" in link]
    assert expert_links
    for link in expert_links:
        for value in (user.first_name, user.last_name, user.email, "Kaisa", "Kuusisto"):
            assert value.lower() not in link.lower()
        for segment in link.split("#")[0].split("?")[0].strip("/").split("/")[2:]:
            assert re.fullmatch(UUID, segment) or re.fullmatch(r"[a-z-]+", segment), link


def test_url_patterns__identify_objects_only_by_uuid():
    # given
    from expert import urls, urls_plan, urls_provider

    # then
    for module in (urls, urls_plan, urls_provider):
        for pattern in module.urlpatterns:
            for converter in pattern.pattern.converters.values():
                assert type(converter).__name__ == "UUIDConverter"


# --- Worklist and the area's customers -------------------------------------------------------


def test_worklist__my_customers_new_items_and_tasks_due_with_counts(client, world, expert):
    # given
    today = timezone.localdate()
    PlanTaskFactory(plan=world["plan"], due_date=today - datetime.timedelta(days=2))
    PlanTaskFactory(plan=world["plan"], due_date=today + datetime.timedelta(days=30))
    EserviceItemFactory(wage_subsidy=True)
    # when
    response = sign_in(client, expert).get(reverse("expert:worklist"))
    # then
    work = response.context["work"]
    assert [c.pk for c in work["my_cases"]] == [world["case"].pk]
    assert work["counts"] == {"cases": 1, "items": 2, "tasks": 2, "overdue": 1}
    assert DataAccessLog.objects.exists() is False  # pseudonymous list
    assert world["profile"].user.last_name not in response.content.decode()


def test_worklist__filters(client, world, expert):
    # given
    EserviceItemFactory(wage_subsidy=True)
    signed_in = sign_in(client, expert)
    # when
    items = signed_in.get(reverse("expert:worklist"), {"show": "items", "kind": "wage_subsidy"})
    overdue = signed_in.get(reverse("expert:worklist"), {"show": "tasks", "overdue": "1"})
    # then
    assert [i.kind for i in items.context["work"]["new_items"]] == ["wage_subsidy"]
    assert items.context["work"]["my_cases"] == []
    assert overdue.context["work"]["tasks_due"] == []


def test_worklist__items_of_other_areas_are_not_listed(client, world, other_expert):
    # when
    response = sign_in(client, other_expert).get(reverse("expert:worklist"))
    # then
    assert response.context["work"]["new_items"] == []
    assert response.context["work"]["my_cases"] == []


def test_area_customers__pseudonymous_and_without_open_case(client, world, expert):
    # when
    response = sign_in(client, expert).get(reverse("expert:area-customers"))
    # then
    listed = [p.pk for p in response.context["page"]]
    assert listed == [world["no_case"].pk]
    assert world["no_case"].user.last_name not in response.content.decode()
    assert world["no_case"].pseudonym in response.content.decode()


def test_case_open__opens_a_case_in_the_experts_office(client, world, expert):
    # when
    response = sign_in(client, expert).post(
        reverse("expert:case-open", kwargs={"public_id": world["no_case"].public_id})
    )
    # then
    case = Case.objects.get(profile=world["no_case"])
    assert response["Location"] == case_detail(case)
    assert case.office == world["case"].office
    assert case.responsible == expert
    assert case.status == "open"
    assert re.fullmatch(r"AS-\d{4}-[0-9A-F]{6}", case.reference)


def test_case_open__second_open_case_is_refused(client, world, expert):
    # when
    response = sign_in(client, expert).post(
        reverse("expert:case-open", kwargs={"public_id": world["profile"].public_id})
    )
    # then
    assert response.status_code == 302
    assert Case.objects.filter(profile=world["profile"]).count() == 1


# --- Customer page ---------------------------------------------------------------------------


def test_case_detail__built_from_the_jobseekers_own_components(client, world, expert):
    # given
    profile = world["profile"]
    profile.headline = "Kokki, jolla on 10 vuoden kokemus"
    profile.remote_ok = True
    profile.save()
    # when
    response = sign_in(client, expert).get(case_detail(world["case"]))
    # then
    templates = {t.name for t in response.templates}
    assert {
        "profiles/_skill_tags.html",
        "profiles/_introduction.html",
        "profiles/_wishes_facts.html",
        "profiles/_sections.html",
        "profiles/_situation_list.html",
    } <= templates
    html = response.content.decode()
    assert "Kokki, jolla on 10 vuoden kokemus" in html
    assert 'id="recommendations"' in html
    assert "Kaisa Kuusisto" in html


def test_own_profile_page__still_uses_the_same_components(client, world):
    # when
    client.force_login(world["profile"].user)
    response = client.get(reverse("profiles:overview"))
    # then
    templates = {t.name for t in response.templates}
    assert {"profiles/_skill_tags.html", "profiles/_wishes_facts.html"} <= templates
    assert reverse("plan:my-plan") in response.content.decode()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_case_detail__renders_in_each_language(client, world, expert, lang):
    # when
    response = sign_in(client, expert).get(
        f"/{lang}" + case_detail(world["case"])[3:], HTTP_ACCEPT_LANGUAGE=lang
    )
    # then
    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == lang
    assert f'<html lang="{lang}">' in response.content.decode()


# --- Assessment, plans, tasks, notes ---------------------------------------------------------


def test_assessment__saved_structured(client, world, expert):
    # when
    response = sign_in(client, expert).post(
        reverse("expert:assessment", kwargs={"case_id": world["case"].pk}),
        {
            "work_ability": "partial",
            "skills": "Ruoanvalmistus",
            "barriers": ["language", "mobility"],
            "agreed_goal": "Kokin työ",
        },
    )
    # then
    assert response.status_code == 302
    assessment = ServiceNeedAssessment.objects.get(case=world["case"])
    assert assessment.work_ability == "partial"
    assert assessment.barriers == ["language", "mobility"]
    assert assessment.agreed_goal == "Kokin työ"
    assert assessment.assessed_by == expert


def test_plan_and_task__created_by_expert(client, world, expert):
    # given
    signed_in = sign_in(client, expert)
    # when
    signed_in.post(
        reverse("expert:plan-create", kwargs={"case_id": world["case"].pk}),
        {"kind": "multisector", "goal": "Kuntoutus ja työkokeilu"},
    )
    plan = Plan.objects.get(case=world["case"], kind="multisector")
    signed_in.post(
        reverse("expert:task-add", kwargs={"case_id": world["case"].pk, "plan_id": plan.pk}),
        {"title": "Hae työkokeiluun", "due_date": "2030-01-31"},
    )
    # then
    assert plan.created_by == expert
    task = plan.tasks.get()
    assert (task.title, task.due_date) == ("Hae työkokeiluun", datetime.date(2030, 1, 31))
    assert set(Plan.Kind.values) == {"employment", "activation", "multisector"}


def test_plan_task__customer_ticks_and_expert_sees_it(client, world, expert):
    # given
    task = world["task"]
    client.force_login(world["profile"].user)
    # when
    response = client.post(reverse("plan:task-done", kwargs={"task_id": task.pk}), {"done": "1"})
    # then
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_by == world["profile"].user
    assert task.done_at is not None
    client.logout()
    html = sign_in(client, expert).get(case_detail(world["case"])).content.decode()
    assert "task-done" in html


def test_plan_task__expert_unticks(client, world, expert):
    # given
    task = world["task"]
    task.done_at = timezone.now()
    task.save()
    # when
    sign_in(client, expert).post(
        reverse("expert:task-done", kwargs={"case_id": world["case"].pk, "task_id": task.pk}),
        {"done": "0"},
    )
    # then
    task.refresh_from_db()
    assert task.done_at is None


def test_plan_task__cannot_be_ticked_after_the_case_is_closed(client, world):
    # given
    Case.objects.filter(pk=world["case"].pk).update(
        status="closed",
        closed_at=timezone.now(),
        outcome="education",
        outcome_date=timezone.localdate(),
    )
    client.force_login(world["profile"].user)
    # when
    client.post(reverse("plan:task-done", kwargs={"task_id": world["task"].pk}), {"done": "1"})
    # then
    assert PlanTask.objects.get(pk=world["task"].pk).done_at is None


def test_my_plan__shows_plan_tasks_referrals_and_offers_but_no_notes(client, world):
    # given
    CaseNoteFactory(case=world["case"], text="Sisäinen huomio asiakkaasta")
    client.force_login(world["profile"].user)
    # when
    response = client.get(reverse("plan:my-plan"))
    # then
    html = response.content.decode()
    assert world["task"].title in html
    assert world["referral"].service.name in html
    assert world["job_offer"].job_ad.title in html
    assert "Sisäinen huomio asiakkaasta" not in html


def test_note__internal_journal(client, world, expert):
    # when
    sign_in(client, expert).post(
        reverse("expert:note-add", kwargs={"case_id": world["case"].pk}),
        {"text": "Soitettu asiakkaalle."},
    )
    # then
    note = CaseNote.objects.get()
    assert (note.case, note.author, note.text) == (world["case"], expert, "Soitettu asiakkaalle.")


# --- Referrals -------------------------------------------------------------------------------


def test_referral__full_lifecycle_with_the_provider(client, world, expert):
    # given: a service available in the customer's region
    provider_user = ProviderUserFactory()
    provider = provider_user.provider_memberships.get().provider
    service = ServiceFactory(provider=provider, is_nationwide=True, name_fi="Kokkivalmennus")
    customer = world["profile"].user
    # when: the expert finds and proposes the service
    signed_in = sign_in(client, expert)
    search = signed_in.get(
        reverse("expert:referral-create", kwargs={"case_id": world["case"].pk}), {"q": "Kokki"}
    )
    assert [s.pk for s in search.context["services"]] == [service.pk]
    signed_in.post(
        reverse("expert:referral-create", kwargs={"case_id": world["case"].pk}),
        {"service": service.pk, "message": "Tämä sopisi sinulle."},
    )
    referral = Referral.objects.get(service=service)
    assert referral.status == "proposed"
    client.logout()
    # then: the provider does not see a proposed referral
    client.force_login(provider_user)
    assert client.get(reverse("provider_referrals:list")).context["rows"] == []
    client.logout()
    # when: the customer accepts and shares the first name
    client.force_login(customer)
    client.post(
        reverse("plan:referral-answer", kwargs={"referral_id": referral.pk}),
        {"accept": "yes", "share_first_name": "on"},
    )
    referral.refresh_from_db()
    assert (referral.status, referral.share_first_name) == ("accepted", True)
    client.logout()
    # then: the provider sees pseudonym and first name, never the last name; logged disclosure
    client.force_login(provider_user)
    response = client.get(reverse("provider_referrals:list"))
    html = response.content.decode()
    assert customer.first_name in html
    assert customer.last_name not in html
    assert world["profile"].pseudonym in html
    disclosure = DataAccessLog.objects.get(purpose=DataAccessLog.Purpose.REFERRAL)
    assert (disclosure.subject, disclosure.accessor) == (customer, provider_user)
    assert disclosure.accessor_organisation == provider.name
    assert disclosure.sections == ["contact"]
    # when: the provider starts and completes the service
    update = reverse("provider_referrals:update", kwargs={"referral_id": referral.pk})
    client.post(update, {"status": "started"})
    client.post(update, {"status": "completed", "outcome": "open_market"})
    # then
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == ("completed", "open_market")
    assert referral.started_at is not None
    assert referral.ended_at is not None


def test_referral__declined_with_no_first_name_shared(client, world):
    # given
    referral = ReferralFactory(case=world["case"])
    client.force_login(world["profile"].user)
    # when
    client.post(
        reverse("plan:referral-answer", kwargs={"referral_id": referral.pk}),
        {"accept": "no", "share_first_name": "on"},
    )
    # then
    referral.refresh_from_db()
    assert (referral.status, referral.share_first_name) == ("declined", False)


def test_referral__provider_sees_only_pseudonym_without_consent(client, world):
    # given
    referral = world["referral"]
    provider_user = ProviderUserFactory(provider=referral.service.provider)
    client.force_login(provider_user)
    # when
    html = client.get(reverse("provider_referrals:list")).content.decode()
    # then
    assert world["profile"].pseudonym in html
    assert "Kaisa" not in html
    assert "Kuusisto" not in html
    assert DataAccessLog.objects.get().sections == []


def test_referral__interruption_needs_an_outcome(client, world, expert):
    # when
    response = sign_in(client, expert).post(
        reverse(
            "expert:referral-update",
            kwargs={"case_id": world["case"].pk, "referral_id": world["referral"].pk},
        ),
        {"status": "interrupted"},
    )
    # then
    assert response.status_code == 400
    assert Referral.objects.get(pk=world["referral"].pk).status == "accepted"


def test_referral__service_outside_the_area_cannot_be_proposed(client, world, expert, helsinki):
    # given
    service = ServiceFactory()
    service.municipalities.set([helsinki])
    # when
    response = sign_in(client, expert).post(
        reverse("expert:referral-create", kwargs={"case_id": world["case"].pk}),
        {"service": service.pk},
    )
    # then
    assert response.status_code == 400
    assert Referral.objects.filter(service=service).exists() is False


# --- Job offers ------------------------------------------------------------------------------


def test_job_offer__offered_and_answered_by_the_customer(client, world, expert):
    # given
    ad = JobAdFactory(municipality=world["profile"].home_municipality)
    # when
    sign_in(client, expert).post(
        reverse("expert:job-offer-create", kwargs={"case_id": world["case"].pk}),
        {"job_ad": str(ad.uuid), "message": "Hae tätä"},
    )
    offer = JobOffer.objects.get(job_ad=ad)
    client.logout()
    client.force_login(world["profile"].user)
    client.post(
        reverse("plan:job-offer-answer", kwargs={"offer_id": offer.pk}), {"answer": "interested"}
    )
    # then
    offer.refresh_from_db()
    assert (offer.status, offer.offered_by) == ("interested", expert)


# --- E-service decisions ---------------------------------------------------------------------


def test_eservice_take__opens_a_case_for_a_registration_of_a_customer_without_one(
    client, world, expert
):
    # given
    item = EserviceItemFactory(applicant=world["no_case"].user)
    # when
    sign_in(client, expert).post(reverse("expert:item-detail", kwargs={"item_id": item.pk}))
    # then
    item.refresh_from_db()
    assert (item.status, item.handler) == ("processing", expert)
    assert Case.objects.open().get(profile=world["no_case"]).responsible == expert


def test_eservice_decide__reject_with_reason_notifies_in_customers_language(
    client, world, expert, django_capture_on_commit_callbacks
):
    # given
    customer = world["profile"].user
    customer.preferred_language = "sv"
    customer.save()
    item = world["item"]
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(client, expert).post(
            reverse("expert:item-decide", kwargs={"item_id": item.pk}),
            {"decision": "rejected", "reason": "Työsuhde jatkuu."},
        )
    # then
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.decision_reason, item.decided_by) == (
        "rejected",
        "Työsuhde jatkuu.",
        expert,
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [customer.email]
    assert item.reference in mail.outbox[0].subject
    assert "/sv/" in mail.outbox[0].body


def test_eservice_decide__rejection_without_reason_is_refused(
    client, world, expert, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(client, expert).post(
            reverse("expert:item-decide", kwargs={"item_id": world["item"].pk}),
            {"decision": "rejected"},
        )
    # then
    assert response.status_code == 400
    assert EserviceItem.objects.get(pk=world["item"].pk).status == "received"
    assert mail.outbox == []


def test_eservice_decide__other_area_gets_404_and_nothing_changes(
    client, world, other_expert, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(client, other_expert).post(
            reverse("expert:item-decide", kwargs={"item_id": world["item"].pk}),
            {"decision": "approved"},
        )
    # then
    assert response.status_code == 404
    assert EserviceItem.objects.get(pk=world["item"].pk).status == "received"
    assert mail.outbox == []


# --- Outcomes --------------------------------------------------------------------------------


def test_outcome__categories_of_the_vates_study():
    from expert.models import Outcome

    assert Outcome.values == ["open_market", "education", "service", "unemployment", "other"]


@pytest.mark.parametrize(
    "outcome", ["open_market", "education", "service", "unemployment", "other"]
)
def test_case_close__records_the_outcome(client, world, expert, outcome):
    # when
    response = sign_in(client, expert).post(
        reverse("expert:case-close", kwargs={"case_id": world["case"].pk}),
        {"outcome": outcome, "outcome_date": timezone.localdate().isoformat()},
    )
    # then
    assert response.status_code == 302
    case = Case.objects.get(pk=world["case"].pk)
    assert (case.status, case.outcome, case.outcome_date) == (
        "closed",
        outcome,
        timezone.localdate(),
    )


def test_closed_case__is_read_only(client, expert):
    # given
    case = CaseFactory(closed=True, office=expert.expert_memberships.get().office)
    signed_in = sign_in(client, expert)
    # when
    page = signed_in.get(case_detail(case))
    note = signed_in.post(
        reverse("expert:note-add", kwargs={"case_id": case.pk}), {"text": "Myöhässä"}
    )
    # then
    assert page.status_code == 200
    assert page.context["can_edit"] is False
    assert note.status_code == 403
    assert CaseNote.objects.exists() is False
