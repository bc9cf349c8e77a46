"""Frequencies of Vietnamese family, middle and given names, for synthetic people.

Family-name shares are rounded from commonly cited national estimates (Nguyễn ≈ 38 %, Trần ≈ 11 %, Lê ≈ 9.5 %,
Phạm ≈ 7 % …); they only need to look realistic, the names are fictional combinations. Weights are relative.
"""

FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 30), ("Huỳnh", 21), ("Phan", 45),
    ("Vũ", 22), ("Võ", 17), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10),
    ("Lý", 5), ("Đinh", 6), ("Trịnh", 5), ("Đào", 5), ("Lương", 4), ("Mai", 4), ("Cao", 4), ("Tạ", 3),
    ("Hà", 4), ("Lưu", 3), ("Tô", 3), ("Chu", 2), ("Kiều", 2), ("Âu", 1), ("Lâm", 3), ("Quách", 2),
    ("Khổng", 1), ("Triệu", 2), ("Thái", 2), ("Văn", 1), ("Tôn Nữ", 1), ("Nông", 2), ("Lò", 1),
)

MIDDLE_NAMES = {
    "male": (
        ("Văn", 30), ("Hữu", 8), ("Đức", 10), ("Minh", 10), ("Quang", 8), ("Thành", 6), ("Công", 6),
        ("Ngọc", 4), ("Xuân", 4), ("Anh", 4), ("Trọng", 4), ("Tuấn", 3), ("Đình", 5), ("Tiến", 3), ("Hoàng", 3),
        ("Việt", 3), ("Thanh", 4), ("Mạnh", 2), ("Bá", 2), ("Duy", 3), ("Quốc", 4), ("Văn Minh", 1), ("Đức Anh", 1),
    ),
    "female": (
        ("Thị", 40), ("Ngọc", 8), ("Thu", 6), ("Thanh", 6), ("Minh", 4), ("Hồng", 4), ("Phương", 3),
        ("Thùy", 4), ("Kim", 4), ("Mai", 2), ("Bích", 3), ("Diệu", 2), ("Hải", 2), ("Khánh", 2), ("Lan", 1),
        ("Thị Ánh", 3), ("Thị Thu", 3), ("Thị Thanh", 3), ("Thị Kim", 2), ("Thị Ngọc", 2), ("Mỹ", 2), ("Quỳnh", 2),
    ),
}

GIVEN_NAMES = {
    "male": (
        ("Anh", 10), ("Hùng", 8), ("Dũng", 8), ("Tuấn", 8), ("Nam", 7), ("Hải", 7), ("Long", 6), ("Minh", 7),
        ("Thắng", 5), ("Sơn", 6), ("Cường", 5), ("Phong", 4), ("Quân", 5), ("Huy", 6), ("Đức", 5), ("Khoa", 4),
        ("Bình", 4), ("Trung", 5), ("Thành", 5), ("Việt", 4), ("Hiếu", 4), ("Tâm", 3), ("Lâm", 3), ("Phúc", 4),
        ("Lộc", 3), ("Tài", 3), ("Thịnh", 3), ("Vinh", 4), ("Toàn", 3), ("Khánh", 3), ("Đạt", 4), ("Kiên", 3),
        ("Hưng", 3), ("Quang", 3), ("Tùng", 3), ("Hoàng", 3), ("Bảo", 3), ("Thuận", 2), ("Ẩn", 1), ("Ất", 1),
    ),
    "female": (
        ("Linh", 8), ("Hương", 8), ("Lan", 7), ("Hà", 7), ("Trang", 8), ("Thảo", 7), ("Mai", 6), ("Hoa", 5),
        ("Ngọc", 5), ("Huyền", 6), ("Nga", 5), ("Hằng", 6), ("Phương", 6), ("Yến", 4), ("Loan", 3), ("Thủy", 5),
        ("Tuyết", 4), ("Dung", 4), ("Nhung", 4), ("Oanh", 3), ("Vân", 4), ("Hạnh", 4), ("Giang", 4), ("Ly", 3),
        ("Anh", 6), ("Chi", 3), ("Diệp", 2), ("Quyên", 3), ("Hiền", 4), ("Nhàn", 2), ("Ánh", 2), ("Uyên", 3),
        ("Xuân", 2), ("Ngân", 3), ("Thơ", 2), ("Ý", 1), ("Đào", 2), ("Ân", 1), ("Ơn", 1), ("Ưng", 1),
    ),
}

STAFF_TITLES = (
    ("Chuyên viên", 60), ("Chuyên viên chính", 20), ("Cán sự", 8), ("Nhân viên", 6), ("Kế toán viên", 3),
    ("Chuyên viên cao cấp", 2), ("Thanh tra viên", 1),
)
