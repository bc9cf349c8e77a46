"""Settings for the test suite: production settings with test-only defaults (still overridable by TDKT_*)."""

import os

os.environ.setdefault("TDKT_SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("TDKT_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("TDKT_SECURE_COOKIES", "0")  # the browser tests talk plain HTTP to the live server
os.environ.setdefault("TDKT_FAST_PASSWORD_HASHER", "1")
os.environ.setdefault("TDKT_EMAIL_BACKEND", "memory")
os.environ.setdefault("TDKT_LOG_LEVEL", "WARNING")

from tdkt.settings import *  # noqa: F403

# Tests render pages without running collectstatic first: serve assets from the apps' folders.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
