"""People: users and their authenticator apps."""

import factory
from django.conf import settings

from tests.factories import numbered

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = settings.AUTH_USER_MODEL

    email = numbered("person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator app. ``code_for(device)`` gives what the app shows."""

    class Meta:
        model = "otp_totp.TOTPDevice"

    user = factory.SubFactory(UserFactory)
    name = "Authenticator app"
    confirmed = True


def code_for(device, steps_ahead: int = 0) -> str:
    """The code the person's authenticator app shows now (or ``steps_ahead`` periods on: a
    code is accepted once, so a second sign-in within one period needs the next one)."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


class NoticeFactory(factory.django.DjangoModelFactory):
    """A message in someone's list of notices, unread."""

    class Meta:
        model = "accounts.Notice"

    recipient = factory.SubFactory(UserFactory)
    kind = "approved"
    subject = numbered("Notice {n}")
    body = "Something happened."
    url = "/"
