"""The demo's accounts: one person in each role, who sign in with the published password
(``settings.DEMO_PASSWORD``). They are made only where DEBUG is on."""

from dataclasses import dataclass

from accounts.choices import Role


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: Role
    organization: str | None = None  # the code of the organization a partner role speaks for


DEMO_ACCOUNTS = [
    DemoAccount("backbone@example.org", "Dana Levi", Role.BACKBONE_ADMIN),
    DemoAccount("staff@example.org", "Samir Haddad", Role.BACKBONE_STAFF),
    DemoAccount("partner@example.org", "Rana Khoury", Role.PARTNER_EDITOR, "al-nahda"),
    DemoAccount(
        "partner-viewer@example.org", "Yossi Mizrahi", Role.PARTNER_VIEWER, "givat-hanahar"
    ),
    DemoAccount("funder@example.org", "Miriam Cohen", Role.FUNDER),
    DemoAccount("community@example.org", "Amal Nasser", Role.COMMUNITY_MEMBER),
]
