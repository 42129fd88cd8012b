import pytest

from investbridge.matchmaking.scoring import ProfileData, Reason, recommend, score

pytestmark = pytest.mark.unit


def test_score_complement_sector_country_and_language_are_each_a_reason():
    me = ProfileData(
        1,
        offers=frozenset({"technology"}),
        seeks=frozenset({"investment"}),
        sectors=frozenset({"C"}),
        country="RU",
        countries=frozenset({"CN"}),
        languages=frozenset({"ru", "en"}),
    )
    other = ProfileData(
        2,
        offers=frozenset({"investment"}),
        seeks=frozenset({"technology"}),
        sectors=frozenset({"C"}),
        country="CN",
        countries=frozenset({"RU"}),
        languages=frozenset({"zh", "en"}),
    )
    result = score(me, other)
    assert result.reasons == (
        Reason("offers", "investment", 3),
        Reason("seeks", "technology", 3),
        Reason("sector", "C", 2),
        Reason("country_interest", "CN", 1),
        Reason("interested_in_you", "RU", 1),
        Reason("common_language", "en", 1),
    )
    assert result.score == 11


def test_score_without_common_language_says_interpreter_needed():
    me = ProfileData(1, seeks=frozenset({"supply"}), languages=frozenset({"ru"}))
    other = ProfileData(2, offers=frozenset({"supply"}), languages=frozenset({"zh"}))
    result = score(me, other)
    assert result.reasons == (Reason("offers", "supply", 3), Reason("interpreter_needed", "", 0))
    assert result.score == 3


def test_score_two_common_languages_count_once():
    me = ProfileData(1, languages=frozenset({"ru", "en"}))
    other = ProfileData(2, languages=frozenset({"ru", "en"}))
    result = score(me, other)
    assert result.score == 1
    assert [r.code for r in result.reasons] == ["common_language", "common_language"]


def test_recommend_ranks_by_score_and_leaves_out_irrelevant_and_excluded():
    me = ProfileData(
        1, offers=frozenset({"technology"}), seeks=frozenset({"investment"}), sectors=frozenset({"C"})
    )
    best = ProfileData(2, offers=frozenset({"investment"}), seeks=frozenset({"technology"}))
    sector_only = ProfileData(3, sectors=frozenset({"C"}))
    language_only = ProfileData(4)
    excluded = ProfileData(5, offers=frozenset({"investment"}))
    result = recommend(me, [me, sector_only, best, language_only, excluded], exclude=[5])
    assert [s.candidate for s in result] == [2, 3]


def test_recommend_ties_go_to_the_smaller_id_and_limit_holds():
    me = ProfileData(1, sectors=frozenset({"A"}))
    others = [ProfileData(n, sectors=frozenset({"A"})) for n in (9, 4, 7)]
    assert [s.candidate for s in recommend(me, others, limit=2)] == [4, 7]


def test_recommend_leaves_out_colleagues_of_the_same_organization():
    me = ProfileData(1, seeks=frozenset({"supply"}), organization=frozenset({"org:7", "name:volga agro"}))
    colleague = ProfileData(2, offers=frozenset({"supply"}), organization=frozenset({"org:7"}))
    same_name = ProfileData(3, offers=frozenset({"supply"}), organization=frozenset({"name:volga agro"}))
    stranger = ProfileData(4, offers=frozenset({"supply"}), organization=frozenset({"org:8"}))

    assert [s.candidate for s in recommend(me, [colleague, same_name, stranger])] == [4]
