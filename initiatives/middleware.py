"""Sends people whom an initiative asks for a second factor to give one, then back."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.views import second_factor_url
from initiatives.roles import SecondFactorRequired


class SecondFactorMiddleware:
    """Turns ``roles.SecondFactorRequired``, which any page of such an initiative raises
    through ``roles.require``, into a visit to the code page (or to setting up an app) that
    returns to the page afterwards, or to the initiative's home after a form or an htmx
    request. The API handles the exception itself (403)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, SecondFactorRequired):
            return None
        htmx = request.headers.get("HX-Request") == "true"
        if request.method == "GET" and not htmx:
            next_url = request.get_full_path()
        else:
            next_url = reverse("initiatives:initiative-home", args=[exception.initiative.slug])
        url = second_factor_url(request.user, next_url)
        if htmx:
            response = HttpResponse()
            response["HX-Redirect"] = url
            return response
        return redirect(url)
