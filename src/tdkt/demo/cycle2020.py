"""The seed's 2020 story for the demo block: the pledge signed in the first quarter, the seven units' six-month
reports, the consolidated report with comments and answers, the 17/06/2020 conference at Sở Kế hoạch và Đầu tư
with its attendance, minutes and photos, and the published news article. Every step goes through the services,
dated in 2020 where the service accepts a moment (``at=``)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from tdkt.accounts.models import User
from tdkt.core.actors import SYSTEM
from tdkt.core.images import sample_photo
from tdkt.emulation import services as emulation
from tdkt.meetings import services as meetings
from tdkt.meetings.enums import Attendance, MeetingKind
from tdkt.org.models import EmulationBlock, Person, Unit
from tdkt.portal import services as portal
from tdkt.portal.from_meeting import draft_article_from_meeting
from tdkt.reports import services as reports
from tdkt.reports.enums import AnswerKind, PeriodKind

YEAR = 2020
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(YEAR, month, day, hour, tzinfo=TZ)


SCORING_TABLE = {
    "criteria": [
        {
            "code": "I",
            "name": "Thực hiện nhiệm vụ chính trị, chuyên môn được giao",
            "max_points": 60,
            "children": [
                {
                    "code": "1",
                    "name": "Hoàn thành các chỉ tiêu, nhiệm vụ theo kế hoạch năm",
                    "max_points": 40,
                },
                {
                    "code": "2",
                    "name": "Tham mưu kịp thời, chất lượng cho Tỉnh ủy, HĐND, UBND tỉnh",
                    "max_points": 20,
                },
            ],
        },
        {
            "code": "II",
            "name": "Tổ chức phong trào thi đua và công tác khen thưởng",
            "max_points": 20,
            "children": [
                {"code": "1", "name": "Ban hành kế hoạch, phát động phong trào thi đua", "max_points": 8},
                {
                    "code": "2",
                    "name": "Đăng ký thi đua, sáng kiến, nhân rộng điển hình tiên tiến",
                    "max_points": 7,
                },
                {"code": "3", "name": "Báo cáo đúng hạn, đầy đủ", "max_points": 5},
            ],
        },
        {"code": "III", "name": "Cải cách hành chính, chuyển đổi số, kỷ luật, kỷ cương", "max_points": 10},
        {"code": "IV", "name": "Xây dựng Đảng, đoàn thể và tham gia hoạt động của Khối", "max_points": 10},
    ],
    "bonus_items": [
        {"code": "1", "name": "Được tặng Cờ thi đua, Bằng khen cấp Trung ương", "points": 2, "cap": 4},
        {"code": "2", "name": "Đăng cai tổ chức hoạt động của Khối", "points": 1, "cap": 1},
    ],
    "penalty_items": [
        {"code": "1", "name": "Nộp báo cáo chậm hạn", "points": 1, "cap": 3},
        {"code": "2", "name": "Có cán bộ bị kỷ luật từ khiển trách trở lên", "points": 2, "cap": 4},
    ],
    "bonus_cap": 5,
    "penalty_cap": 5,
}

UNIT_SECTIONS = (
    "Đơn vị đã ban hành kế hoạch thi đua năm 2020, phát động phong trào thi đua đến toàn thể cán bộ, công chức.",
    "Tham mưu kịp thời các chủ trương, chính sách phục vụ phát triển kinh tế - xã hội trong bối cảnh dịch "
    "bệnh Covid-19 và hạn hán kéo dài.",
    "Dịch bệnh Covid-19 ảnh hưởng đến việc tổ chức các hoạt động tập trung.",
    "Tiếp tục đẩy mạnh phong trào thi đua, phấn đấu hoàn thành xuất sắc nhiệm vụ năm 2020.",
)

NEWS_BODY_MORE = (
    "Hội nghị tập trung đánh giá kết quả thực hiện nhiệm vụ công tác thi đua, khen thưởng 6 tháng đầu năm, "
    "kết quả thực hiện nhiệm vụ chính trị của các đơn vị thành viên trong Khối, trên cơ sở đó đề ra phương hướng "
    "nhiệm vụ 6 tháng cuối năm 2020.\n\n"
    "Thảo luận tại Hội nghị, các đại biểu đã đóng góp nhiều ý kiến thiết thực để hoàn thiện nội dung của Báo cáo. "
    "Đồng thời đề xuất cụ thể phương hướng, nhiệm vụ công tác thi đua, khen thưởng của Khối 6 tháng cuối năm 2020 "
    "nhằm hoàn thành xuất sắc các mục tiêu, nhiệm vụ thi đua của Khối đã ký kết giao ước đầu năm./."
)


def _leader(unit: Unit) -> Person | None:
    position = unit.positions.filter(level="head", end_date__isnull=True).select_related("person").first()
    return position.person if position is not None else None


def load_2020_story(block: EmulationBlock, units: dict[str, Unit]) -> None:
    members = [m.unit for m in block.memberships.filter(year=YEAR).select_related("unit").order_by("pk")]

    # The pledge, signed at the pledge-signing conference in March.
    pledge = emulation.create_pledge(
        SYSTEM,
        block=block,
        year=YEAR,
        signing_deadline=datetime.date(YEAR, 3, 31),
        targets="Hoàn thành xuất sắc nhiệm vụ chính trị năm 2020; 100% đơn vị đăng ký thi đua; "
        "nộp báo cáo đúng hạn; tham gia đầy đủ các hoạt động của Khối.",
    )
    emulation.set_scoring_table(SYSTEM, pledge, SCORING_TABLE, at=_at(2, 20))
    emulation.open_for_signing(SYSTEM, pledge, at=_at(3, 5))
    for unit in members:
        leader = _leader(unit)
        emulation.sign_pledge(
            SYSTEM, pledge, unit=unit, signer_name=leader.full_name if leader else "", at=_at(3, 12, 10)
        )

    # The six-month reports and the consolidated report.
    template = reports.create_template(
        SYSTEM,
        block=block,
        year=YEAR,
        period=PeriodKind.SIX_MONTHS,
        submission_deadline=datetime.date(YEAR, 6, 5),
        comment_deadline=datetime.date(YEAR, 6, 12),
    )
    sections = list(template.sections.order_by("position"))
    indicators = list(template.indicators.order_by("position"))
    for i, unit in enumerate(members):
        report = reports.start_unit_report(SYSTEM, template, unit)
        reports.save_unit_report(
            SYSTEM,
            report,
            {section: text for section, text in zip(sections, UNIT_SECTIONS, strict=False)},
            {indicator: (i + j) % 4 + 1 for j, indicator in enumerate(indicators)},
        )
        reports.submit_unit_report(SYSTEM, report, at=_at(6, 1 + i % 4))
    block_report = reports.compile_block_report(SYSTEM, template, note="Dự thảo tổng hợp", at=_at(6, 8))
    round_ = reports.open_comment_round(SYSTEM, block_report, at=_at(6, 9))
    commenters = (
        User.objects.filter(unit__in=members, role="unit_officer")
        .exclude(unit__abbreviation="SKHĐT")
        .order_by("pk")[:2]
    )
    remarks = (
        "Đề nghị bổ sung kết quả tham mưu phòng, chống dịch Covid-19 của các đơn vị.",
        "Đề nghị nêu rõ giải pháp khắc phục khó khăn do hạn hán trong phần phương hướng.",
    )
    version = block_report.current_version
    assert version is not None  # compiling made version 1
    for user, remark, section in zip(commenters, remarks, (sections[1], sections[3]), strict=False):
        comment = reports.add_comment(
            user, block_report, version=version, section=section, text=remark, at=_at(6, 10)
        )
        reports.answer_comment(
            SYSTEM, comment, kind=AnswerKind.APPLIED, text="Tiếp thu, đã bổ sung vào dự thảo.", at=_at(6, 11)
        )
    reports.close_comment_round(SYSTEM, round_, at=_at(6, 12))

    # The conference of 17/06/2020 at the host, Sở Kế hoạch và Đầu tư.
    host = units["SKHĐT"]
    meeting = meetings.create_meeting(
        SYSTEM,
        kind=MeetingKind.MIDYEAR_REVIEW,
        block=block,
        year=YEAR,
        host_unit=host,
        venue="Sở Kế hoạch và Đầu tư",
        starts_at=_at(6, 17, 8),
        chair=_leader(host),
        chair_title="Giám đốc Sở Kế hoạch và Đầu tư, Khối trưởng",
    )
    # The agenda links what it discusses: the report (and its draft) and the pledge the directions serve.
    for title, links in (
        (
            "Báo cáo kết quả công tác thi đua, khen thưởng 6 tháng đầu năm 2020 của Khối",
            {"block_report": block_report},
        ),
        ("Thảo luận, góp ý dự thảo Báo cáo", {"block_report": block_report}),
        ("Phương hướng, nhiệm vụ 6 tháng cuối năm 2020", {"pledge": pledge}),
    ):
        meetings.add_agenda_item(SYSTEM, meeting, title=title, **links)
    meetings.invite(SYSTEM, meeting)
    meeting = meetings.mark_held(SYSTEM, meeting)
    meetings.record_attendance(
        SYSTEM, meeting, {pk: Attendance.PRESENT for pk in meeting.attendees.values_list("pk", flat=True)}
    )
    meetings.save_minutes(
        SYSTEM,
        meeting,
        "Hội nghị đã nghe dự thảo Báo cáo sơ kết 6 tháng đầu năm 2020 của Khối; các đại biểu đóng góp ý kiến "
        "hoàn thiện Báo cáo và thống nhất phương hướng, nhiệm vụ 6 tháng cuối năm 2020.",
    )
    meetings.approve_minutes(SYSTEM, meeting)
    meetings.lock_minutes(SYSTEM, meeting)
    meetings.upload_photos(
        SYSTEM,
        meeting,
        [
            (sample_photo(color="#b3261e"), "Toàn cảnh Hội nghị"),
            (sample_photo(color="#174ea6"), "Đại biểu phát biểu góp ý dự thảo Báo cáo"),
            (sample_photo(color="#1e7d32"), "Các đại biểu dự Hội nghị"),
        ],
    )
    reports.finalise_block_report(SYSTEM, block_report, at=_at(6, 18))

    # The news article, drafted from the conference and published by the host's office.
    article = draft_article_from_meeting(SYSTEM, meeting)
    article = portal.update_article(
        SYSTEM, article, body=article.body + "\n\n" + NEWS_BODY_MORE, author_line="Văn phòng Sở"
    )
    portal.publish_article(SYSTEM, article)
