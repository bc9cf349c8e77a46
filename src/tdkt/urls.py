from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from tdkt.api.api import api
from tdkt.portal import views as portal_views
from tdkt.web import views as web_views

admin.site.site_header = _("TĐKT — Quản trị")
admin.site.site_title = _("TĐKT")
admin.site.index_title = _("Danh mục và cấu hình")

urlpatterns = [
    path("", web_views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tin-tuc/", include("tdkt.portal.urls")),
    path("xac-minh/<str:code>/", portal_views.verify, name="verify"),
    path("thi-dua/", include("tdkt.emulation.urls")),
    path("cham-diem/", include("tdkt.scoring.urls")),
    path("bao-cao/", include("tdkt.reports.urls")),
    path("hoi-nghi/", include("tdkt.meetings.urls")),
    path("bo-phieu/", include("tdkt.ballots.urls")),
    path("van-ban/", include("tdkt.documents.urls")),
    path("khen-thuong/", include("tdkt.awards.urls")),
    path("api/v1/", api.urls),
    path("quan-tri/", admin.site.urls),
    path("", include("tdkt.web.urls")),
]
