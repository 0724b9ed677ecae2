from django import forms
from django.utils.translation import gettext_lazy as _

from skills.extraction import MAX_TEXT_CHARS

LANGUAGE_CHOICES = [
    ("", _("Detect automatically")),
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]


class SuggestTextForm(forms.Form):
    text = forms.CharField(
        label=_("Tell about your work, studies and skills"),
        help_text=_("Write freely in Finnish, Swedish or English, or paste the text of your CV."),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        strip=False,
        # The length is checked by the recommender, which gives the translated message.
        max_length=MAX_TEXT_CHARS * 60,
    )
    language = forms.ChoiceField(
        label=_("Language of the text"), choices=LANGUAGE_CHOICES, required=False
    )


class CvUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CV file"),
        help_text=_("PDF, DOCX, ODT or TXT, at most 10 MB."),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt,.txt"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the CV"), choices=LANGUAGE_CHOICES, required=False
    )
