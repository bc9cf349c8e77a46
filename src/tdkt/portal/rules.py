"""Permission predicates of the portal (django-rules).

Editors of an article: Phòng TĐKT (the system administrator, who runs the provincial portal) and the emulation
officers and leaders of the unit that reports the news (the author unit); news drafted from a conference belongs
to the host unit, so its editors (and Phòng TĐKT) draft it. Everyone, signed in or not, reads
published articles; drafts and taken-down articles are visible to their editors only. Categories are a catalogue
kept by Phòng TĐKT.
"""

from __future__ import annotations

from typing import Any

import rules

from tdkt.core.rules import has_unit, is_system_admin, is_unit_leader, is_unit_officer
from tdkt.portal.enums import ArticleState


@rules.predicate
def of_author_unit(user: Any, article: Any) -> bool:
    """The article is reported by the user's own unit."""
    unit_id = getattr(article, "author_unit_id", None)
    return unit_id is not None and unit_id == getattr(user, "unit_id", None)


@rules.predicate
def is_published(user: Any, article: Any) -> bool:
    return getattr(article, "state", None) == ArticleState.PUBLISHED


@rules.predicate
def hosts_meeting(user: Any, meeting: Any) -> bool:
    """The meeting is hosted by the user's unit, whose office writes up its news."""
    unit_id = getattr(meeting, "host_unit_id", None)
    return unit_id is not None and unit_id == getattr(user, "unit_id", None)


is_unit_editor = (is_unit_officer | is_unit_leader) & has_unit
may_edit_article = is_system_admin | (is_unit_editor & of_author_unit)

rules.add_perm("portal.view_article", is_published | may_edit_article)
rules.add_perm("portal.add_article", is_system_admin | is_unit_editor)
rules.add_perm("portal.change_article", may_edit_article)
rules.add_perm("portal.publish_article", may_edit_article)
rules.add_perm("portal.delete_article", may_edit_article)
# News drafted from a conference is the host unit's article (author unit = host): its editors and Phòng TĐKT
# prepare it. The meeting must have been held; the service says so (422) rather than refusing the person.
rules.add_perm("portal.draft_news_from_meeting", is_system_admin | (is_unit_editor & hosts_meeting))

rules.add_perm("portal.view_category", rules.always_allow)
for _verb in ("add", "change", "delete"):
    rules.add_perm(f"portal.{_verb}_category", is_system_admin)
