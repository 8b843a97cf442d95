"""The one way a page takes a form: show it; on a POST validate it, save through the service
and go on with a message — or show it again with what was typed and why it was refused,
answering 400. ``form_flow`` is that flow for any page; ``form_page`` is the flow rendering
the generic page of one form (templates/layouts/form_page.html)."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm, BaseFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from core.translation import CONTENT_LANGUAGES

FORM_PAGE_TEMPLATE = "layouts/form_page.html"

# What a page's save returns when nothing was saved. A service may return None or 0 (nothing
# changed) and still have saved, so the outcome is never read from the result's truth.
_NOT_SAVED = object()

# Where a saved form goes: a URL, or one made from what the service returned.
SuccessUrl = str | Callable[[Any], str]


def _saved_on_post(
    request: HttpRequest,
    form: BaseForm,
    others: Sequence[BaseForm | BaseFormSet],
    save: Callable[[], Any],
) -> Any:
    """What ``save()`` returned, or _NOT_SAVED: on a GET, when a form has errors, or when the
    service refused (its ValidationError goes into ``form``, beside the fields it names)."""
    if request.method != "POST":
        return _NOT_SAVED
    # Every form is validated, not just up to the first invalid one, so all show their errors.
    valid = [each.is_valid() for each in (form, *others)]
    if not all(valid):
        return _NOT_SAVED
    try:
        return save()
    except ValidationError as error:
        refused(form, error)
        return _NOT_SAVED


def refused(form: BaseForm, error: ValidationError) -> None:
    """Put a service's refusal into ``form``: each message beside the field it names — a
    translated field's beside its first language on the form (``title`` → ``title_en``) —
    and what names no field of the form above the fields, never an error of its own."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        candidates = [name, *(f"{name}_{language}" for language in CONTENT_LANGUAGES)]
        field = next((c for c in candidates if c in form.fields), None)
        form.add_error(field, errors)


def form_flow(
    request: HttpRequest,
    form: BaseForm,
    *others: BaseForm | BaseFormSet,
    save: Callable[[], Any],
    message: Callable[[Any], str] | None,
    success_url: SuccessUrl,
    template: str,
    context: Callable[[], Mapping[str, Any]],
) -> HttpResponse:
    """Save on a valid POST of ``form`` and ``others`` (its formsets, say) and redirect to
    ``success_url`` (a URL, or one made from what the service returned) with
    ``message(saved)`` — none when ``message`` is None, for pages whose next page says what
    happened. Otherwise render ``template`` with ``form`` and ``context()``, built only then:
    200 when first shown, 400 after a POST."""
    saved = _saved_on_post(request, form, others, save)
    if saved is not _NOT_SAVED:
        if message is not None:
            messages.success(request, message(saved))
        return redirect(success_url(saved) if callable(success_url) else success_url)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, **context()}, status=status)


def form_page(
    request: HttpRequest,
    form: BaseForm,
    *others: BaseForm | BaseFormSet,
    save: Callable[[], Any],
    message: Callable[[Any], str] | None,
    initiative,
    heading: str,
    back_url: str,
    back_label: str,
    success_url: SuccessUrl | None = None,
    intro: str = "",
    formsets: Sequence[tuple[str, str, BaseFormSet]] = (),
    template: str = FORM_PAGE_TEMPLATE,
    context: Callable[[], Mapping[str, Any]] | None = None,
) -> HttpResponse:
    """The generic page of a form through ``form_flow``: ``form``, ``others`` and the
    ``formsets`` the page shows in sections of their own ((title, help, formset)) are
    validated together; once saved it goes back to ``back_url`` unless told otherwise.
    ``template`` is a page that extends the generic one to fill a block, with ``context()``
    for that block."""
    return form_flow(
        request,
        form,
        *others,
        *(formset for _title, _help, formset in formsets),
        save=save,
        message=message,
        success_url=success_url or back_url,
        template=template,
        context=lambda: {
            "initiative": initiative,
            "heading": heading,
            "back_url": back_url,
            "back_label": back_label,
            "intro": intro,
            "formsets": formsets,
            **(context() if context else {}),
        },
    )


def attempt(request: HttpRequest, action: Callable[[], Any], done: Callable[[], str]) -> bool:
    """Do ``action()`` for a page that then goes on: say ``done()`` as a success, or why the
    service refused (its ValidationError) as an error. Whether it was done."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, done())
    return True


# The message of a saved record, by the attribute that names it.
SAVED_AS: dict[str, Callable[[Any], str]] = {
    "title": lambda saved: _("Saved %(title)s.") % {"title": saved.title},
    "name": lambda saved: _("Saved %(name)s.") % {"name": saved.name},
    "code": lambda saved: _("Saved %(code)s.") % {"code": saved.code},
}


def formset_rows(formset: BaseFormSet) -> list[dict]:
    """What a formset's filled-in rows say (its empty extra rows left out)."""
    return [each.cleaned_data for each in formset.forms if each.cleaned_data]


class Section(NamedTuple):
    """One of a record's formsets, shown in a section of its own under the record's fields:
    the name its rows go by, its title and what it says of them."""

    rows: str
    title: str | Promise
    help: str | Promise


@dataclass(frozen=True)
class RecordForm:
    """The generic form page of one kind of record of an initiative, new or existing. Its
    service saves it as ``save(actor=, initiative=, <record>=, fields=)`` — the record None
    for a new one — with its formsets' rows beside. The page is headed by the record's
    ``named_by`` (or ``new_heading``), says it saved the record by that name and goes on to
    the record's ``detail`` page if it has one, else ``back``."""

    record: str
    new_heading: str | Promise
    # The initiative's page it goes back to: its URL name and what a link to it says.
    back: tuple[str, str | Promise]
    intro: str | Promise = ""
    named_by: str = "title"
    detail: str | None = None
    # What the page says once saved, when not "Saved <the name>.".
    message: Callable[[Any], str] | None = None
    sections: tuple[Section, ...] = ()

    def page(
        self,
        request: HttpRequest,
        initiative,
        form: BaseForm,
        record,
        save: Callable[..., Any],
        rows: Mapping[str, BaseFormSet] | None = None,
        **options: Any,
    ) -> HttpResponse:
        """The page of ``record`` (None for a new one) through ``form_page``; ``rows`` are its
        formsets by the name the service takes their rows by, validated with the form and
        shown in its ``sections`` (or by the template ``options`` name); ``options`` go
        to ``form_page`` as they are."""
        rows = rows or {}
        return form_page(
            request,
            form,
            *rows.values(),
            save=lambda: save(
                actor=request.user,
                initiative=initiative,
                fields=dict(form.cleaned_data),
                **{self.record: record},
                **{name: formset_rows(formset) for name, formset in rows.items()},
            ),
            message=self.message or SAVED_AS[self.named_by],
            initiative=initiative,
            heading=getattr(record, self.named_by) if record else str(self.new_heading),
            back_url=reverse(self.back[0], args=[initiative.slug]),
            back_label=str(self.back[1]),
            success_url=self._detail(initiative),
            intro=str(self.intro),
            formsets=[(str(each.title), str(each.help), rows[each.rows]) for each in self.sections],
            **options,
        )

    def _detail(self, initiative) -> Callable[[Any], str] | None:
        detail = self.detail
        if detail is None:
            return None
        return lambda saved: reverse(detail, args=[initiative.slug, saved.pk])
