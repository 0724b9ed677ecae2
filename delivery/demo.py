"""Demo data of service delivery: groups with sessions and attendance (demo_groups), diary
entries and outcomes (demo_followup), and a compensation tariff (demo_impact)."""

from importlib import import_module

PARTS = ["delivery.demo_groups", "delivery.demo_followup", "delivery.demo_impact"]


def load() -> list[str]:
    lines: list[str] = []
    for name in PARTS:
        try:
            module = import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        lines.extend(module.load())
    return lines
