from django.urls import path

from tdkt.emulation import views

app_name = "emulation"
urlpatterns = [
    path("phong-trao/", views.movement_index, name="movement_list"),
    path("phong-trao/moi/", views.movement_create, name="movement_create"),
    path("phong-trao/<int:pk>/", views.movement_detail, name="movement_detail"),
    path("phong-trao/<int:pk>/sua/", views.movement_edit, name="movement_edit"),
    path("phong-trao/<int:pk>/van-ban/", views.movement_document_add, name="movement_document_add"),
    path("van-ban/<int:pk>/", views.movement_document, name="movement_document"),
    path("van-ban/<int:pk>/go/", views.movement_document_remove, name="movement_document_remove"),
    path("giao-uoc/", views.pledge_index, name="pledge_list"),
    path("giao-uoc/moi/", views.pledge_create, name="pledge_create"),
    path("giao-uoc/<int:pk>/", views.pledge_detail, name="pledge_detail"),
    path("giao-uoc/<int:pk>/sua/", views.pledge_edit, name="pledge_edit"),
    path("giao-uoc/<int:pk>/bang-diem/", views.pledge_table_edit, name="pledge_table_edit"),
    path("giao-uoc/<int:pk>/phien-ban/", views.pledge_versions, name="pledge_versions"),
    path("giao-uoc/<int:pk>/so-sanh/", views.pledge_compare, name="pledge_compare"),
    path("giao-uoc/<int:pk>/mo-ky/", views.pledge_open, name="pledge_open"),
    path("giao-uoc/<int:pk>/tra-ve-du-thao/", views.pledge_reopen, name="pledge_reopen"),
    path("giao-uoc/<int:pk>/ky/", views.pledge_sign, name="pledge_sign"),
    path("giao-uoc/<int:pk>/khoa/", views.pledge_lock, name="pledge_lock"),
    path("dang-ky/", views.registration_mine, name="registration_mine"),
    path("dang-ky/cho-duyet/", views.registration_approvals, name="registration_approvals"),
    path("dang-ky/tong-hop/", views.registration_scope_view, name="registration_scope"),
    path("dang-ky/xuat-excel/", views.registration_export, name="registration_export"),
    path("dang-ky/<int:pk>/", views.registration_detail, name="registration_detail"),
    path("dang-ky/<int:pk>/sua/", views.registration_edit, name="registration_edit"),
    path("dang-ky/<int:pk>/trinh/", views.registration_submit, name="registration_submit"),
    path("dang-ky/<int:pk>/duyet/", views.registration_approve, name="registration_approve"),
    path("dang-ky/<int:pk>/tra-lai/", views.registration_return, name="registration_return"),
]
