from django.conf import settings
from django.db import models


class IdempotentRequest(models.Model):
    """A write the API has carried out under a client's ``Idempotency-Key``: sending the same
    request again returns the same answer without writing twice; sending a different request
    with the same key is refused."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=200)
    request_digest = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "initiative", "key"], name="one_request_per_key"
            )
        ]

    def __str__(self) -> str:
        return self.key
