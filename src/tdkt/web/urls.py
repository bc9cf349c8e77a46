from django.urls import path

from tdkt.web import views

app_name = "web"
urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
    path("thong-bao/", views.notices, name="notices"),
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person_detail"),
    path("khoi/", views.block_list, name="block_list"),
    path("khoi/<int:pk>/", views.block_detail, name="block_detail"),
    path("hoi-dong/", views.council, name="council"),
]
