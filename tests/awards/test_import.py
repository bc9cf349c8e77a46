"""Importing a unit's history from Excel: a valid file writes people (searchable without diacritics), ratings and
past awards; a file with errors lists each with its sheet and row and writes nothing; legacy TCVN3 and VNI text
is converted; the template itself imports."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tdkt import vn
from tdkt.awards import catalogue, services
from tdkt.awards.excel import AWARDS, COLUMNS, PEOPLE, RATINGS, template_workbook
from tdkt.awards.models import AwardRecord, Decision, Leave, PersonYear
from tdkt.core.models import AuditEntry
from tdkt.org.models import Person, PersonNameWord
from tdkt.org.queries import search_people

from .conftest import workbook_bytes


def headers(sheet: str) -> list[str]:
    return [header for _key, header in COLUMNS[sheet]]


def valid_sheets() -> dict[str, list[list]]:
    return {
        PEOPLE: [
            headers(PEOPLE),
            ["Trương Thị Ánh Nguyệt", "Nữ", "05/09/1986", "nguyet@example.gov.vn"],
            ["Hoàng Văn Quân", "Nam", datetime.datetime(1979, 2, 14), None],
            ["Đặng Thị Ánh Tuyết", "Nữ", None, None],  # already in the unit
        ],
        RATINGS: [
            headers(RATINGS),
            ["Trương Thị Ánh Nguyệt", "05/09/1986", 2024, "HTXSNV", 6, 6, None, None, None, "nghỉ sinh con"],
            ["Hoàng Văn Quân", "14/02/1979", 2024, "HTTNV", None, None, 1, None, None, None],
            ["Đặng Thị Ánh Tuyết", None, 2024, "htxsnv", 12, None, None, None, None, None],
        ],
        AWARDS: [
            headers(AWARDS),
            [
                "Cá nhân",
                "Trương Thị Ánh Nguyệt",
                "05/09/1986",
                2024,
                "Chiến sĩ thi đua cơ sở",
                "12/QĐ-SKHĐT",
                "20/12/2024",
                "Sở Kế hoạch và Đầu tư",
                "Lê Văn Giám",
            ],
            [
                "Cá nhân",
                "Hoàng Văn Quân",
                "14/02/1979",
                2024,
                "Lao động tiên tiến",
                "12/QĐ-SKHĐT",
                "20/12/2024",
                "Sở Kế hoạch và Đầu tư",
                "Lê Văn Giám",
            ],
            [
                "Tập thể",
                None,
                None,
                2024,
                "Tập thể lao động tiên tiến",
                "Số: 98/QĐ-UBND",
                datetime.date(2025, 1, 8),
                "Ủy ban nhân dân tỉnh",
                None,
            ],
        ],
    }


def test_a_valid_file_writes_people_ratings_and_awards(world):
    report = services.import_history(world.users["officer_a"], world.unit_a, workbook_bytes(valid_sheets()))
    assert (report.people_created, report.people_found, report.ratings, report.awards) == (2, 1, 3, 3)
    nguyet = Person.objects.get(full_name="Trương Thị Ánh Nguyệt")
    assert (
        nguyet.unit == world.unit_a
        and nguyet.gender == "female"
        and nguyet.date_of_birth == datetime.date(1986, 9, 5)
    )
    assert (nguyet.family_name, nguyet.given_name) == ("Trương", "Nguyệt")
    # indexed for the province-wide name search (word postings written by the bulk path)
    assert PersonNameWord.objects.filter(person=nguyet).count() == 4
    assert [p.full_name for p in search_people(world.users["admin"], "truong nguyet")] == [
        "Trương Thị Ánh Nguyệt"
    ]
    row = PersonYear.objects.get(person=nguyet, year=2024)
    assert (row.rating, row.months_worked, row.note) == ("HTXSNV", 6, "nghỉ sinh con")
    assert Leave.objects.get(person_year=row).kind == "maternity"
    quan = PersonYear.objects.get(person__full_name="Hoàng Văn Quân")
    assert quan.months_worked == 11  # empty months: 12 minus the leave
    assert PersonYear.objects.get(person=world.person_a).rating == "HTXSNV"
    decisions = {d.reference: d for d in Decision.objects.all()}
    assert set(decisions) == {"12/QĐ-SKHĐT", "98/QĐ-UBND"} and all(d.external for d in decisions.values())
    assert decisions["12/QĐ-SKHĐT"].records.count() == 2
    collective = AwardRecord.objects.get(unit=world.unit_a)
    assert (
        collective.award_code == "tap_the_lao_dong_tien_tien"
        and collective.decision.signed_on == datetime.date(2025, 1, 8)
    )
    assert AuditEntry.objects.filter(action="awards_imported", object_id=str(world.unit_a.pk)).count() == 1
    # importing the same file again adds nobody and no award twice
    again = services.import_history(world.users["officer_a"], world.unit_a, workbook_bytes(valid_sheets()))
    assert (again.people_created, again.people_found, again.awards) == (0, 3, 0)
    assert AwardRecord.objects.count() == 3


def test_a_file_with_errors_is_written_nowhere_and_says_where(world):
    sheets = valid_sheets()
    sheets[PEOPLE].append(["Nam", "Khác", "31/02/1990", "không-phải-thư"])
    sheets[RATINGS].append(["Người Không Có", None, 2024, "HTTNV", 12, None, None, None, None, None])
    sheets[RATINGS].append(["Hoàng Văn Quân", "14/02/1979", 2031, "GIOI", 10, 6, None, None, None, None])
    sheets[AWARDS].append(
        [
            "Cá nhân",
            "Hoàng Văn Quân",
            "14/02/1979",
            2024,
            "Huy chương vàng",
            "mười hai",
            "ngày mai",
            "Sở",
            None,
        ]
    )
    people_before, audit_before = Person.objects.count(), AuditEntry.objects.count()
    with pytest.raises(services.ImportRejected) as rejected:
        services.import_history(world.users["officer_a"], world.unit_a, workbook_bytes(sheets))
    problems = rejected.value.problems
    text = "\n".join(problems)
    assert "Trang “Cán bộ”, dòng 5: họ và tên “Nam” cần có ít nhất họ và tên." in text
    assert "Trang “Cán bộ”, dòng 5: ngày sinh “31/02/1990” không đúng dạng dd/mm/yyyy." in text
    assert "Trang “Cán bộ”, dòng 5: giới tính “Khác” không hợp lệ: ghi Nam hoặc Nữ." in text
    assert "Trang “Cán bộ”, dòng 5: thư điện tử “không-phải-thư” không hợp lệ." in text
    assert "Trang “Xếp loại”, dòng 5: không có Người Không Có trong đơn vị hay trang “Cán bộ”." in text
    assert any(p.startswith("Trang “Xếp loại”, dòng 6: năm “2031” không hợp lệ") for p in problems)
    assert "Trang “Khen thưởng”, dòng 5: Không có danh hiệu, hình thức “Huy chương vàng”." in text
    assert any(
        p.startswith("Trang “Khen thưởng”, dòng 5: số, ký hiệu quyết định “mười hai”") for p in problems
    )
    assert "Trang “Khen thưởng”, dòng 5: ngày ký “ngày mai” không đúng dạng dd/mm/yyyy." in text
    # nothing written: not even the valid rows
    assert Person.objects.count() == people_before
    assert (
        not PersonYear.objects.exists() and not AwardRecord.objects.exists() and not Decision.objects.exists()
    )
    assert AuditEntry.objects.count() == audit_before


def test_a_rating_with_too_much_leave_and_a_missing_column(world):
    sheets = {
        RATINGS: [
            headers(RATINGS),
            ["Đặng Thị Ánh Tuyết", None, 2024, "HTTNV", 10, 6, None, None, None, None],
        ]
    }
    with pytest.raises(services.ImportRejected) as rejected:
        services.import_history(world.users["officer_a"], world.unit_a, workbook_bytes(sheets))
    assert rejected.value.problems == [
        "Trang “Xếp loại”, dòng 2: số tháng công tác cộng số tháng nghỉ vượt quá 12 tháng."
    ]
    with pytest.raises(services.ImportRejected) as rejected:
        services.import_history(
            world.users["officer_a"], world.unit_a, workbook_bytes({RATINGS: [["Họ và tên", "Năm"]]})
        )
    assert rejected.value.problems == ["Trang “Xếp loại” thiếu cột: Xếp loại."]
    with pytest.raises(services.ImportRejected) as rejected:
        services.import_history(world.users["officer_a"], world.unit_a, b"not a workbook")
    assert rejected.value.problems == ["Tệp không phải sổ tính Excel (.xlsx) đọc được."]


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_text_is_converted(world, encoding):
    """A sheet typed in TCVN3 (.VnTime) or VNI: the text is detected over the sheet and converted to Unicode;
    the headers (typed afresh in Unicode) are left as they are."""
    rows = [
        ("Nguyễn Thị Thu Hương", "Nữ"),
        ("Phạm Quốc Việt", "Nam"),
        ("Lê Thị Phương Thảo", "Nữ"),
    ]
    sheets = {
        PEOPLE: [
            headers(PEOPLE),
            *[
                [vn.to_legacy(name, encoding), vn.to_legacy(gender, encoding), None, None]
                for name, gender in rows
            ],
        ],
        AWARDS: [
            headers(AWARDS),
            [
                vn.to_legacy("Cá nhân", encoding),
                vn.to_legacy("Phạm Quốc Việt", encoding),
                None,
                2023,
                vn.to_legacy("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", encoding),
                "45/QĐ-SNV",
                "15/01/2024",
                vn.to_legacy("Sở Nội vụ", encoding),
                vn.to_legacy("Trần Văn Tỉnh", encoding),
            ],
        ],
    }
    assert catalogue.code_for("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh") == "bang_khen_tinh"
    report = services.import_history(world.users["officer_a"], world.unit_a, workbook_bytes(sheets))
    assert report.converted == {PEOPLE: encoding, AWARDS: encoding}
    assert set(Person.objects.filter(unit=world.unit_a).values_list("full_name", flat=True)) >= {
        name for name, _ in rows
    }
    record = AwardRecord.objects.get()
    assert (record.subject_name, record.award_code) == ("Phạm Quốc Việt", "bang_khen_tinh")
    assert (record.decision.issuer_name, record.decision.signer_name) == ("Sở Nội vụ", "Trần Văn Tỉnh")


def test_a_capitals_font_names_its_encoding(world):
    """Cells in .VnTimeH (TCVN3 capitals) are converted in upper case even when the sheet's text alone would not
    say which encoding it is."""
    sheets = {PEOPLE: [headers(PEOPLE), [vn.to_legacy("đoàn thị hà", "tcvn3"), "Nữ", None, None]]}
    services.import_history(
        world.users["officer_a"], world.unit_a, workbook_bytes(sheets, fonts={PEOPLE: ".VnTimeH"})
    )
    assert Person.objects.filter(full_name="ĐOÀN THỊ HÀ").exists()


def test_only_the_units_officer_or_phong_tdkt_imports(world):
    data = workbook_bytes(valid_sheets())
    for persona in ("officer_b", "leader_a", "viewer_a", "council"):
        with pytest.raises(PermissionDenied):
            services.import_history(world.users[persona], world.unit_a, data)
    assert services.import_history(world.users["admin"], world.unit_a, data).people_created == 2


def test_the_template_downloads_and_imports_as_it_is(world):
    client = world.client("officer_a")
    response = client.get(reverse("awards:import_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Hướng dẫn", "Cán bộ", "Xếp loại", "Khen thưởng"]
    assert [c.value for c in book["Xếp loại"][1]] == headers(RATINGS)
    report = services.import_history(world.users["officer_a"], world.unit_a, response.content)
    assert (report.people_created, report.ratings, report.awards) == (1, 1, 1)
    assert template_workbook([]) != b""


def test_the_import_page_shows_the_problems_and_the_report(world):
    client = world.client("officer_a")
    assert client.get(reverse("awards:import")).status_code == 200
    bad = valid_sheets()
    bad[RATINGS][1][3] = "GIOI"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("lich-su.xlsx", workbook_bytes(bad))
    page = client.post(reverse("awards:import"), {"unit": world.unit_a.pk, "file": upload}).content.decode()
    assert "Tệp có 1 lỗi, chưa ghi gì" in page and "Trang “Xếp loại”, dòng 2" in page
    upload = SimpleUploadedFile("lich-su.xlsx", workbook_bytes(valid_sheets()))
    response = client.post(reverse("awards:import"), {"unit": world.unit_a.pk, "file": upload})
    assert response.status_code == 302 and response["Location"] == reverse(
        "awards:unit_record", args=[world.unit_a.pk]
    )
    assert world.client("viewer_a").get(reverse("awards:import")).status_code == 403
    # an officer cannot pick another unit
    upload = SimpleUploadedFile("lich-su.xlsx", workbook_bytes(valid_sheets()))
    page = world.client("officer_b").post(reverse("awards:import"), {"unit": world.unit_a.pk, "file": upload})
    assert (
        page.status_code == 200
        and Person.objects.filter(unit=world.unit_b, full_name__startswith="Trương").count() == 0
    )


def test_the_import_endpoint_lists_the_problems(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = valid_sheets()
    bad[PEOPLE][1][1] = "Khác"
    url = f"/api/v1/awards/units/{world.unit_a.pk}/import"
    client = world.client("officer_a")
    response = client.post(url, {"file": SimpleUploadedFile("a.xlsx", workbook_bytes(bad))})
    assert response.status_code == 422
    problems = response.json()["errors"]["__all__"]
    assert problems[0] == "Trang “Cán bộ”, dòng 2: giới tính “Khác” không hợp lệ: ghi Nam hoặc Nữ."
    assert not Person.objects.filter(full_name="Hoàng Văn Quân").exists()
    response = client.post(url, {"file": SimpleUploadedFile("a.xlsx", workbook_bytes(valid_sheets()))})
    assert response.status_code == 200 and response.json()["people_created"] == 2
    response = world.client("officer_b").post(
        url, {"file": SimpleUploadedFile("a.xlsx", workbook_bytes(valid_sheets()))}
    )
    assert response.status_code == 404  # unit A's history is not officer B's to see
