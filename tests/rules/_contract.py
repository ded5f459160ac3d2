"""Contract every rule set must meet (like exchange_calendars' ExchangeCalendarTestBase).

Subclass :class:`RuleSetContract` per rule set and set the class attributes;
the expected values in ``samples`` are read off rules.md by hand, never
computed by calling the code under test.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import re
from decimal import Decimal
from typing import Any, ClassVar

import pytest

from splitcalc import rules
from splitcalc.errors import NoRuleInForce, UnknownExchange
from splitcalc.rules._model import FIELD_TYPES, FIELDS, MORATORIUM_KINDS, PRICE_TESTS
from splitcalc.rules._sources import public_source
from splitcalc.serialize import dumps

Samples = dict[tuple[dt.date, str], Any]
Cites = dict[tuple[dt.date, str], str]

#: Names of files outside the installed package; no rule source may point to them.
INTERNAL = ("rules.md", "market-data.md", "style.md", "shared/reference", "../shared", "fact sheet")


class RuleSetContract:
    #: canonical name
    name: ClassVar[str]
    #: dates on which the tier exists (any era)
    live_dates: ClassVar[tuple[dt.date, ...]]
    #: a date before the tier existed under this name, or None
    before_intro: ClassVar[dt.date | None] = None
    #: a date after it was renamed, or None
    after_retired: ClassVar[dt.date | None] = None
    #: (date, field) -> expected value (hand-read from rules.md)
    samples: ClassVar[Samples] = {}
    #: (date, field) -> substring expected in the cite
    cite_samples: ClassVar[Cites] = {}
    #: (date, field) rows that must be flagged uncertain
    uncertain_samples: ClassVar[tuple[tuple[dt.date, str], ...]] = ()

    @pytest.fixture
    def tier(self) -> rules.Tier:
        return rules.tier(self.name)

    # ------------------------------------------------------------ tables
    def test_every_field_has_rows(self, tier: rules.Tier) -> None:
        assert set(tier.tables) == set(FIELDS)
        for name in FIELDS:
            assert len(tier.tables[name]) >= 1, name

    def test_rows_dated_and_ordered(self, tier: rules.Tier) -> None:
        for name, rows in tier.tables.items():
            dates = [r.effective for r in rows]
            assert all(d is not None for d in dates[1:]), f"{name}: only the first row may be undated"
            dated = [d for d in dates if d is not None]
            assert dated == sorted(dated), f"{name}: rows out of order"
            assert len(set(dated)) == len(dated), f"{name}: two rows on one date"

    def test_rows_cite_a_primary_source(self, tier: rules.Tier) -> None:
        """Every row names its source itself (rule, release, FR citation...), never the internal fact sheet."""
        for name, rows in tier.tables.items():
            for row in rows:
                assert row.cite.strip(), f"{name} {row.effective}: empty cite"
                assert row.source.strip(), f"{name} {row.effective}: empty source"
                lowered = row.source.lower()
                assert not any(s in lowered for s in INTERNAL), f"{name} {row.effective}: {row.source!r}"
                # every short key is expanded into the release it stands for
                assert not re.search(r"\[[A-Z0-9-]+\]", public_source(row.source)), f"{name} {row.effective}"

    def test_values_typed(self, tier: rules.Tier) -> None:
        for name, rows in tier.tables.items():
            expected = FIELD_TYPES[name]
            for row in rows:
                if row.value is None:
                    continue
                assert isinstance(row.value, expected), f"{name} {row.effective}: {row.value!r}"
                if expected is int:
                    assert not isinstance(row.value, bool), name
                    assert row.value > 0, name
                if expected is Decimal:
                    assert row.value > 0, name
                if name == "price_test":
                    assert row.value in PRICE_TESTS
                if name == "moratorium":
                    assert isinstance(row.value.start, dt.date) and isinstance(row.value.end, dt.date)
                    assert row.value.start < row.value.end and row.value.kind in MORATORIUM_KINDS
                    assert row.effective == row.value.start, "a moratorium row takes effect on its first day"
                if name in ("split_notice", "split_disclosure"):
                    days, kind = row.value
                    assert isinstance(days, int) and kind in ("calendar", "business")

    def test_moratoria_do_not_overlap(self, tier: rules.Tier) -> None:
        windows = [r.value for r in tier.tables["moratorium"] if r.value is not None]
        for earlier, later in itertools.pairwise(windows):
            assert earlier.end <= later.start, (earlier, later)

    def test_first_rows_cover_the_tier(self, tier: rules.Tier) -> None:
        for name, rows in tier.tables.items():
            first = rows[0].effective
            assert first is None or (tier.introduced is not None and first <= tier.introduced), name

    # ----------------------------------------------------------- resolve
    def test_resolves_on_live_dates(self) -> None:
        for day in self.live_dates:
            rs = rules.get(self.name, as_of=day)
            assert rs.name == self.name and rs.as_of == day
            assert [n for n, _ in rs.rules()] == list(FIELDS)
            for _, rule in rs.rules():
                assert rule.effective is None or rule.effective <= day

    def test_samples(self) -> None:
        for (day, name), expected in self.samples.items():
            got = getattr(rules.get(self.name, as_of=day), name).value
            assert got == expected, (day, name)
            assert type(got) is type(expected), (day, name)

    def test_cite_samples(self) -> None:
        for (day, name), fragment in self.cite_samples.items():
            assert fragment in getattr(rules.get(self.name, as_of=day), name).cite, (day, name)

    def test_uncertain_samples(self) -> None:
        for day, name in self.uncertain_samples:
            rs = rules.get(self.name, as_of=day)
            assert getattr(rs, name).uncertain, (day, name)
            assert name in dict(rs.uncertain_rules())

    def test_before_introduction_is_an_error(self) -> None:
        if self.before_intro is None:
            pytest.skip("tier has no introduction date")
        with pytest.raises(NoRuleInForce) as info:
            rules.get(self.name, as_of=self.before_intro)
        assert info.value.exchange == self.name and info.value.as_of == self.before_intro

    def test_after_retirement_is_an_error(self) -> None:
        if self.after_retired is None:
            pytest.skip("tier still exists")
        with pytest.raises(NoRuleInForce, match="use 'nasdaq-"):
            rules.get(self.name, as_of=self.after_retired)

    def test_aliases_resolve(self, tier: rules.Tier) -> None:
        day = self.live_dates[-1]
        for alias in tier.aliases:
            assert rules.get(alias.upper().replace("-", " "), as_of=day) == rules.get(self.name, as_of=day)

    def test_frozen_and_displayable(self) -> None:
        rs = rules.get(self.name, as_of=self.live_dates[-1])
        with pytest.raises(dataclasses.FrozenInstanceError):
            rs.name = "x"  # type: ignore[misc]
        frame = rs.to_frame()
        assert list(frame.index) == list(FIELDS)
        assert self.name in str(rs) and "<table" in rs._repr_html_()
        data = json.loads(dumps(rs))
        assert data["name"] == self.name and set(data["rules"]) == set(FIELDS)

    def test_unknown_name(self) -> None:
        with pytest.raises(UnknownExchange):
            rules.get(self.name + "-nope", as_of=self.live_dates[-1])
