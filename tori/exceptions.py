class ApplicationError(Exception):
    """A domain rule was broken. Carries a translated, user-facing message.

    Services raise it; HTML views show the message and keep the user's input,
    the API answers 400 with it (see tori.api.exception_handler)."""

    def __init__(self, message, *, field=None, code="invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def add_to_form(self, form) -> None:
        """Show the message on the form: at its field when the form has that field, else
        as a form-wide error (the user's input stays in the form)."""
        form.add_error(self.field if self.field in form.fields else None, self.message)
