"""Validators shared by several apps."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_BUSINESS_ID = re.compile(r"^(\d{7})-(\d)$")
_BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_is_valid(value: str) -> bool:
    """Finnish business ID (Y-tunnus) 1234567-8 with its modulo-11 check digit."""
    match = _BUSINESS_ID.match((value or "").strip())
    if not match:
        return False
    digits, check = match.groups()
    remainder = sum(int(d) * w for d, w in zip(digits, _BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return False
    expected = 0 if remainder == 0 else 11 - remainder
    return expected == int(check)


def validate_business_id(value: str) -> None:
    if not business_id_is_valid(value):
        raise ValidationError(
            _("Enter a valid Finnish business ID (Y-tunnus) in the form 1234567-8."),
            code="invalid_business_id",
        )
