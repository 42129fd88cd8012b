"""Check a running demo (`make run`), as CI does after starting it: the pages and the API answer, and an officer
gets an event report PDF with its font embedded and the statistics dashboard with its charts.

    python scripts/demo_smoke.py http://127.0.0.1:8000 [--timeout 180] [--pid PID]

Waits up to --timeout seconds for the first answers (and gives up early when the process --pid has ended), then
exits 0 when every check passes, 1 with the failures otherwise. Standard library only.
"""

import argparse
import http.cookiejar
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

#: Answered with 200 to anyone once the demo is served.
PUBLIC = ("/ru/", "/zh-hans/", "/api/v1/events")
OFFICER_EMAIL = "officer@investbridge.demo"
DEMO_PASSWORD = "investbridge-demo"  # noqa: S105 (the demo's published password, see README.md)


@dataclass(frozen=True)
class Download:
    path: str
    content_type: str
    contains: tuple[bytes, ...]


#: What a signed-in officer downloads: the 2020 videoconference's report in Chinese (a PDF whose TrueType font is
#: embedded) and the statistics dashboard in Chinese (its charts inline as PNG).
OFFICER_DOWNLOADS = (
    Download(
        "/zh-hans/events/office/haikou-moscow-2020/report.pdf?language=zh-hans",
        "application/pdf",
        (b"%PDF-", b"/FontFile2"),
    ),
    Download("/zh-hans/statistics/", "text/html; charset=utf-8", (b"data:image/png;base64,",)),
)


class Client:
    def __init__(self, base: str) -> None:
        if urllib.parse.urlsplit(base).scheme not in {"http", "https"}:
            raise SystemExit(f"Not an http(s) address: {base}")
        self.base = base.rstrip("/")
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path: str) -> tuple[int, str, bytes]:
        return self._open(urllib.request.Request(self.base + path))  # noqa: S310 (http(s), checked above)

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str, bytes]:
        body = urllib.parse.urlencode(data).encode()
        headers = {"Referer": self.base + path}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310 (http(s))
        return self._open(request)

    def cookie(self, name: str) -> str:
        return next((cookie.value or "" for cookie in self.cookies if cookie.name == name), "")

    def _open(self, request: urllib.request.Request) -> tuple[int, str, bytes]:
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type", ""), error.read()


def _alive(pid: int | None) -> bool:
    """False once the process has ended (a zombie that its parent has not reaped yet counts as ended)."""
    if pid is None:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def wait_for_public_pages(client: Client, timeout: float, pid: int | None) -> list[str]:
    """[] once every public page answers 200; the last answers when the time is up or the server has ended."""
    deadline = time.monotonic() + timeout
    last: dict[str, str] = {}
    while True:
        for path in PUBLIC:
            if last.get(path) == "200":
                continue
            try:
                status, _type, _body = client.get(path)
                last[path] = str(status)
            except OSError as error:  # not listening yet
                last[path] = str(error)
        if all(last.get(path) == "200" for path in PUBLIC):
            return []
        if time.monotonic() > deadline or not _alive(pid):
            reason = (
                "the server process has ended" if not _alive(pid) else f"no answer within {timeout:.0f} s"
            )
            return [f"{path}: {last.get(path)} ({reason})" for path in PUBLIC if last.get(path) != "200"]
        time.sleep(1)


def check_officer_downloads(client: Client) -> list[str]:
    client.get("/en/accounts/login/")
    status, _type, _body = client.post(
        "/en/accounts/login/",
        {
            "csrfmiddlewaretoken": client.cookie("csrftoken"),
            "username": OFFICER_EMAIL,
            "password": DEMO_PASSWORD,
        },
    )
    if not client.cookie("sessionid"):
        return [f"signing in as {OFFICER_EMAIL} failed (HTTP {status})"]
    failures = []
    for download in OFFICER_DOWNLOADS:
        status, content_type, body = client.get(download.path)
        missing = [part.decode() for part in download.contains if part not in body]
        if status != 200 or content_type != download.content_type or missing:
            failures.append(f"{download.path}: HTTP {status}, {content_type!r}, missing {missing}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="e.g. http://127.0.0.1:8000")
    parser.add_argument("--timeout", type=float, default=180, help="seconds to wait for the first answers")
    parser.add_argument("--pid", type=int, help="stop waiting when this process (the server) has ended")
    options = parser.parse_args()
    client = Client(options.base)
    started = time.monotonic()
    failures = wait_for_public_pages(client, options.timeout, options.pid)
    if not failures:
        print(f"{', '.join(PUBLIC)} answer 200 after {time.monotonic() - started:.0f} s")
        failures = check_officer_downloads(client)
    if failures:
        print("The demo is not served as it should be:", *failures, sep="\n  ", file=sys.stderr)
        return 1
    print("An officer gets the report PDF (font embedded) and the dashboard with its charts.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
