"""The one way pages save a form: validate, call the service, say so — or show
the form again with what was typed and why it was refused."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render


def saved_on_post(request, *forms, save: Callable[[], object], message: Callable[[object], str]):
    """On a POST whose forms are all valid, save through the service and tell the user.

    Returns what the service returned, or None when the page must be shown again: on a GET,
    when a form has errors, or when the service refused (its ValidationError goes into the
    first form, beside the fields it names)."""
    if request.method != "POST":
        return None
    # Every form is validated, not just up to the first invalid one, so all show their errors.
    valid = [form.is_valid() for form in forms]
    if not all(valid):
        return None
    try:
        result = save()
    except ValidationError as error:
        forms[0].add_error(None, error)
        return None
    messages.success(request, message(result))
    return result


def form_status(request) -> int:
    """400 when a posted form comes back with errors, 200 when it is first shown."""
    return 400 if request.method == "POST" else 200


def form_page(
    request, initiative, form, *, heading, back_url, back_label, intro="", formsets=()
) -> HttpResponse:
    """The generic page of one form (and its formsets: (title, help, formset)), shown first
    or again with its errors."""
    return render(
        request,
        "layouts/form_page.html",
        {
            "initiative": initiative,
            "form": form,
            "heading": heading,
            "back_url": back_url,
            "back_label": back_label,
            "intro": intro,
            "formsets": formsets,
        },
        status=form_status(request),
    )
