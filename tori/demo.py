"""Demo data for `make run`: every app may ship a `demo.py` with `load() -> list[str]`
(returns lines to print, e.g. logins). Loaders are idempotent."""

from importlib import import_module

DEMO_APPS = [
    "profiles",
    "providers",
    "reference",
    "catalog",
    "matching",
    "skills",
    "jobs",
    "eservices",
    "expert",  # after the data its cases refer to (profiles, catalog, jobs, e-services)
    "situations",
    "delivery",  # groups of the demo services, with the demo jobseekers as participants
    "openstats",  # synthetic history in the latest published quarter (after all the above)
]
DEMO_PASSWORD = "Tori-demo-2026"  # noqa: S105 - published demo credential, dev data only


def load_all() -> list[str]:
    lines: list[str] = []
    for app in DEMO_APPS:
        try:
            module = import_module(f"{app}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.demo":
                raise
            continue
        lines.extend(module.load())
    return lines
