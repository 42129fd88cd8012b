"""The ways inbound mail comes in: the .eml folder the worker reads, and an IMAP mailbox polled over a real IMAP
conversation with a small IMAP4rev1 server run by the test on a local socket (only the commands the poller uses:
CAPABILITY, LOGIN, SELECT, UID SEARCH/FETCH/STORE, CLOSE, LOGOUT)."""

import re
import shutil
import socketserver
import threading
from pathlib import Path

import pytest

from investbridge.core import inbound, schedule
from investbridge.core.models import InboundMail, InboundMatch, InboundSource
from investbridge.core.tasks import read_inbound_folder

pytestmark = pytest.mark.integration

SAMPLES = Path(__file__).parent / "mail"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REPLY_ADDRESS = "replies@mail.investbridge.example"


# --- the folder -------------------------------------------------------------------------------------------


def test_folder_records_eml_files_and_moves_them_to_processed_and_failed_with_reason(db, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLES / "html_only_koi8r.eml", inbox / "question.eml")
    shutil.copy(SAMPLES / "zh_reply_gb18030_base64.eml", inbox / "chinese.eml")
    (inbox / "broken.eml").write_bytes(b"")
    (inbox / "notes.txt").write_text("not a mail file", encoding="utf-8")

    result = inbound.inbound_folder_process(directory=inbox)

    assert (result.processed, result.failed) == (["chinese.eml", "question.eml"], ["broken.eml"])
    assert sorted(path.name for path in (inbox / "processed").iterdir()) == ["chinese.eml", "question.eml"]
    assert sorted(path.name for path in (inbox / "failed").iterdir()) == [
        "broken.eml",
        "broken.eml.reason.txt",
    ]
    reason = (inbox / "failed" / "broken.eml.reason.txt").read_text(encoding="utf-8")
    assert reason == "no headers: this is not an e-mail message\n"
    assert sorted(path.name for path in inbox.iterdir()) == ["failed", "notes.txt", "processed"]
    assert sorted(InboundMail.objects.values_list("subject", "source")) == [
        ("Вопрос о льготах", InboundSource.FOLDER),
        ("回复：关于合作咨询的答复", InboundSource.FOLDER),
    ]


def test_folder_file_dropped_again_is_moved_without_a_second_record(db, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLES / "html_only_koi8r.eml", inbox / "question.eml")
    inbound.inbound_folder_process(directory=inbox)
    shutil.copy(SAMPLES / "html_only_koi8r.eml", inbox / "question.eml")

    result = inbound.inbound_folder_process(directory=inbox)

    assert result.processed == ["question.eml"]
    assert sorted(path.name for path in (inbox / "processed").iterdir()) == ["question-1.eml", "question.eml"]
    assert InboundMail.objects.count() == 1


def test_worker_job_reads_the_configured_folder(db, settings, tmp_path):
    settings.INBOUND_MAIL_DIR = tmp_path / "inbox"
    settings.INBOUND_MAIL_DIR.mkdir()
    shutil.copy(SAMPLES / "html_only_koi8r.eml", settings.INBOUND_MAIL_DIR / "question.eml")

    result = read_inbound_folder.enqueue()

    assert result.return_value == 1
    assert "core.inbound_folder" in [job.name for job in schedule.jobs()]


def test_missing_folder_is_made_to_drop_files_into(db, tmp_path):
    result = inbound.inbound_folder_process(directory=tmp_path / "var" / "mail" / "inbox")

    assert (result.processed, result.failed) == ([], [])
    assert (tmp_path / "var" / "mail" / "inbox").is_dir()


# --- IMAP -------------------------------------------------------------------------------------------------


class Mailbox:
    def __init__(self, messages: list[bytes]) -> None:
        self.messages = dict(enumerate(messages, start=101))
        self.flags: dict[int, set[str]] = {uid: set() for uid in self.messages}
        self.commands: list[str] = []


class ImapHandler(socketserver.StreamRequestHandler):
    server: "ImapServer"

    def send(self, data: bytes | str) -> None:
        self.wfile.write(data.encode() if isinstance(data, str) else data)

    def handle(self) -> None:
        box = self.server.mailbox
        self.send("* OK IMAP4rev1 test server ready\r\n")
        while line := self.rfile.readline():
            tag, _space, rest = line.decode().rstrip("\r\n").partition(" ")
            command, _space, arguments = rest.partition(" ")
            command = command.upper()
            box.commands.append(command if command != "UID" else f"UID {arguments.split()[0].upper()}")
            if command == "CAPABILITY":
                self.send(f"* CAPABILITY IMAP4rev1\r\n{tag} OK CAPABILITY completed\r\n")
            elif command == "LOGIN":
                user, password = (part.strip('"') for part in arguments.split(" ", 1))
                ok = (user, password) == ("replies@mail.investbridge.example", "s3cret pass")
                self.send(
                    f"{tag} OK LOGIN completed\r\n" if ok else f"{tag} NO [AUTHENTICATIONFAILED] wrong\r\n"
                )
            elif command == "SELECT":
                self.send(
                    f"* {len(box.messages)} EXISTS\r\n* 0 RECENT\r\n{tag} OK [READ-WRITE] SELECT completed\r\n"
                )
            elif command == "UID":
                self.uid(tag, arguments, box)
            elif command in {"CLOSE", "NOOP"}:
                self.send(f"{tag} OK {command} completed\r\n")
            elif command == "LOGOUT":
                self.send(f"* BYE logging out\r\n{tag} OK LOGOUT completed\r\n")
                return
            else:
                self.send(f"{tag} BAD unknown command\r\n")

    def uid(self, tag: str, arguments: str, box: Mailbox) -> None:
        sub, _space, rest = arguments.partition(" ")
        sub = sub.upper()
        if sub == "SEARCH":
            unseen = [str(uid) for uid in box.messages if "\\Seen" not in box.flags[uid]]
            self.send(f"* SEARCH {' '.join(unseen)}\r\n{tag} OK SEARCH completed\r\n")
        elif sub == "FETCH":
            uid = int(rest.split()[0])
            raw = box.messages[uid]
            sequence = list(box.messages).index(uid) + 1
            self.send(f"* {sequence} FETCH (UID {uid} BODY[] {{{len(raw)}}}\r\n".encode() + raw + b")\r\n")
            self.send(f"{tag} OK FETCH completed\r\n")
        elif sub == "STORE":
            uid_text, _mode, flags = rest.split(" ", 2)
            box.flags[int(uid_text)] |= set(re.findall(r"\\\w+", flags))
            self.send(f"{tag} OK STORE completed\r\n")
        else:
            self.send(f"{tag} BAD unknown UID command\r\n")


class ImapServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mailbox: Mailbox) -> None:
        super().__init__(("127.0.0.1", 0), ImapHandler)
        self.mailbox = mailbox


@pytest.fixture
def imap(settings):
    def start(messages: list[bytes]) -> Mailbox:
        mailbox = Mailbox(messages)
        server = ImapServer(mailbox)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        settings.INBOUND_IMAP_HOST = "127.0.0.1"
        settings.INBOUND_IMAP_PORT = server.server_address[1]
        settings.INBOUND_IMAP_SSL = False
        settings.INBOUND_IMAP_USER = "replies@mail.investbridge.example"
        settings.INBOUND_IMAP_PASSWORD = "s3cret pass"
        settings.INBOUND_IMAP_FOLDER = "INBOX"
        return mailbox

    servers: list[tuple[ImapServer, threading.Thread]] = []
    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_imap_poll_records_unseen_messages_and_marks_them_seen(db, imap):
    mailbox = imap(
        [
            (SAMPLES / "zh_reply_gb18030_base64.eml").read_bytes(),
            (SAMPLES / "html_only_koi8r.eml").read_bytes(),
            b"not a mail at all",
        ]
    )

    result = inbound.imap_poll()
    again = inbound.imap_poll()

    assert (result.recorded, result.failed) == (2, 1)
    assert (again.recorded, again.failed) == (0, 0)
    assert mailbox.flags == {101: {"\\Seen"}, 102: {"\\Seen"}, 103: {"\\Seen", "\\Flagged"}}
    assert sorted(InboundMail.objects.values_list("subject", "source", "matched_by")) == [
        ("Вопрос о льготах", InboundSource.IMAP, InboundMatch.UNMATCHED),
        ("回复：关于合作咨询的答复", InboundSource.IMAP, InboundMatch.UNMATCHED),
    ]
    assert mailbox.commands[:3] == ["CAPABILITY", "LOGIN", "SELECT"]
    assert mailbox.commands[-2:] == ["CLOSE", "LOGOUT"]


def test_imap_poll_with_a_wrong_password_fails_loudly_and_records_nothing(db, imap, settings):
    imap([(SAMPLES / "html_only_koi8r.eml").read_bytes()])
    settings.INBOUND_IMAP_PASSWORD = "wrong"

    with pytest.raises(inbound.imaplib.IMAP4.error):
        inbound.imap_poll()

    assert not InboundMail.objects.exists()


def test_imap_poll_without_a_host_does_nothing(db, settings):
    settings.INBOUND_IMAP_HOST = ""

    assert inbound.imap_poll() == inbound.ImapResult(recorded=0, failed=0)
