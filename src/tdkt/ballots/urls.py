from django.urls import path

from tdkt.ballots import views

app_name = "ballots"
urlpatterns = [
    path("", views.session_list, name="list"),
    path("tao/", views.session_create, name="create"),
    path("<int:pk>/", views.session_detail, name="detail"),
    path("<int:pk>/sua/", views.session_edit, name="edit"),
    path("<int:pk>/mo/", views.session_open, name="open"),
    path("<int:pk>/bo-phieu/", views.vote, name="vote"),
    path("<int:pk>/ket-thuc/", views.session_close, name="close"),
    path("<int:pk>/kiem-phieu/", views.session_count, name="count"),
    path("<int:pk>/phieu-giay/", views.paper_counts, name="paper"),
    path("<int:pk>/ket-qua/", views.results, name="results"),
]
