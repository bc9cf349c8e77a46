"""Draft news from a recorded conference: title, body and gallery prepared from the meeting's own data.

The editor then revises and publishes the draft as any other article. The title follows the form the provinces
publish, e.g. "Hội nghị Sơ kết phong trào thi đua khen thưởng 06 tháng đầu năm 2020 Khối thi đua các cơ quan
tham mưu tổng hợp tỉnh" (the seed article).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.meetings.enums import MeetingKind, MeetingState
from tdkt.meetings.models import Meeting
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


def draft_article_from_meeting(actor: Any, meeting: Meeting) -> Article:
    """Prepare a draft article about a held meeting, with its photos as the gallery, for an editor to revise."""
    if meeting.state != MeetingState.HELD:
        raise ValidationError(_("Chỉ soạn tin cho hội nghị đã tổ chức."))
    summary = meeting_summary(meeting)
    category = (
        Category.objects.filter(slug=BLOCK_NEWS_CATEGORY_SLUG).first()
        or Category.objects.order_by("order", "pk").first()
    )
    if category is None:
        raise ValidationError(_("Chưa có chuyên mục tin tức nào."))
    photos = []
    for photo in photos_of(meeting):
        with photo.image.open("rb") as handle:
            photos.append((handle.read(), photo.caption))
    title = news_title(meeting)
    return create_draft_article(
        actor,
        title=title,
        category=category,
        summary=title + ".",
        body=news_body(meeting, summary),
        author_unit=meeting.host_unit,
        author_line=_("Văn phòng %(unit)s")
        % {"unit": meeting.host_unit.short_name or meeting.host_unit.name},
        photos=photos,
        published_on=summary.date,
    )
