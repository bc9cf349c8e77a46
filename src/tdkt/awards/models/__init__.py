"""The awards app's tables: histories, decisions and the register, proposals."""

from tdkt.awards.models.decisions import (
    AwardRecord,
    Cancellation,
    Decision,
    ImmutableError,
    ImmutableModel,
)
from tdkt.awards.models.history import Discipline, Hold, Initiative, Leave, PersonYear, UnitYear
from tdkt.awards.models.proposals import Candidate, DossierFile, Proposal, dossier_path

__all__ = [
    "AwardRecord",
    "Cancellation",
    "Candidate",
    "Decision",
    "Discipline",
    "DossierFile",
    "Hold",
    "ImmutableError",
    "ImmutableModel",
    "Initiative",
    "Leave",
    "PersonYear",
    "Proposal",
    "UnitYear",
    "dossier_path",
]
