"""Recommendations: a pure scoring function over structured profile fields (no Django, no text).

Only codes are compared (kinds of cooperation, ISIC section letters, ISO country codes, language codes), so a
profile filled in Russian and one filled in Chinese match without any translation. Every point of the score
comes with a reason, and the reasons are what participants see.

Weights (documented in docs/matchmaking.md):
- complement: each kind one side offers and the other seeks, in either direction: 3 points;
- shared sector: each ISIC section both name: 2 points;
- country interest: one side is interested in the other's country: 1 point per direction;
- language: a common language adds 1 point; without one, the reason "interpreter needed" is shown (0 points).
A pair is recommended only when it has a complement or a shared sector, and never when both belong to the same
organization (colleagues do not need the matchmaking to meet each other).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

COMPLEMENT_POINTS = 3
SECTOR_POINTS = 2
COUNTRY_POINTS = 1
LANGUAGE_POINTS = 1


@dataclass(frozen=True)
class ProfileData:
    id: int
    offers: frozenset[str] = frozenset()
    seeks: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    country: str = ""
    countries: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    #: Keys naming the participant's organization (e.g. "org:12", "name:volga agro"); two profiles sharing a
    #: key belong to the same organization and are never suggested to each other.
    organization: frozenset[str] = frozenset()


def same_organization(me: ProfileData, other: ProfileData) -> bool:
    return bool(me.organization & other.organization)


@dataclass(frozen=True)
class Reason:
    """One reason for a suggestion.

    code: "offers" (the candidate offers what the participant seeks), "seeks" (the candidate seeks what the
    participant offers), "sector", "country_interest" (the participant is interested in the candidate's
    country), "interested_in_you" (the candidate is interested in the participant's country),
    "common_language" or "interpreter_needed"; value: the kind, sector, country or language code ("" if none).
    """

    code: str
    value: str = ""
    points: int = 0


@dataclass(frozen=True)
class Suggestion:
    candidate: int
    score: int
    reasons: tuple[Reason, ...] = field(default_factory=tuple)


def score(me: ProfileData, other: ProfileData) -> Suggestion:
    """The suggestion of `other` to `me`: its score and reasons, seen from `me`."""
    reasons: list[Reason] = []
    reasons += [Reason("offers", kind, COMPLEMENT_POINTS) for kind in sorted(other.offers & me.seeks)]
    reasons += [Reason("seeks", kind, COMPLEMENT_POINTS) for kind in sorted(other.seeks & me.offers)]
    reasons += [Reason("sector", code, SECTOR_POINTS) for code in sorted(me.sectors & other.sectors)]
    if other.country and other.country in me.countries:
        reasons.append(Reason("country_interest", other.country, COUNTRY_POINTS))
    if me.country and me.country in other.countries:
        reasons.append(Reason("interested_in_you", me.country, COUNTRY_POINTS))
    common = sorted(me.languages & other.languages)
    if common:
        reasons += [Reason("common_language", language, 0) for language in common]
        reasons[-len(common)] = Reason("common_language", common[0], LANGUAGE_POINTS)
    else:
        reasons.append(Reason("interpreter_needed", "", 0))
    return Suggestion(candidate=other.id, score=sum(r.points for r in reasons), reasons=tuple(reasons))


def is_relevant(suggestion: Suggestion) -> bool:
    return any(reason.code in {"offers", "seeks", "sector"} for reason in suggestion.reasons)


def recommend(
    me: ProfileData, others: Iterable[ProfileData], *, exclude: Sequence[int] = (), limit: int = 10
) -> list[Suggestion]:
    """The best `limit` relevant suggestions for `me`, highest score first (ties: smaller id first); never `me`,
    the ids in `exclude`, nor a colleague of `me`'s own organization."""
    excluded = {me.id, *exclude}
    suggestions = [
        score(me, other) for other in others if other.id not in excluded and not same_organization(me, other)
    ]
    relevant = [s for s in suggestions if is_relevant(s)]
    relevant.sort(key=lambda s: (-s.score, s.candidate))
    return relevant[:limit]
