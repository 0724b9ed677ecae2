"""Employer organisation membership: a sign-up with a known business ID only asks to join,
the organisation's administrators decide, and a new organisation publishes nothing until a
platform administrator has verified it (issue 14, point 2: takeover by self-registration)."""

import datetime

import pytest
from django.utils import timezone

from eservices.models import EserviceItem
from jobs.models import JobAd
from profiles import services
from profiles.models import ContactRequest, EmployerMembership, EmployerOrganisation, User
from tests.factories import (
    ContactRequestFactory,
    EmployerOrganisationFactory,
    EmployerUserFactory,
    EserviceItemFactory,
    JobAdFactory,
    MunicipalityFactory,
    PlatformAdminFactory,
    PublishedProfileFactory,
    UserFactory,
    with_second_factor,
)
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db

WAGE_MARKER = "Palkka-Merkki 2345"
DRAFT_MARKER = "Salainen luonnos 7781"
CANDIDATE_EMAIL = "ehdokas.merkki@example.fi"


def _sign_up(client, *, business_id, email="tulokas@example.fi", lang="fi", name="Uusi Oy"):
    return client.post(
        f"/{lang}/accounts/sign-up/",
        {
            "role": "employer",
            "first_name": "Tero",
            "last_name": "Tulokas",
            "email": email,
            "password1": "Kesä-Aurinko-2026",
            "password2": "Kesä-Aurinko-2026",
            "accept_terms": "on",
            "organisation_name": name,
            "business_id": business_id,
        },
    )


def _organisation_with_secrets():
    """An organisation whose admin has a wage-subsidy application, a draft ad and a contact
    request the candidate accepted (so its members see the candidate's e-mail)."""
    admin = EmployerUserFactory(email="paakayttaja@example.fi")
    organisation = admin.employer_memberships.get().organisation
    item = EserviceItemFactory(wage_subsidy=True, organisation=organisation, applicant=admin)
    item.data = {**item.data, "person_name": WAGE_MARKER, "monthly_wage": "2345.00"}
    item.save(update_fields=["data"])
    draft = JobAdFactory(organisation=organisation, draft=True, title_fi=DRAFT_MARKER)
    profile = PublishedProfileFactory(user__email=CANDIDATE_EMAIL)
    contact = ContactRequestFactory(
        profile=profile, organisation=organisation, status=ContactRequest.Status.ACCEPTED
    )
    return admin, organisation, item, draft, contact


def _employer(organisation=None, *, role="member", status="active"):
    """An employer account, with a membership of `organisation` when given."""
    user = UserFactory(role=User.Role.EMPLOYER)
    if organisation is not None:
        EmployerMembership.objects.create(
            organisation=organisation, user=user, role=role, status=status
        )
    return user


def _signed_in(client, user):
    """The person who signed up, signed in (with their e-mail address confirmed)."""
    User.objects.filter(pk=user.pk).update(is_active=True)
    client.force_login(User.objects.get(pk=user.pk))
    return client


def _member_url(organisation, membership, action):
    return f"/fi/jobs/employer/organisation/{organisation.pk}/members/{membership.pk}/{action}/"


def _what_the_person_sees(client, *, item, draft, contact):
    """Every door of the takeover report, as (what leaked, status codes)."""
    profile = contact.profile
    pages = {
        "items": client.get("/fi/e-services/").content.decode(),
        "items_api": client.get("/api/v1/e-services/items/").content.decode(),
        "dashboard": client.get("/fi/jobs/employer/").content.decode(),
        "requests": client.get("/fi/profile/candidates/requests/").content.decode(),
        "candidate": client.get(f"/fi/profile/candidates/{profile.public_id}/").content.decode(),
        "candidate_api": client.get(f"/api/v1/candidates/{profile.public_id}/").content.decode(),
    }
    return {
        "wage": any(WAGE_MARKER in body or item.reference in body for body in pages.values()),
        "draft": DRAFT_MARKER in pages["dashboard"],
        "contact_request": contact.profile.pseudonym in pages["requests"],
        "candidate_email": any(CANDIDATE_EMAIL in body for body in pages.values()),
        "item_page": client.get(f"/fi/e-services/{item.pk}/").status_code,
        "draft_page": client.get(f"/fi/jobs/{draft.pk}/").status_code,
    }


def test_takeover__sign_up_with_a_known_business_id_waits_for_the_admin_then_sees_everything(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    # given: an organisation with a wage-subsidy application, a draft and an accepted contact
    admin, organisation, item, draft, contact = _organisation_with_secrets()
    # when: somebody signs up with its business ID (printed on every public job ad)
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client, business_id=organisation.business_id, lang="en")
    # then: the account exists but the membership waits for the organisation's admin
    assert response.status_code == 302
    newcomer = User.objects.get(email="tulokas@example.fi")
    membership = EmployerMembership.objects.get(user=newcomer)
    assert (membership.organisation, membership.status, membership.role) == (
        organisation,
        "pending",
        "member",
    )
    assert EmployerOrganisation.objects.get(pk=organisation.pk).name == organisation.name
    # and: the admins hear of the request only once the address is confirmed
    assert [m.to for m in mailoutbox] == [["tulokas@example.fi"]]
    with django_capture_on_commit_callbacks(execute=True):
        services.user_email_confirm(user=newcomer)
    [to_admin] = [m for m in mailoutbox if m.to != ["tulokas@example.fi"]]
    assert to_admin.to == ["paakayttaja@example.fi"]
    assert "Tero Tulokas (tulokas@example.fi)" in to_admin.body
    assert f"/jobs/employer/organisation/{organisation.pk}/members/" in to_admin.body
    # and: while pending, nothing of the organisation is visible and nothing can be done
    _signed_in(client, newcomer)
    seen = _what_the_person_sees(client, item=item, draft=draft, contact=contact)
    assert seen == {
        "wage": False,
        "draft": False,
        "contact_request": False,
        "candidate_email": False,
        "item_page": 404,
        "draft_page": 404,
    }
    assert client.post(f"/fi/jobs/{draft.pk}/publish/").status_code == 403
    assert client.post(f"/api/v1/jobs/{draft.pk}/publish/").status_code == 404
    assert client.get(f"/fi/jobs/employer/organisation/{organisation.pk}/").status_code == 404
    assert (
        client.post("/fi/e-services/wage-subsidy/", {"organisation": organisation.pk}).status_code
        == 403
    )
    draft.refresh_from_db()
    assert draft.status == JobAd.Status.DRAFT
    assert EserviceItem.objects.count() == 1

    # when: the organisation's admin approves the request on the members page
    mailoutbox.clear()
    client.force_login(admin)
    page = client.get(f"/fi/jobs/employer/organisation/{organisation.pk}/members/")
    assert [m.pk for m in page.context["pending"]] == [membership.pk]
    with django_capture_on_commit_callbacks(execute=True):
        approve = client.post(_member_url(organisation, membership, "approve"))
    # then: the newcomer is an active member and sees and does what members do
    assert approve.status_code == 302
    membership.refresh_from_db()
    assert (membership.status, membership.role, membership.decided_by) == (
        "active",
        "member",
        admin,
    )
    assert [m.to for m in mailoutbox] == [["tulokas@example.fi"]]
    _signed_in(client, newcomer)
    seen = _what_the_person_sees(client, item=item, draft=draft, contact=contact)
    assert seen == {
        "wage": True,
        "draft": True,
        "contact_request": True,
        "candidate_email": True,
        "item_page": 200,
        "draft_page": 200,
    }
    assert client.post(f"/fi/jobs/{draft.pk}/publish/").status_code == 302
    draft.refresh_from_db()
    assert draft.status == JobAd.Status.PUBLISHED


def test_sign_up__known_business_id_the_person_is_told_an_admin_must_approve(client):
    # given
    organisation = EmployerUserFactory().employer_memberships.get().organisation
    _sign_up(client, business_id=organisation.business_id, lang="en")
    _signed_in(client, User.objects.get(email="tulokas@example.fi"))
    # when
    account = client.get("/en/accounts/me/").content.decode()
    employer_pages = client.get("/en/jobs/employer/").content.decode()
    # then
    assert (
        "your request to join is waiting for approval by an administrator of the organisation"
        in account
    )
    assert (
        f"Your request to join {organisation.name} is waiting for approval by an administrator "
        "of the organisation. Until then you cannot see or do anything in its name."
    ) in employer_pages
    assert "New job ad" not in employer_pages


def test_takeover__the_api_refuses_a_pending_member_too(client, django_capture_on_commit_callbacks):
    # given
    _admin, organisation, item, draft, _contact = _organisation_with_secrets()
    _sign_up(client, business_id=organisation.business_id)
    _signed_in(client, User.objects.get(email="tulokas@example.fi"))
    # when
    items = client.get("/api/v1/e-services/items/")
    create = client.post(
        "/api/v1/jobs/",
        {"organisation": organisation.pk, "title_fi": "Kaappaus"},
        content_type="application/json",
    )
    wage = client.post(
        "/api/v1/e-services/wage-subsidies/",
        {"organisation": organisation.pk},
        content_type="application/json",
    )
    # then
    assert items.json()["results"] == []
    assert (create.status_code, wage.status_code) == (403, 403)
    assert JobAd.objects.filter(organisation=organisation).count() == 1
    assert EserviceItem.objects.count() == 1


def test_membership_reject__the_person_stays_outside(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    # given
    admin, organisation, item, draft, contact = _organisation_with_secrets()
    _sign_up(client, business_id=organisation.business_id)
    newcomer = User.objects.get(email="tulokas@example.fi")
    membership = newcomer.employer_memberships.get()
    # when
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_member_url(organisation, membership, "reject"))
    # then
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == ("rejected", admin)
    assert [m.to for m in mailoutbox] == [["tulokas@example.fi"]]
    _signed_in(client, newcomer)
    seen = _what_the_person_sees(client, item=item, draft=draft, contact=contact)
    assert (seen["wage"], seen["draft"], seen["candidate_email"]) == (False, False, False)
    assert client.get(f"/fi/jobs/employer/organisation/{organisation.pk}/").status_code == 404


MEMBER_ACTIONS = ["approve", "reject", "make-admin", "make-member", "remove"]


def _membership_state(membership):
    membership.refresh_from_db()
    return (membership.status, membership.role, membership.decided_by_id)


@pytest.mark.parametrize("action", MEMBER_ACTIONS)
def test_member_actions__plain_member_is_forbidden_and_nothing_changes(client, action):
    # given: a pending request, an active member who is not an administrator, and the admin
    admin = EmployerUserFactory()
    organisation = admin.employer_memberships.get().organisation
    member = _employer(organisation)
    target = (
        _employer(organisation, status="pending") if action in ("approve", "reject") else admin
    ).employer_memberships.get()
    before = _membership_state(target)
    client.force_login(member)
    # when
    response = client.post(_member_url(organisation, target, action))
    # then
    assert response.status_code == 403
    assert _membership_state(target) == before


@pytest.mark.parametrize("action", MEMBER_ACTIONS)
def test_member_actions__admin_of_another_organisation_gets_not_found(client, action):
    # given: a request to join organisation A, and the administrator of organisation B
    organisation_a = EmployerUserFactory().employer_memberships.get().organisation
    admin_b = EmployerUserFactory()
    organisation_b = admin_b.employer_memberships.get().organisation
    target = _employer(
        organisation_a, status="pending" if action in ("approve", "reject") else "active"
    ).employer_memberships.get()
    before = _membership_state(target)
    client.force_login(admin_b)
    # when: through A's address, and through B's address with A's membership
    through_a = client.post(_member_url(organisation_a, target, action))
    through_b = client.post(
        f"/fi/jobs/employer/organisation/{organisation_b.pk}/members/{target.pk}/{action}/"
    )
    # then
    assert (through_a.status_code, through_b.status_code) == (404, 404)
    assert _membership_state(target) == before


def test_member_actions__the_pending_person_cannot_approve_themself(client):
    organisation = EmployerUserFactory().employer_memberships.get().organisation
    newcomer = _employer(organisation, status="pending")
    membership = newcomer.employer_memberships.get()
    client.force_login(newcomer)
    response = client.post(_member_url(organisation, membership, "approve"))
    assert response.status_code == 404
    assert _membership_state(membership) == ("pending", "member", None)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("jobseeker", 403),
        ("provider_user", 403),
        ("expert", 403),
        ("platform_admin", 403),
    ],
)
def test_member_actions__other_roles_change_nothing(client_as, role, expected):
    organisation = EmployerUserFactory().employer_memberships.get().organisation
    membership = _employer(organisation, status="pending").employer_memberships.get()
    response = client_as(role).post(_member_url(organisation, membership, "approve"))
    assert response.status_code == expected
    assert _membership_state(membership) == ("pending", "member", None)


def test_members_page__admin_sees_requests_member_does_not(client):
    # given
    admin = EmployerUserFactory()
    organisation = admin.employer_memberships.get().organisation
    member = _employer(organisation)
    newcomer = _employer(organisation, status="pending")
    _employer(organisation, status="rejected")
    url = f"/en/jobs/employer/organisation/{organisation.pk}/members/"
    # when
    client.force_login(admin)
    as_admin = client.get(url)
    client.force_login(member)
    as_member = client.get(url)
    # then
    assert as_admin.status_code == as_member.status_code == 200
    assert [m.user for m in as_admin.context["pending"]] == [newcomer]
    assert [m.user for m in as_admin.context["members"]] == [admin, member]
    assert "Membership requests" in as_admin.content.decode()
    assert newcomer.email in as_admin.content.decode()
    assert list(as_member.context["pending"]) == []
    assert newcomer.email not in as_member.content.decode()
    assert "/approve/" not in as_member.content.decode()


def test_members_page__other_organisation_and_pending_person_get_not_found(client):
    organisation = EmployerUserFactory().employer_memberships.get().organisation
    url = f"/fi/jobs/employer/organisation/{organisation.pk}/members/"
    client.force_login(EmployerUserFactory())
    other = client.get(url)
    client.force_login(_employer(organisation, status="pending"))
    pending = client.get(url)
    assert (other.status_code, pending.status_code) == (404, 404)


def test_member_actions__admin_makes_a_member_admin_and_removes_another(client):
    # given
    admin = EmployerUserFactory()
    organisation = admin.employer_memberships.get().organisation
    colleague = _employer(organisation)
    leaver = _employer(organisation)
    client.force_login(admin)
    # when
    promote = client.post(
        _member_url(organisation, colleague.employer_memberships.get(), "make-admin")
    )
    remove = client.post(_member_url(organisation, leaver.employer_memberships.get(), "remove"))
    # then
    assert (promote.status_code, remove.status_code) == (302, 302)
    assert colleague.employer_memberships.get().role == "admin"
    assert leaver.employer_memberships.get().status == "removed"
    client.force_login(leaver)
    assert client.get(f"/fi/jobs/employer/organisation/{organisation.pk}/").status_code == 404


@pytest.mark.parametrize("action", ["make-member", "remove"])
def test_member_actions__the_last_admin_cannot_step_down_or_leave(client, action):
    # given
    admin = EmployerUserFactory()
    organisation = admin.employer_memberships.get().organisation
    _employer(organisation)
    membership = admin.employer_memberships.get()
    client.force_login(admin)
    # when
    response = client.post(
        f"/en/jobs/employer/organisation/{organisation.pk}/members/{membership.pk}/{action}/",
        follow=True,
    )
    # then
    assert [str(m) for m in response.context["messages"]] == [
        "The organisation needs at least one administrator. Make another member an "
        "administrator first."
    ]
    assert _membership_state(membership) == ("active", "admin", None)


def test_member_actions__an_admin_may_leave_when_another_admin_remains(client):
    admin = EmployerUserFactory()
    organisation = admin.employer_memberships.get().organisation
    _employer(organisation, role="admin")
    membership = admin.employer_memberships.get()
    client.force_login(admin)
    response = client.post(_member_url(organisation, membership, "remove"))
    assert response.status_code == 302
    assert response["Location"] == "/fi/jobs/employer/"
    assert _membership_state(membership) == ("removed", "member", admin.pk)


def test_membership_approve__twice_is_refused():
    admin = EmployerUserFactory()
    organisation = admin.employer_memberships.get().organisation
    membership = _employer(organisation, status="pending").employer_memberships.get()
    services.employer_membership_approve(actor=admin, membership=membership)
    with pytest.raises(ApplicationError) as error:
        services.employer_membership_reject(actor=admin, membership=membership)
    assert error.value.code == "state"
    assert _membership_state(membership) == ("active", "member", admin.pk)


def test_membership_approve__platform_admin_only_where_the_organisation_has_no_admin():
    # given: an organisation with an admin, and one without (e.g. from a partner feed)
    platform_admin = with_second_factor(PlatformAdminFactory())
    with_admin = EmployerUserFactory().employer_memberships.get().organisation
    without_admin = EmployerOrganisationFactory()
    asked_with = _employer(with_admin, status="pending").employer_memberships.get()
    asked_without = _employer(without_admin, status="pending").employer_memberships.get()
    # when / then
    with pytest.raises(ApplicationError):
        services.employer_membership_approve(actor=platform_admin, membership=asked_with)
    services.employer_membership_approve(actor=platform_admin, membership=asked_without)
    assert _membership_state(asked_with) == ("pending", "member", None)
    assert _membership_state(asked_without) == ("active", "admin", platform_admin.pk)


def test_organisation_member_add__approves_a_pending_request():
    from jobs import services as job_services

    admin = EmployerUserFactory()
    organisation = admin.employer_memberships.get().organisation
    newcomer = _employer(organisation, status="pending")
    job_services.organisation_member_add(
        actor=admin, organisation=organisation, email=newcomer.email
    )
    assert _membership_state(newcomer.employer_memberships.get()) == (
        "active",
        "member",
        admin.pk,
    )


# --- a new organisation: first member is admin, nothing published before verification ----


def test_new_organisation__signer_up_is_admin_and_it_is_unverified(client):
    response = _sign_up(client, business_id="0737546-2")
    assert response.status_code == 302
    organisation = EmployerOrganisation.objects.get(business_id="0737546-2")
    membership = EmployerMembership.objects.get(organisation=organisation)
    assert (organisation.is_verified, membership.status, membership.role) == (
        False,
        "active",
        "admin",
    )


UNVERIFIED = (
    "{name} has not been verified by the Tori administrators yet. Until it is, you can "
    "prepare job ad drafts but cannot publish job ads or apply for wage subsidies."
)


def test_new_organisation__unverified_cannot_publish_or_apply_until_verified(client):
    # given: a fresh sign-up with a new business ID and a draft ad (drafts are fine)
    _sign_up(client, business_id="0737546-2", name="Uusi Oy")
    _signed_in(client, User.objects.get(email="tulokas@example.fi"))
    organisation = EmployerOrganisation.objects.get(business_id="0737546-2")
    draft = JobAdFactory(organisation=organisation, draft=True)
    start = timezone.localdate() + datetime.timedelta(days=10)
    wage_form = {
        "organisation": organisation.pk,
        "person_name": "Liisa Laine",
        "job_title": "Kokki",
        "municipality": MunicipalityFactory().pk,
        "start_date": start.isoformat(),
        "end_date": (start + datetime.timedelta(days=90)).isoformat(),
        "weekly_hours": "30",
        "monthly_wage": "2100",
        "justification": "Työhönvalmennus",
    }
    # when
    page = client.post(f"/en/jobs/{draft.pk}/publish/", follow=True)
    api = client.post(f"/api/v1/jobs/{draft.pk}/publish/")
    wage = client.post("/en/e-services/wage-subsidy/", wage_form)
    dashboard = client.get("/en/jobs/employer/")
    # then
    message = UNVERIFIED.format(name="Uusi Oy")
    assert [str(m) for m in page.context["messages"]][-1] == message
    assert api.status_code == 403
    assert wage.status_code == 400
    assert message in wage.content.decode()
    assert [ad.can_publish for ad in dashboard.context["job_ads"]] == [False]
    draft.refresh_from_db()
    assert draft.status == JobAd.Status.DRAFT
    assert EserviceItem.objects.exists() is False

    # when: a platform administrator verifies the organisation
    services.employer_organisation_verify(
        actor=with_second_factor(PlatformAdminFactory()), organisation=organisation
    )
    # then
    assert client.post(f"/fi/jobs/{draft.pk}/publish/").status_code == 302
    assert client.post("/fi/e-services/wage-subsidy/", wage_form).status_code == 302
    draft.refresh_from_db()
    assert draft.status == JobAd.Status.PUBLISHED
    assert EserviceItem.objects.filter(organisation=organisation).count() == 1


def test_new_organisation__api_publish_explains_why(client):
    _sign_up(client, business_id="0737546-2", name="Uusi Oy")
    _signed_in(client, User.objects.get(email="tulokas@example.fi"))
    organisation = EmployerOrganisation.objects.get(business_id="0737546-2")
    draft = JobAdFactory(organisation=organisation, draft=True)
    response = client.post(f"/api/v1/jobs/{draft.pk}/publish/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert response.json() == {"detail": UNVERIFIED.format(name="Uusi Oy")}
    draft.refresh_from_db()
    assert draft.status == JobAd.Status.DRAFT


def test_organisation_verify__only_platform_admins():
    employer = EmployerUserFactory(organisation=EmployerOrganisationFactory(is_verified=False))
    organisation = employer.employer_memberships.get().organisation
    with pytest.raises(ApplicationError):
        services.employer_organisation_verify(actor=employer, organisation=organisation)
    organisation.refresh_from_db()
    assert (organisation.is_verified, organisation.verified_by) == (False, None)


def test_membership_request_mail__goes_to_platform_admins_when_the_organisation_has_none(
    mailoutbox, django_capture_on_commit_callbacks
):
    # given: an organisation without members (e.g. created by a partner feed import)
    organisation = EmployerOrganisationFactory(is_verified=False)
    platform_admin = PlatformAdminFactory(email="yllapito@example.fi")
    UserFactory(role=User.Role.PLATFORM_ADMIN, is_staff=True, is_active=False)
    newcomer = _employer()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.employer_organisation_join_or_create(
            user=newcomer, name="Toinen nimi", business_id=organisation.business_id
        )
    # then
    assert (membership.status, membership.role) == ("pending", "member")
    assert [m.to for m in mailoutbox] == [[platform_admin.email]]
    assert "/admin/profiles/employermembership/" in mailoutbox[0].body


# --- existing data and the demo -----------------------------------------------------------


def test_data_migration__existing_memberships_active_organisations_verified_first_admin():
    # given: rows as they were before approval existed (every member could act)
    from importlib import import_module

    from django.apps import apps

    migration = import_module("profiles.migrations.0006_employer_membership_approval")
    organisation = EmployerOrganisationFactory(is_verified=False)
    first = _employer(organisation, status="pending")
    second = _employer(organisation, status="pending")
    lone = EmployerOrganisationFactory(is_verified=False)
    # when
    migration.existing_memberships_stay_valid(apps, None)
    # then
    assert _membership_state(first.employer_memberships.get()) == ("active", "admin", None)
    assert _membership_state(second.employer_memberships.get()) == ("active", "member", None)
    assert set(
        EmployerOrganisation.objects.filter(pk__in=[organisation.pk, lone.pk]).values_list(
            "is_verified", flat=True
        )
    ) == {True}


def test_demo__employer_is_an_active_admin_of_a_verified_organisation_with_one_request():
    from profiles import demo

    demo.load()
    demo.load()  # idempotent
    organisation = EmployerOrganisation.objects.get(business_id="0737546-2")
    memberships = {
        m.user.email: (m.status, m.role) for m in organisation.memberships.select_related("user")
    }
    assert organisation.is_verified is True
    assert memberships == {
        "rekry@demo.tori.fi": ("active", "admin"),
        "tiina.tulokas@demo.tori.fi": ("pending", "member"),
    }


def test_source__every_read_of_a_users_employer_memberships_names_the_state():
    """A new `user.employer_memberships.…` that forgets `.active()` would let a pending or
    removed member act for the organisation again."""
    import os
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    skip = {"tests", "migrations", "node_modules", ".venv", ".git", "var", "static"}
    offenders = []
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = [d for d in subdirectories if d not in skip]
        for name in files:
            if not name.endswith(".py"):
                continue
            path = Path(directory) / name
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for match in re.finditer(r"employer_memberships\.(\w+)", line):
                    if match.group(1) not in ("active", "pending"):
                        offenders.append(f"{path.relative_to(root)}:{number}")
    assert offenders == []
