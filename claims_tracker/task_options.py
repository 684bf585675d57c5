"""The one retry policy of the tasks that write (extraction, cross-referencing, feed polls).

Each of them is idempotent, so a message whose worker died is delivered again (acked late,
rejected on worker loss) and a database hiccup (OperationalError) is retried with backoff.
"""

from typing import Any

from django.db import OperationalError

IDEMPOTENT_TASK: dict[str, Any] = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": 5,
}
