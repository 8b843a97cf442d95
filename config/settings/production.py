"""Production: everything in base.py, plus HTTPS-only cookies and HSTS, and a refusal to start
with the public development key, with DEBUG on, or without the services production runs on."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str, same_redis_server
from config.settings.base import *  # noqa: F403
from config.settings.base import CACHE_URL, DEVELOPMENT_SECRET_KEY, SECRET_KEY

if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DJANGO_ENV=production needs its own SECRET_KEY of at least 50 random characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
if env_bool("DEBUG", False):
    raise ImproperlyConfigured("DJANGO_ENV=production refuses DEBUG=True.")
DEBUG = False

# Production has no defaults for where it runs and what it talks to.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not env_str("POSTGRES_HOST", ""):
    env_str("DATABASE_URL")
if not CACHE_URL:
    # Without a shared cache each web process keeps its own: a dashboard invalidated in one
    # stays stale in the others until they restart.
    raise ImproperlyConfigured(
        "The environment variable CACHE_URL must be set in production (redis://cache:6379/0): "
        "every web process must share one cache."
    )
if same_redis_server(CACHE_URL, env_str("CELERY_BROKER_URL")):
    # The cache is bounded and evicts under memory pressure; eviction is server-wide, so a
    # broker on the same server would lose queued computations (docs/security.md).
    raise ImproperlyConfigured(
        "CACHE_URL and CELERY_BROKER_URL must name different Redis servers: the cache's "
        "server evicts keys when it is full, and the broker's must never."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The app runs behind a TLS-terminating proxy that sets X-Forwarded-Proto (and appends the
# client's address to X-Forwarded-For: TRUSTED_PROXY_COUNT, 1 by default in production).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
