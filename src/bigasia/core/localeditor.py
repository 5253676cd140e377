"""The editor account `make run` prints: created once per checkout, password kept under var/."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model

USERNAME = "editor"


def ensure_local_editor() -> tuple[str, str]:
    password_file = settings.DATA_DIR / "editor-password"
    if password_file.exists():
        password = password_file.read_text().strip()
    else:
        password = secrets.token_urlsafe(12)
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        password_file.write_text(password)
        password_file.chmod(0o600)
    user_model = get_user_model()
    user = user_model.objects.filter(username=USERNAME).first()
    if user is None:
        user_model.objects.create_superuser(USERNAME, "editor@localhost", password)
    elif not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    return USERNAME, password
