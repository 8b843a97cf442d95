"""The Django admin's site: entered through Yachad's own sign-in page.

The admin's own password form would be a second door beside ``accounts:login``, without its
lockout (django-axes counts both, but one door is simpler to reason about) and without its
second step for people with two-factor authentication. So the admin's login page only sends
people on: to sign in, to confirm their session with a second factor where
``ADMIN_REQUIRE_2FA`` asks for one, or back into the admin once they may.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


class AdminSite(admin.AdminSite):
    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not settings.ADMIN_REQUIRE_2FA or request.user.is_verified()

    def login(self, request, extra_context=None):
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return redirect_to_login(next_url)
        if self.has_permission(request):
            return redirect(next_url)
        if request.user.is_active and request.user.is_staff:
            # Imported here: the admin site is built while the apps are still loading.
            from accounts.views import second_factor_url

            return redirect(second_factor_url(request.user, next_url))
        raise PermissionDenied
