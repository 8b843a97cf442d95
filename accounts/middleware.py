"""The language of a signed-in person's pages: the one they chose (``User.language``), on
every device. Without a choice, Django's LocaleMiddleware decides as before (the language
switcher's cookie, then the browser's languages)."""

from django.utils import translation


class UserLanguageMiddleware:
    """After AuthenticationMiddleware (it needs the user) and LocaleMiddleware (it overrides
    its choice)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = getattr(getattr(request, "user", None), "language", "")
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
