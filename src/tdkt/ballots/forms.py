"""Forms of the ballot pages. They only shape input; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tdkt.ballots.enums import Comparison, ThresholdBase, VotingMode
from tdkt.ballots.models import BallotSession, Candidate
from tdkt.ballots.thresholds import award_choices

COUNCIL = "council"


def _set_choices(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _award_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Danh hiệu, hình thức khen thưởng"),
        required=False,
        choices=[("", _("— không gắn danh hiệu —")), *award_choices()],
        help_text=_(
            "Phiên của Hội đồng về Chiến sĩ thi đua, Cờ thi đua… tự lấy tỷ lệ biểu quyết theo quy định."
        ),
    )


class RuleFields(forms.Form):
    question = forms.CharField(label=_("Nội dung bỏ phiếu"), max_length=500)
    award_code = _award_field()
    mode = forms.ChoiceField(
        label=pgettext_lazy("ballot", "Hình thức"), choices=VotingMode.choices, initial=VotingMode.ELECTRONIC
    )
    max_choices = forms.IntegerField(label=_("Mỗi phiếu chọn tối đa"), min_value=1, initial=1)
    threshold = forms.CharField(
        label=_("Tỷ lệ phiếu đồng ý"),
        required=False,
        max_length=20,
        help_text=_("Ví dụ 50%, 2/3, 0,8. Bỏ trống khi Hội đồng biểu quyết theo tỷ lệ quy định."),
    )
    threshold_comparison = forms.ChoiceField(
        label=pgettext_lazy("ballot", "So sánh"), choices=Comparison.choices
    )
    threshold_base = forms.ChoiceField(label=_("Tỷ lệ tính trên"), choices=ThresholdBase.choices)
    quorum = forms.CharField(
        label=_("Số người tham gia tối thiểu"),
        required=False,
        max_length=20,
        help_text=_("Tỷ lệ trên danh sách người có quyền bỏ phiếu, ví dụ 2/3; bỏ trống nếu không quy định."),
    )
    rule_source = forms.CharField(
        label=_("Căn cứ"),
        required=False,
        max_length=500,
        help_text=_("Ví dụ: Quy chế hoạt động của Khối, Điều 9."),
    )


class SessionForm(RuleFields):
    context = forms.ChoiceField(label=_("Bỏ phiếu trong"))
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)

    field_order = ["context", "year", "question"]

    def __init__(self, *args: Any, blocks: Any, council: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(block.pk), block.name) for block in blocks]
        if council is not None:
            choices.append((COUNCIL, str(council)))
        self._choices("context", choices)
        self.blocks = {str(block.pk): block for block in blocks}
        self.council = council

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        _set_choices(self, name, choices)

    def chosen(self) -> dict[str, Any]:
        value = self.cleaned_data["context"]
        if value == COUNCIL:
            return {"block": None, "council": self.council}
        return {"block": self.blocks[value], "council": None}


def rule_initial(session: BallotSession) -> dict[str, Any]:
    from tdkt.ballots.display import rule_share

    return {
        "question": session.question,
        "award_code": session.award_code,
        "mode": session.mode,
        "max_choices": session.max_choices,
        "threshold": rule_share(session.threshold),
        "threshold_comparison": session.threshold_comparison,
        "threshold_base": session.threshold_base,
        "quorum": rule_share(session.quorum) if session.quorum else "",
        "rule_source": session.rule_source,
    }


class CandidatesForm(forms.Form):
    units = forms.MultipleChoiceField(
        label=_("Đơn vị thành viên"), required=False, widget=forms.CheckboxSelectMultiple
    )
    others = forms.CharField(
        label=_("Người, đơn vị khác (mỗi dòng một tên)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit_map = {str(unit.pk): unit for unit in units}
        _set_choices(self, "units", [(pk, unit.name) for pk, unit in self.unit_map.items()])
        if not self.unit_map:
            del self.fields["units"]


class VoteForm(forms.Form):
    choices = forms.MultipleChoiceField(
        label=_("Đồng ý với"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, candidates: list[Candidate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "choices", [(str(c.pk), c.label) for c in candidates])


class PaperCountsForm(forms.Form):
    present = forms.IntegerField(label=_("Số người có mặt, tham gia"), min_value=0)
    issued = forms.IntegerField(label=_("Số phiếu phát ra"), min_value=0)
    valid = forms.IntegerField(label=_("Số phiếu hợp lệ"), min_value=0)
    invalid = forms.IntegerField(label=_("Số phiếu không hợp lệ"), min_value=0)

    def __init__(self, *args: Any, candidates: list[Candidate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for candidate in candidates:
            self.fields[f"votes_{candidate.pk}"] = forms.IntegerField(
                label=_("Số phiếu đồng ý: %(name)s") % {"name": candidate.label}, min_value=0
            )

    def votes(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"votes_{c.pk}"] for c in self.candidates}
