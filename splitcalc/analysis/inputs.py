"""What an analysis stands on: the capital structure it applies, the closes it may use, the figures given.

Three things the sections must agree on, decided once here:

* **Share counts the scenario does not give.** :class:`~splitcalc.structure.CapitalStructure`
  holds 0 insiders and no reserve by default, which would print as "0". A
  count the scenario leaves out (:attr:`Scenario.unknown_counts`) is shown as
  unknown; the insiders are taken from the holder file when there is one
  (holders flagged ``insider``), and the report says so.
* **No look-ahead.** Only closes dated on or before the as-of date are used
  (the compliance timeline, the charts and the volatility of the odds alike).
* **Inputs without a source record.** A scenario built in Python or by
  ``splitcalc report --ticker`` carries no :class:`Fact`; its figures are still
  listed under "Inputs and sources" (the last close used as the price with the
  price data it came from).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..structure import CapitalStructure
from .scenario_file import Fact, Scenario

__all__ = ["StructureBasis", "closes_up_to", "implicit_facts", "load_holdings", "structure_basis"]


@dataclass(frozen=True)
class StructureBasis:
    """The capital structure a report applies, and which of its counts are unknown.

    Attributes
    ----------
    structure
        The scenario's structure, with the insiders from the holder file when
        the scenario does not give them.
    unknown
        Counts still unknown: ``"insiders"`` and/or ``"reserved"``.
    insiders_from_holders
        Insider shares read from the holder file (``None``: not taken from it).
    notes
        Sentences for the capital-structure section saying where the counts come from.
    """

    structure: CapitalStructure
    unknown: tuple[str, ...]
    insiders_from_holders: int | None
    notes: tuple[str, ...]


def structure_basis(scenario: Scenario, holdings_result: Any) -> StructureBasis:
    """The structure to apply: insiders from the holder file when the scenario leaves them out.

    ``holdings_result`` is the :class:`splitcalc.holdings.HoldingsResult` of
    the evaluated split, or ``None``. Its ``shares_before - public_shares_before``
    are the shares of holders flagged insider (officers, directors, >10%
    holders: Nasdaq's publicly held shares, Cooley PubCo 2019).
    """
    cap = scenario.structure
    unknown = list(scenario.unknown_counts)
    notes: list[str] = []
    from_holders = None
    if "insiders" in unknown and holdings_result is not None:
        t = holdings_result.totals
        insiders = int(t.shares_before) - int(t.public_shares_before)
        if insiders <= cap.outstanding:
            cap = dataclasses.replace(cap, insiders=insiders)
            unknown.remove("insiders")
            from_holders = insiders
            notes.append(
                f"Insider shares are not given in the scenario: the {insiders:,} shares of holders flagged insider "
                "in the holder file are used (publicly held shares are the rest)."
            )
        else:
            notes.append(
                f"Insider shares are not given in the scenario, and the holder file's {insiders:,} insider shares "
                f"exceed the {cap.outstanding:,} outstanding: insiders left unknown."
            )
    if "insiders" in unknown:
        notes.append(
            "Insider shares are not given, so publicly held shares and their market value are unknown: "
            "at most every outstanding share (give [structure] insiders, or a holder file with an insider column)."
        )
    if "reserved" in unknown:
        notes.append(
            "Shares reserved for issuance are not given"
            + (", so shares available for issuance are unknown." if cap.authorized is not None else ".")
        )
    return StructureBasis(cap, tuple(unknown), from_holders, tuple(notes))


def closes_up_to(prices: Any, as_of: dt.date) -> tuple[Any, str]:
    """The rows of ``prices`` dated on or before ``as_of``, and a note when later rows were dropped.

    Returns ``(None, note)`` when no row is left. A frame without a date
    index is returned as given.
    """
    import pandas as pd

    if prices is None or not isinstance(prices.index, pd.DatetimeIndex):
        return prices, ""
    cutoff = pd.Timestamp(as_of) + pd.Timedelta(days=1)
    if prices.index.tz is not None:
        cutoff = cutoff.tz_localize(prices.index.tz)
    keep = prices.index < cutoff
    dropped = int((~keep).sum())
    if not dropped:
        return prices, ""
    kept = prices[keep]
    note = (
        f"Prices: {dropped} daily row(s) after the as-of date {as_of.isoformat()} were not used "
        "(no look-ahead: the timeline, the charts and the odds use closes up to that date only)."
    )
    if len(kept) == 0:
        return None, note.replace("were not used", "were not used, leaving none")
    return kept, note


_GIVEN = "given when the report was made (no source recorded)"


def implicit_facts(scenario: Scenario, prices: Any) -> tuple[Fact, ...]:
    """Figures the scenario holds without a :class:`Fact`, as unsourced facts.

    A scenario read from a file records every figure as a Fact, so this is
    empty for it. A scenario built in Python (or by ``report --ticker``) has
    none: its share counts, price, ratio and dates are listed here so the
    report's "Inputs and sources" section is never silently empty. A price
    equal to the last close on or before the as-of date in ``prices`` is
    attributed to that close and its data source.
    """
    s = scenario
    cap = s.structure
    have = {f.key for f in s.facts}
    candidates: list[tuple[str, str, object]] = [
        ("structure.outstanding", "Shares outstanding", cap.outstanding),
        ("structure.authorized", "Shares authorised", cap.authorized),
        ("structure.treasury", "Treasury shares", cap.treasury or None),
        ("structure.reserved", "Shares reserved for issuance", cap.reserved),
        ("structure.insiders", "Shares held by insiders", cap.insiders or None),
        ("structure.price", "Price per share (pre-split)", cap.price),
        ("structure.par", "Par value per share", cap.par),
        ("structure.eps", "Earnings per share", cap.eps),
        ("structure.book_value", "Book value per share", cap.book_value),
        ("split.ratio", "Split ratio", s.ratio),
        ("split.range", "Authorised ratio range", s.ratio_range),
        ("split.announced", "Split announced", s.announced),
        ("split.approved", "Split approved by stockholders", s.approved),
        ("split.effective", "First post-split trading day", s.effective),
        ("split.target_price", "Target post-split price", s.target_price),
        ("compliance.notice_date", "Exchange deficiency notice", s.notice_date),
        ("compliance.deadline", "Compliance deadline (as stated by the company)", s.deadline),
        ("assumptions.volatility", "Annualised volatility (assumption)", s.volatility),
        ("assumptions.drift", "One-year drift after the split (assumption)", s.drift),
    ]
    out: list[Fact] = []
    for key, label, value in candidates:
        if value is None or key in have:
            continue
        fact = Fact(key, label, value, note=_GIVEN, hypothetical=s.hypothetical)
        if key == "structure.price":
            fact = _price_fact(fact, prices, s.as_of)
        out.append(fact)
    return tuple(out)


def _price_fact(fact: Fact, prices: Any, as_of: dt.date) -> Fact:
    """The price fact, attributed to the last close on or before ``as_of`` when it is that close."""
    if prices is None or "close" not in getattr(prices, "columns", ()):
        return fact
    kept, _ = closes_up_to(prices, as_of)
    if kept is None or len(kept) == 0:
        return fact
    from ..money import as_decimal

    last = kept["close"].iloc[-1]
    try:
        close = as_decimal(float(last), "close")
    except (TypeError, ValueError):
        return fact
    if not isinstance(fact.value, Decimal) or close != fact.value:
        return fact
    when = kept.index[-1]
    day = dt.date(when.year, when.month, when.day)
    source = str(getattr(prices, "attrs", {}).get("source") or "the price data given to the report")
    return dataclasses.replace(
        fact,
        source=f"last close on {day.isoformat()} ({source})",
        date=day,
        note="the last close is used as the pre-split price",
    )


def load_holdings(scenario: Scenario, given: Any) -> Any:
    """The Holdings to use: the one given to :func:`~splitcalc.analyse`, else the scenario's file, else None."""
    if given is not None:
        return given
    if scenario.holders_path is None:
        return None
    from ..holdings import Holdings

    return Holdings.from_csv(scenario.holders_path)
