from django import forms
from django.utils.translation import gettext_lazy as _

from situations.matcher import MAX_CHARS

# Longer texts are accepted and read up to MAX_CHARS; this only stops absurd posts.
MAX_INPUT_CHARS = 20_000


class SituationForm(forms.Form):
    text = forms.CharField(
        label=_("Describe your situation in your own words"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_INPUT_CHARS,
        strip=True,
        help_text=_(
            "For example: I lost my job, I moved to Finland, I want to change career. "
            "You can write in Finnish, Swedish or English. The text is not saved."
        ),
        error_messages={"required": _("Write a few words about your situation.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["maxlength"] = str(MAX_INPUT_CHARS)
        self.max_chars = MAX_CHARS
