"""drf-spectacular post-processing of the /api/v1/ schema (SPECTACULAR_SETTINGS).

The views document their successful answers; the refusals every view can give are the same
everywhere and documented here once, with DRF's error body (`{"detail": "…"}` or
`{"field": ["…"]}`):

* 400 — a parameter or body field is not valid (also a body nested too deeply, or a control
  character in a text: tori.parsers);
* 401 — only where the partner token (`Authorization: Bearer …`) is the way in;
* 403 — not signed in, or not allowed;
* 404 — the object does not exist or is outside the viewer's scope, or a page past the end;
* 429 — too many requests (throttling)."""

ERROR_SCHEMA = {
    "type": "object",
    "description": 'DRF error: {"detail": "…"} or {"<field>": ["…"]} (translated messages).',
    "additionalProperties": True,
}
COMMON = {
    "400": "The request is not valid.",
    "403": "Not signed in, or not allowed.",
    "404": "Not found, or outside what you may see.",
    "429": "Too many requests.",
}


def _uses_partner_token(operation: dict) -> bool:
    return any("partnerToken" in requirement for requirement in operation.get("security", []))


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            errors = dict(COMMON)
            if _uses_partner_token(operation):
                errors["401"] = "The partner token is missing or not valid."
            for status, description in errors.items():
                responses.setdefault(status, {"description": description, "content": reference})
    return result
