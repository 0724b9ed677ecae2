"""Follow-up of participants: the participant's "My groups" and diary, the coaches' daily
guidance records, and outcomes (reported by the provider, confirmed by an expert).

Views parse and render: permissions come from tori.permissions, reads from
delivery.selectors (diary, outcomes) and writes from delivery.services (diary, outcomes).
An expert reading a diary is logged (services.diary.diary_access_record) before rendering."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from delivery import forms_followup as forms
from delivery.selectors import diary as diary_selectors
from delivery.selectors import groups as group_selectors
from delivery.selectors import outcomes as outcome_selectors
from delivery.services import diary as diary_services
from delivery.services import outcomes as outcome_services
from delivery.views_groups import ProviderGroupsMixin
from expert.mixins import ExpertRequiredMixin
from tori import permissions as perms
from tori.exceptions import ApplicationError


class SignedInMixin:
    """Anonymous visitors are sent to sign in; the rest is decided per object."""

    def dispatch(self, request, *args, **kwargs):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)


# --- The participant ---------------------------------------------------------------------------


class MyGroupsView(SignedInMixin, View):
    template_name = "delivery/followup/my_groups.html"

    def get(self, request):
        if not perms.is_jobseeker(request.user):
            raise PermissionDenied
        return render(
            request,
            self.template_name,
            {"rows": diary_selectors.my_participation_list(viewer=request.user)},
        )


class DiaryView(SignedInMixin, View):
    """One participation's diary: the participant writes entries, the coaches record
    guidance, the referring expert reads (logged). Anyone else: 404."""

    template_name = "delivery/followup/diary.html"

    def dispatch(self, request, *args, **kwargs):
        if perms.is_signed_in(request.user):
            self.participation = diary_selectors.diary_participation_get(
                viewer=request.user, participation_id=kwargs["participation_id"]
            )
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, *, entry_form=None, guidance_form=None, status=200):
        user, participation = self.request.user, self.participation
        diary_services.diary_access_record(viewer=user, participation=participation)
        can_write = perms.can_write_diary_entry(user, participation)
        can_guide = perms.can_record_guidance(user, participation)
        is_participant = participation.user_id == user.pk
        referral = participation.referral
        context = {
            "participation": participation,
            "group": participation.group,
            "service": participation.group.service,
            "is_participant": is_participant,
            "is_coach": perms.is_group_coach(user, participation.group),
            "is_expert_reader": perms.is_expert(user),
            "label": diary_selectors.participant_label(participation),
            "entries": diary_selectors.diary_entry_list(viewer=user, participation=participation),
            "entry_form": (entry_form or forms.DiaryEntryForm()) if can_write else None,
            "guidance_form": (guidance_form or forms.GuidanceForm()) if can_guide else None,
            "case": referral.case
            if referral is not None and perms.can_view_case(user, referral.case)
            else None,
            "next": diary_selectors.next_session(participation.group)
            if is_participant and participation.status == "active"
            else None,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, participation_id):
        return self.render_page()

    def post(self, request, participation_id):
        user, participation = request.user, self.participation
        if perms.can_write_diary_entry(user, participation):
            return self._save(
                forms.DiaryEntryForm,
                diary_services.diary_entry_add,
                "entry_form",
                _("Your entry was saved."),
            )
        if perms.can_record_guidance(user, participation):
            return self._save(
                forms.GuidanceForm,
                diary_services.guidance_record,
                "guidance_form",
                _("Guidance recorded."),
            )
        raise PermissionDenied

    def _save(self, form_class, service, form_name, done_message):
        """Validate the form, call the service; on a refusal re-render with the input kept."""
        form = form_class(self.request.POST)
        if form.is_valid():
            try:
                service(
                    actor=self.request.user, participation=self.participation, **form.cleaned_data
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(self.request, done_message)
                return redirect(self.request.path + "#entries")
        return self.render_page(**{form_name: form}, status=400)


# --- The provider: groups, daily guidance, outcome reports ------------------------------------


class GroupListView(ProviderGroupsMixin, View):
    template_name = "delivery/followup/groups.html"

    def get(self, request):
        groups = list(group_selectors.group_list_with_coach_flag(viewer=request.user))
        return render(request, self.template_name, {"groups": groups})


class GroupFollowupView(ProviderGroupsMixin, View):
    """Participants of a group: today's guidance (coaches only) and outcomes (any member of
    the provider). Coaches record today's guidance of many participants at once here."""

    template_name = "delivery/followup/group.html"

    def dispatch(self, request, *args, **kwargs):
        if perms.is_signed_in(request.user) and perms.can_use_delivery(request.user):
            self.group = self.get_group(kwargs["group_id"])
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, status=200, posted=None):
        user, group = self.request.user, self.group
        rows = diary_selectors.followup_rows(viewer=user, group=group)
        outcomes = {p.pk: p for p in outcome_selectors.group_outcome_rows(viewer=user, group=group)}
        for row in rows:
            row["outcome"] = outcomes[row["participation"].pk]
            row["posted"] = (posted or {}).get(str(row["participation"].uuid), "")
        is_coach = perms.is_group_coach(user, group)
        return render(
            self.request,
            self.template_name,
            {
                "group": group,
                "service": group.service,
                "schedule": diary_selectors.schedule_text(group),
                "rows": rows,
                "is_coach": is_coach,
                "quick_rows": [r for r in rows if r["is_active"] and r["guidance"] is None]
                if is_coach
                else [],
                "quick_choices": forms.QUICK_CHOICES,
                "today": timezone.localdate(),
            },
            status=status,
        )

    def get(self, request, group_id):
        return self.render_page()

    def post(self, request, group_id):
        """Quick entry: today's contact channel for several participants."""
        if not perms.is_group_coach(request.user, self.group):
            raise PermissionDenied
        by_uuid = {
            str(p.uuid): p
            for p in diary_selectors.active_participations(viewer=request.user, group=self.group)
        }
        posted, records = {}, []
        for key, participation in by_uuid.items():
            channel = request.POST.get(f"channel-{key}", "")
            if not channel:
                continue
            posted[key] = channel
            records.append(
                {
                    "participation": participation,
                    "contact_made": channel != "none",
                    "contact_channel": channel,
                }
            )
        if not records:
            messages.error(request, _("Choose the contact for at least one participant."))
            return self.render_page(status=400, posted=posted)
        try:
            diary_services.guidance_record_many(
                actor=request.user, group=self.group, records=records
            )
        except ApplicationError as error:
            if error.code == "forbidden":
                raise PermissionDenied from error
            messages.error(request, error.message)
            return self.render_page(status=400, posted=posted)
        messages.success(
            request,
            ngettext(
                "Guidance recorded for %(count)d participant.",
                "Guidance recorded for %(count)d participants.",
                len(records),
            )
            % {"count": len(records)},
        )
        return redirect(request.path)


class OutcomeReportView(ProviderGroupsMixin, View):
    template_name = "delivery/followup/outcome_report.html"

    def dispatch(self, request, *args, **kwargs):
        if perms.is_signed_in(request.user) and perms.can_use_delivery(request.user):
            self.participation = outcome_selectors.outcome_participation_get(
                viewer=request.user, participation_id=kwargs["participation_id"]
            )
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        participation = self.participation
        return render(
            self.request,
            self.template_name,
            {
                "participation": participation,
                "group": participation.group,
                "form": form,
                "can_report": perms.can_report_outcome(self.request.user, participation),
            },
            status=status,
        )

    def get(self, request, participation_id):
        participation = self.participation
        initial = {}
        if participation.outcome:
            initial = {
                "outcome": participation.outcome,
                "outcome_date": participation.outcome_date,
                "note": participation.outcome_note,
            }
        return self.render_form(forms.OutcomeReportForm(initial=initial))

    def post(self, request, participation_id):
        form = forms.OutcomeReportForm(request.POST)
        if form.is_valid():
            try:
                outcome_services.outcome_report(
                    actor=request.user, participation=self.participation, **form.cleaned_data
                )
            except ApplicationError as error:
                if error.code == "forbidden":
                    raise PermissionDenied from error
                error.add_to_form(form)
                return self.render_form(form, status=409 if error.code == "final" else 400)
            messages.success(request, _("Outcome reported. An employment expert confirms it."))
            return redirect("followup:group", group_id=self.participation.group.uuid)
        return self.render_form(form, status=400)


# --- The expert: outcomes waiting for confirmation ----------------------------------------------


class OutcomeListView(ExpertRequiredMixin, View):
    template_name = "delivery/followup/outcomes.html"

    def get(self, request):
        return render(
            request,
            self.template_name,
            {"rows": outcome_selectors.outcomes_waiting_list(viewer=request.user)},
        )


class OutcomeConfirmView(ExpertRequiredMixin, View):
    template_name = "delivery/followup/outcome_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if perms.can_use_expert_view(request.user):
            self.participation = outcome_selectors.outcome_confirmation_get(
                viewer=request.user, participation_id=kwargs["participation_id"]
            )
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, return_form=None, status=200):
        participation = self.participation
        referral = participation.referral
        return render(
            self.request,
            self.template_name,
            {
                "participation": participation,
                "group": participation.group,
                "return_form": return_form or forms.OutcomeReturnForm(),
                "can_confirm": perms.can_confirm_outcome(self.request.user, participation),
                "can_read_diary": perms.can_view_diary(self.request.user, participation),
                "case": referral.case
                if referral is not None and perms.can_view_case(self.request.user, referral.case)
                else None,
            },
            status=status,
        )

    def get(self, request, participation_id):
        return self.render_page()

    def post(self, request, participation_id):
        action = request.POST.get("action")
        return_form = None
        try:
            if action == "confirm":
                outcome_services.outcome_confirm(
                    actor=request.user, participation=self.participation
                )
                messages.success(request, _("Outcome confirmed."))
                return redirect("followup:outcomes")
            if action == "return":
                return_form = forms.OutcomeReturnForm(request.POST)
                if return_form.is_valid():
                    outcome_services.outcome_return(
                        actor=request.user,
                        participation=self.participation,
                        note=return_form.cleaned_data["note"],
                    )
                    messages.success(request, _("Returned to the service provider."))
                    return redirect("followup:outcomes")
                return self.render_page(return_form=return_form, status=400)
        except ApplicationError as error:
            if error.code == "forbidden":
                raise PermissionDenied from error
            if return_form is not None:
                error.add_to_form(return_form)
            else:
                messages.error(request, error.message)
            return self.render_page(return_form=return_form, status=409)
        messages.error(request, _("Choose what to do."))
        return self.render_page(status=400)
