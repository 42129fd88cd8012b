"""Background tasks of the core (django-tasks): the two ways inbound mail is read on a schedule."""

from django_tasks import task

from investbridge.core import inbound


@task()
def read_inbound_folder() -> int:
    """The periodic job: record the .eml files of the inbound folder; returns how many were recorded."""
    return len(inbound.inbound_folder_process().processed)


@task()
def poll_inbound_imap() -> int:
    """The periodic job: record the unseen messages of the IMAP mailbox (nothing without a configured host)."""
    return inbound.imap_poll().recorded
