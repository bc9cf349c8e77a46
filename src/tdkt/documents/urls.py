from django.urls import path

from tdkt.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("giao-uoc/<int:pk>.<str:fmt>", views.pledge, name="pledge"),
    path("giay-moi/<int:pk>.<str:fmt>", views.invitation, name="invitation"),
    path("bien-ban/<int:pk>.<str:fmt>", views.minutes, name="minutes"),
    path("bao-cao/<int:pk>.<str:fmt>", views.block_report, name="block_report"),
    path("dang-ky-thi-dua.xlsx", views.registrations, name="registrations"),
    path("quyet-dinh/<int:pk>.<str:fmt>", views.award_decision, name="award_decision"),
    path("quyet-dinh/<int:pk>/in-bang/", views.decision_certificates, name="decision_certificates"),
    path("to-trinh/<int:pk>.<str:fmt>", views.award_proposal, name="award_proposal"),
    path("kiem-phieu/<int:pk>.<str:fmt>", views.ballot_tally, name="ballot_tally"),
    path("van-ban-nam/", views.year_job, name="year_job"),
    path("viec/<int:pk>/", views.job, name="job"),
    path("viec/<int:pk>/tai-ve/", views.job_file, name="job_file"),
    path("bao-cao-thanh-tich/de-nghi/<int:pk>.<str:fmt>", views.candidate_report, name="candidate_report"),
    path("bao-cao-thanh-tich/ca-nhan/<int:pk>.<str:fmt>", views.person_report, name="person_report"),
    path("bao-cao-thanh-tich/tap-the/<int:pk>.<str:fmt>", views.unit_report, name="unit_report"),
    path("diem-thi-dua/<int:pk>.xlsx", views.round_scores, name="round_scores"),
    path("xep-hang/<int:pk>.xlsx", views.round_ranking, name="round_ranking"),
    path("danh-sach-khen-thuong/<int:pk>.xlsx", views.decision_list, name="decision_list"),
    path("so-khen-thuong.xlsx", views.register_export, name="register_export"),
    path("thong-ke/", views.statistics_page, name="statistics"),
    path("thong-ke.xlsx", views.statistics_export, name="statistics_export"),
]
