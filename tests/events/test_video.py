"""Video providers: Jitsi JWT links, BigBlueButton API URLs and checksums against a local fake server."""

import hashlib
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from investbridge.events.models import VideoProviderKind
from investbridge.events.video import (
    BigBlueButtonProvider,
    ExternalLinkProvider,
    JitsiProvider,
    Participant,
    VideoServiceError,
    jwt_hs256,
    jwt_hs256_decode,
    provider_for,
)
from tests.factories.events import VideoRoomFactory

pytestmark = pytest.mark.integration

SECRET = "bbb-shared-secret"


def test_jwt_hs256_matches_well_known_jwt_io_example():
    # The widely published HS256 example token: same header, claims and key give the same signature.
    token = jwt_hs256({"sub": "1234567890", "name": "John Doe", "iat": 1516239022}, "your-256-bit-secret")

    assert token == (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
        "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
        "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
    )


def test_jitsi_join_url_without_secret_is_plain_room(db):
    room = VideoRoomFactory(room_name="haikou-moscow")
    provider = JitsiProvider(domain="meet.example.org")

    assert provider.join_url(room, Participant(name="Анна")) == "https://meet.example.org/haikou-moscow"
    assert provider.personal_links is False


def test_jitsi_join_url_with_secret_carries_personal_token(db):
    room = VideoRoomFactory(room_name="haikou-moscow")
    provider = JitsiProvider(domain="meet.example.org", app_id="investbridge", app_secret="s3cret")

    url = provider.join_url(
        room, Participant(name="Анна Смирнова", email="anna@example.org", user_id="registration-7")
    )

    base, _sep, query = url.partition("?")
    token = urllib.parse.parse_qs(query)["jwt"][0]
    claims = jwt_hs256_decode(token, "s3cret")
    assert base == "https://meet.example.org/haikou-moscow"
    assert (claims["aud"], claims["iss"], claims["sub"], claims["room"]) == (
        "jitsi",
        "investbridge",
        "meet.example.org",
        "haikou-moscow",
    )
    assert claims["context"]["user"] == {
        "id": "registration-7",
        "name": "Анна Смирнова",
        "email": "anna@example.org",
        "moderator": False,
    }
    with pytest.raises(ValueError, match="bad signature"):
        jwt_hs256_decode(token, "other-secret")


def test_bbb_url_checksum_is_sha1_of_call_query_and_secret():
    provider = BigBlueButtonProvider(url="https://bbb.example.org/bigbluebutton/", secret=SECRET)

    url = provider.url("create", {"name": "Haikou – Moscow", "meetingID": "room-1"})

    query = "name=Haikou+%E2%80%93+Moscow&meetingID=room-1"
    expected = hashlib.sha1(f"create{query}{SECRET}".encode()).hexdigest()  # noqa: S324
    assert url == f"https://bbb.example.org/bigbluebutton/api/create?{query}&checksum={expected}"


def test_bbb_url_checksum_sha256_and_api_suffix_accepted():
    provider = BigBlueButtonProvider(
        url="https://bbb.example.org/bigbluebutton/api", secret=SECRET, algorithm="sha256"
    )

    url = provider.url("getMeetingInfo", {"meetingID": "room-1"})

    expected = hashlib.sha256(f"getMeetingInfomeetingID=room-1{SECRET}".encode()).hexdigest()
    assert (
        url
        == f"https://bbb.example.org/bigbluebutton/api/getMeetingInfo?meetingID=room-1&checksum={expected}"
    )


class FakeBigBlueButton(BaseHTTPRequestHandler):
    """Checks every call's checksum like a BBB server and answers with its documented XML."""

    meetings: dict[str, dict[str, str]] = {}
    calls: list[str] = []

    def log_message(self, format, *args):  # silence the test output
        return

    def _reply(self, body: str) -> None:
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path, _sep, query = self.path.partition("?")
        call = path.rsplit("/", 1)[1]
        bare, _sep, checksum = query.rpartition("&checksum=")
        self.calls.append(call)
        if hashlib.sha1(f"{call}{bare}{SECRET}".encode()).hexdigest() != checksum:  # noqa: S324
            self._reply(
                "<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey><message>Checksums do not match</message></response>"
            )
            return
        params = dict(urllib.parse.parse_qsl(bare))
        meeting_id = params.get("meetingID", "")
        if call == "create":
            self.meetings[meeting_id] = params
            self._reply(
                f"<response><returncode>SUCCESS</returncode><meetingID>{meeting_id}</meetingID><attendeePW>{params['attendeePW']}</attendeePW><moderatorPW>{params['moderatorPW']}</moderatorPW><messageKey></messageKey></response>"
            )
        elif call == "getMeetingInfo":
            if meeting_id not in self.meetings:
                self._reply(
                    "<response><returncode>FAILED</returncode><messageKey>notFound</messageKey><message>A meeting with that ID does not exist</message></response>"
                )
                return
            self._reply(
                f"<response><returncode>SUCCESS</returncode><meetingName>{self.meetings[meeting_id]['name']}</meetingName>"
                f"<meetingID>{meeting_id}</meetingID><running>true</running><participantCount>2</participantCount>"
                "<attendees><attendee><userID>u1</userID><fullName>Анна Смирнова</fullName><role>VIEWER</role></attendee>"
                "<attendee><userID>u2</userID><fullName>王芳</fullName><role>MODERATOR</role></attendee></attendees></response>"
            )
        elif call == "end":
            if self.meetings.get(meeting_id, {}).get("moderatorPW") != params.get("password"):
                self._reply(
                    "<response><returncode>FAILED</returncode><messageKey>invalidPassword</messageKey><message>wrong</message></response>"
                )
                return
            del self.meetings[meeting_id]
            self._reply(
                "<response><returncode>SUCCESS</returncode><messageKey>sentEndMeetingRequest</messageKey></response>"
            )
        else:
            self._reply(
                "<response><returncode>FAILED</returncode><messageKey>unsupportedRequest</messageKey></response>"
            )


@pytest.fixture
def fake_bbb():
    FakeBigBlueButton.meetings = {}
    FakeBigBlueButton.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeBigBlueButton)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/bigbluebutton/"
    server.shutdown()
    server.server_close()


def test_bbb_create_info_end_against_local_server(db, fake_bbb):
    room = VideoRoomFactory(
        provider=VideoProviderKind.BBB, room_name="haikou-moscow", event__title="Хайкоу – Москва"
    )
    provider = BigBlueButtonProvider(url=fake_bbb, secret=SECRET)

    assert provider.info(room).running is False
    provider.create(room)
    info = provider.info(room)
    provider.end(room)

    assert (info.running, info.participant_count, info.attendees) == (True, 2, ["Анна Смирнова", "王芳"])
    assert FakeBigBlueButton.calls == ["getMeetingInfo", "create", "getMeetingInfo", "end"]
    assert FakeBigBlueButton.meetings == {}


def test_bbb_wrong_secret_raises_service_error(db, fake_bbb):
    room = VideoRoomFactory(provider=VideoProviderKind.BBB)
    provider = BigBlueButtonProvider(url=fake_bbb, secret="wrong")

    with pytest.raises(VideoServiceError, match="checksumError"):
        provider.create(room)


def test_bbb_unreachable_server_raises_service_error(db):
    room = VideoRoomFactory(provider=VideoProviderKind.BBB)
    provider = BigBlueButtonProvider(url="http://127.0.0.1:9/bigbluebutton/", secret=SECRET, timeout=2)

    with pytest.raises(VideoServiceError):
        provider.create(room)


def test_bbb_join_url_attendee_and_moderator_passwords(db):
    room = VideoRoomFactory(
        provider=VideoProviderKind.BBB, room_name="r1", attendee_secret="ap", moderator_secret="mp"
    )
    provider = BigBlueButtonProvider(url="https://bbb.example.org/bigbluebutton/", secret=SECRET)

    attendee = provider.join_url(room, Participant(name="Анна"))
    moderator = provider.join_url(room, Participant(name="王芳", moderator=True))

    assert urllib.parse.parse_qs(attendee.partition("?")[2])["password"] == ["ap"]
    assert urllib.parse.parse_qs(moderator.partition("?")[2])["password"] == ["mp"]
    query = attendee.partition("?")[2].rpartition("&checksum=")[0]
    assert attendee.endswith(hashlib.sha1(f"join{query}{SECRET}".encode()).hexdigest())  # noqa: S324


def test_provider_for_external_link_returns_configured_url(db):
    room = VideoRoomFactory(
        provider=VideoProviderKind.EXTERNAL, external_url="https://telemost.yandex.ru/j/123"
    )

    provider = provider_for(room)

    assert isinstance(provider, ExternalLinkProvider)
    assert provider.join_url(room, Participant(name="x")) == "https://telemost.yandex.ru/j/123"


def test_provider_for_bbb_unconfigured_raises(db, settings):
    settings.BBB_URL = ""
    room = VideoRoomFactory(provider=VideoProviderKind.BBB)

    with pytest.raises(VideoServiceError):
        provider_for(room)


def test_manage_join_creates_bbb_meeting_and_redirects_confirmed_registrant(client, db, fake_bbb, settings):
    from tests.factories.events import RegistrationFactory

    settings.BBB_URL = fake_bbb
    settings.BBB_SECRET = SECRET
    room = VideoRoomFactory(provider=VideoProviderKind.BBB, room_name="hm-room", attendee_secret="ap")
    confirmed = RegistrationFactory(event=room.event, arrival=1, full_name="Анна")
    waiting = RegistrationFactory(event=room.event, arrival=2, status="waitlisted")

    response = client.get(f"/ru/events/manage/{confirmed.manage_token}/join/")

    assert response.status_code == 302
    assert response["Location"].startswith(
        f"{fake_bbb}api/join?fullName=%D0%90%D0%BD%D0%BD%D0%B0&meetingID=hm-room"
    )
    assert FakeBigBlueButton.calls == ["create"]
    assert client.get(f"/ru/events/manage/{waiting.manage_token}/join/").status_code == 404


def test_manage_join_bbb_down_returns_to_manage_page_with_message(client, db, settings):
    from tests.factories.events import RegistrationFactory

    settings.BBB_URL = "http://127.0.0.1:9/bigbluebutton/"
    settings.BBB_SECRET = SECRET
    room = VideoRoomFactory(provider=VideoProviderKind.BBB)
    confirmed = RegistrationFactory(event=room.event, arrival=1)

    response = client.get(f"/en/events/manage/{confirmed.manage_token}/join/")

    assert response.status_code == 302
    assert response["Location"] == f"/en/events/manage/{confirmed.manage_token}/"
