"""Public routes of published information, the guides and sitemap.xml (included from portal/urls.py, in its namespace)."""

from django.urls import path

from motcua.portal import publication_feeds, publication_views

urlpatterns = [
    path("cong-khai/", publication_views.publication_list, name="publication_list"),
    path("cong-khai/atom.xml", publication_feeds.feed_all, name="publication_feed"),
    path(
        "cong-khai/chuyen-muc/<slug:category_code>/atom.xml",
        publication_feeds.feed_category,
        name="publication_category_feed",
    ),
    path("cong-khai/niem-yet/", publication_views.publication_board, name="publication_board"),
    path("cong-khai/<int:publication_id>/", publication_views.publication_detail, name="publication_detail"),
    path(
        "cong-khai/<int:publication_id>/tep/<int:attachment_id>/",
        publication_views.publication_attachment,
        name="publication_attachment",
    ),
    path("huong-dan/", publication_views.guide_index, name="guide_index"),
    path("huong-dan/<slug:guide_slug>/", publication_views.guide_detail, name="guide_detail"),
    path("huong-dan/<slug:guide_slug>/to-roi.pdf", publication_views.guide_leaflet, name="guide_leaflet"),
    path("sitemap.xml", publication_views.sitemap_xml, name="sitemap"),
]
