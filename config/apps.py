from django.contrib.admin.apps import AdminConfig


class MotCuaAdminConfig(AdminConfig):
    """Django's admin with MotCua's site (the documented way to replace the default site)."""

    default_site = "motcua.core.admin_site.MotCuaAdminSite"
