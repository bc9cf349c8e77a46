"""The awards app's tables: histories, decisions and the register, proposals."""

from tdkt.awards.models.decisions import (
    AwardRecord,
    Cancellation,
    Decision,
    ImmutableError,
    ImmutableModel,
    InitiativeUse,
)
from tdkt.awards.models.history import Discipline, Hold, Initiative, Leave, PersonYear, UnitYear
from tdkt.awards.models.proposals import Candidate, DossierFile, Proposal, dossier_path
from tdkt.awards.models.salaries import AddedBaseSalary, ChangedBaseSalaryError

__all__ = [
    "AddedBaseSalary",
    "AwardRecord",
    "Cancellation",
    "Candidate",
    "ChangedBaseSalaryError",
    "Decision",
    "Discipline",
    "DossierFile",
    "Hold",
    "ImmutableError",
    "ImmutableModel",
    "Initiative",
    "InitiativeUse",
    "Leave",
    "PersonYear",
    "Proposal",
    "UnitYear",
    "dossier_path",
]
