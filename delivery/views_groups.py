"""The provider's group pages (mounted at /<lang>/provider/groups/): groups of its services,
their days, participants and attendance, and the monthly attendance report."""

import datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from delivery import reports
from delivery.forms_groups import (
    AttendanceDayForm,
    GroupForm,
    ParticipantAddForm,
    ParticipantLeaveForm,
    ReportForm,
    SessionForm,
)
from delivery.selectors import attendance as attendance_selectors
from delivery.selectors import groups as selectors
from delivery.services import attendance as attendance_services
from delivery.services import groups as services
from expert import services as expert_services
from tori import permissions as perms
from tori.exceptions import ApplicationError


class ProviderGroupsMixin:
    """Anonymous → sign in; not a provider member → 403; another provider's group → 404."""

    def dispatch(self, request, *args, **kwargs):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        if not perms.can_use_delivery(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_group(self, group_id):
        return selectors.group_get(viewer=self.request.user, group_id=group_id)


def _parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise Http404 from error


def _log_referral_disclosures(viewer, participations) -> None:
    """Showing a referred customer to the provider is a disclosure, logged as on the
    provider's referrals page."""
    expert_services.referral_disclosures_record(
        viewer=viewer,
        referrals=[p.referral for p in selectors.referral_participations(participations)],
    )


class GroupListView(ProviderGroupsMixin, View):
    template_name = "delivery/groups/group_list.html"

    def get(self, request):
        groups = list(selectors.group_list(viewer=request.user))
        today = timezone.localdate()
        return render(
            request,
            self.template_name,
            {
                "current": [g for g in groups if g.ends_on >= today],
                "past": [g for g in groups if g.ends_on < today],
                "can_create": selectors.group_services(viewer=request.user).exists(),
            },
        )


class GroupCreateView(ProviderGroupsMixin, View):
    template_name = "delivery/groups/group_form.html"

    def _form(self, request, data=None):
        services_qs = selectors.group_services(viewer=request.user)
        staff = selectors.provider_staff(provider_ids=perms.provider_ids(request.user))
        initial = GroupForm.default_initial()
        initial["coaches"] = [request.user]
        return GroupForm(data, services=services_qs, staff=staff, initial=initial)

    def get(self, request):
        form = self._form(request)
        if not form.fields["service"].queryset.exists():
            messages.info(request, _("Groups can be made for published services only."))
            return redirect("delivery:group-list")
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = self._form(request, request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                group = services.group_create(
                    actor=request.user,
                    service=data.pop("service"),
                    coaches=data.pop("coaches"),
                    skip_holidays=data.pop("skip_holidays"),
                    data=data,
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(request, _("The group was created with its days."))
                return redirect("delivery:group-detail", group_id=group.uuid)
        return render(request, self.template_name, {"form": form}, status=400)


class GroupEditView(ProviderGroupsMixin, View):
    template_name = "delivery/groups/group_form.html"

    def _form(self, request, group, data=None):
        staff = selectors.provider_staff(provider_ids=[group.service.provider_id])
        return GroupForm(
            data,
            services=None,
            staff=staff,
            editing=True,
            initial=GroupForm.initial_for(group),
        )

    def get(self, request, group_id):
        group = self.get_group(group_id)
        form = self._form(request, group)
        return render(request, self.template_name, {"form": form, "group": group})

    def post(self, request, group_id):
        group = self.get_group(group_id)
        form = self._form(request, group, request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.group_update(
                    actor=request.user,
                    group=group,
                    coaches=data.pop("coaches"),
                    skip_holidays=data.pop("skip_holidays"),
                    data=data,
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(request, _("The group was saved."))
                return redirect("delivery:group-detail", group_id=group.uuid)
        return render(request, self.template_name, {"form": form, "group": group}, status=400)


class GroupDetailView(ProviderGroupsMixin, View):
    template_name = "delivery/groups/group_detail.html"

    def get(self, request, group_id):
        group = self.get_group(group_id)
        today = timezone.localdate()
        default = min(max(today, group.starts_on), group.ends_on)
        month = selectors.Month.parse(request.GET.get("month"), default=default)
        participants = selectors.group_participants(viewer=request.user, group=group)
        _log_referral_disclosures(request.user, participants)
        sessions = list(
            selectors.group_month_sessions(viewer=request.user, group=group, month=month)
        )
        return render(
            request,
            self.template_name,
            {
                "group": group,
                "month": month,
                "month_first_day": month.first_day,
                "sessions": sessions,
                "participants": participants,
                "counts": selectors.group_counts(group=group),
                "today": today,
                "weekday_names": _weekday_names(group.weekdays),
            },
        )


def _weekday_names(weekdays) -> str:
    from delivery.forms_groups import WEEKDAYS

    names = dict(WEEKDAYS)
    return ", ".join(str(names[day]) for day in sorted(weekdays) if day in names)


# --- Days ---------------------------------------------------------------------------------------


def _attendance_context(group, session, form, session_form=None):
    return {
        "group": group,
        "session": session,
        "form": form,
        "rows": form.bound_rows(),
        "session_form": session_form
        or SessionForm(
            initial={
                "delivery_mode": session.delivery_mode,
                "is_cancelled": session.is_cancelled,
                "note": session.note,
            }
        ),
        "is_future": session.date > timezone.localdate(),
        "month_param": f"{session.date.year:04d}-{session.date.month:02d}",
    }


class SessionAttendanceView(ProviderGroupsMixin, View):
    """The attendance of one day: a radio group per participant, saved all at once; and the
    day's delivery mode, cancellation and note."""

    template_name = "delivery/groups/session_attendance.html"

    def get(self, request, group_id, day):
        group = self.get_group(group_id)
        session = selectors.session_get(viewer=request.user, group=group, day=_parse_day(day))
        rows = attendance_selectors.session_attendance_rows(viewer=request.user, session=session)
        _log_referral_disclosures(request.user, [r["participation"] for r in rows])
        form = AttendanceDayForm(rows=rows)
        return render(request, self.template_name, _attendance_context(group, session, form))

    def post(self, request, group_id, day):
        group = self.get_group(group_id)
        session = selectors.session_get(viewer=request.user, group=group, day=_parse_day(day))
        rows = attendance_selectors.session_attendance_rows(viewer=request.user, session=session)
        form = AttendanceDayForm(request.POST, rows=rows)
        if form.is_valid():
            recorded = form.attendance_rows(day=session.date)
            try:
                attendance_services.attendance_record(
                    actor=request.user, group=group, rows=recorded
                )
            except attendance_services.AttendanceRefused as error:
                form.add_row_errors(recorded=recorded, errors=error.errors)
                form.add_error(None, _("Nothing was saved. Please correct the marked rows."))
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Attendance saved for %(count)s participant.",
                        "Attendance saved for %(count)s participants.",
                        len(recorded),
                    )
                    % {"count": len(recorded)},
                )
                return redirect(
                    "delivery:session-attendance", group_id=group.uuid, day=session.date.isoformat()
                )
        return render(
            request, self.template_name, _attendance_context(group, session, form), status=400
        )


class SessionUpdateView(ProviderGroupsMixin, View):
    def post(self, request, group_id, day):
        group = self.get_group(group_id)
        session = selectors.session_get(viewer=request.user, group=group, day=_parse_day(day))
        form = SessionForm(request.POST)
        if form.is_valid():
            try:
                services.session_update(actor=request.user, session=session, **form.cleaned_data)
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(request, _("The day was updated."))
                return redirect(
                    "delivery:session-attendance", group_id=group.uuid, day=session.date.isoformat()
                )
        rows = attendance_selectors.session_attendance_rows(viewer=request.user, session=session)
        return render(
            request,
            SessionAttendanceView.template_name,
            _attendance_context(group, session, AttendanceDayForm(rows=rows), form),
            status=400,
        )


# --- Participants -------------------------------------------------------------------------------


class ParticipantAddView(ProviderGroupsMixin, View):
    template_name = "delivery/groups/participant_add.html"

    def _form(self, request, group, data=None):
        candidates = selectors.participation_candidates(viewer=request.user, group=group)
        today = timezone.localdate()
        initial = {"joined_on": min(max(today, group.starts_on), group.ends_on)}
        return ParticipantAddForm(data, candidates=candidates, initial=initial)

    def _render(self, request, group, form, status=200):
        counts = selectors.group_counts(group=group)
        return render(
            request,
            self.template_name,
            {"group": group, "form": form, "counts": counts},
            status=status,
        )

    def get(self, request, group_id):
        group = self.get_group(group_id)
        return self._render(request, group, self._form(request, group))

    def post(self, request, group_id):
        group = self.get_group(group_id)
        form = self._form(request, group, request.POST)
        if form.is_valid():
            candidate = form.candidate()
            try:
                services.participation_add(
                    actor=request.user,
                    group=group,
                    enrolment=candidate["enrolment"],
                    referral=candidate["referral"],
                    joined_on=form.cleaned_data["joined_on"],
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(
                    request,
                    _("%(person)s was added to the group.") % {"person": candidate["label"]},
                )
                return redirect("delivery:group-detail", group_id=group.uuid)
        return self._render(request, group, form, status=400)


class ParticipantLeaveView(ProviderGroupsMixin, View):
    template_name = "delivery/groups/participant_leave.html"

    def _get(self, request, group_id, participation_id):
        group = self.get_group(group_id)
        participation = selectors.participation_get(
            viewer=request.user, group=group, participation_id=participation_id
        )
        participation.label = selectors.participant_label(participation)
        return group, participation

    def get(self, request, group_id, participation_id):
        group, participation = self._get(request, group_id, participation_id)
        _log_referral_disclosures(request.user, [participation])
        form = ParticipantLeaveForm(initial={"left_on": timezone.localdate()})
        return render(
            request,
            self.template_name,
            {"group": group, "participation": participation, "form": form},
        )

    def post(self, request, group_id, participation_id):
        group, participation = self._get(request, group_id, participation_id)
        form = ParticipantLeaveForm(request.POST)
        if form.is_valid():
            try:
                services.participation_leave(
                    actor=request.user, participation=participation, **form.cleaned_data
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(request, _("The participant's leaving was recorded."))
                return redirect("delivery:group-detail", group_id=group.uuid)
        return render(
            request,
            self.template_name,
            {"group": group, "participation": participation, "form": form},
            status=400,
        )


# --- Monthly attendance report -----------------------------------------------------------------


class AttendanceReportView(ProviderGroupsMixin, View):
    """GET ?provider=<uuid>&month=YYYY-MM&municipality=<code>: the report on the page; the
    same query with /csv/ or /pdf/ downloads it."""

    template_name = "delivery/groups/attendance_report.html"
    output = "html"

    def get(self, request):
        providers = attendance_selectors.report_providers(viewer=request.user)
        provider = None
        if request.GET.get("provider"):
            provider = providers.filter(uuid=_uuid_or_none(request.GET["provider"])).first()
            if provider is None:
                raise Http404
        provider = provider or providers.first()
        if provider is None or not perms.can_view_attendance_report(request.user, provider):
            raise PermissionDenied
        municipalities = attendance_selectors.report_municipalities(
            viewer=request.user, provider=provider
        )
        today = timezone.localdate()
        last_month = (today.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
        submitted = "month" in request.GET or "municipality" in request.GET
        if submitted:
            data = request.GET.copy()
            data.setdefault("provider", str(provider.uuid))
            form = ReportForm(data, providers=providers, municipalities=municipalities)
        else:
            form = ReportForm(
                initial={
                    "provider": provider.uuid,
                    "month": last_month,
                    "municipality": municipalities.first(),
                },
                providers=providers,
                municipalities=municipalities,
            )
        report = None
        if submitted and form.is_valid():
            month = selectors.Month.parse(form.cleaned_data["month"], default=today)
            report = attendance_selectors.attendance_report(
                viewer=request.user,
                provider=form.cleaned_data["provider"],
                month=month,
                municipality=form.cleaned_data["municipality"],
            )
            _log_report_disclosures(request.user, report)
            if self.output == "csv":
                response = HttpResponse(
                    reports.report_csv(report), content_type="text/csv; charset=utf-8"
                )
                response["Content-Disposition"] = (
                    f'attachment; filename="{reports.filename(report, "csv")}"'
                )
                return response
            if self.output == "pdf":
                response = HttpResponse(reports.report_pdf(report), content_type="application/pdf")
                response["Content-Disposition"] = (
                    f'attachment; filename="{reports.filename(report, "pdf")}"'
                )
                return response
        elif submitted or self.output != "html":
            status = 400
            return render(
                request,
                self.template_name,
                self._context(request, form, None, provider, providers, municipalities),
                status=status,
            )
        return render(
            request,
            self.template_name,
            self._context(request, form, report, provider, providers, municipalities),
        )

    def _context(self, request, form, report, provider, providers, municipalities):
        query = request.GET.urlencode() if report else ""
        return {
            "form": form,
            "report": report,
            "provider": provider,
            "several_providers": providers.count() > 1,
            "has_municipalities": municipalities.exists(),
            "reasons": attendance_selectors.REASONS,
            "reason_labels": reports.reason_labels(),
            "csv_url": f"{reverse('delivery:attendance-report-csv')}?{query}",
            "pdf_url": f"{reverse('delivery:attendance-report-pdf')}?{query}",
        }


def _uuid_or_none(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _log_report_disclosures(viewer, report) -> None:
    expert_services.referral_disclosures_record(
        viewer=viewer,
        referrals=[line.referral for line in report.lines if line.referral is not None],
    )
