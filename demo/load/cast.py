"""Who does what in the demo. Every record is made through its app's services, which check
that whoever acts may do it and remember who did; the demo's story says who: the backbone
admin sets the initiative up, the backbone staff member records the meetings, reviews the data
and answers the feedback, the partner editor writes a note on her draft, the community member
gives her feedback.

Where DEBUG is off the demo makes no accounts (their password is published), and the backbone's
part is played by a stand-in: an installation superuser — who acts as a backbone admin of any
initiative (``roles.role_of``) — made inside the load's transaction and deleted before it
commits, so it is never an account anyone could sign in with. What it made keeps no author, as
records do whose author's account was deleted. What a named person does without an account of
their own is left out."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings

from accounts.choices import Role
from accounts.models import User
from demo.data.people import DEMO_ACCOUNTS
from initiatives.models import Initiative, Organization
from initiatives.services import membership_set

STAND_IN_EMAIL = "demo-loader@yachad.invalid"


@dataclass(frozen=True)
class DemoCast:
    accounts: dict[Role, User]
    stand_in: User | None

    def account(self, role: Role) -> User | None:
        """The demo account with this role, or None where accounts are not made."""
        return self.accounts.get(role)

    @property
    def admin(self) -> User | None:
        """Who acts as the backbone admin: sets the initiative up, owns its commitments."""
        return self.accounts.get(Role.BACKBONE_ADMIN) or self.stand_in

    @property
    def staff(self) -> User | None:
        """Who acts as the backbone staff member: records, reviews and answers."""
        return self.accounts.get(Role.BACKBONE_STAFF) or self.stand_in


@contextmanager
def demo_cast(*, initiative: Initiative, create_accounts: bool) -> Iterator[DemoCast]:
    """The cast for one load: the demo accounts, members of the initiative, or the stand-in,
    which leaves with the end of the ``with`` block."""
    if create_accounts:
        yield DemoCast(accounts=_accounts_make(initiative), stand_in=None)
        return
    stand_in = User(email=STAND_IN_EMAIL, is_superuser=True, is_active=False)
    stand_in.set_unusable_password()
    stand_in.save()
    yield DemoCast(accounts={}, stand_in=stand_in)
    stand_in.delete()


def _accounts_make(initiative: Initiative) -> dict[Role, User]:
    """The demo accounts with the published password, each a member of the initiative."""
    organizations = {
        organization.code: organization
        for organization in Organization.objects.filter(
            code__in=[account.organization for account in DEMO_ACCOUNTS if account.organization]
        )
    }
    accounts: dict[Role, User] = {}
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first() or User(email=account.email)
        user.full_name = account.full_name
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
        membership_set(
            initiative=initiative,
            user=user,
            role=account.role,
            organization=organizations.get(account.organization or ""),
        )
        accounts[account.role] = user
    return accounts
