"""Forms of the awards pages: they only parse and present; the services validate and write."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.awards import catalogue
from tdkt.awards.enums import (
    Confidence,
    DisciplineLevel,
    InitiativeKind,
    InitiativeScope,
    LeaveKind,
    Rating,
    SubjectKind,
)
from tdkt.awards.services.history import DecisionRef, hold_kinds
from tdkt.org.models import EmulationBlock, Person, Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
REFERENCE = re.compile(r"^\s*0*(\d+)\s*/\s*(\S+)\s*$")


def _year_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100, **kwargs)


class ProposalForm(forms.Form):
    award_code = forms.ChoiceField(label=_("Danh hiệu, hình thức đề nghị"))
    subject_kind = forms.ChoiceField(
        label=_("Đối tượng"), choices=SubjectKind.choices, initial=SubjectKind.INDIVIDUAL
    )
    year = _year_field()
    block = forms.ModelChoiceField(
        label=_("Đề nghị với tư cách Khối trưởng của"),
        queryset=EmulationBlock.objects.none(),
        required=False,
        help_text=_("Chỉ chọn khi đề nghị Cờ thi đua cho đơn vị thành viên của Khối."),
    )
    title = forms.CharField(
        label=_("Trích yếu"), max_length=500, required=False, help_text=_("Để trống: hệ thống tự đặt.")
    )

    def __init__(
        self, *args: Any, blocks: Any = None, on: datetime.date | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        on = on or datetime.date.today()
        seen: dict[str, str] = {}
        for kind, _label in SubjectKind.choices:
            for code, name in catalogue.proposable(kind, on):
                seen.setdefault(code, name)
        self.fields["award_code"].choices = list(seen.items())  # type: ignore[attr-defined]
        if blocks is not None:
            self.fields["block"].queryset = blocks  # type: ignore[attr-defined]
        else:
            del self.fields["block"]


class CandidatesForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("Cá nhân"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Tập thể"), queryset=Unit.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, people: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people  # type: ignore[attr-defined]
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        self.fields["people"].label_from_instance = lambda p: p.full_name  # type: ignore[attr-defined]
        self.fields["units"].label_from_instance = lambda u: u.name  # type: ignore[attr-defined]


class DossierForm(forms.Form):
    item = forms.ChoiceField(label=_("Thành phần hồ sơ"))
    candidate = forms.ChoiceField(label=_("Của"), required=False)
    file = forms.FileField(label=_("Tệp (PDF, DOC, DOCX, ODT, XLSX, JPG, PNG)"))

    def __init__(self, *args: Any, items: list[str], candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(item, item) for item in items]  # type: ignore[attr-defined]
        self.fields["candidate"].choices = [  # type: ignore[attr-defined]
            ("", _("Cả tờ trình (mọi trường hợp)")),
            *[(str(c.pk), c.name) for c in candidates],
        ]


class AppraiseForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Kết quả thẩm định"),
        choices=[("accept", _("Đạt, chấp nhận")), ("return", _("Trả lại"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Ý kiến, lý do trả lại"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AchievementsForm(forms.Form):
    """The achievement narrative of a candidate's báo cáo thành tích (what only the unit can write)."""

    achievements = forms.CharField(
        label=_("Thành tích đạt được"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Phần “Thành tích đạt được” của báo cáo thành tích: nhiệm vụ được giao, kết quả, biện pháp. Lý lịch, "
            "xếp loại, khen thưởng và sáng kiến được điền từ dữ liệu."
        ),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class IssueForm(forms.Form):
    issuer = forms.ModelChoiceField(label=_("Cơ quan ban hành"), queryset=Unit.objects.filter(is_active=True))
    signed_on = forms.DateField(label=_("Ngày ký"), widget=DATE)
    signer_title = forms.CharField(
        label=_("Thẩm quyền, chức vụ người ký"), max_length=150, initial="KT. CHỦ TỊCH, PHÓ CHỦ TỊCH"
    )
    signer_name = forms.CharField(label=_("Người ký"), max_length=150)
    summary = forms.CharField(
        label=_("Trích yếu"), max_length=500, required=False, help_text=_("Để trống: hệ thống tự đặt.")
    )


class CorrectionForm(forms.Form):
    records = forms.MultipleChoiceField(label=_("Hủy bỏ các mục"), widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(label=_("Lý do đính chính"), widget=forms.Textarea(attrs={"rows": 3}))
    signed_on = forms.DateField(label=_("Ngày ký"), widget=DATE)
    signer_title = forms.CharField(label=_("Thẩm quyền, chức vụ người ký"), max_length=150)
    signer_name = forms.CharField(label=_("Người ký"), max_length=150)

    def __init__(self, *args: Any, records: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["records"].choices = [  # type: ignore[attr-defined]
            (str(r.pk), f"{r.order}. {r.subject_name} — {r.award_name} {r.year}") for r in records
        ]


class RatingForm(forms.Form):
    year = _year_field()
    rating = forms.ChoiceField(
        label=_("Xếp loại"), choices=[("", _("Không xếp loại")), *Rating.choices], required=False
    )
    months_worked = forms.IntegerField(
        label=_("Số tháng công tác (không gồm thời gian nghỉ)"), min_value=0, max_value=12, initial=12
    )
    maternity = forms.IntegerField(label=LeaveKind.MATERNITY.label, min_value=0, max_value=12, required=False)
    sick = forms.IntegerField(label=LeaveKind.SICK.label, min_value=0, max_value=12, required=False)
    unpaid = forms.IntegerField(label=LeaveKind.UNPAID.label, min_value=0, max_value=12, required=False)
    other = forms.IntegerField(label=LeaveKind.OTHER.label, min_value=0, max_value=12, required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def leave(self) -> dict[str, int]:
        return {kind: self.cleaned_data.get(kind) or 0 for kind in ("maternity", "sick", "unpaid", "other")}


class UnitRatingForm(forms.Form):
    year = _year_field()
    rating = forms.ChoiceField(label=_("Xếp loại"), choices=Rating.choices)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class DecisionRefForm(forms.Form):
    """The external decision's reference fields, shared by the initiative and past-award forms."""

    reference = forms.CharField(
        label=_("Số, ký hiệu quyết định"), max_length=80, help_text=_("Ví dụ 1520/QĐ-UBND.")
    )
    signed_on = forms.DateField(label=_("Ngày ký"), widget=DATE)
    issuer_name = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)

    def clean_reference(self) -> tuple[int, str]:
        match = REFERENCE.match(self.cleaned_data["reference"])
        if match is None:
            raise forms.ValidationError(_("Ghi số/ký hiệu, ví dụ 1520/QĐ-UBND."))
        return int(match.group(1)), match.group(2)

    def decision_ref(self) -> DecisionRef:
        number, symbol = self.cleaned_data["reference"]
        return DecisionRef(
            issuer_name=self.cleaned_data["issuer_name"],
            number=number,
            symbol=symbol,
            signed_on=self.cleaned_data["signed_on"],
            signer_name=self.cleaned_data.get("signer_name", ""),
        )


class InitiativeForm(DecisionRefForm):
    field_order = ["year", "title", "kind", "scope", "reference", "signed_on", "issuer_name", "signer_name"]
    year = _year_field()
    title = forms.CharField(label=_("Tên sáng kiến"), max_length=500)
    kind = forms.ChoiceField(
        label=_("Loại"), choices=InitiativeKind.choices, initial=InitiativeKind.INITIATIVE
    )
    scope = forms.ChoiceField(label=_("Phạm vi ảnh hưởng"), choices=InitiativeScope.choices)


class PastAwardForm(DecisionRefForm):
    field_order = ["award_code", "year", "reference", "signed_on", "issuer_name", "signer_name"]
    award_code = forms.ChoiceField(label=_("Danh hiệu, hình thức"))
    year = _year_field()

    def __init__(self, *args: Any, subject_kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award_code"].choices = [  # type: ignore[attr-defined]
            (code, name)
            for code, name in catalogue.all_awards()
            if subject_kind in catalogue.subjects_of(code)
        ]


class DisciplineForm(forms.Form):
    level = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=DisciplineLevel.choices)
    start = forms.DateField(label=_("Từ ngày"), widget=DATE)
    end = forms.DateField(label=_("Đến ngày"), widget=DATE, required=False)
    decision_ref = forms.CharField(label=_("Quyết định kỷ luật"), max_length=255, required=False)
    reason = forms.CharField(label=_("Lý do"), max_length=500, required=False)


class HoldForm(forms.Form):
    kind = forms.ChoiceField(label=_("Trường hợp"))
    start = forms.DateField(label=_("Từ ngày"), widget=DATE)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(hold_kinds().items())  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class BaseSalaryForm(forms.Form):
    effective_from = forms.DateField(label=_("Áp dụng từ ngày"), widget=DATE)
    amount = forms.IntegerField(
        label=_("Mức lương cơ sở (đồng/tháng)"), min_value=1, help_text=_("Ví dụ 2530000.")
    )
    citation = forms.CharField(
        label=_("Căn cứ pháp lý"),
        max_length=300,
        help_text=_("Văn bản và điều khoản, ví dụ “Nghị định 73/2024/NĐ-CP, Điều 3”."),
    )
    confidence = forms.ChoiceField(label=_("Mức tin cậy"), choices=Confidence.choices)
    note = forms.CharField(
        label=_("Ghi chú về mức tin cậy"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bắt buộc khi mức tin cậy khác V: điều gì chưa được đối chiếu."),
    )
