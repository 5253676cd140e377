"""The language of the person at the terminal, for the messages of operator commands."""

import os

from django.conf import settings


def terminal_language() -> str:
    """The site language the POSIX locale variables name (LANGUAGE, LC_ALL, LC_MESSAGES,
    LANG, in gettext's order of precedence), else LANGUAGE_CODE: `LANG=en_GB.UTF-8` gets
    English, `LANG=ru_RU.UTF-8` Russian, `C` or a language the site lacks the default."""
    known = {code for code, _name in settings.LANGUAGES}
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if not value:
            continue
        # LANGUAGE may list several (en_GB:ru); the others name one locale.
        for candidate in value.split(":"):
            code = candidate.split(".")[0].split("_")[0].lower()
            if code in known:
                return code
        if variable != "LANGUAGE":
            break  # the variable that is set decides, even when it names no site language
    return settings.LANGUAGE_CODE
