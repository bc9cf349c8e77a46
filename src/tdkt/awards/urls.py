from django.urls import path

from tdkt.awards import views

app_name = "awards"
urlpatterns = [
    path("de-nghi/", views.proposal_list, name="proposal_list"),
    path("de-nghi/tao/", views.proposal_create, name="proposal_create"),
    path("de-nghi/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("de-nghi/<int:pk>/danh-sach/", views.proposal_candidates, name="proposal_candidates"),
    path("de-nghi/<int:pk>/ho-so/", views.proposal_file_add, name="proposal_file_add"),
    path("de-nghi/<int:pk>/gui/", views.proposal_submit, name="proposal_submit"),
    path(
        "de-nghi/<int:pk>/tham-dinh/<int:candidate_pk>/", views.candidate_appraise, name="candidate_appraise"
    ),
    path(
        "de-nghi/<int:pk>/thanh-tich/<int:candidate_pk>/",
        views.candidate_achievements,
        name="candidate_achievements",
    ),
    path("de-nghi/<int:pk>/tra-lai/", views.proposal_return, name="proposal_return"),
    path("de-nghi/<int:pk>/trinh-hoi-dong/", views.proposal_send, name="proposal_send"),
    path("de-nghi/<int:pk>/trinh-ky/", views.proposal_approve, name="proposal_approve"),
    path("de-nghi/<int:pk>/ket-qua-hoi-dong/", views.proposal_council_result, name="proposal_council_result"),
    path("de-nghi/<int:pk>/ban-hanh/", views.proposal_issue, name="proposal_issue"),
    path("ho-so/<int:pk>/", views.dossier_file, name="dossier_file"),
    path("ho-so/<int:pk>/go/", views.dossier_file_remove, name="dossier_file_remove"),
    path("quyet-dinh/", views.decision_list, name="decision_list"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/dinh-chinh/", views.decision_correct, name="decision_correct"),
    path("so-khen-thuong/", views.register, name="register"),
    path("so-khen-thuong/xuat-excel/", views.register_export, name="register_export"),
    path("ca-nhan/<int:pk>/", views.person_record, name="person_record"),
    path("ca-nhan/<int:pk>/xep-loai/", views.person_rating, name="person_rating"),
    path("ca-nhan/<int:pk>/sang-kien/", views.person_initiative, name="person_initiative"),
    path("ca-nhan/<int:pk>/ky-luat/", views.person_discipline, name="person_discipline"),
    path("ca-nhan/<int:pk>/chua-xet/", views.person_hold, name="person_hold"),
    path("ca-nhan/<int:pk>/khen-thuong/", views.person_past_award, name="person_past_award"),
    path("don-vi/<int:pk>/", views.unit_record, name="unit_record"),
    path("don-vi/<int:pk>/xep-loai/", views.unit_rating, name="unit_rating"),
    path("don-vi/<int:pk>/chua-xet/", views.unit_hold, name="unit_hold"),
    path("don-vi/<int:pk>/khen-thuong/", views.unit_past_award, name="unit_past_award"),
    path("chua-xet/<int:pk>/ket-thuc/", views.hold_lift, name="hold_lift"),
    path("ra-soat/", views.screening, name="screening"),
    path("bo-quy-tac/", views.ruleset_page, name="ruleset"),
    path("bo-quy-tac/luong-co-so/<int:pk>/rut/", views.base_salary_withdraw, name="base_salary_withdraw"),
    path("nhap-excel/", views.import_page, name="import"),
    path("nhap-excel/mau.xlsx", views.import_template, name="import_template"),
]
