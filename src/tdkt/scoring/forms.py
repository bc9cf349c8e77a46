"""Forms of the scoring pages. They only parse input; the services check the rules (bounds, caps, phases) and
write."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.emulation.scoring import format_points
from tdkt.scoring.enums import Formula, MarginUnit, ScoringMode
from tdkt.scoring.models import ScoringRound
from tdkt.scoring.queries import TableRow, tie_rule_choices

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
TIE_RULE_FIELDS = ("tie_rule_1", "tie_rule_2", "tie_rule_3")


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class DeadlinesForm(forms.Form):
    self_deadline = _date_field(_("Hạn tự chấm điểm"))
    cross_deadline = _date_field(_("Hạn chấm chéo"))


class RoundForm(DeadlinesForm):
    """The configuration of a round. The self weight is asked as a percentage; the peer weight is the rest."""

    mode = forms.ChoiceField(label=_("Hình thức chấm chéo"), choices=ScoringMode.choices)
    formula = forms.ChoiceField(label=_("Cách tính điểm cuối cùng"), choices=Formula.choices)
    self_weight_percent = forms.IntegerField(
        label=_("Trọng số điểm tự chấm (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Chỉ dùng với cách tính kết hợp; điểm chấm chéo chiếm phần còn lại."),
    )
    margin = forms.CharField(
        label=_("Mức chênh lệch cho phép"),
        max_length=12,
        help_text=_(
            "Tiêu chí có điểm tự chấm và điểm chấm chéo chênh nhau quá mức này được đánh dấu để Khối trưởng xử lý."
        ),
    )
    margin_unit = forms.ChoiceField(label=_("Tính theo"), choices=MarginUnit.choices)
    tie_rule_1 = forms.ChoiceField(label=_("Khi bằng điểm, xét trước"), required=False)
    tie_rule_2 = forms.ChoiceField(label=_("rồi xét"), required=False)
    tie_rule_3 = forms.ChoiceField(label=_("rồi xét"), required=False)
    field_order = [
        "mode",
        "formula",
        "self_weight_percent",
        "margin",
        "margin_unit",
        *TIE_RULE_FIELDS,
        "self_deadline",
        "cross_deadline",
    ]

    def __init__(self, *args: Any, rows: Sequence[TableRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *tie_rule_choices(rows)]
        for name in TIE_RULE_FIELDS:
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices

    @classmethod
    def initial_for(cls, scoring_round: ScoringRound | None, rows: Sequence[TableRow]) -> dict[str, Any]:
        if scoring_round is None:
            groups = [row for row in rows if row.criterion is not None and row.depth == 1]
            return {
                "mode": ScoringMode.PEER,
                "formula": Formula.MEAN,
                "margin": "10",
                "margin_unit": MarginUnit.PERCENT,
                "tie_rule_1": f"group:{groups[0].code}" if groups else "",
                "tie_rule_2": "fewer_penalties",
            }
        initial = {
            "mode": scoring_round.mode,
            "formula": scoring_round.formula,
            "self_weight_percent": int(scoring_round.self_weight * 100),
            "margin": format_points(scoring_round.margin),
            "margin_unit": scoring_round.margin_unit,
            "self_deadline": scoring_round.self_deadline,
            "cross_deadline": scoring_round.cross_deadline,
        }
        for name, rule in zip(TIE_RULE_FIELDS, scoring_round.tie_rules, strict=False):
            initial[name] = rule
        return initial

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        percent = data.get("self_weight_percent") or 0
        own = (Decimal(percent) / 100).quantize(Decimal("0.01"))
        return {
            "mode": data["mode"],
            "formula": data["formula"],
            "self_weight": own,
            "peer_weight": Decimal(1) - own,
            "margin": data["margin"],
            "margin_unit": data["margin_unit"],
            "tie_rules": [data[name] for name in TIE_RULE_FIELDS if data.get(name)],
            "self_deadline": data["self_deadline"],
            "cross_deadline": data["cross_deadline"],
        }


class SheetForm(forms.Form):
    """Points and a note for every line of the table, and the sheet's general note. Points are text, so that a
    Vietnamese decimal comma ("7,5") is accepted; the service checks them against the table."""

    note = forms.CharField(
        label=_("Ghi chú chung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "form": "sheet-form"}),
    )

    def __init__(self, *args: Any, rows: Sequence[TableRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = [row for row in rows if row.takes_points]
        for row in self.rows:
            self.fields[f"points_{row.key}"] = forms.CharField(
                label=_("Điểm (tối đa %(max)s)") % {"max": format_points(row.maximum)},
                required=False,
                max_length=12,
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "form": "sheet-form", "autocomplete": "off"}
                ),
            )
            self.fields[f"note_{row.key}"] = forms.CharField(
                label=_("Ghi chú"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "form": "sheet-form"}),
            )

    @classmethod
    def initial_for(cls, lines: dict[str, Any], note: str) -> dict[str, Any]:
        initial: dict[str, Any] = {"note": note}
        for key, line in lines.items():
            initial[f"points_{key}"] = format_points(line.points) if line.points is not None else ""
            initial[f"note_{key}"] = line.note
        return initial

    def points(self) -> dict[str, str]:
        return {row.key: self.cleaned_data.get(f"points_{row.key}", "") for row in self.rows}

    def notes(self) -> dict[str, str]:
        return {row.key: self.cleaned_data.get(f"note_{row.key}", "") for row in self.rows}


class EvidenceForm(forms.Form):
    """A file or a link, attached to one criterion."""

    criterion = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Tên minh chứng"), max_length=255, required=False)
    file = forms.FileField(label=_("Tệp (PDF, Word, ảnh chụp)"), required=False)
    url = forms.CharField(label=_("hoặc đường dẫn"), max_length=500, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("url") or "").strip():
            raise forms.ValidationError(_("Chọn một tệp hoặc nhập một đường dẫn."))
        return data


class ReconcileForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput)
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    points = forms.CharField(
        label=_("Điểm thống nhất"),
        max_length=12,
        required=False,
        help_text=_("Để trống: giữ điểm tính theo công thức."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))
