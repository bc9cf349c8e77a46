from django.urls import path

from tdkt.scoring import views

app_name = "scoring"
urlpatterns = [
    path("", views.round_index, name="round_list"),
    path("moi/", views.round_create, name="round_create"),
    path("<int:pk>/", views.round_detail, name="round_detail"),
    path("<int:pk>/cau-hinh/", views.round_edit, name="round_edit"),
    path("<int:pk>/mo-tu-cham/", views.round_open_self, name="round_open_self"),
    path("<int:pk>/mo-cham-cheo/", views.round_open_cross, name="round_open_cross"),
    path("<int:pk>/ket-thuc/", views.round_close, name="round_close"),
    path("<int:pk>/chenh-lech/", views.flags, name="flags"),
    path("<int:pk>/xep-hang/", views.ranking, name="ranking"),
    path("<int:pk>/xep-hang/bo-phieu/", views.ballot_from_ranking, name="ballot_from_ranking"),
    path("<int:pk>/xep-hang.svg", views.ranking_chart, name="ranking_chart"),
    path("<int:pk>/ket-qua/<int:unit_id>/", views.breakdown_page, name="breakdown"),
    path("<int:pk>/ket-qua/<int:unit_id>/bieu-do.svg", views.breakdown_chart, name="breakdown_chart"),
    path("phieu/<int:pk>/", views.sheet_detail, name="sheet_detail"),
    path("phieu/<int:pk>/nop/", views.sheet_submit, name="sheet_submit"),
    path("phieu/<int:pk>/minh-chung/", views.evidence_add, name="evidence_add"),
    path("minh-chung/<int:pk>/", views.evidence_file, name="evidence"),
    path("minh-chung/<int:pk>/go/", views.evidence_remove, name="evidence_remove"),
]
