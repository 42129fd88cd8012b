"""A small, portable process supervisor: run a command and start it again whenever it exits, until stopped.

    python -m investbridge.core.supervisor [--delay 1] [--max-delay 30] -- investbridge worker

`make serve` runs the background worker under it; in production systemd does the same job (`Restart=always`,
see docs/architecture.md). The child runs in its own session, so Ctrl+C in a terminal reaches it once, through
the supervisor: SIGTERM or SIGINT to the supervisor is passed on to the child, the supervisor waits for it to
finish its task and exits with its status. A child that exits by itself (a crash, a kill) is restarted after a
delay that doubles while it keeps failing quickly (up to --max-delay) and starts over once it has run for a
minute. Standard library only: no Django, so it starts in milliseconds and survives anything Django does.
"""

import argparse
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from types import FrameType

#: A child that ran at least this long (seconds) was healthy: the next restart waits only the first delay.
HEALTHY_AFTER = 60.0


def _log(message: str) -> None:
    print(f"supervisor: {message}", file=sys.stderr, flush=True)


class Supervisor:
    def __init__(self, command: Sequence[str], *, delay: float = 1.0, max_delay: float = 30.0) -> None:
        self.command = list(command)
        self.delay = delay
        self.max_delay = max_delay
        self.stopping = threading.Event()
        self.child: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def stop(self, signum: int = signal.SIGTERM, frame: FrameType | None = None) -> None:
        """Stop supervising and pass the signal on to the child (it finishes its current task). Only the first
        signal is passed on: Ctrl+C in `make serve` reaches the supervisor twice (the terminal and the trap)."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        child = self.child
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    def run(self) -> int:
        wait = self.delay
        while True:
            started = time.monotonic()
            self.child = subprocess.Popen(self.command, start_new_session=True)  # noqa: S603 (our own command)
            self.starts += 1
            _log(f"started {' '.join(self.command)} (pid {self.child.pid})")
            if self.stopping.is_set():  # a stop that came while the child was starting
                self.child.send_signal(signal.SIGTERM)
            status = self.child.wait()
            if self.stopping.is_set():
                _log(f"stopped (pid {self.child.pid}, status {status})")
                return status if status >= 0 else 128 - status
            if time.monotonic() - started >= HEALTHY_AFTER:
                wait = self.delay
            _log(f"pid {self.child.pid} exited with status {status}; restarting in {wait:g} s")
            if self.stopping.wait(wait):
                return 0
            wait = min(wait * 2, self.max_delay)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m investbridge.core.supervisor", description="Run a command; restart it when it exits."
    )
    parser.add_argument("--delay", type=float, default=1.0, help="first wait before a restart (seconds)")
    parser.add_argument(
        "--max-delay", type=float, default=30.0, help="longest wait before a restart (seconds)"
    )
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    options = parser.parse_args(argv)
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("a command to supervise is required, e.g. -- investbridge worker")
    supervisor = Supervisor(command, delay=options.delay, max_delay=options.max_delay)
    signal.signal(signal.SIGTERM, supervisor.stop)
    signal.signal(signal.SIGINT, supervisor.stop)
    return supervisor.run()


if __name__ == "__main__":
    sys.exit(main())
