"""Draft news from a recorded conference: title, body and gallery prepared from the meeting's own data.

The editor then revises and publishes the draft as any other article. The title follows the form the provinces
publish, e.g. "Hội nghị Sơ kết phong trào thi đua khen thưởng 06 tháng đầu năm 2020 Khối thi đua các cơ quan
tham mưu tổng hợp tỉnh" (the seed article).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.meetings.enums import MeetingKind, MeetingState
from tdkt.meetings.models import STORED_LANGUAGE, Meeting
from tdkt.meetings.queries import MeetingSummary, agenda_of, meeting_summary, photos_of
from tdkt.portal.models import Article, Category
from tdkt.portal.services import create_draft_article

BLOCK_NEWS_CATEGORY_SLUG = "hoat-dong-cac-khoi-thi-dua"


def news_title(meeting: Meeting) -> str:
    """The headline for a meeting of a block, by kind and period."""
    block = meeting.block.name if meeting.block is not None else ""
    year = meeting.year
    titles = {
        MeetingKind.MIDYEAR_REVIEW: _(
            "Hội nghị Sơ kết phong trào thi đua khen thưởng 06 tháng đầu năm %(year)s %(block)s"
        ),
        MeetingKind.YEAR_END_REVIEW: _(
            "Hội nghị Tổng kết phong trào thi đua khen thưởng năm %(year)s %(block)s"
        ),
        MeetingKind.PLEDGE_SIGNING: _("Hội nghị ký kết giao ước thi đua năm %(year)s %(block)s"),
    }
    template = titles.get(MeetingKind(meeting.kind))
    if template is None:
        return meeting.title
    return vn.clean(template % {"year": year, "block": block})


def _two_digits(n: int) -> str:
    """Small counts as the news writes them: "07 đơn vị"."""
    return f"{n:02d}"


def news_body(meeting: Meeting, summary: MeetingSummary) -> str:
    """The opening paragraphs: when, where, who attended, what was reviewed and agreed."""
    event = news_title(meeting)
    if meeting.block is not None and event.endswith(meeting.block.name):
        event = event[: -len(meeting.block.name)].strip()
    opening = _("Ngày %(date)s, tại %(venue)s, %(block)s tổ chức %(event)s.") % {
        "date": f"{summary.date.day}/{summary.date.month}/{summary.date.year}",
        "venue": summary.venue or summary.host_unit,
        "block": summary.block or summary.host_unit,
        "event": event,
    }
    guests = []
    if summary.council_members_present:
        guests.append(_("Thành viên Hội đồng Thi đua - Khen thưởng tỉnh theo dõi Khối"))
    if summary.units_present:
        guests.append(
            _(
                "đại diện Lãnh đạo và cán bộ phụ trách công tác thi đua, khen thưởng của %(n)s đơn vị thành viên "
                "trong Khối"
            )
            % {"n": _two_digits(len(summary.units_present))}
        )
    paragraphs = [opening]
    if guests:
        paragraphs.append(_("Tham dự Hội nghị có %(guests)s.") % {"guests": ", ".join(guests)})
    items = [item.title for item in agenda_of(meeting)]
    if items:
        paragraphs.append(
            _("Hội nghị đã thảo luận các nội dung: %(items)s.")
            % {"items": "; ".join(i[:1].lower() + i[1:] for i in items)}
        )
    return "\n\n".join(paragraphs)


def _gallery(meeting: Meeting) -> list[tuple[bytes, str]]:
    """The meeting's photos as ``(bytes, caption)``; a file gone from the storage stops the draft with a reason."""
    photos = []
    for photo in photos_of(meeting):
        try:
            with photo.image.open("rb") as handle:
                photos.append((handle.read(), photo.caption))
        except OSError:
            raise ValidationError(
                _(
                    "Không đọc được tệp ảnh “%(photo)s” của hội nghị; hãy xóa ảnh đó khỏi hội nghị "
                    "rồi soạn tin lại."
                )
                % {"photo": photo.caption or photo.image.name}
            ) from None
    return photos


@transaction.atomic
def draft_article_from_meeting(actor: Any, meeting: Meeting) -> Article:
    """Prepare a draft article about a held meeting, with its photos as the gallery, for an editor to revise.

    The article is the host unit's (its office writes up the news): only the host unit's officers and leaders
    and Phòng TĐKT draft it (403); the meeting must have been held (422). The title, body and author line are
    stored in Vietnamese whatever language the editor reads the interface in. The audit entry names the meeting.
    A meeting has one article: drafting again is refused (422) while its article exists (edit that one).
    """
    # The meeting's row is locked: two editors drafting at once make one article, not two.
    meeting = (
        Meeting.objects.select_related("block", "host_unit")
        .select_for_update(of=("self",))
        .get(pk=meeting.pk)
    )
    if not actor.has_perm("portal.draft_news_from_meeting", meeting):
        raise PermissionDenied(
            _("Chỉ cán bộ thi đua, lãnh đạo của đơn vị chủ trì hội nghị và Phòng TĐKT soạn tin từ hội nghị.")
        )
    if meeting.state != MeetingState.HELD:
        raise ValidationError(_("Chỉ soạn tin cho hội nghị đã tổ chức."))
    existing = Article.objects.filter(meeting=meeting).order_by("pk").first()
    if existing is not None:
        raise ValidationError(
            _("Hội nghị này đã có tin bài “%(title)s”: hãy biên tập bài đó thay vì soạn bài mới.")
            % {"title": existing}
        )
    category = (
        Category.objects.filter(slug=BLOCK_NEWS_CATEGORY_SLUG).first()
        or Category.objects.order_by("order", "pk").first()
    )
    if category is None:
        raise ValidationError(_("Chưa có chuyên mục tin tức nào."))
    photos = _gallery(meeting)
    summary = meeting_summary(meeting)
    with translation.override(STORED_LANGUAGE):
        title = news_title(meeting)
        body = news_body(meeting, summary)
        author_line = _("Văn phòng %(unit)s") % {
            "unit": meeting.host_unit.short_name or meeting.host_unit.name
        }
    return create_draft_article(
        actor,
        title=title,
        category=category,
        summary=title + ".",
        body=body,
        author_unit=meeting.host_unit,
        author_line=author_line,
        photos=photos,
        published_on=summary.date,
        source={"meeting": meeting.pk},
        meeting=meeting,
    )
