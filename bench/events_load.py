"""Events under load: the public event page and registration POSTs, each against a trivial Django view.

One run: a fresh database (SQLite in a temporary directory, or INVESTBRIDGE_DATABASE_URL), the app served by
gunicorn on a loopback port with INVESTBRIDGE_BENCH=1 (which routes the trivial view /en/events/bench/trivial/),
then a bounded load from client threads, phase by phase:

  1. GET  the trivial view            (baseline for pages)
  2. GET  an empty page in the layout (for reference: base.html with nothing of the events domain)
  3. GET  the public event page       (target: >= 25 % of the baseline's throughput)
  4. POST the trivial view            (baseline for writes)
  5. POST /api/v1/events/<slug>/registrations with distinct e-mails (target: >= 10 %)

It prints throughput, p50 and p99 latency and the ratios, then checks the race-free counts: with capacity C and
N registrations, exactly min(C, N) confirmed (and the event's confirmed counter equal to them), the rest
waitlisted, in arrival order, no duplicate, no 5xx. Then (not timed) it registers some of the same e-mails
again and checks that every registration POST, new or known e-mail, got the same `202` and the same body
without any token, and that the known e-mails added no registration (the counts are read from the database).

    .venv/bin/python bench/events_load.py [--requests 300] [--concurrency 8] [--capacity 50] [--port 8104]
"""

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SLUG = "bench-haikou-moscow"


def _django_env(data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "INVESTBRIDGE_ENVIRONMENT": "test",
            "INVESTBRIDGE_SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "INVESTBRIDGE_DATA_DIR": data_dir,
            "INVESTBRIDGE_BENCH": "1",
            "INVESTBRIDGE_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "INVESTBRIDGE_LOG_LEVEL": "WARNING",
            # Persistent connections as in production (the test environment's default is 0).
            "INVESTBRIDGE_CONN_MAX_AGE": os.environ.get("INVESTBRIDGE_CONN_MAX_AGE", "60"),
            # The load comes from one address: raise the per-address limit so that every POST is served (still
            # counted in the limits cache, as in production).
            "INVESTBRIDGE_EVENTS_REGISTRATION_RATE": "1000000/hour",
            "DJANGO_SETTINGS_MODULE": "investbridge.config.settings",
        }
    )
    return env


# --- inside the app's environment (subprocess modes) -------------------------------------------------------


def _setup_django() -> None:
    import django

    django.setup()


def mode_prepare(capacity: int) -> None:
    """Create the benchmark's published event (with an agenda, so the page does real work)."""
    _setup_django()
    from datetime import UTC, datetime, timedelta

    from investbridge.events.models import Event, EventStatus, Session

    Event.objects.filter(slug=SLUG).delete()
    start = datetime.now(UTC).replace(microsecond=0, second=0, minute=0) + timedelta(days=10)
    event = Event.objects.create(
        slug=SLUG,
        title="海口—莫斯科",
        title_ru="Хайкоу – Москва",
        title_zh_hans="海口—莫斯科",
        title_en="Haikou – Moscow",
        summary_en="Investment opportunities in the Hainan Free Trade Port.",
        host_city="海口",
        host_city_ru="Хайкоу",
        host_city_en="Haikou",
        partner_city="莫斯科",
        partner_city_ru="Москва",
        partner_city_en="Moscow",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=capacity,
        status=EventStatus.PUBLISHED,
    )
    for index in range(4):
        Session.objects.create(
            event=event,
            title=f"Session {index + 1}",
            title_en=f"Session {index + 1}",
            starts_at=start + timedelta(minutes=30 * index),
            ends_at=start + timedelta(minutes=30 * index + 30),
            languages=["ru", "zh"],
            interpretation=["ru-zh"],
        )


def mode_verify(capacity: int, posted: int) -> None:
    """Print the race-free check as JSON: counts, arrival order, duplicates."""
    _setup_django()
    from investbridge.events import selectors
    from investbridge.events.models import Event

    event = Event.objects.get(slug=SLUG)
    registrations = list(selectors.event_registrations(event=event))
    confirmed = [r.arrival for r in registrations if r.status == "confirmed"]
    waitlisted = [r.arrival for r in registrations if r.status == "waitlisted"]
    emails = [r.email_normalized for r in registrations]
    result = {
        "counts": selectors.event_counts(event=event),
        "expected_confirmed": min(capacity, posted),
        "expected_waitlisted": max(0, posted - capacity),
        "registrations": len(registrations),
        "distinct_emails": len(set(emails)),
        "arrival_order_respected": not confirmed or not waitlisted or max(confirmed) < min(waitlisted),
        "arrivals_distinct": len({r.arrival for r in registrations}) == len(registrations),
        # The place counter the services keep on the event against the confirmed registrations counted.
        "confirmed_counter": event.confirmed_count,
    }
    print(json.dumps(result))


# --- the load generator -------------------------------------------------------------------------------------


def _free_port(preferred: int) -> int:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", preferred))
            return preferred
        except OSError:
            probe.bind(("127.0.0.1", 0))
            return int(probe.getsockname()[1])


def _wait_ready(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/en/events/bench/trivial/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


def run_phase(
    port: int,
    method: str,
    path: str,
    bodies: list[bytes | None],
    concurrency: int,
    answers: set[bytes] | None = None,
) -> tuple[float, list[float], dict[int, int]]:
    """Send every body (one request each) from `concurrency` keep-alive clients; (throughput, latencies, statuses).
    With `answers`, the distinct response bodies are added to it."""
    queue = list(enumerate(bodies))
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if not queue:
                    break
                _index, body = queue.pop(0)
            headers = {"Accept-Language": "en"}
            if body is not None:
                headers["Content-Type"] = "application/json"
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                answer = response.read()
                status = response.status
                if answers is not None:
                    with lock:
                        answers.add(answer)
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = 599
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = time.perf_counter() - began
    return len(bodies) / total, latencies, statuses


def _server_cpu_seconds(master_pid: int) -> float | None:
    """User + system CPU time of gunicorn's workers so far (Linux /proc; None elsewhere). Per request it shows the
    cost of a phase independently of how much of the machine other work leaves to the benchmark."""
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
        ticks = 0
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    except (OSError, ValueError, IndexError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=300, help="requests per phase (default 300)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (default 8)")
    parser.add_argument("--capacity", type=int, default=50, help="the event's capacity (default 50)")
    parser.add_argument("--port", type=int, default=8104, help="loopback port (a free one if taken)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument("--mode", choices=["run", "prepare", "verify"], default="run", help=argparse.SUPPRESS)
    parser.add_argument("--posted", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode == "prepare":
        mode_prepare(args.capacity)
        return 0
    if args.mode == "verify":
        mode_verify(args.capacity, args.posted)
        return 0

    with tempfile.TemporaryDirectory(prefix="ib-events-bench-") as data_dir:
        env = _django_env(data_dir)
        subprocess.run([str(BIN / "investbridge"), "migrate", "--noinput", "-v", "0"], env=env, check=True)
        me = [sys.executable, __file__, "--capacity", str(args.capacity)]
        subprocess.run([*me, "--mode", "prepare"], env=env, check=True)
        port = _free_port(args.port)
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "investbridge.config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--worker-class",
                "gthread",
                "--threads",
                str(args.threads),
                "--log-level",
                "warning",
            ],
            env=env,
        )
        try:
            _wait_ready(port)
            n, c = args.requests, args.concurrency
            registrations = [
                json.dumps(
                    {
                        "name": f"Участник {i}",
                        "email": f"bench{i}@example.org",
                        "organization": f"Компания {i % 40}",
                        "country": "RU",
                        "language": "ru",
                    }
                ).encode()
                for i in range(n)
            ]
            trivial = "/en/events/bench/trivial/"
            phases = [
                ("trivial GET", "GET", trivial, [None] * n),
                ("layout only", "GET", "/en/events/bench/layout/", [None] * n),
                ("event page", "GET", f"/en/events/{SLUG}/", [None] * n),
                ("trivial POST", "POST", trivial, [b"{}"] * n),
                ("registration POST", "POST", f"/api/v1/events/{SLUG}/registrations", registrations),
            ]
            # Warm up both workers (imports, template loading) so the first phase is not penalized.
            run_phase(port, "GET", f"/en/events/{SLUG}/", [None] * (4 * c), c)
            run_phase(port, "GET", trivial, [None] * (4 * c), c)
            results = {}
            answers: dict[str, set[bytes]] = {"registration POST": set()}
            print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            print(f"{'phase':<20}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'cpu ms':>10}  statuses")
            cpu_per_request: dict[str, float] = {}
            for name, method, path, bodies in phases:
                cpu_before = _server_cpu_seconds(server.pid)
                throughput, latencies, statuses = run_phase(port, method, path, bodies, c, answers.get(name))
                cpu_after = _server_cpu_seconds(server.pid)
                results[name] = (throughput, statuses)
                cpu = "-"
                if cpu_before is not None and cpu_after is not None:
                    cpu_per_request[name] = (cpu_after - cpu_before) / len(bodies)
                    cpu = f"{cpu_per_request[name] * 1000:.2f}"
                print(
                    f"{name:<20}{throughput:>10.1f}{_percentile(latencies, 0.5) * 1000:>10.1f}"
                    f"{_percentile(latencies, 0.99) * 1000:>10.1f}{cpu:>10}  {dict(sorted(statuses.items()))}"
                )
            # Not timed: some of the same e-mails again, which must get the very same answer and add nothing.
            again = registrations[: min(n, 4 * c)]
            answers["registered again"] = set()
            _throughput, _latencies, again_statuses = run_phase(
                port, "POST", f"/api/v1/events/{SLUG}/registrations", again, c, answers["registered again"]
            )
            print(f"registered again: {len(again)} POSTs, statuses {dict(sorted(again_statuses.items()))}")
        finally:
            server.terminate()
            server.wait(timeout=30)
        page_ratio = results["event page"][0] / results["trivial GET"][0]
        post_ratio = results["registration POST"][0] / results["trivial POST"][0]
        print(f"event page / trivial GET:         {page_ratio:.0%} (target >= 25%)")
        layout_ratio = results["event page"][0] / results["layout only"][0]
        print(f"event page / layout only:         {layout_ratio:.0%} (an empty page in the shared layout)")
        print(f"registration POST / trivial POST: {post_ratio:.0%} (target >= 10%)")
        if {"trivial POST", "registration POST"} <= cpu_per_request.keys():
            cpu_ratio = cpu_per_request["trivial POST"] / cpu_per_request["registration POST"]
            print(f"server CPU per trivial POST / per registration POST: {cpu_ratio:.0%} (for reference)")
        verify = subprocess.run(
            [*me, "--mode", "verify", "--posted", str(n)], env=env, check=True, capture_output=True, text=True
        )
        check = json.loads(verify.stdout.strip().splitlines()[-1])
        print(f"race-free check: {check}")
        errors = sum(
            count for result in results.values() for status, count in result[1].items() if status >= 500
        )
        distinct_answers = answers["registration POST"] | answers["registered again"]
        print(f"distinct registration answers: {sorted(distinct_answers)}")
        same_answer = (
            results["registration POST"][1] == {202: n}
            and again_statuses == {202: len(again)}
            and len(distinct_answers) == 1
            and b"token" not in next(iter(distinct_answers))
        )
        ok = (
            errors == 0
            and same_answer
            and check["counts"]["confirmed"] == check["expected_confirmed"] == check["confirmed_counter"]
            and check["counts"]["waitlisted"] == check["expected_waitlisted"]
            and check["registrations"] == check["distinct_emails"] == n
            and check["arrival_order_respected"]
            and check["arrivals_distinct"]
        )
        print("race-free counts hold" if ok else "RACE-FREE CHECK FAILED")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
