from django.urls import path

from tdkt.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("mau/tao/", views.template_create, name="template_create"),
    path("mau/<int:pk>/", views.template_detail, name="template_detail"),
    path("mau/<int:pk>/sua/", views.template_edit, name="template_edit"),
    path("mau/<int:pk>/don-vi/", views.unit_report, name="unit_report"),
    path("mau/<int:pk>/don-vi/nop/", views.unit_report_submit, name="unit_report_submit"),
    path("mau/<int:pk>/tinh-hinh/", views.status_board, name="status_board"),
    path("mau/<int:pk>/tong-hop/", views.compile_report, name="compile"),
    path("don-vi/<int:pk>/", views.unit_report_detail, name="unit_report_detail"),
    path("don-vi/<int:pk>/tra-lai/", views.unit_report_return, name="unit_report_return"),
    path("khoi/<int:pk>/", views.block_report, name="block_report"),
    path("khoi/<int:pk>/sua/", views.block_report_edit, name="block_report_edit"),
    path("khoi/<int:pk>/phien-ban/", views.versions, name="versions"),
    path("khoi/<int:pk>/so-sanh/", views.compare, name="compare"),
    path("khoi/<int:pk>/gop-y/", views.comment_add, name="comment_add"),
    path("khoi/<int:pk>/mo-vong-gop-y/", views.round_open, name="round_open"),
    path("khoi/<int:pk>/hoan-thanh/", views.finalise, name="finalise"),
    path("vong-gop-y/<int:pk>/dong/", views.round_close, name="round_close"),
    path("y-kien/<int:pk>/tra-loi/", views.comment_answer, name="comment_answer"),
]
