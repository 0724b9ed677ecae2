from django import forms
from django.utils.translation import gettext_lazy as _

MAX_MESSAGE_LENGTH = 5000


class AccessibilityFeedbackForm(forms.Form):
    message = forms.CharField(
        label=_("Your feedback"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_MESSAGE_LENGTH,
        help_text=_("Tell us what was difficult to use and on which page."),
    )
    page_url = forms.CharField(label=_("Page concerned (optional)"), max_length=500, required=False)
    email = forms.EmailField(
        label=_("E-mail address for the reply (optional)"),
        required=False,
        help_text=_("We answer within 14 days if you give an address."),
    )
