"""What every page's header shows of the person signed in: how many notices they have not
read. Counted only if the page shows it."""

from django.utils.functional import SimpleLazyObject

from accounts import selectors


def notices(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notice_count": SimpleLazyObject(lambda: selectors.unread_notice_count(user=user))
    }
