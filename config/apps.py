from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """The Django admin with Yachad's admin site as ``admin.site``."""

    default_site = "config.admin.AdminSite"
