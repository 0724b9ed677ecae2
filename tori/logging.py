"""Logging filters (settings.LOGGING)."""

import logging


class ClientErrorWithoutTraceback(logging.Filter):
    """Django logs a 403 (PermissionDenied), 400 (SuspiciousOperation) or other client error
    of `django.request` with the exception's whole traceback. A refused request is an expected
    outcome, not a fault: keep the one-line warning and drop the traceback (5xx keep theirs)."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
