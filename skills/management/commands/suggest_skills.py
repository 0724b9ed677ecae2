import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from skills import selectors
from tori.exceptions import ApplicationError


class Command(BaseCommand):
    help = (
        "Suggest ESCO skills and occupations for text read from stdin; --json prints a list of "
        '{"uri", "kind", "label", "score", "evidence"}.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--lang", choices=["fi", "sv", "en"], help="language of the text")
        parser.add_argument(
            "--ui-lang",
            choices=["fi", "sv", "en"],
            default="fi",
            help="language of the labels printed (default fi)",
        )
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        stdin = getattr(self, "stdin", None) or sys.stdin
        text = stdin.read()
        with translation.override(options["ui_lang"]):
            try:
                result = selectors.skill_suggestions(
                    text=text,
                    language=options["lang"],
                    ui_language=options["ui_lang"],
                    limit=options["limit"],
                )
            except ApplicationError as error:
                raise CommandError(str(error.message)) from None
        items = [
            {k: s[k] for k in ("uri", "kind", "label", "score", "evidence", "implied_by")}
            for s in result["suggestions"]
        ]
        if options["json"]:
            self.stdout.write(json.dumps(items, ensure_ascii=False, indent=2))
            return
        for item in items:
            implied = " (implied)" if item["implied_by"] else ""
            self.stdout.write(
                f"{item['score']:.3f}  {item['kind']:<10}  {item['label']}{implied}\n"
                f"            ← {item['evidence']}"
            )
