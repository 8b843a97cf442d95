"""The initiative as the API describes it carries its disclosure policy, read-only, beside the
older ``suppression_threshold`` (the policy's minimum group size)."""

from measurement import services
from measurement.disclosure import Policy, SmallCount


def test_the_initiative_carries_its_disclosure_policy(api, world, funder):
    services.disclosure_policy_set(
        initiative=world.initiative,
        by=None,
        policy=Policy(min_group_size=12, small_count=SmallCount.SUPPRESS, min_contributors=2),
        source="page",
    )
    answer = api(funder).get(f"/api/v1/initiatives/{world.initiative.slug}/").json()
    assert answer["suppression_threshold"] == 12
    assert answer["disclosure"] == {
        "min_group_size": 12,
        "min_count": 12,
        "small_count": "suppress",
        "min_contributors": 2,
        "protection_level": 0,
    }


def test_the_disclosure_policy_cannot_be_changed_through_the_api(api, world, backbone_admin):
    url = f"/api/v1/initiatives/{world.initiative.slug}/"
    response = api(backbone_admin).patch(url, {"disclosure": {"min_group_size": 2}}, format="json")
    assert response.status_code == 405
    world.initiative.refresh_from_db()
    assert world.initiative.suppression_threshold == 10


def test_the_schema_describes_the_disclosure_policy(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    initiative = schema["components"]["schemas"]["Initiative"]
    assert initiative["properties"]["disclosure"]["readOnly"] is True
    policy = schema["components"]["schemas"]["DisclosurePolicy"]
    assert set(policy["properties"]) == {
        "min_group_size",
        "min_count",
        "small_count",
        "min_contributors",
        "protection_level",
    }
    assert "disclosure" in initiative["required"]
