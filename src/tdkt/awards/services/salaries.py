"""Base salaries a system administrator adds to the rulesets in force (a new decree raising mức lương cơ sở).

Rows are append-only: never edited; withdrawn only while no decision issued in the system since the row was
added is signed on or after its date (after that a bonus may have been computed from it). Adding and withdrawing
are Phòng TĐKT's (the system administrators').
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt import rules, vn
from tdkt.awards.enums import Action, Confidence
from tdkt.awards.models import AddedBaseSalary, Decision
from tdkt.awards.salaries import shipped_base_salaries
from tdkt.awards.services._common import acting_user, require, text
from tdkt.core.audit import log_action, snapshot

#: Above any plausible monthly base salary (in đồng): a typo with extra zeros is refused, not stored.
MAX_AMOUNT = 1_000_000_000


def _amount(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError({"amount": _("Mức lương cơ sở phải là số nguyên đồng.")})
    if value <= 0:
        raise ValidationError({"amount": _("Mức lương cơ sở phải lớn hơn 0 đồng.")})
    if value > MAX_AMOUNT:
        raise ValidationError(
            {"amount": _("Mức lương cơ sở quá lớn: kiểm tra lại số đồng (tính theo tháng).")}
        )
    return value


def _effective_from(value: Any) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise ValidationError({"effective_from": _("Cần nhập ngày áp dụng.")})
    try:
        rules.ruleset_for(value)
    except rules.NoRulesetInForce:
        raise ValidationError(
            {
                "effective_from": _(
                    "Không có bộ quy tắc nào có hiệu lực ngày %(date)s: mức lương cơ sở này không dùng để tính "
                    "tiền thưởng nào."
                )
                % {"date": vn.short_date(value)}
            }
        ) from None
    shipped = shipped_base_salaries().get(value)
    if shipped is not None:
        row, ruleset_id = shipped
        raise ValidationError(
            {
                "effective_from": _(
                    "Bộ quy tắc %(ruleset)s đã có mức lương cơ sở %(amount)s từ ngày %(date)s (%(citation)s): "
                    "chọn ngày áp dụng khác."
                )
                % {
                    "ruleset": ruleset_id,
                    "amount": vn.amount_in_figures(row.amount),
                    "date": vn.short_date(value),
                    "citation": row.cited.citation,
                }
            }
        )
    existing = AddedBaseSalary.objects.filter(effective_from=value).first()
    if existing is not None:
        raise ValidationError(
            {
                "effective_from": _(
                    "Đã có mức lương cơ sở %(amount)s từ ngày %(date)s (%(citation)s): chọn ngày áp dụng khác."
                )
                % {
                    "amount": vn.amount_in_figures(existing.amount),
                    "date": vn.short_date(value),
                    "citation": existing.citation,
                }
            }
        )
    return value


@transaction.atomic
def add_base_salary(
    actor: Any,
    *,
    effective_from: datetime.date,
    amount: int,
    citation: str,
    confidence: str,
    note: str = "",
) -> AddedBaseSalary:
    """Add a base salary in force from ``effective_from``, with the article that sets it ("Nghị định
    73/2024/NĐ-CP, Điều 3") and how sure that is (V / S / U; anything but V needs a note). Bonuses of decisions
    signed on or after that date are computed from it (Nghị định 152/2025/NĐ-CP, Điều 49(1))."""
    require(actor, "awards.add_base_salary")
    # Serialise adders: two administrators adding the same date at once must not both pass the check below.
    list(AddedBaseSalary.objects.select_for_update().all())
    amount = _amount(amount)
    effective_from = _effective_from(effective_from)
    citation = text(citation, "citation", _("căn cứ pháp lý"), 300, required=True)
    if confidence not in Confidence.values:
        raise ValidationError({"confidence": _("Chọn mức tin cậy V, S hoặc U.")})
    note = text(note, "note", _("ghi chú về mức tin cậy"), 500)
    if confidence != Confidence.VERIFIED and not note:
        raise ValidationError(
            {"note": _("Mức tin cậy khác V cần ghi chú điều chưa chắc chắn (chưa đối chiếu văn bản gốc…).")}
        )
    row = AddedBaseSalary.objects.create(
        effective_from=effective_from,
        amount=amount,
        citation=citation,
        confidence=confidence,
        note=note,
        added_by=acting_user(actor),
    )
    log_action(
        actor,
        Action.BASE_SALARY_ADDED,
        row,
        summary=f"{vn.amount_in_figures(amount)} từ {vn.short_date(effective_from)} — {citation}",
        after=snapshot(row),
    )
    return row


def decisions_priced_with(row: AddedBaseSalary) -> Any:
    """Decisions issued in the system since the row was added and signed on or after its date: each may have
    computed a bonus from it."""
    return Decision.objects.filter(
        external=False, created_at__gte=row.added_at, signed_on__gte=row.effective_from
    )


@transaction.atomic
def withdraw_base_salary(actor: Any, row: AddedBaseSalary) -> None:
    """Withdraw a row added by mistake, while no decision can have been priced with it."""
    require(actor, "awards.withdraw_base_salary")
    row = AddedBaseSalary.objects.select_for_update().get(pk=row.pk)
    used = decisions_priced_with(row).order_by("signed_on", "pk").first()
    if used is not None:
        raise ValidationError(
            _(
                "Không rút được: Quyết định số %(ref)s ngày %(date)s có thể đã tính tiền thưởng theo mức lương "
                "cơ sở này. Hãy thêm mức lương cơ sở đúng từ ngày sau và đính chính quyết định nếu cần."
            )
            % {"ref": used.reference, "date": vn.short_date(used.signed_on)}
        )
    before = snapshot(row)
    label = str(row)
    AddedBaseSalary.objects.filter(pk=row.pk).delete()
    log_action(actor, Action.BASE_SALARY_WITHDRAWN, row, summary=label, before=before)
