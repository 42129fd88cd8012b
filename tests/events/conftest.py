import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection


@pytest.fixture
def run_concurrently():
    """run_concurrently(fn, args_list) -> (results, errors): each call in its own thread, released together."""

    def run(
        function: Callable[..., Any], calls: list[tuple[Any, ...]]
    ) -> tuple[list[Any], list[BaseException]]:
        barrier = threading.Barrier(len(calls))
        results: list[Any] = [None] * len(calls)
        errors: list[BaseException] = []
        lock = threading.Lock()

        def worker(index: int, args: tuple[Any, ...]) -> None:
            try:
                barrier.wait()
                results[index] = function(*args)
            except BaseException as error:
                with lock:
                    errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker, args=(i, args)) for i, args in enumerate(calls)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        return results, errors

    return run
