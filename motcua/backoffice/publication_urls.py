"""Back-office routes of published information and the guides (included from backoffice/urls.py)."""

from django.urls import path

from motcua.backoffice import publication_views as views

urlpatterns = [
    path("cong-khai/", views.publication_list, name="publication_list"),
    path("cong-khai/moi/", views.publication_create, name="publication_create"),
    path("cong-khai/thong-ke/", views.publication_counts, name="publication_counts"),
    path("cong-khai/<int:publication_id>/", views.publication_edit, name="publication_edit"),
    path("cong-khai/<int:publication_id>/dang/", views.publication_publish, name="publication_publish"),
    path("cong-khai/<int:publication_id>/go/", views.publication_withdraw, name="publication_withdraw"),
    path("cong-khai/<int:publication_id>/tep/", views.publication_attach, name="publication_attach"),
    path(
        "cong-khai/<int:publication_id>/tep/<int:attachment_id>/",
        views.publication_attachment,
        name="publication_attachment",
    ),
    path(
        "cong-khai/<int:publication_id>/tep/<int:attachment_id>/xoa/",
        views.publication_detach,
        name="publication_detach",
    ),
    path("huong-dan/", views.guide_list, name="guide_list"),
    path("huong-dan/<slug:guide_slug>/", views.guide_edit, name="guide_edit"),
]
