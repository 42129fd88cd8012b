"""The conversion report: events → registrants → leads → established companies (with realised investment),
per event and per partner. Events, registrants and registered companies come through `attribution`."""

from dataclasses import dataclass, field
from decimal import Decimal

from investbridge.directory.models import Organization
from investbridge.pipeline import attribution, selectors
from investbridge.pipeline.models import Lead, LeadSource, Stage

#: Stages at which a lead counts as an established company.
ESTABLISHED_STAGES = (Stage.ESTABLISHED, Stage.AFTERCARE)


@dataclass
class ConversionRow:
    key: int
    label: str
    registrants: int | None = None
    leads: int = 0
    established: int = 0
    registered: int = 0
    realised: dict[str, Decimal] = field(default_factory=dict)
    realised_jobs: int = 0
    #: The partner organization of a partner's row (its name for the reader goes into exports).
    organization: Organization | None = None

    def add(self, lead: Lead, registered_usccs: set[str]) -> None:
        self.leads += 1
        if lead.stage in ESTABLISHED_STAGES:
            self.established += 1
            if lead.realised_investment is not None:
                self.realised[lead.realised_currency] = (
                    self.realised.get(lead.realised_currency, Decimal("0")) + lead.realised_investment
                )
            self.realised_jobs += lead.realised_jobs or 0
        if lead.uscc and lead.uscc in registered_usccs:
            self.registered += 1


@dataclass
class ConversionReport:
    by_event: list[ConversionRow]
    by_partner: list[ConversionRow]
    events_available: bool
    registry_available: bool


def conversion_report() -> ConversionReport:
    leads = list(Lead.objects.prefetch_related("people").select_related("source_partner"))
    usccs = sorted({lead.uscc for lead in leads if lead.uscc})
    registered_usccs = set(attribution.registered_entities(usccs))

    events: dict[int, ConversionRow] = {
        event.pk: ConversionRow(
            key=event.pk, label=str(event), registrants=attribution.registrant_count(event)
        )
        for event in attribution.all_events()
    }
    for lead in leads:
        event_ids = {
            event.pk for event in attribution.events_attended_by([person.pk for person in lead.people.all()])
        }
        if lead.source == LeadSource.EVENT and lead.source_event_id is not None:
            event_ids.add(lead.source_event_id)
        for event_id in sorted(event_ids):
            events[event_id].add(lead, registered_usccs)

    partners: dict[int, ConversionRow] = {}
    for organization in selectors.partner_organizations():
        partners[organization.pk] = ConversionRow(
            key=organization.pk, label=str(organization), organization=organization
        )
    for lead in leads:
        if lead.source == LeadSource.PARTNER and lead.source_partner_id:
            row = partners.get(lead.source_partner_id)
            if row is None:
                partner: Organization | None = lead.source_partner
                row = partners[lead.source_partner_id] = ConversionRow(
                    key=lead.source_partner_id, label=str(partner), organization=partner
                )
            row.add(lead, registered_usccs)
    return ConversionReport(
        by_event=list(events.values()),
        by_partner=sorted(partners.values(), key=lambda row: row.label),
        events_available=attribution.events_available(),
        registry_available=attribution.registry_available(),
    )
