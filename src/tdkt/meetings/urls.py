from django.urls import path

from tdkt.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("tao/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/sua/", views.meeting_edit, name="edit"),
    path("<int:pk>/da-to-chuc/", views.meeting_hold, name="hold"),
    path("<int:pk>/danh-sach-moi/", views.invitations, name="invitations"),
    path("<int:pk>/danh-sach-moi/don-vi/", views.invited_units, name="invited_units"),
    path("<int:pk>/danh-sach-moi/them/", views.attendee_add, name="attendee_add"),
    path("<int:pk>/danh-sach-moi/<int:attendee_pk>/bo/", views.attendee_remove, name="attendee_remove"),
    path("<int:pk>/gui-giay-moi/", views.invitations_send, name="invitations_send"),
    path("<int:pk>/diem-danh/", views.attendance, name="attendance"),
    path("<int:pk>/chuong-trinh/", views.agenda, name="agenda"),
    path("<int:pk>/chuong-trinh/<int:item_pk>/sua/", views.agenda_item_edit, name="agenda_item_edit"),
    path("<int:pk>/chuong-trinh/<int:item_pk>/xoa/", views.agenda_item_remove, name="agenda_item_remove"),
    path("<int:pk>/chuong-trinh/<int:item_pk>/di-chuyen/", views.agenda_item_move, name="agenda_item_move"),
    path("<int:pk>/bien-ban/", views.minutes, name="minutes"),
    path("<int:pk>/bien-ban/thong-qua/", views.minutes_approve, name="minutes_approve"),
    path("<int:pk>/bien-ban/tra-ve/", views.minutes_reopen, name="minutes_reopen"),
    path("<int:pk>/bien-ban/khoa/", views.minutes_lock, name="minutes_lock"),
    path("<int:pk>/anh/", views.photos, name="photos"),
    path("anh/<int:photo_pk>/", views.photo_image, name="photo_image"),
    path("anh/<int:photo_pk>/thu-nho/", views.photo_thumbnail, name="photo_thumbnail"),
    path("anh/<int:photo_pk>/chu-thich/", views.photo_caption, name="photo_caption"),
    path("anh/<int:photo_pk>/di-chuyen/", views.photo_move, name="photo_move"),
    path("anh/<int:photo_pk>/xoa/", views.photo_remove, name="photo_remove"),
]
