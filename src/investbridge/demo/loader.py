"""The demo: the files of `data/` loaded through the domains' services, in one transaction (docs/demo.md).

Each data file is one domain's part of the story, in the order below; an entry refers to what an earlier file made
by its key (an organization's `key`, a person's e-mail, an event's slug). Everything is checked on the way in: a
bad value, or one a service refuses, stops the load with an error naming the file and the entry, and nothing is
saved. A database that has the demo's accounts already is left as it is.
"""

import io
import uuid
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from investbridge.accounts.services import user_create
from investbridge.agreements import services as agreements
from investbridge.core.roles import Role
from investbridge.demo.files import Entry, read
from investbridge.directory import services as directory
from investbridge.directory.models import Sector
from investbridge.events import services as events
from investbridge.matchmaking import runs as matchmaking_runs
from investbridge.matchmaking import selectors as matchmaking_selectors
from investbridge.matchmaking import services as matchmaking
from investbridge.matchmaking.models import ScheduleRun
from investbridge.pipeline import services as pipeline
from investbridge.pipeline.models import StepStatus
from investbridge.region import services as region
from investbridge.statistics import services as statistics
from investbridge.statistics.models import ImportSource

DATA_DIR = Path(__file__).parent / "data"
DEMO_PASSWORD = "investbridge-demo"  # noqa: S105 (published demo sign-in, printed by `make run`)
#: The demo's accounts end in this domain; a database with one of them has the demo already.
ACCOUNT_DOMAIN = "@investbridge.demo"
#: Expressions of interest are keyed by the sender's name in this namespace (a second submission is the same).
#: The data files, in the order they are loaded (each refers to what the earlier ones made).
PARTS = ("directory", "region", "events", "statistics", "pipeline", "agreements", "matchmaking")
EXPRESSIONS_NAMESPACE = uuid.UUID("6f0b7d0e-3b1e-4c55-9a51-2f4d1c0a7e10")


@dataclass
class Demo:
    """What the files loaded so far made, by the keys the next files use."""

    directory: Path
    users: dict[str, Any] = field(default_factory=dict)
    organizations: dict[str, Any] = field(default_factory=dict)
    people: dict[str, Any] = field(default_factory=dict)
    #: The people of each organization key, in the file's order.
    members: dict[str, list[Any]] = field(default_factory=dict)
    events: dict[str, Any] = field(default_factory=dict)
    leads: dict[str, Any] = field(default_factory=dict)
    inquiries: dict[str, Any] = field(default_factory=dict)

    def user(self, entry: Entry, key: str, default: str | None = None) -> Any:
        email = entry.string(key, default)
        if email not in self.users:
            raise entry.error(f"'{key}': no demo account {email!r} in directory.yaml")
        return self.users[email]

    def find(self, entry: Entry, key: str, table: str, default: Any = ...) -> Any:
        name = entry.string(key) if default is ... else entry.string(key, default)
        if name is None:
            return None
        found = getattr(self, table).get(name)
        if found is None:
            raise entry.error(f"'{key}': unknown {table[:-1]} {name!r}")
        return found

    def person(self, entry: Entry, email: str) -> Any:
        if email not in self.people:
            raise entry.error(f"no person {email!r} in directory.yaml")
        return self.people[email]

    @property
    def officer(self) -> Any:
        return self.users["officer@investbridge.demo"]


def is_loaded() -> bool:
    return get_user_model().objects.filter(email__endswith=ACCOUNT_DOMAIN).exists()


def load(*, stdout: io.TextIOBase, directory: Path = DATA_DIR, parts: Iterable[str] = PARTS) -> bool:
    """Load the demo (False, and nothing changed, when the database has it already). `parts` loads the first
    files only (tests): each part needs the ones before it."""
    if is_loaded():
        stdout.write("The demo is loaded already (its accounts exist): nothing changed.\n")
        return False
    demo = Demo(directory=directory)
    steps: dict[str, Callable[[Demo], str]] = {
        "directory": load_directory, "region": load_region, "events": load_events, "statistics": load_statistics,
        "pipeline": load_pipeline, "agreements": load_agreements, "matchmaking": load_matchmaking,
    }  # fmt: skip
    with transaction.atomic():
        for part in parts:
            stdout.write(steps[part](demo) + "\n")
    return True


def _names(entry: Entry, key: str) -> dict[str, str]:
    """A name in the languages a real office has it in (at least one of ru, zh-hans, en), as model columns."""
    names = entry.get(key)
    if not isinstance(names, dict) or not names or set(names) - {"ru", "zh-hans", "en"}:
        raise entry.error(f"'{key}' should give the name in one or more of ru, zh-hans, en, not {names!r}")
    return {f"{key}_{language.replace('-', '_')}": str(text) for language, text in names.items()}


def _registrant(person: Any, *, time_zone: str, consent: bool | None = None) -> events.RegistrationInput:
    """What a directory person writes into a registration form."""
    membership = person.memberships.select_related("organization").order_by("-is_primary", "pk").first()
    organization = membership.organization if membership else None
    return events.RegistrationInput(
        full_name=person.full_name,
        email=person.email,
        organization_name=(organization.name_ru or organization.name) if organization else "",
        country=person.country,
        language=person.preferred_language or "ru",
        position=membership.position if membership else "",
        name_latin=person.name_latin,
        sectors=list(organization.sectors.values_list("code", flat=True)) if organization else [],
        consent=person.consent_to_contact if consent is None else consent,
        time_zone=time_zone,
    )


def load_directory(demo: Demo) -> str:
    data = read(demo.directory, "directory.yaml")
    source = data.string("consent_source")
    for account in data.entries("accounts"):
        with account.loading():
            email = account.string("email")
            demo.users[email] = user_create(
                email=email, password=DEMO_PASSWORD, full_name=account.string("name"), role=account.string("role"),
                language=account.string("language", "ru"),
            )  # fmt: skip
    for entry in data.entries("organizations"):
        with entry.loading():
            values: dict[str, Any] = {
                **_names(entry, "name"), "kind": entry.string("kind"), "country": entry.string("country"),
                "city": entry.string("city", ""), "sectors": entry.strings("sectors"), "website": entry.string("website", ""),
                "is_partner": entry.flag("partner"),
                **{code: entry.string(code) for code in ("uscc", "inn", "ogrn") if code in entry.data},
            }  # fmt: skip
            if "description" in entry.data:
                values.update(entry.columns("description"))
            organization = directory.organization_create(
                actor=None, data=values, confirm_duplicate=True, is_demo=True
            )
            demo.organizations[entry.string("key")] = organization
            demo.members[entry.string("key")] = []
            for item in entry.entries("people"):
                with item.loading():
                    demo.members[entry.string("key")].append(_person(demo, item, organization, source))
    return f"Directory: {len(demo.organizations)} organizations, {len(demo.people)} people, {len(demo.users)} accounts."


def _person(demo: Demo, item: Entry, organization: Any, source: str) -> Any:
    consent_at = item.datetime("consent_at", None)
    name, latin, email, language = (
        item.string("name"),
        item.string("latin"),
        item.string("email"),
        item.string("language", "ru"),
    )
    person = directory.person_create(
        actor=None,
        data={
            "full_name": name, "name_latin": latin, "email": email, "phone": item.string("phone", ""),
            "country": organization.country, "languages": item.strings("languages"), "preferred_language": language,
            "consent_to_contact": consent_at is not None, "consent_source": source if consent_at else "",
            "consent_at": consent_at,
        },
        organization=organization,
        position=item.string("position"),
        is_demo=True,
    )  # fmt: skip
    demo.people[email] = person
    role = item.string("sign_in", None)
    if role is not None:
        user = user_create(
            email=email, password=DEMO_PASSWORD, full_name=f"{name} ({latin})", role=role, language=language,
            organization_id=None if role == Role.OFFICER else organization.pk,
        )  # fmt: skip
        directory.person_link_user(actor=None, person=person, user=user)
        demo.users[email] = user
    return person


def load_region(demo: Demo) -> str:
    data, user = read(demo.directory, "region.yaml"), demo.officer
    entry = data.entry("profile")
    with entry.loading():
        texts = ("name", "tagline", "introduction", "contact_address")
        plain = ("office_email", "contact_phone", "contact_wechat", "contact_email")
        values = {
            **{k: v for name in texts for k, v in entry.columns(name).items()},
            **{k: entry.string(k) for k in plain},
        }
        profile = region.profile_create(user=user, slug=entry.string("slug"), data=values, is_demo=True)
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    for order, item in enumerate(data.entries("dimensions"), start=1):
        with item.loading():
            values = {
                **item.columns("title"),
                **item.columns("summary"),
                **item.columns("body"),
                "order": order * 10,
            }
            dimension = region.dimension_create(
                user=user, profile=profile, kind=item.string("kind"), data=values
            )
            for number, figure in enumerate(item.entries("figures"), start=1):
                with figure.loading():
                    region.key_figure_create(user=user, dimension=dimension, data={
                        **figure.columns("label"), **figure.columns("unit"), **figure.columns("source", field="source_name"),
                        "value": figure.decimal("value"), "as_of": figure.date("as_of"),
                        "source_url": figure.string("source_url"), "order": number * 10,
                    })  # fmt: skip
    incentives = data.entries("incentives")
    for order, item in enumerate(incentives, start=1):
        with item.loading():
            values = {
                name: value
                for key in ("title", "summary", "body", "eligibility")
                for name, value in item.columns(key).items()
            }
            values.update(item.columns("source", field="source_name"))
            values.update(slug=item.string("slug"), source_url=item.string("source_url"), valid_from=item.date("valid_from"),
                          valid_to=item.date("valid_to", None), order=order * 10)  # fmt: skip
            region.incentive_create(
                user=user,
                data=values,
                sectors=[sectors[code] for code in item.strings("sectors")],
                is_demo=True,
            )
    expressions = data.entries("expressions_of_interest")
    for item in expressions:
        with item.loading():
            key = uuid.uuid5(EXPRESSIONS_NAMESPACE, item.string("name"))
            region.expression_of_interest_create(
                submission_key=key, name=item.string("name"), email=f"demo-{key.hex[:8]}@example.org",
                organization_name=item.string("organization"), country=item.string("country"), language=item.string("language"),
                sectors=[sectors[code] for code in item.strings("sectors")], message=item.string("message"),
                consent=True, consent_source="demo data", is_demo=True,
            )  # fmt: skip
    return f"Region: profile «{profile.slug}», {len(incentives)} incentives, {len(expressions)} expressions of interest."


def _event(demo: Demo, entry: Entry, *, status: str) -> Any:
    starts_at = entry.datetime("starts_at")
    values = {
        "slug": entry.string("slug"), "host_time_zone": entry.string("host_time_zone"),
        "partner_time_zone": entry.string("partner_time_zone"), "starts_at": starts_at,
        "ends_at": starts_at + timedelta(minutes=entry.integer("minutes")), "capacity": entry.integer("capacity"),
        "status": entry.string("status", status), "is_demo": True,
        "registration_opens_at": entry.datetime("registration_opens_at", None),
        "registration_closes_at": entry.datetime("registration_closes_at", None),
        "organizer": demo.find(entry, "organizer", "organizations", None),
    }  # fmt: skip
    for name in ("title", "summary", "description", "host_city", "partner_city"):
        if name in entry.data or name in ("title", "host_city", "partner_city"):
            values.update(entry.columns(name))
    event = events.event_create(user=demo.officer, values=values)
    demo.events[event.slug] = event
    return event


def load_events(demo: Demo) -> str:
    data, user, lines = read(demo.directory, "events.yaml"), demo.officer, []
    for entry in data.entries("events"):
        with entry.loading():
            event = _event(demo, entry, status="published")
            video = entry.entry("video")
            with video.loading():
                events.video_room_configure(
                    user=user,
                    event=event,
                    provider=video.string("provider"),
                    external_url=video.string("url", ""),
                )
            for item in entry.entries("sessions"):
                with item.loading():
                    values = {
                        **item.columns("title"), "languages": item.strings("languages"),
                        "interpretation": item.strings("interpretation"),
                        "starts_at": event.starts_at + timedelta(minutes=item.integer("start")),
                        "ends_at": event.starts_at + timedelta(minutes=item.integer("end")),
                    }  # fmt: skip
                    speakers = [demo.person(item, email) for email in item.strings("speakers")]
                    events.session_save(user=user, event=event, values=values, speakers=speakers)
            registrations = entry.entry("registrations")
            with registrations.loading():
                lines.append(_registrations(demo, registrations, event))
    return "Events: " + "; ".join(lines) + "."


def _registrations(demo: Demo, entry: Entry, event: Any) -> str:
    emails = [
        *(person.email for key in entry.strings("organizations") for person in _members(demo, entry, key)),
        *entry.strings("people"),
    ]
    zone, recorded = entry.string("time_zone"), entry.flag("recorded")
    for email in emails:
        data = _registrant(demo.person(entry, email), time_zone=zone)
        if recorded:
            events.registration_record(user=demo.officer, event=event, data=data)
        else:
            events.registration_create(event=event, data=data)
    summary = f"{event.slug} with {len(emails)} registrations"
    if "attendance" in entry.data:
        attendance = entry.entry("attendance")
        name = attendance.string("file")
        upload = SimpleUploadedFile(name, (demo.directory / name).read_bytes(), content_type="text/csv")
        result = events.attendance_import(
            user=demo.officer, event=event, file=upload, time_zone=attendance.string("time_zone")
        )
        if result.unmatched:
            rows = ", ".join(f"row {row.row} ({row.name})" for row in result.unmatched)
            raise attendance.error(f"{name}: rows that match no registration: {rows}")
        attendance.finish()
        summary += f", {result.matched} attended"
    return summary


def _members(demo: Demo, entry: Entry, key: str) -> list[Any]:
    if key not in demo.members:
        raise entry.error(f"unknown organization {key!r}")
    return demo.members[key]


def load_statistics(demo: Demo) -> str:
    data = read(demo.directory, "statistics.yaml")
    registry = data.entry("registry")
    with registry.loading():
        name = registry.string("file")
        try:
            batch = statistics.registry_import(
                path=demo.directory / name, file_name=name, source=ImportSource.DEMO
            )
        except statistics.RegistryFileInvalid as error:
            raise registry.error(f"{name}: {error}") from error
    figures = data.entries("published_figures")
    for item in figures:
        with item.loading():
            statistics.published_figure_create(
                user=demo.officer, metric=item.string("metric"), period_from=item.date("period_from"),
                period_to=item.date("period_to"), value=item.decimal("value"),
                tolerance=item.decimal("tolerance", Decimal(0)), wording=item.string("wording", ""),
                source=item.string("source"), published_on=item.date("published_on"),
                foreign_capital=item.flag("foreign_capital"),
            )  # fmt: skip
    return f"Statistics: registry of {batch.rows_total} entities, {len(figures)} published figures."


def load_pipeline(demo: Demo) -> str:
    data = read(demo.directory, "pipeline.yaml")
    for item in data.entries("inquiries"):
        with item.loading():
            _inquiry(demo, item)
    for item in data.entries("leads"):
        with item.loading():
            _lead(demo, item)
    templates = {}
    for item in data.entries("setup_templates"):
        with item.loading():
            template = pipeline.setup_template_create(
                user=demo.officer, kind=item.string("kind"), names=item.text("name")
            )
            for step in item.entries("steps"):
                with step.loading():
                    pipeline.setup_template_step_add(
                        user=demo.officer, template_id=template.pk, titles=step.text("title"),
                        is_document=step.flag("document"), days=step.integer("days"),
                    )  # fmt: skip
            templates[template.kind] = template
    cases = data.entries("setup_cases")
    for item in cases:
        with item.loading():
            _setup_case(demo, item, templates)
    return f"Pipeline: {len(demo.inquiries)} inquiries, {len(set(demo.leads.values()))} leads, {len(cases)} set-up cases."


def _inquiry(demo: Demo, item: Entry) -> None:
    language = item.string("language")
    inquiry = pipeline.inquiry_create(
        company_name=item.string("company"), contact_name=item.string("contact"), email=item.string("email"),
        country=item.string("country"), cooperation_kind=item.string("kind"), message=item.string("message"),
        language=language, consent=True, sector_codes=item.strings("sectors"), investment_range=item.string("range"),
        source_reference=f"demo-{item.string('key')}", received_at=item.datetime("received"), is_demo=True,
        acknowledge=False,
    )  # fmt: skip
    officer = demo.user(item, "officer", None) if "officer" in item.data else None
    if officer is not None:
        pipeline.inquiry_update(user=officer, inquiry_id=inquiry.pk, assigned_to_id=officer.pk)
    if "reply" in item.data:
        reply = item.entry("reply")
        pipeline.inquiry_reply(
            user=officer or demo.officer, inquiry_id=inquiry.pk, language=language, subject=reply.string("subject"),
            body=reply.string("body"),
        )  # fmt: skip
        reply.finish()
    status = item.string("status")
    if status == "converted":
        demo.leads[f"inquiry:{item.string('key')}"] = pipeline.inquiry_convert_to_lead(
            user=officer or demo.officer, inquiry_id=inquiry.pk
        )
    elif status == "closed":
        pipeline.inquiry_update(user=officer or demo.officer, inquiry_id=inquiry.pk, status=status)
    inquiry.refresh_from_db()
    if inquiry.status != status:
        raise item.error(f"ends as {inquiry.status!r}, not {status!r} (an answered inquiry needs a reply)")
    demo.inquiries[item.string("key")] = inquiry


def _lead(demo: Demo, item: Entry) -> None:
    owner = demo.user(item, "owner", "officer@investbridge.demo")
    title = item.string("title")
    projected = item.entry("projected")
    amount, currency = projected.decimal("amount"), projected.string("currency")
    if "inquiry" in item.data:
        lead = demo.leads.get(f"inquiry:{item.string('inquiry')}")
        if lead is None:
            raise item.error(f"'inquiry': {item.string('inquiry')!r} is not a converted inquiry")
    elif "referred_by" in item.data:
        lead = pipeline.lead_referral_create(
            user=demo.user(item, "referred_by"), company_name=item.string("company"), country=item.string("country"),
            contact_name=item.string("contact_name"), contact_email=item.string("contact_email"),
            language=item.string("language"), description=item.string("description", title),
            projected_investment=amount, projected_currency=currency, is_demo=True,
        )  # fmt: skip
    else:
        contact = demo.find(item, "contact", "people", None)
        event = demo.find(item, "event", "events", None)
        partner = demo.find(item, "partner", "organizations", None)
        lead = pipeline.lead_create(
            user=owner, title=title, company_name=item.string("company"), country=item.string("country"),
            language=item.string("language"), source=item.string("source"), owner_id=owner.pk,
            source_event_id=event.pk if event else None, source_partner_id=partner.pk if partner else None,
            contact_name=contact.full_name if contact else item.string("contact_name", ""),
            contact_email=contact.email if contact else item.string("contact_email", ""),
            description=item.string("description", ""), is_demo=True,
        )  # fmt: skip
    item.string("source")  # an inquiry's or a referral's lead has the source its service gives it
    changes = {
        "title": title, "owner_id": owner.pk, "projected_investment": amount, "projected_currency": currency,
        "projected_jobs": projected.integer("jobs", None),
    }  # fmt: skip
    projected.finish()
    if "realised" in item.data:
        realised = item.entry("realised")
        changes.update(realised_investment=realised.decimal("amount"), realised_currency=realised.string("currency"),
                       realised_jobs=realised.integer("jobs", None))  # fmt: skip
        realised.finish()
    if "uscc" in item.data:
        changes["uscc"] = item.string("uscc")
    lead = pipeline.lead_update(user=owner, lead_id=lead.pk, expected_version=lead.version, **changes)
    for activity in item.entries("activities"):
        with activity.loading():
            pipeline.activity_add(
                user=owner, lead_id=lead.pk, kind=activity.string("kind"), subject=activity.string("subject"),
                occurred_at=timezone.now() - timedelta(days=activity.integer("days_ago")),
            )  # fmt: skip
    for task in item.entries("tasks"):
        with task.loading():
            due = datetime.combine(task.date("due"), time(10), tzinfo=timezone.get_current_timezone())
            pipeline.task_create(
                user=owner, title=task.string("title"), due_at=due, assignee_id=owner.pk, lead_id=lead.pk
            )
    stage = item.string("stage")
    if stage != lead.stage:
        lead = pipeline.lead_move_to_stage(
            user=owner, lead_id=lead.pk, stage=stage, expected_version=lead.version,
            lost_reason=item.string("lost_reason", ""),
        )  # fmt: skip
    demo.leads[item.string("key")] = lead


def _setup_case(demo: Demo, item: Entry, templates: dict[str, Any]) -> None:
    lead, user = demo.find(item, "lead", "leads"), demo.officer
    kind = item.string("kind")
    if kind not in templates:
        raise item.error(f"'kind': no set-up template {kind!r}")
    case = pipeline.setup_case_start(
        user=user, kind=kind, organization_id=lead.organization_id, responsible_id=lead.owner_id,
        started_on=item.date("started"), lead_id=lead.pk, template_id=templates[kind].pk, is_demo=True,
    )  # fmt: skip
    steps = list(case.steps.order_by("order"))
    for step in steps[: item.integer("steps_done")]:
        pipeline.setup_case_step_set_status(user=user, step_id=step.pk, status=StepStatus.DONE)
    if item.flag("complete"):
        pipeline.setup_case_link_company(user=user, case_id=case.pk, uscc=lead.uscc)
        pipeline.setup_case_complete(user=user, case_id=case.pk)


def _signed_document(name: str, title: str, parties: list[str], signed_on: Any) -> SimpleUploadedFile:
    """A one-page PDF standing for the signed agreement (Latin text: the standard PDF fonts have no CJK)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(60, 780, title)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(60, 750, f"Signed on {signed_on.isoformat()} by:")
    for index, party in enumerate(parties):
        pdf.drawString(80, 730 - 18 * index, party)
    pdf.drawString(60, 640, "DEMO DATA - InvestBridge demonstration agreement.")
    pdf.showPage()
    pdf.save()
    return SimpleUploadedFile(f"{name}.pdf", buffer.getvalue(), content_type="application/pdf")


def load_agreements(demo: Demo) -> str:
    data = read(demo.directory, "agreements.yaml")
    officer, office = demo.user(data, "officer"), demo.organizations["office"]
    obligations = 0
    for entry in data.entries("agreements"):
        with entry.loading():
            partner, titles = demo.find(entry, "partner", "organizations"), entry.text("title")
            signed_on = entry.date("signed_on")
            document = _signed_document(
                entry.string("key"), titles["en"], [office.name_en, partner.name_en], signed_on
            )
            agreement = agreements.agreement_create(
                user=officer, kind=entry.string("kind"), titles=titles, party_ids=[office.pk, partner.pk],
                signed_on=signed_on, signing_method=entry.string("signing_method"), valid_from=signed_on,
                valid_until=signed_on.replace(year=signed_on.year + entry.integer("valid_years")) - timedelta(days=1),
                summaries=entry.text("summary"), document=document, is_demo=True,
            )  # fmt: skip
            for item in entry.entries("obligations"):
                with item.loading():
                    owner = {"partner": partner, "office": office}[item.string("owner")]
                    obligation = agreements.obligation_create(
                        user=officer, agreement_id=agreement.pk, kind=item.string("kind"), titles=item.text("title"),
                        owner_id=owner.pk, due_on=item.date("due"), officer_id=officer.pk,
                        target_count=item.integer("target", None), is_demo=True,
                    )  # fmt: skip
                    for evidence in item.entries("evidence"):
                        with evidence.loading():
                            agreements.evidence_submit(
                                user=demo.user(evidence, "by"), obligation_id=obligation.pk,
                                note=evidence.string("note"), link=evidence.string("link", ""),
                            )  # fmt: skip
                    if "status" in item.data:
                        agreements.obligation_set_status(
                            user=officer, obligation_id=obligation.pk, status=item.string("status")
                        )
                    obligations += 1
    return f"Agreements: {len(data.get('agreements'))} agreements, {obligations} obligations."


def load_matchmaking(demo: Demo) -> str:
    data, officer = read(demo.directory, "matchmaking.yaml"), demo.officer
    entry = data.entry("event")
    with entry.loading():
        event = _event(demo, entry, status="published")
    setup = data.entry("setup")
    with setup.loading():
        matchmaking.setup_update(
            user=officer, event=event, request_cap=setup.integer("request_cap"), expiry_hours=48
        )
        day = event.starts_at.astimezone(zoneinfo.ZoneInfo(event.host_time_zone)).date()
        matchmaking.slots_generate(
            user=officer, event=event, days=[day], minutes=setup.integer("slot_minutes")
        )
        for room in setup.entries("rooms"):
            with room.loading():
                matchmaking.room_add(
                    user=officer, event=event, name=room.string("name"), url=room.string("url", "")
                )
        for interpreter in setup.entries("interpreters"):
            with interpreter.loading():
                matchmaking.interpreter_add(
                    user=officer, event=event, name=interpreter.string("name"), email=interpreter.string("email"),
                    languages=interpreter.strings("languages"),
                )  # fmt: skip
        time_limit, locked = setup.integer("time_limit"), setup.integer("locked")
    profiles = _profiles(demo, data, event)
    _requests(data, profiles, officer)
    run = ScheduleRun.objects.create(event=event, started_by=officer, time_limit=time_limit)
    run = matchmaking_runs.schedule_run_execute(run_id=run.pk)
    for meeting in matchmaking_selectors.draft_meetings(event=event).exclude(slot=None)[:locked]:
        matchmaking.meeting_set_lock(user=officer, meeting=meeting, locked=True)
    matchmaking.schedule_publish(user=officer, event=event)
    return (
        f"Matchmaking: {event.slug} with {len(profiles)} profiles, requests "
        f"{matchmaking_selectors.request_counts(event=event)}, {run.scheduled} meetings scheduled and published."
    )


def _profiles(demo: Demo, data: Entry, event: Any) -> dict[str, Any]:
    slots = list(matchmaking_selectors.slots(event=event))
    profiles = {}
    for item in data.entries("participants"):
        with item.loading():
            email, zone = item.string("email"), item.string("time_zone")
            person = demo.find(item, "email", "people")
            registration, _created = events.registration_create(
                event=event, data=_registrant(person, time_zone=zone, consent=True)
            )
            profile = matchmaking.profile_ensure(registration=registration)
            local = zoneinfo.ZoneInfo(zone)
            unavailable = [
                slot for slot in slots
                if not time(9) <= slot.starts_at.astimezone(local).time() < time(18)
                or slot.ends_at.astimezone(local).time() > time(18)
            ]  # fmt: skip
            values = {key: item.strings(key) for key in ("offers", "seeks", "languages", "countries")}
            profiles[email] = matchmaking.profile_update(
                actor=matchmaking.Actor(user=demo.officer),
                profile=profile,
                values=values,
                unavailable_slots=unavailable,
            )
    return profiles


def _requests(data: Entry, profiles: dict[str, Any], officer: Any) -> None:
    """The requests in the order that gives each its outcome: those that expire first, then (the expiry run by
    the service at their deadline) the others."""
    items = data.entries("requests")
    expiring = [item for item in items if item.get("outcome", None) == "expired"]
    for batch in (expiring, [item for item in items if item not in expiring]):
        for item in batch:
            with item.loading():
                first, second = (demo_profile(item, key, profiles) for key in ("from", "to"))
                if first.registration.organization_id == second.registration.organization_id:
                    raise item.error("both participants are of one organization")
                if item.flag("must_have"):
                    matchmaking.must_have_add(user=officer, first=first, second=second)
                    continue
                request = matchmaking.request_create(
                    actor=matchmaking.Actor(registration=first.registration),
                    requester=first,
                    recipient=second,
                )
                outcome, answer = item.string("outcome"), matchmaking.Actor(registration=second.registration)
                if outcome in ("accepted", "declined"):
                    matchmaking.request_respond(actor=answer, request=request, accept=outcome == "accepted")
                elif outcome == "withdrawn":
                    matchmaking.request_withdraw(
                        actor=matchmaking.Actor(registration=first.registration), request=request
                    )
                elif outcome not in ("pending", "expired"):
                    raise item.error(f"'outcome': unknown outcome {outcome!r}")
        if batch is expiring and expiring:
            deadline = max(
                request.expires_at
                for request in matchmaking_selectors.event_requests(event=first.event)
                if request.expires_at is not None
            )
            matchmaking.requests_expire(now=deadline + timedelta(seconds=1))


def demo_profile(item: Entry, key: str, profiles: dict[str, Any]) -> Any:
    email = item.string(key)
    if email not in profiles:
        raise item.error(f"'{key}': {email!r} is not a participant")
    return profiles[email]
