"""Video rooms: one provider interface, three real implementations.

- Jitsi Meet: the room lives at https://<JITSI_DOMAIN>/<room>; with JITSI_APP_ID and JITSI_APP_SECRET set, each
  participant's link carries a JWT (HS256) naming them, as Jitsi's token authentication (prosody) expects.
- BigBlueButton: its documented API (create, join, end, getMeetingInfo); every call carries
  checksum = SHA-1 (or SHA-256) of call name + query string + shared secret.
- External link: a fixed meeting URL of another service (Zoom, Tencent Meeting/VooV, Yandex Telemost, ...).

Join links are personal where the provider allows it and reach confirmed registrants only (see services).
"""

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings

from investbridge.events.models import VideoProviderKind, VideoRoom


class VideoServiceError(Exception):
    """The video service refused a call or could not be reached."""


@dataclass(frozen=True)
class Participant:
    name: str
    email: str = ""
    moderator: bool = False
    user_id: str = ""


@dataclass(frozen=True)
class MeetingInfo:
    running: bool
    participant_count: int = 0
    attendees: list[str] = field(default_factory=list)


class VideoProvider(Protocol):
    #: Whether join links name the participant (so they must never be shared).
    personal_links: bool

    def create(self, room: VideoRoom) -> None: ...

    def join_url(self, room: VideoRoom, participant: Participant) -> str: ...

    def end(self, room: VideoRoom) -> None: ...

    def info(self, room: VideoRoom) -> MeetingInfo: ...


# --- Jitsi Meet -------------------------------------------------------------------------------------------


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def jwt_hs256(claims: dict[str, object], secret: str) -> str:
    """A compact JWS (RFC 7515/7519) signed with HMAC-SHA256."""
    header = {"alg": "HS256", "typ": "JWT"}
    signing_input = (
        f"{_b64url(json.dumps(header, separators=(',', ':')).encode())}."
        f"{_b64url(json.dumps(claims, separators=(',', ':'), ensure_ascii=False).encode())}"
    )
    signature = hmac.new(secret.encode(), signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{_b64url(signature)}"


def jwt_hs256_decode(token: str, secret: str) -> dict[str, object]:
    """Verify and decode a token made by `jwt_hs256` (used by tests and by operators checking a link)."""
    signing_input, _dot, signature = token.rpartition(".")
    expected = _b64url(hmac.new(secret.encode(), signing_input.encode("ascii"), hashlib.sha256).digest())
    if not hmac.compare_digest(expected, signature):
        raise ValueError("bad signature")
    payload = signing_input.split(".")[1]
    result: dict[str, object] = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return result


class JitsiProvider:
    personal_links = False

    def __init__(self, *, domain: str, app_id: str = "", app_secret: str = "", token_lifetime: int = 86400):
        self.domain = domain.strip().strip("/")
        self.app_id = app_id
        self.app_secret = app_secret
        self.token_lifetime = token_lifetime
        self.personal_links = bool(app_id and app_secret)

    def room_url(self, room: VideoRoom) -> str:
        return f"https://{self.domain}/{urllib.parse.quote(room.room_name)}"

    def token(self, room: VideoRoom, participant: Participant, *, now: int | None = None) -> str:
        issued = int(time.time()) if now is None else now
        claims: dict[str, object] = {
            "aud": "jitsi",
            "iss": self.app_id,
            "sub": self.domain,
            "room": room.room_name,
            "iat": issued,
            "nbf": issued - 60,
            "exp": issued + self.token_lifetime,
            "context": {
                "user": {
                    "id": participant.user_id,
                    "name": participant.name,
                    "email": participant.email,
                    "moderator": participant.moderator,
                }
            },
            "moderator": participant.moderator,
        }
        return jwt_hs256(claims, self.app_secret)

    def create(self, room: VideoRoom) -> None:
        """Jitsi creates a room when its first participant joins: nothing to call."""

    def join_url(self, room: VideoRoom, participant: Participant) -> str:
        url = self.room_url(room)
        if self.personal_links:
            url += "?" + urllib.parse.urlencode({"jwt": self.token(room, participant)})
        return url

    def end(self, room: VideoRoom) -> None:
        """A Jitsi room ends when its last participant leaves."""

    def info(self, room: VideoRoom) -> MeetingInfo:
        # Jitsi Meet has no public meeting-information call; the room is available whenever someone joins.
        return MeetingInfo(running=False)


# --- BigBlueButton ----------------------------------------------------------------------------------------


class BigBlueButtonProvider:
    personal_links = True

    def __init__(self, *, url: str, secret: str, algorithm: str = "sha1", timeout: float = 10.0):
        base = url.strip().rstrip("/")
        if base.endswith("/api"):
            base = base[: -len("/api")]
        self.api_url = f"{base}/api/"
        self.secret = secret
        if algorithm not in {"sha1", "sha256"}:
            raise ValueError("algorithm must be sha1 or sha256")
        self.algorithm = algorithm
        self.timeout = timeout

    def checksum(self, call: str, query: str) -> str:
        return hashlib.new(self.algorithm, f"{call}{query}{self.secret}".encode()).hexdigest()

    def url(self, call: str, params: dict[str, str]) -> str:
        """The signed API URL: <base>/api/<call>?<query>&checksum=<hash(call + query + secret)>."""
        query = urllib.parse.urlencode(params)
        return f"{self.api_url}{call}?{query}&checksum={self.checksum(call, query)}"

    def _call(self, call: str, params: dict[str, str]) -> ET.Element:
        request = urllib.request.Request(self.url(call, params), headers={"Accept": "application/xml"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read()
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise VideoServiceError(f"BigBlueButton {call}: {error}") from error
        return self.parse(call, body)

    @staticmethod
    def parse(call: str, body: bytes) -> ET.Element:
        try:
            root = ET.fromstring(body)  # noqa: S314
        except ET.ParseError as error:
            raise VideoServiceError(f"BigBlueButton {call}: the answer is not XML") from error
        if root.findtext("returncode") != "SUCCESS":
            key = root.findtext("messageKey") or "error"
            message = root.findtext("message") or ""
            raise VideoServiceError(f"BigBlueButton {call}: {key}: {message}".strip())
        return root

    def meeting_id(self, room: VideoRoom) -> str:
        return room.room_name

    def create_params(self, room: VideoRoom) -> dict[str, str]:
        return {
            "name": str(room.event.title),
            "meetingID": self.meeting_id(room),
            "attendeePW": room.attendee_secret,
            "moderatorPW": room.moderator_secret,
            "record": "false",
        }

    def create(self, room: VideoRoom) -> None:
        self._call("create", self.create_params(room))

    def join_url(self, room: VideoRoom, participant: Participant) -> str:
        params = {
            "fullName": participant.name,
            "meetingID": self.meeting_id(room),
            "password": room.moderator_secret if participant.moderator else room.attendee_secret,
            "redirect": "true",
        }
        if participant.user_id:
            params["userID"] = participant.user_id
        return self.url("join", params)

    def end(self, room: VideoRoom) -> None:
        self._call("end", {"meetingID": self.meeting_id(room), "password": room.moderator_secret})

    def info(self, room: VideoRoom) -> MeetingInfo:
        try:
            root = self._call("getMeetingInfo", {"meetingID": self.meeting_id(room)})
        except VideoServiceError as error:
            if "notFound" in str(error):
                return MeetingInfo(running=False)
            raise
        attendees = [node.findtext("fullName") or "" for node in root.iter("attendee")]
        return MeetingInfo(
            running=root.findtext("running") == "true",
            participant_count=int(root.findtext("participantCount") or 0),
            attendees=attendees,
        )


# --- External link ----------------------------------------------------------------------------------------


class ExternalLinkProvider:
    personal_links = False

    def create(self, room: VideoRoom) -> None:
        """The meeting is created in the other service; the office pastes its link."""

    def join_url(self, room: VideoRoom, participant: Participant) -> str:
        return room.external_url

    def end(self, room: VideoRoom) -> None:
        """Ended in the other service."""

    def info(self, room: VideoRoom) -> MeetingInfo:
        return MeetingInfo(running=False)


def provider_for(room: VideoRoom) -> VideoProvider | None:
    """The configured provider of a room, or None when the event has no video room."""
    if room.provider == VideoProviderKind.JITSI:
        return JitsiProvider(
            domain=settings.JITSI_DOMAIN or "meet.jit.si",
            app_id=settings.JITSI_APP_ID or "",
            app_secret=settings.JITSI_APP_SECRET or "",
        )
    if room.provider == VideoProviderKind.BBB:
        if not settings.BBB_URL or not settings.BBB_SECRET:
            raise VideoServiceError(
                "BigBlueButton is not configured (INVESTBRIDGE_BBB_URL, INVESTBRIDGE_BBB_SECRET)."
            )
        return BigBlueButtonProvider(
            url=settings.BBB_URL, secret=settings.BBB_SECRET, algorithm=settings.BBB_CHECKSUM_ALGORITHM
        )
    if room.provider == VideoProviderKind.EXTERNAL:
        return ExternalLinkProvider()
    return None
