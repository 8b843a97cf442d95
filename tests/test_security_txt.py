"""An installation tells researchers where to report a vulnerability (RFC 9116)."""

from django.test import override_settings


@override_settings(SECURITY_CONTACT="mailto:security@river-city.example.org")
def test_security_txt_names_the_contact(client, db):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Contact: mailto:security@river-city.example.org" in lines
    assert any(line.startswith("Expires: ") and line.endswith("Z") for line in lines)


def test_without_a_contact_there_is_no_security_txt(client, db):
    assert client.get("/.well-known/security.txt").status_code == 404
