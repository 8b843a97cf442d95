"""Whether backbone staff may create share links is the backbone admin's choice, made on the
Members page (``Initiative.staff_may_share``)."""

from django.urls import reverse

from measurement.models import ShareLink


def _set(client, world, admin, on: bool):
    client.force_login(admin)
    response = client.post(
        reverse("initiatives:initiative-staff-sharing", args=[world.initiative.slug]),
        {"staff_may_share": "on"} if on else {},
    )
    assert response.status_code == 302
    world.initiative.refresh_from_db()


def _staff_asks_for_link(client, world, staff):
    client.force_login(staff)
    return client.post(
        reverse("measurement:share-link-list", args=[world.initiative.slug]),
        {"label": "Board", "days": "30"},
    )


def test_staff_are_refused_share_links_by_default(client, world, backbone_staff):
    assert _staff_asks_for_link(client, world, backbone_staff).status_code == 403
    assert not ShareLink.objects.exists()


def test_staff_share_once_the_admin_allows_and_not_after(
    client, world, backbone_admin, backbone_staff
):
    _set(client, world, backbone_admin, on=True)
    assert world.initiative.staff_may_share
    assert _staff_asks_for_link(client, world, backbone_staff).status_code == 302
    link = ShareLink.objects.get()
    revoke = reverse("measurement:share-link-revoke", args=[world.initiative.slug, link.pk])
    assert client.post(revoke).status_code == 302

    _set(client, world, backbone_admin, on=False)
    assert not world.initiative.staff_may_share
    assert _staff_asks_for_link(client, world, backbone_staff).status_code == 403
    assert (
        client.get(reverse("measurement:share-link-list", args=[world.initiative.slug])).status_code
        == 403
    )


def test_staff_cannot_change_the_setting(client, world, backbone_staff):
    client.force_login(backbone_staff)
    response = client.post(
        reverse("initiatives:initiative-staff-sharing", args=[world.initiative.slug]),
        {"staff_may_share": "on"},
    )
    assert response.status_code == 403
    world.initiative.refresh_from_db()
    assert not world.initiative.staff_may_share


def test_outsiders_find_nothing(client, world, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("initiatives:initiative-staff-sharing", args=[world.initiative.slug]),
        {"staff_may_share": "on"},
    )
    assert response.status_code == 404
