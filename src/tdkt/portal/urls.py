"""Portal addresses under ``/tin-tuc/``. Fixed first segments (bai-viet, quan-ly, anh, atom) are reserved
(``models.RESERVED_SLUGS``), so the category pattern at the end can never shadow them."""

from django.urls import path

from tdkt.portal import views
from tdkt.portal.feeds import ArticlesFeed

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("atom/", ArticlesFeed(), name="feed"),
    path("bai-viet/<slug:slug>/", views.article, name="article"),
    path("anh/<int:pk>/", views.photo, name="photo"),
    path("anh/<int:pk>/thu-nho/", views.thumbnail, name="thumbnail"),
    path("quan-ly/", views.manage, name="manage"),
    path("quan-ly/viet-bai/", views.create, name="create"),
    path("quan-ly/tu-hoi-nghi/<int:meeting_pk>/", views.draft_from_meeting, name="draft_from_meeting"),
    path("quan-ly/<int:pk>/", views.edit, name="edit"),
    path("quan-ly/<int:pk>/anh/", views.upload_photos, name="upload_photos"),
    path("quan-ly/<int:pk>/anh/<int:photo_pk>/chu-thich/", views.caption, name="caption"),
    path("quan-ly/<int:pk>/anh/<int:photo_pk>/dai-dien/", views.cover, name="cover"),
    path("quan-ly/<int:pk>/anh/<int:photo_pk>/xoa/", views.remove_photo, name="remove_photo"),
    path("quan-ly/<int:pk>/dang/", views.publish, name="publish"),
    path("quan-ly/<int:pk>/go-bai/", views.unpublish, name="unpublish"),
    path("quan-ly/<int:pk>/xoa/", views.delete, name="delete"),
    path("<slug:slug>/", views.category, name="category"),
    path("<slug:slug>/atom/", ArticlesFeed(), name="category_feed"),
]
