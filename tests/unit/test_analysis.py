"""splitcalc.analyse: one typed result; the verdict agrees with simulate / check_compliance run directly."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from fractions import Fraction

import pytest

import splitcalc as sc
from splitcalc import rules
from splitcalc.analysis import Analysis, Verdict
from splitcalc.calendars import count_sessions
from splitcalc.errors import InputError
from splitcalc.report import Report
from splitcalc.scenarios import simulate
from splitcalc.serialize import dumps

EXAMPLES = ("neotherapeutics-2002", "hypothetical-capital-market-2025")
PATHS, SEED = 400, 11


@pytest.fixture(scope="module", params=EXAMPLES)
def analysis(request: pytest.FixtureRequest) -> Analysis:
    return sc.analyse(sc.load_example(request.param), paths=PATHS, seed=SEED)


def _direct_odds(a: Analysis, start_price: object) -> float:
    """``simulate`` run by hand on the scenario's inputs: the deadline counts when the split leaves time for it."""
    s = a.scenario
    ruleset = rules.get(s.exchange, as_of=s.as_of)
    assert s.effective is not None
    if s.volatility is not None:
        given: dict[str, object] = {"volatility": float(s.volatility)}
    else:  # the volatility of the scenario's own closes up to the as-of date
        assert s.prices_path is not None
        closes = sc.read_price_csv(s.prices_path)["close"]
        given = {"history": closes[closes.index <= str(s.as_of)]}
    assert s.drift is None
    deadline = a.verdict.deadline
    regain = ruleset.regain_days.value
    left = None if deadline is None or deadline < s.effective else count_sessions(s.effective, deadline)
    sim = simulate(
        start_price,
        days=252,
        paths=PATHS,
        seed=SEED,
        rules=ruleset,
        start_date=s.effective,
        **given,  # type: ignore[arg-type]
        deadline_days=left if left is not None and left >= regain else None,
    )
    return sim["compliant_12m"].estimate


def test_the_box_answers_five_questions(analysis: Analysis) -> None:
    answers = dict(analysis.verdict.answers())
    for question in ("Do we keep the listing?", "By when?", "Which ratio?", "What happens next?", "Headroom"):
        assert answers[question].strip(), question
    assert analysis.verdict.listing in ("likely", "at risk", "unlikely")


def test_the_odds_agree_with_simulate_run_directly(analysis: Analysis) -> None:
    v = analysis.verdict
    assert v.probability is not None
    direct = _direct_odds(analysis, analysis.effect.price_after)
    assert v.probability.estimate == direct
    assert f"{direct:.0%}" in v.keep_answer()
    rec = analysis.recommendation
    assert rec is not None and rec.ratio is not None and rec.odds is not None
    # the recommended ratio's odds, from the shared draws, equal its own simulate run
    rec_price = rec.sweep.row(rec.ratio).effect.price_after
    assert rec.odds.estimate == _direct_odds(analysis, rec_price)
    assert f"{rec.odds.estimate:.0%}" in v.ratio_answer()


def test_the_recommendation_meets_min_odds_or_names_the_binding_constraint(analysis: Analysis) -> None:
    rec = analysis.recommendation
    assert rec is not None and rec.ratio is not None and rec.odds is not None
    rows = rec.sweep.rows
    if rec.feasible:
        assert rec.odds.estimate >= analysis.min_odds
        smaller = [r for r in rows if r.ratio.price_multiplier < rec.ratio.price_multiplier]
        assert all(r.odds is not None and r.odds.estimate < analysis.min_odds for r in smaller)
    else:
        assert rec.binding and rec.binding[0].detail in analysis.verdict.ratio_answer()


def test_the_deadline_agrees_with_the_rules_and_check_compliance(analysis: Analysis) -> None:
    s = analysis.scenario
    ruleset = rules.get(s.exchange, as_of=s.as_of)
    assert s.notice_date is not None
    if analysis.prices is not None:
        timeline = sc.check_compliance(analysis.prices, ruleset, as_of=s.as_of, notice_date=s.notice_date)
        expected = timeline.deadline
    else:
        expected = s.notice_date + dt.timedelta(days=ruleset.compliance_period_days.value)
    v = analysis.verdict
    assert v.deadline == expected
    assert f"{expected:%b} {expected.day}, {expected.year}" in v.when_answer()
    assert v.earliest_cure is not None and v.sessions_to_spare is not None
    # the earliest cure is the regain_days-th session from the first post-split session
    assert s.effective is not None
    cure_run = count_sessions(s.effective, v.earliest_cure)
    assert cure_run == ruleset.regain_days.value
    assert expected is not None
    if v.earliest_cure <= expected:
        assert v.sessions_to_spare == count_sessions(v.earliest_cure, expected) - 1
    else:
        assert -v.sessions_to_spare == count_sessions(expected, v.earliest_cure) - 1


def test_headroom_is_the_20_percent_rule(analysis: Analysis) -> None:
    h = analysis.verdict.headroom
    before, after = analysis.effect.before.outstanding, analysis.effect.after.outstanding
    assert h.vote_free_before == math.ceil(Fraction(before, 5)) - 1
    assert h.vote_free_after == math.ceil(Fraction(after, 5)) - 1
    assert f"{h.vote_free_before:,}" in analysis.verdict.headroom_answer()


def _day(d: dt.date) -> str:
    return f"{d:%b} {d.day}, {d.year}"


def test_what_happens_next_is_the_kernels_path(analysis: Analysis) -> None:
    """The box's determination, hearing, stay and panel dates are those the kernel and the planned check give."""
    import warnings

    from splitcalc.compliance import check_planned_split
    from splitcalc.compliance.kernel import after_deadline, deadlines

    s = analysis.scenario
    ruleset = rules.get(s.exchange, as_of=s.as_of)
    assert s.notice_date is not None and s.effective is not None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check = check_planned_split(
            analysis.ratio, s.effective, ruleset, prior_splits=list(s.prior_splits), notice_date=s.notice_date
        )
    ends = deadlines(s.notice_date, ruleset)
    assert check.deadlines is not None and check.after_deadline is not None and ends.determination is not None
    assert check.deadlines.determination == ends.determination
    direct = after_deadline(ends.determination, ruleset, after_second_period=ends.second_deadline is not None)
    assert check.after_deadline == direct
    v = analysis.verdict
    assert v.after_deadline == direct
    text = v.next_answer()
    assert "not modelled yet" not in text
    assert ends.final_deadline is not None
    assert f"If not cured by {_day(ends.final_deadline)}" in text
    assert f"Staff Delisting Determination, estimated {_day(direct.determination)}" in text
    if direct.hearing_request_by is None:  # 2002 National Market: the reason is stated, not a date
        assert "not modelled for these rules" in text and direct.stay_reason in text
    else:
        assert f"requested by {_day(direct.hearing_request_by)}" in text
        assert ("does not stay the suspension" in text) is (direct.stays_suspension is False)
        assert "Nasdaq Rule 5815(a)(1)" in text
    if direct.panel_exception_until is not None:
        assert f"at most to {_day(direct.panel_exception_until)} (Nasdaq Rule 5815(c)(1)(A))" in text
    assert (any("path after the deadline" in u for u in v.uncertain)) is direct.uncertain
    data = json.loads(dumps(analysis.to_dict()))
    assert data["verdict"]["after_deadline"]["determination"] == direct.determination.isoformat()


def test_an_uncertain_path_keeps_its_flag() -> None:
    """A determination under the pending $0.10 rule is flagged in the box (SR-NASDAQ-2025-065)."""
    from splitcalc.analysis.verdict import _after_sentences
    from splitcalc.compliance.kernel import after_deadline

    rs = rules.get("nasdaq-capital", as_of="2025-09-08")
    a = after_deadline(dt.date(2025, 9, 8), rs, low_price=True)
    assert a.uncertain
    text = " ".join(_after_sentences(a, rs))
    assert "UNCERTAIN" in text and "SR-NASDAQ-2025-065" in text


def test_neotherapeutics_cure_after_the_deadline() -> None:
    a = sc.analyse(sc.load_example("neotherapeutics-2002"), paths=PATHS, seed=SEED)
    v = a.verdict
    # Sep 6 .. Sep 10, 2002 is 3 sessions; 10 are needed: the cure misses the deadline by 7
    assert v.sessions_to_spare == 3 - 10
    assert v.listing in ("at risk", "unlikely")
    assert "after the deadline" in v.when_answer()
    assert "not modelled yet" not in v.next_answer()
    assert a.odds is not None and a.odds.deadline_binds
    # the recommendation is never a ratio its own model rates under the threshold
    rec = a.recommendation
    assert rec is not None and rec.odds is not None
    assert rec.odds.estimate >= a.min_odds or not rec.feasible


def test_honest_statuses_in_the_ratio_table() -> None:
    neo = Report.example("neotherapeutics-2002", paths=50, charts=False)
    table = neo.section("ratio").tables[0]  # type: ignore[union-attr]
    col = table.columns.index("Other minimums")
    assert all(str(row[col]).startswith("not checked: no rule value in force") for row in table.rows)
    hypo = Report.example("hypothetical-capital-market-2025", paths=50, charts=False)
    table = hypo.section("ratio").tables[0]  # type: ignore[union-attr]
    col = table.columns.index("Other minimums")
    assert "met: publicly held shares" in str(table.rows[0][col])
    assert "not checked (no holder data): public holders" in str(table.rows[0][col])


def test_result_protocol(analysis: Analysis) -> None:
    assert len(repr(analysis)) < 1024
    assert isinstance(analysis.verdict, Verdict)
    frame = analysis.to_frame()
    assert frame.loc["shares_after", "value"] == analysis.effect.after.outstanding
    assert "Do we keep the listing?" in analysis._repr_html_()
    data = json.loads(dumps(analysis.to_dict()))
    assert data["verdict"]["listing"] == analysis.verdict.listing
    with pytest.raises(dataclasses.FrozenInstanceError):
        analysis.ratio = sc.SplitRatio(1, 2)  # type: ignore[misc]


def test_no_any_at_the_boundary() -> None:
    for name, annotation in Analysis.__annotations__.items():
        assert "Any" not in str(annotation), name
    for name, annotation in sc.analyse.__annotations__.items():
        assert "Any" not in str(annotation), name


def test_report_renders_the_analysis_it_is_given() -> None:
    a = sc.analyse(sc.load_example("hypothetical-capital-market-2025"), paths=50, seed=1)
    r = Report(a, charts=False)
    assert r.analysis is a
    assert r.key_figures["shares_after"] == a.effect.after.outstanding
    html = r.to_html()
    assert html.index('id="verdict"') < html.index('id="terms"')  # the verdict box comes first
    with pytest.raises(InputError, match="paths"):
        Report(a, paths=10)


def test_api_errors_name_keyword_arguments() -> None:
    s = sc.load_example("hypothetical-capital-market-2025")
    with pytest.raises(InputError, match="paths"):
        sc.analyse(s, paths=0)
    with pytest.raises(InputError, match="min_odds"):
        sc.analyse(s, min_odds=2)
    with pytest.raises(InputError, match="objective"):
        sc.analyse(s, objective="cheapest")  # type: ignore[arg-type]


def test_save_names_the_keyword_argument(tmp_path: object) -> None:
    import pathlib

    r = Report(sc.analyse(sc.load_example("hypothetical-capital-market-2025"), paths=20), charts=False)
    target = pathlib.Path(str(tmp_path)) / "r.html"
    r.save(target)
    with pytest.raises(InputError, match=r"pass force=True"):  # the API's words, not the CLI's --force
        r.save(target)
