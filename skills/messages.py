"""User-facing, translated messages for every way input to the recommender can be refused."""

from django.utils.translation import gettext_lazy as _

from skills.extraction import MAX_TEXT_CHARS, MAX_UPLOAD_BYTES

ERRORS = {
    "empty_text": _("Write a few words about your work, studies or skills first."),
    "no_words": _(
        "We could not find any words in the text. Write about your work, studies or skills."
    ),
    "text_too_long": _(
        "The text is too long. Shorten it to %(limit)s characters or fewer, for example by "
        "pasting only your work experience."
    ),
    "too_large": _("The file is too large. The largest file you can upload is %(limit)s MB."),
    "empty_file": _("The file is empty."),
    "unsupported_type": _("Upload your CV as a PDF, Word (DOCX), OpenDocument (ODT) or text file."),
    "binary_file": _(
        "The file is not a readable document. Check that you chose the right file and that "
        "its name ends in the correct type."
    ),
    "type_mismatch": _(
        "The file's content does not match its name. Save it again as PDF, DOCX, ODT or TXT."
    ),
    "corrupt_file": _("The file is damaged and cannot be read. Save it again and retry."),
    "encrypted": _(
        "The PDF is password-protected. Save a copy without a password and upload that."
    ),
    "zip_bomb": _(
        "The document expands to an unusually large size and was refused for safety. Save it "
        "again as a normal document."
    ),
    "too_many_pages": _("The PDF has too many pages for a CV."),
    "no_text": _(
        "We could not find any text in the file. If it is a scanned image, copy the text into "
        "the text box instead."
    ),
    "unsupported_language": _("Choose Finnish, Swedish or English."),
    "not_allowed": _("Only jobseekers can add skills to a profile."),
    "unknown_suggestion": _("That suggestion is no longer available. Analyse your text again."),
    "failed": _("Analysing the file failed. Try again or paste the text instead."),
}


def error_message(code: str) -> str:
    message = ERRORS.get(code, ERRORS["failed"])
    if code == "text_too_long":
        return str(message) % {"limit": f"{MAX_TEXT_CHARS:,}".replace(",", "\u00a0")}
    if code == "too_large":
        return str(message) % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
    return str(message)
