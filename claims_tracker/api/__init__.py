"""The REST API's shared policy, one module per concern: who may call it (permissions), how often
(throttles), how errors look (errors), what a body may be (parsers), how lists are paged
(pagination), the schema's shared text (schema). Settings name these classes; the apps' `apis.py`
import them. Nothing here imports an app: the URLs, which do, are claims_tracker.api_urls.

Nothing here may import rest_framework.views at module level: DRF imports these modules while
loading its own settings (DEFAULT_PERMISSION_CLASSES and friends), and that would be a cycle.
"""
