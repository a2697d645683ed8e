from django.urls import path

from motcua.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("tai-khoan/xac-thuc-hai-buoc/", views.totp_setup, name="totp_setup"),
    path("tai-khoan/doi-mat-khau/", views.password_change, name="password_change"),
]
