"""Plausible write bodies without a test per form: one "universal" body holding a valid-looking
value for every field name of every form and serializer in the project (first choice of a
choice field, a date next week, a number, a short text), so a write to any view carries what
that view's form asks for. New forms are picked up automatically."""

import datetime
import importlib
import pkgutil

from django import forms
from django.conf import settings
from django.utils import timezone

TEXT = "ATTACKER text"

# Values that make the dangerous answer the likely one where forms leave a choice.
PREFERRED = {
    "decision": "approved",
    "accept": "true",
    "answer": "accept",
    "action": "accept",
    "status": "accepted",
    "outcome": "open_market",
    "is_published": True,
    "post": None,  # never confirm an admin deletion page by accident of the generic body
}


def _project_modules():
    apps = [a.split(".")[0] for a in settings.INSTALLED_APPS]
    root = settings.BASE_DIR
    for app in sorted(set(apps)):
        if not (root / app).is_dir():
            continue
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, app + "."):
            if info.name.rsplit(".", 1)[-1] in ("forms", "api", "serializers") or any(
                part.startswith(("forms_", "api")) for part in info.name.split(".")[1:]
            ):
                yield importlib.import_module(info.name)


def _form_value(field):
    if isinstance(field, forms.BooleanField):
        return "on"
    if isinstance(field, forms.ModelChoiceField):  # querysets are often set per request
        first = field.queryset.first() if field.queryset is not None else None
        value = str(first.pk) if first is not None else ""
        return [value] if isinstance(field, forms.ModelMultipleChoiceField) else value
    if isinstance(field, forms.MultipleChoiceField):
        values = [c[0] for c in field.choices if c[0] not in ("", None)]
        return values[:1]
    if isinstance(field, forms.ChoiceField):
        values = [c[0] for c in field.choices if c[0] not in ("", None)]
        return values[0] if values else ""
    if isinstance(field, forms.DateTimeField):
        return timezone.now().isoformat()
    if isinstance(field, forms.DateField):
        return (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    if isinstance(field, forms.DecimalField | forms.IntegerField | forms.FloatField):
        return "1"
    if isinstance(field, forms.EmailField):
        return "attacker@example.fi"
    if isinstance(field, forms.URLField):
        return "https://attacker.example/"
    if isinstance(field, forms.FileField):
        return None
    return TEXT


def _serializer_value(field):
    from rest_framework import serializers as s

    if isinstance(field, s.BooleanField):
        return True
    if isinstance(field, s.MultipleChoiceField):
        return list(field.choices)[:1]
    if isinstance(field, s.ChoiceField):
        values = [c for c in field.choices if c not in ("", None)]
        return values[0] if values else ""
    if isinstance(field, s.DateTimeField):
        return timezone.now().isoformat()
    if isinstance(field, s.DateField):
        return (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    if isinstance(field, s.DecimalField | s.IntegerField | s.FloatField):
        return 1
    if isinstance(field, s.EmailField):
        return "attacker@example.fi"
    if isinstance(field, s.ListField | s.ListSerializer | s.ManyRelatedField):
        return []
    if isinstance(field, s.DictField | s.JSONField):
        return {}
    if isinstance(field, s.FileField):
        return None
    return TEXT


def universal_bodies() -> tuple[dict, dict]:
    """(form-encoded body, JSON body)."""
    from rest_framework import serializers as s

    form_body, json_body = {}, {}
    for module in _project_modules():
        for obj in sorted(vars(module).values(), key=lambda o: getattr(o, "__name__", "")):
            if not isinstance(obj, type) or obj.__module__ != module.__name__:
                continue
            if issubclass(obj, forms.BaseForm):
                for name, field in getattr(obj, "base_fields", {}).items():
                    if name not in form_body:
                        value = _form_value(field)
                        if value is not None:
                            form_body[name] = value
            elif issubclass(obj, s.Serializer):
                try:
                    fields = obj().get_fields()
                except Exception:  # noqa: BLE001 - serializers needing context
                    fields = getattr(obj, "_declared_fields", {})
                for name, field in fields.items():
                    if name not in json_body and not field.read_only:
                        value = _serializer_value(field)
                        if value is not None:
                            json_body[name] = value
    for name, value in PREFERRED.items():
        for body in (form_body, json_body):
            if value is None:
                body.pop(name, None)
            elif name in body:
                body[name] = value
    return form_body, json_body
