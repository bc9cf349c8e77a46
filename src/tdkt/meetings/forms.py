"""Forms of the meetings pages. They only parse input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdkt.emulation.models import Pledge
from tdkt.meetings.enums import RECORDED_ATTENDANCE, Attendance, AttendeeRole, MeetingKind
from tdkt.meetings.models import Attendee, Meeting
from tdkt.org.models import EmulationBlock, Person, Unit
from tdkt.reports.models import BlockReport

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_field(label: Any, *, required: bool) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        error_messages={
            "required": _("Cần nhập thời gian bắt đầu."),
            "invalid": _("Thời gian chưa đúng dạng ngày/tháng/năm giờ:phút."),
        },
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        unit = getattr(obj, "unit", None)
        return f"{obj.full_name} — {unit.display_name}" if unit is not None else obj.full_name


class MeetingForm(forms.Form):
    """Scheduling (kind, block, year) on creation; the rest on creation and on editing."""

    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=MeetingKind.choices)
    block = forms.ModelChoiceField(
        label=_("Khối, cụm thi đua"),
        queryset=EmulationBlock.objects.none(),
        required=False,
        help_text=_("Để trống với phiên họp Hội đồng."),
    )
    year = forms.IntegerField(
        label=_("Năm thi đua"),
        min_value=1990,
        max_value=2100,
        error_messages={"required": _("Cần nhập năm thi đua.")},
    )
    title = forms.CharField(
        label=_("Tên hội nghị"),
        max_length=500,
        required=False,
        help_text=_("Để trống để dùng tên theo loại hội nghị, năm và Khối."),
    )
    host_unit = forms.ModelChoiceField(
        label=_("Đơn vị chủ trì tổ chức"),
        queryset=Unit.objects.none(),
        error_messages={"required": _("Cần chọn đơn vị chủ trì tổ chức.")},
    )
    venue = forms.CharField(
        label=_("Địa điểm"), max_length=255, error_messages={"required": _("Cần nhập địa điểm.")}
    )
    starts_at = _datetime_field(_("Bắt đầu"), required=True)
    ends_at = _datetime_field(_("Kết thúc"), required=False)
    chair = PersonChoiceField(label=_("Người chủ trì"), queryset=Person.objects.none(), required=False)
    chair_title = forms.CharField(label=_("Chức danh người chủ trì"), max_length=255, required=False)
    secretary = PersonChoiceField(label=_("Thư ký"), queryset=Person.objects.none(), required=False)
    minutes_due = forms.DateField(
        label=_("Hạn hoàn thành biên bản"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    notes = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(
        self,
        *args: Any,
        blocks: QuerySet[EmulationBlock] | None = None,
        people: QuerySet[Person] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host_unit"].queryset = Unit.objects.filter(is_active=True).order_by("name_sort")  # type: ignore[attr-defined]
        if blocks is None:  # editing: kind, block and year are fixed
            for name in ("kind", "block", "year"):
                del self.fields[name]
        else:
            self.fields["block"].queryset = blocks  # type: ignore[attr-defined]
        if people is None:  # creating: the list does not exist yet
            for name in ("chair", "chair_title", "secretary"):
                del self.fields[name]
        else:
            self.fields["chair"].queryset = people  # type: ignore[attr-defined]
            self.fields["secretary"].queryset = people  # type: ignore[attr-defined]


def meeting_initial(meeting: Meeting) -> dict[str, Any]:
    return {
        "title": meeting.title,
        "host_unit": meeting.host_unit_id,
        "venue": meeting.venue,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "chair": meeting.chair_id,
        "chair_title": meeting.chair_title,
        "secretary": meeting.secretary_id,
        "minutes_due": meeting.minutes_due,
        "notes": meeting.notes,
    }


class InvitedUnitsForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị được mời"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    extra_unit = forms.ModelChoiceField(
        label=_("Mời thêm đơn vị khác"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args: Any, offered: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = offered  # type: ignore[attr-defined]
        self.fields["extra_unit"].queryset = (  # type: ignore[attr-defined]
            Unit.objects.filter(is_active=True).exclude(pk__in=offered.values("pk")).order_by("name_sort")
        )

    def chosen_units(self) -> list[Unit]:
        units = list(self.cleaned_data["units"])
        extra = self.cleaned_data.get("extra_unit")
        if extra is not None and extra not in units:
            units.append(extra)
        return units


class AttendeeForm(forms.Form):
    """Add someone to the list: a person of the invited units, or a guest by name."""

    person = PersonChoiceField(
        label=_("Cán bộ trong danh sách đơn vị"), queryset=Person.objects.none(), required=False
    )
    full_name = forms.CharField(label=_("Hoặc họ và tên khách mời"), max_length=150, required=False)
    unit_name = forms.CharField(label=_("Đơn vị (khách mời)"), max_length=255, required=False)
    position_title = forms.CharField(label=_("Chức vụ"), max_length=255, required=False)
    role = forms.ChoiceField(
        label=_("Thành phần"), choices=AttendeeRole.choices, initial=AttendeeRole.DELEGATE
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("person") is None and not (data.get("full_name") or "").strip():
            raise forms.ValidationError(_("Chọn một cán bộ hoặc nhập họ và tên khách mời."))
        return data


class AttendanceForm(forms.Form):
    """The roll call: one row per person on the list, with radio buttons (easy to tap on a phone)."""

    def __init__(self, *args: Any, attendees: list[Attendee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.attendees = attendees
        choices = [(value, Attendance(value).label) for value in RECORDED_ATTENDANCE]
        for attendee in attendees:
            self.fields[f"status_{attendee.pk}"] = forms.ChoiceField(
                label=attendee.full_name,
                choices=choices,
                widget=forms.RadioSelect,
                initial=None if attendee.status == Attendance.PENDING else attendee.status,
                error_messages={"required": _("Chọn có mặt, vắng hoặc vắng có lý do.")},
            )
            self.fields[f"note_{attendee.pk}"] = forms.CharField(
                label=_("Ghi chú"), max_length=255, required=False, initial=attendee.note
            )

    def rows(self) -> list[tuple[Attendee, forms.BoundField, forms.BoundField]]:
        return [(a, self[f"status_{a.pk}"], self[f"note_{a.pk}"]) for a in self.attendees]

    def statuses(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data[f"status_{a.pk}"] for a in self.attendees}

    def notes(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data[f"note_{a.pk}"] for a in self.attendees}


class LinkedPledgeField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.get_status_display()})"


class LinkedReportField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.template.title} ({obj.get_status_display()})"


class AgendaItemForm(forms.Form):
    """An agenda item; ``pledge`` and ``block_report`` offer only the meeting's block and year (the service checks
    that too, for the API)."""

    title = forms.CharField(
        label=_("Nội dung"), max_length=500, error_messages={"required": _("Cần nhập nội dung.")}
    )
    presenter = PersonChoiceField(label=_("Người trình bày"), queryset=Person.objects.none(), required=False)
    presenter_text = forms.CharField(
        label=_("Người trình bày (ghi rõ)"),
        max_length=255,
        required=False,
        help_text=_("Chức danh, đơn vị hoặc người ngoài danh sách."),
    )
    notes = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    pledge = LinkedPledgeField(
        label=_("Giao ước thi đua được thảo luận"),
        queryset=Pledge.objects.none(),
        required=False,
        empty_label=_("(không gắn)"),
        error_messages={"invalid_choice": _("Chỉ chọn được giao ước thi đua của khối và năm của hội nghị.")},
    )
    block_report = LinkedReportField(
        label=_("Báo cáo của Khối được thảo luận"),
        queryset=BlockReport.objects.none(),
        required=False,
        empty_label=_("(không gắn)"),
        error_messages={"invalid_choice": _("Chỉ chọn được báo cáo của Khối cùng khối và năm của hội nghị.")},
    )

    def __init__(
        self,
        *args: Any,
        people: QuerySet[Person],
        pledges: QuerySet[Pledge],
        block_reports: QuerySet[BlockReport],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = people  # type: ignore[attr-defined]
        self.fields["pledge"].queryset = pledges  # type: ignore[attr-defined]
        self.fields["block_report"].queryset = block_reports  # type: ignore[attr-defined]


class MinutesForm(forms.Form):
    body = forms.CharField(
        label=_("Nội dung biên bản"),
        widget=forms.Textarea(attrs={"rows": 24}),
        error_messages={"required": _("Cần nhập nội dung biên bản.")},
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả về dự thảo"), max_length=500, error_messages={"required": _("Cần nhập lý do.")}
    )


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Ảnh"), required=False, widget=forms.ClearableFileInput(attrs={"accept": "image/*"})
    )
    caption = forms.CharField(label=_("Chú thích"), max_length=500, required=False)


PhotoUploadFormSet = forms.formset_factory(PhotoForm, extra=6, max_num=20)


class CaptionForm(forms.Form):
    caption = forms.CharField(label=_("Chú thích"), max_length=500, required=False)
