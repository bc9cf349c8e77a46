"""Forms of the report pages. They parse input only; every rule lives in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.org.models import EmulationBlock
from tdkt.reports.enums import AnswerKind, PeriodKind
from tdkt.reports.models import BlockReportVersion, ReportIndicator, ReportSection, ReportTemplate
from tdkt.reports.services import MAX_VALUE


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _lines_of(value: str) -> list[str]:
    return [line for line in (value or "").splitlines() if line.strip()]


class TemplateCreateForm(forms.Form):
    block = forms.ModelChoiceField(label=_("Khối, cụm"), queryset=EmulationBlock.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    period = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=PeriodKind.choices)
    submission_deadline = forms.DateField(label=_("Hạn nộp báo cáo của đơn vị"), widget=DateInput())
    comment_deadline = forms.DateField(label=_("Hạn góp ý dự thảo"), required=False, widget=DateInput())

    def __init__(self, *args: Any, blocks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["block"].queryset = blocks  # type: ignore[attr-defined]


class TemplateEditForm(forms.Form):
    submission_deadline = forms.DateField(label=_("Hạn nộp báo cáo của đơn vị"), widget=DateInput())
    comment_deadline = forms.DateField(label=_("Hạn góp ý dự thảo"), required=False, widget=DateInput())
    sections = forms.CharField(
        label=_("Các mục báo cáo (mỗi dòng một mục)"), widget=forms.Textarea(attrs={"rows": 6})
    )
    indicators = forms.CharField(
        label=_("Các chỉ tiêu số liệu (mỗi dòng một chỉ tiêu)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    @staticmethod
    def initial_for(template: ReportTemplate) -> dict[str, Any]:
        return {
            "submission_deadline": template.submission_deadline,
            "comment_deadline": template.comment_deadline,
            "sections": "\n".join(s.title for s in template.sections.all()),
            "indicators": "\n".join(i.name for i in template.indicators.all()),
        }

    def section_lines(self) -> list[str]:
        return _lines_of(self.cleaned_data["sections"])

    def indicator_lines(self) -> list[str]:
        return _lines_of(self.cleaned_data["indicators"])


class UnitReportForm(forms.Form):
    """A textarea per section and a number per indicator of the template (field names section_<id>,
    indicator_<id>, the keys the service uses in its errors)."""

    def __init__(
        self, *args: Any, sections: list[ReportSection], indicators: list[ReportIndicator], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sections, self.indicators = sections, indicators
        for section in sections:
            self.fields[f"section_{section.pk}"] = forms.CharField(
                label=section.title, required=False, widget=forms.Textarea(attrs={"rows": 8})
            )
        for indicator in indicators:
            message = _("Số liệu «%(name)s» phải là số nguyên không âm.") % {"name": indicator.name}
            self.fields[f"indicator_{indicator.pk}"] = forms.IntegerField(
                label=indicator.name,
                required=False,
                min_value=0,
                max_value=MAX_VALUE,
                error_messages={"invalid": message, "min_value": message, "max_value": message},
            )

    def section_fields(self) -> list[forms.BoundField]:
        return [self[f"section_{s.pk}"] for s in self.sections]

    def indicator_fields(self) -> list[forms.BoundField]:
        return [self[f"indicator_{i.pk}"] for i in self.indicators]

    def section_texts(self) -> dict[int, str]:
        return {s.pk: self.cleaned_data[f"section_{s.pk}"] for s in self.sections}

    def indicator_values(self) -> dict[int, int | None]:
        return {i.pk: self.cleaned_data[f"indicator_{i.pk}"] for i in self.indicators}


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3}))


class BlockReportEditForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú cho phiên bản mới"), required=False, max_length=500)

    def __init__(self, *args: Any, sections: list[ReportSection], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sections = sections
        for section in sections:
            self.fields[f"section_{section.pk}"] = forms.CharField(
                label=section.title, required=False, widget=forms.Textarea(attrs={"rows": 14})
            )

    def section_fields(self) -> list[forms.BoundField]:
        return [self[f"section_{s.pk}"] for s in self.sections]

    def section_texts(self) -> dict[int, str]:
        return {s.pk: self.cleaned_data[f"section_{s.pk}"] for s in self.sections}


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: BlockReportVersion) -> str:
        return str(obj)


class RoundOpenForm(forms.Form):
    version = VersionChoiceField(
        label=_("Phiên bản đưa ra góp ý"), queryset=BlockReportVersion.objects.none()
    )
    deadline = forms.DateField(label=_("Hạn góp ý"), widget=DateInput())

    def __init__(self, *args: Any, versions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = versions  # type: ignore[attr-defined]


class FinaliseForm(forms.Form):
    version = VersionChoiceField(label=_("Phiên bản chính thức"), queryset=BlockReportVersion.objects.none())

    def __init__(self, *args: Any, versions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = versions  # type: ignore[attr-defined]


class CommentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    section = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    text = forms.CharField(label=_("Ý kiến góp ý"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=AnswerKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 3}))


class CompareForm(forms.Form):
    a = forms.IntegerField(label=_("Phiên bản cũ"), min_value=1)
    b = forms.IntegerField(label=_("Phiên bản mới"), min_value=1)
