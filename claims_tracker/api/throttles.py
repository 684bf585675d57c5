"""Request budgets: one per user (hence per token), one per anonymous address.

The rate is read per request (not frozen at import as DRF's default does) so one setting,
API_THROTTLE_RATE, governs both buckets. Both count in the "shared" cache (settings.CACHES: a database
table, or Redis), so every web process draws on the same budget.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class PerUserThrottle(UserRateThrottle):
    scope = "user"
    cache = caches["shared"]

    def get_rate(self) -> str:
        return settings.API_THROTTLE_RATE


class AnonymousThrottle(AnonRateThrottle):
    scope = "anon"
    cache = caches["shared"]

    def get_rate(self) -> str:
        return settings.API_THROTTLE_RATE
