"""Forms of the emulation pages. They only parse input; the services check the rules and write."""

from __future__ import annotations

import contextlib
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tdkt.emulation import scoring
from tdkt.emulation.enums import CollectiveTitle, IndividualTitle, MovementKind
from tdkt.emulation.models import Pledge, Registration
from tdkt.emulation.queries import blocks_user_may_pledge, people_for_registration, registration_lines
from tdkt.org.models import EmulationBlock, Unit

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
EXTRA_ROWS = 3
ORDER_STEP = 10


def _date_field(label: Any, required: bool = False, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
    )


def _year_field() -> forms.IntegerField:
    return forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)


# --- movements ------------------------------------------------------------------------------------------------


class MovementForm(forms.Form):
    name = forms.CharField(label=_("Tên phong trào"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại phong trào"), choices=MovementKind.choices)
    year = _year_field()
    start_date = _date_field(_("Từ ngày"), help_text=_("Bắt buộc với phong trào theo chuyên đề."))
    end_date = _date_field(_("Đến ngày"))
    description = forms.CharField(
        label=_("Nội dung, mục tiêu"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    province_wide = forms.BooleanField(label=_("Áp dụng toàn tỉnh"), required=False)
    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị thực hiện"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    blocks = forms.ModelMultipleChoiceField(
        label=_("Khối, cụm thực hiện"),
        queryset=EmulationBlock.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Các đơn vị thành viên của khối, cụm trong năm của phong trào."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units, blocks = self.fields["units"], self.fields["blocks"]
        assert isinstance(units, forms.ModelMultipleChoiceField)
        assert isinstance(blocks, forms.ModelMultipleChoiceField)
        units.queryset = Unit.objects.filter(is_active=True).order_by("name_sort")
        blocks.queryset = EmulationBlock.objects.filter(is_active=True).order_by("kind", "name_sort")


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Tên văn bản"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: Kế hoạch số 12/KH-UBND phát động phong trào. Để trống thì lấy tên tệp."),
    )
    file = forms.FileField(
        label=_("Tệp"),
        help_text=_("PDF, DOC, DOCX, ODT, JPG hoặc PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx,.odt,.jpg,.jpeg,.png"}),
    )


# --- pledges --------------------------------------------------------------------------------------------------


class PledgeCreateForm(forms.Form):
    year = _year_field()
    block = forms.ModelChoiceField(label=_("Khối, cụm thi đua"), queryset=EmulationBlock.objects.none())
    copy_previous = forms.BooleanField(
        label=_("Sao chép chỉ tiêu và bảng chấm điểm từ giao ước năm trước"), required=False, initial=True
    )
    signing_deadline = _date_field(_("Hạn ký kết"))

    def __init__(self, *args: Any, user: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with contextlib.suppress(TypeError, ValueError):
            year = int(self.data.get("year", year))
        block = self.fields["block"]
        assert isinstance(block, forms.ModelChoiceField)
        block.queryset = blocks_user_may_pledge(user, year)


class PledgeForm(forms.Form):
    title = forms.CharField(label=_("Tên giao ước"), max_length=255, required=False)
    targets = forms.CharField(
        label=_("Chỉ tiêu, nhiệm vụ thi đua"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Mỗi chỉ tiêu một dòng hoặc một đoạn."),
    )
    signing_deadline = _date_field(_("Hạn ký kết"))

    @classmethod
    def for_pledge(cls, pledge: Pledge, data: Any = None) -> PledgeForm:
        return cls(
            data,
            initial={
                "title": pledge.title,
                "targets": pledge.targets,
                "signing_deadline": pledge.signing_deadline,
            },
        )


DEPTH_CHOICES = [(1, _("Nhóm")), (2, _("Tiêu chí")), (3, _("Tiêu chí con"))]


def _text(size: int) -> forms.TextInput:
    # Small inputs, so that a row of the editor fits a phone screen.
    return forms.TextInput(attrs={"size": size})


def _points(size: int = 6) -> forms.TextInput:
    return forms.TextInput(attrs={"size": size, "inputmode": "decimal"})


class CriterionRowForm(forms.Form):
    depth = forms.TypedChoiceField(label=_("Cấp"), choices=DEPTH_CHOICES, coerce=int, initial=2)
    code = forms.CharField(label=_("Số thứ tự"), max_length=20, required=False, widget=_text(6))
    name = forms.CharField(label=_("Nội dung"), max_length=500, required=False, widget=_text(16))
    max_points = forms.CharField(label=_("Điểm tối đa"), max_length=12, required=False, widget=_points())
    guidance = forms.CharField(label=_("Hướng dẫn chấm"), required=False, widget=_text(16))


class ItemRowForm(forms.Form):
    code = forms.CharField(label=_("Số thứ tự"), max_length=20, required=False, widget=_text(6))
    name = forms.CharField(label=_("Nội dung"), max_length=500, required=False, widget=_text(16))
    points = forms.CharField(label=_("Điểm mỗi lần"), max_length=12, required=False, widget=_points())
    cap = forms.CharField(label=_("Tối đa"), max_length=12, required=False, widget=_points())


class OutlineFormSet(forms.BaseFormSet):
    """A formset whose "Thứ tự" (order) boxes are small text boxes taking digits."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields[forms.formsets.ORDERING_FIELD_NAME].widget = forms.TextInput(
            attrs={"size": 4, "inputmode": "numeric"}
        )


CriterionFormSet = forms.formset_factory(
    CriterionRowForm, extra=EXTRA_ROWS, can_delete=True, can_order=True, max_num=500
)
ItemFormSet = forms.formset_factory(
    ItemRowForm, extra=EXTRA_ROWS, can_delete=True, can_order=True, max_num=100
)


class TableCapsForm(forms.Form):
    bonus_cap = forms.CharField(label=_("Tổng điểm thưởng tối đa"), max_length=12, required=False)
    penalty_cap = forms.CharField(label=_("Tổng điểm trừ tối đa"), max_length=12, required=False)
    note = forms.CharField(
        label=_("Ghi chú phiên bản"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: sửa theo góp ý của các đơn vị."),
    )


class TableEditor:
    """The scoring table as three formsets (criteria outline, bonus items, penalty items) and the caps.

    Rows are printed in the order of their "Thứ tự" numbers (10, 20, 30…: type 15 to put a new row between the
    first two); a row's level says where it hangs: under the nearest row above it one level higher.
    """

    def __init__(self, data: Any = None, snapshot: dict[str, Any] | None = None) -> None:
        snapshot = snapshot or scoring.empty_snapshot()
        criteria = [
            {
                "depth": row.depth,
                "code": row.code,
                "name": row.name,
                "max_points": scoring.format_points(row.max_points),
                "guidance": row.guidance,
                "ORDER": (index + 1) * ORDER_STEP,
            }
            for index, row in enumerate(scoring.outline(snapshot.get("criteria", [])))
        ]

        def items(section: str) -> list[dict[str, Any]]:
            return [
                {
                    "code": item["code"],
                    "name": item["name"],
                    "points": scoring.format_points(item["points"]),
                    "cap": scoring.format_points(item["cap"]),
                    "ORDER": (index + 1) * ORDER_STEP,
                }
                for index, item in enumerate(snapshot.get(section, []))
            ]

        self.criteria = CriterionFormSet(data, initial=criteria, prefix="tc")
        self.bonus = ItemFormSet(data, initial=items("bonus_items"), prefix="thuong")
        self.penalty = ItemFormSet(data, initial=items("penalty_items"), prefix="tru")
        self.caps = TableCapsForm(
            data,
            initial={
                "bonus_cap": scoring.format_points(snapshot.get("bonus_cap")),
                "penalty_cap": scoring.format_points(snapshot.get("penalty_cap")),
            },
        )

    def is_valid(self) -> bool:
        return all(part.is_valid() for part in (self.criteria, self.bonus, self.penalty, self.caps))

    @staticmethod
    def _rows(formset: Any) -> list[dict[str, Any]]:
        rows = []
        for form in formset.ordered_forms:
            data = form.cleaned_data
            if not any(
                str(data.get(name) or "").strip() for name in ("code", "name", "max_points", "points", "cap")
            ):
                continue
            rows.append(data)
        return rows

    def tree(self) -> dict[str, Any]:
        """The nested structure the service takes (raises ValidationError when the outline has a gap)."""
        items = {
            section: [
                {"code": row["code"], "name": row["name"], "points": row["points"], "cap": row["cap"]}
                for row in self._rows(formset)
            ]
            for section, formset in (("bonus_items", self.bonus), ("penalty_items", self.penalty))
        }
        return {
            "criteria": scoring.tree_from_outline(self._rows(self.criteria)),
            **items,
            "bonus_cap": self.caps.cleaned_data.get("bonus_cap") or "0",
            "penalty_cap": self.caps.cleaned_data.get("penalty_cap") or "0",
        }

    @property
    def note(self) -> str:
        return str(self.caps.cleaned_data.get("note") or "")


def with_more_rows(data: Any, prefixes: tuple[str, ...] = ("tc", "thuong", "tru"), rows: int = 5) -> Any:
    """A copy of the posted editor with blank rows added at the end of each formset (no JavaScript needed)."""
    data = data.copy()
    for prefix in prefixes:
        key = f"{prefix}-TOTAL_FORMS"
        try:
            data[key] = str(int(data.get(key, 0)) + rows)
        except ValueError:
            raise ValidationError(_("Dữ liệu biểu mẫu không hợp lệ.")) from None
    return data


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả về dự thảo"),
        required=False,
        max_length=500,
        widget=forms.TextInput(
            attrs={"placeholder": _("Lý do trả về dự thảo"), "aria-label": _("Lý do trả về dự thảo")}
        ),
    )


# --- registrations --------------------------------------------------------------------------------------------


class RegistrationForm(forms.Form):
    """The unit's titles as check boxes; for each individual title, a multi-select of the unit's staff."""

    collective_titles = forms.MultipleChoiceField(
        label=_("Danh hiệu đăng ký của tập thể đơn vị"),
        choices=CollectiveTitle.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(
        self, *args: Any, unit: Unit, registration: Registration | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        people = list(people_for_registration(unit))
        choices = [(person.pk, person.full_name) for person in people]
        self.people_by_pk = {person.pk: person for person in people}
        self.title_fields: list[str] = []
        for code, label in IndividualTitle.choices:
            name = f"title_{code}"
            self.fields[name] = forms.TypedMultipleChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                required=False,
                widget=forms.SelectMultiple(attrs={"size": min(max(len(choices), 3), 10)}),
                help_text=_("Chọn những người đăng ký danh hiệu này (giữ Ctrl để chọn nhiều người)."),
            )
            self.title_fields.append(name)
        if registration is not None and not self.is_bound:
            lines = registration_lines(registration)
            self.initial["collective_titles"] = lines.collective
            self.initial["note"] = registration.note
            for person, titles in lines.people:
                for code in titles:
                    self.initial.setdefault(f"title_{code}", []).append(person.pk)

    def people(self) -> dict[int, list[str]]:
        """Each chosen person's id with the titles chosen for them (what the service takes)."""
        chosen: dict[int, list[str]] = {}
        for code in IndividualTitle.values:
            for pk in self.cleaned_data.get(f"title_{code}", []):
                chosen.setdefault(pk, []).append(code)
        return chosen

    def title_bound_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.title_fields]


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Cần ghi lý do trả lại để cán bộ thi đua biết phải sửa gì.")},
    )
