"""POST /api/v1/mail/inbound: a raw message signed with the shared secret is recorded; anything else is refused."""

import hashlib
import hmac
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from investbridge.core.models import InboundMail, InboundSource
from tests.conftest import ROLES

pytestmark = pytest.mark.integration

SECRET = "a-long-shared-secret-for-the-mail-server-0123456789"
RAW = (Path(__file__).parents[2] / "core" / "mail" / "html_only_koi8r.eml").read_bytes()
URL = "/api/v1/mail/inbound"


def _signature(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _post(client: APIClient, body: bytes, signature: str | None):
    headers = {"HTTP_X_INVESTBRIDGE_SIGNATURE": signature} if signature is not None else {}
    return client.generic("POST", URL, body, content_type="message/rfc822", **headers)


@pytest.fixture(autouse=True)
def _secret(settings, tmp_path):
    settings.INBOUND_WEBHOOK_SECRET = SECRET
    settings.MEDIA_ROOT = tmp_path


def test_signed_message_is_recorded_once(db):
    client = APIClient()

    first = _post(client, RAW, _signature(RAW))
    again = _post(client, RAW, _signature(RAW))

    mail = InboundMail.objects.get()
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == {"id": mail.pk, "created": True, "matched": False}
    assert again.json() == {"id": mail.pk, "created": False, "matched": False}
    assert (mail.source, mail.subject) == (InboundSource.WEBHOOK, "Вопрос о льготах")


@pytest.mark.parametrize("signature", [None, "", _signature(RAW, "another-secret"), _signature(RAW + b" ")])
def test_unsigned_or_wrongly_signed_message_is_refused(db, signature):
    response = _post(APIClient(), RAW, signature)

    assert response.status_code == 403
    assert not InboundMail.objects.exists()


def test_webhook_is_closed_while_no_secret_is_configured(db, settings):
    settings.INBOUND_WEBHOOK_SECRET = ""

    assert _post(APIClient(), RAW, _signature(RAW, "")).status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_no_role_may_post_without_the_signature(db, role, client_for):
    response = client_for(role).generic("POST", URL, RAW, content_type="message/rfc822")

    assert response.status_code == 403
    assert not InboundMail.objects.exists()


def test_message_over_the_limit_is_refused_with_413(db, settings):
    settings.INBOUND_MAIL_MAX_SIZE = 500

    response = _post(APIClient(), RAW, _signature(RAW))

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_signed_body_that_is_not_a_mail_is_400(db):
    body = b"just some bytes"

    response = _post(APIClient(), body, _signature(body))

    assert response.status_code == 400
    assert not InboundMail.objects.exists()


def test_posts_are_limited_per_address_even_unsigned(db, settings):
    settings.INBOUND_WEBHOOK_RATE = "2/minute"
    client = APIClient()

    statuses = [_post(client, RAW, "sha256=forged").status_code for _ in range(3)]

    assert statuses == [403, 403, 429]


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_other_methods_are_405_before_the_signature_is_asked(db, method):
    response = APIClient().generic(method, URL, RAW, content_type="message/rfc822")

    assert response.status_code == 405
