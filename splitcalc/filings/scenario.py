"""From the terms a filing states to the :class:`~splitcalc.analysis.scenario_file.Scenario` a report takes.

Every value read from the text becomes a :class:`~splitcalc.analysis.scenario_file.Fact`
whose source is the quote it was read from; every value the caller gives
(``price=``, ``outstanding=`` ...) is marked as given. Figures the analysis
needs that are neither in the text nor given are listed in one
:class:`MissingFigures` error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, TypedDict, Unpack

from ..coerce import as_count, as_path
from ..errors import InputError
from ..money import as_decimal
from ..ratio import SplitRatio

if TYPE_CHECKING:
    from .._types import CountLike, DateLike, MoneyLike, PathLike, RatioLike
    from ..analysis.scenario_file import Fact, Scenario
    from .result import Found, SplitTerms

__all__ = ["GIVEN", "GivenFigures", "MissingFigures", "to_scenario"]

#: Keywords :func:`to_scenario` accepts, with the command-line flag that gives each.
GIVEN: Final = {
    "price": "--price",
    "outstanding": "--outstanding",
    "authorized": "--authorized",
    "exchange": "--exchange",
    "as_of": "--as-of",
    "company": "--name",
    "ticker": "--ticker",
    "ratio": "--ratio",
    "source": "",
    "path": "",
}


class MissingFigures(InputError):
    """Figures the analysis needs that the filing does not state and the caller did not give.

    Attributes
    ----------
    missing
        ``(keyword, why)`` pairs, e.g. ``("price", "the pre-split price per share")``.
    """

    def __init__(self, missing: tuple[tuple[str, str], ...]) -> None:
        self.missing = missing
        listed = "; ".join(f"{key} ({why}; give {key}= or {GIVEN[key]})" for key, why in missing)
        super().__init__("filing", None, f"the analysis needs figures the filing does not state: {listed}")
        self.args = (f"filing: the analysis needs figures the filing does not state: {listed}",)


def _fact(key: str, label: str, found: Found[Any], origin: str, *, value: Any = None) -> Fact:
    from ..analysis.scenario_file import Fact

    quote = " ".join(found.quote.split())
    return Fact(
        key,
        label,
        found.value if value is None else value,
        source=f'{origin}: "{quote}"',
        note=f"read from the filing's text (confidence {found.confidence:.2f})",
    )


def _given(key: str, label: str, value: Any, keyword: str) -> Fact:
    from ..analysis.scenario_file import Fact

    flag = GIVEN[keyword]
    how = f"{keyword}=" + (f" / {flag}" if flag else "")
    return Fact(key, label, value, note=f"given ({how}); not read from the filing")


def _exchange(terms: SplitTerms, given: Any) -> tuple[str | None, str]:
    """The rule set, and why it is missing when it is."""
    from .. import rules

    if given is not None:
        return rules.canonical(str(given)), ""
    if terms.exchange_tier is not None:
        return terms.exchange_tier.value, ""
    venue = terms.value("exchange")
    if venue in ("nyse", "nyse-american"):
        return str(venue), ""
    if venue == "nasdaq":
        return None, "the filing names Nasdaq but not its market tier, e.g. nasdaq-capital or nasdaq-national-market"
    return None, "the listing venue and tier, a splitcalc rule set such as nasdaq-capital"


def _as_of(terms: SplitTerms) -> Found[dt.date] | None:
    """The day the analysis stands on: the meeting, else the effective date, else the board's or the announcement."""
    for name in ("meeting_date", "effective_date", "first_trading_day", "board_approval", "announced"):
        found: Found[dt.date] | None = getattr(terms, name)
        if found is not None:
            return found
    return None


class GivenFigures(TypedDict, total=False):
    """The keywords of :func:`to_scenario`: figures the caller gives (each read by :mod:`splitcalc.coerce`)."""

    price: MoneyLike
    outstanding: CountLike
    authorized: CountLike
    exchange: str
    as_of: DateLike
    company: str
    ticker: str
    ratio: RatioLike
    source: str
    path: PathLike


def to_scenario(terms: SplitTerms, **figures: Unpack[GivenFigures]) -> Scenario:
    """Build the report's :class:`~splitcalc.analysis.scenario_file.Scenario` from ``terms`` and what the caller gives.

    Parameters
    ----------
    terms
        What :func:`splitcalc.filings.extract` read.
    **figures
        Figures the text lacks or that the caller overrides: ``price``
        (pre-split price), ``outstanding``, ``authorized``, ``exchange`` (a
        rule set, :func:`splitcalc.rules.canonical`), ``as_of``, ``company``,
        ``ticker``, ``ratio`` (one ratio, within an authorised range); and
        ``source`` (how to name the filing in quotes, default ``"filing"``),
        ``path`` (the filing's file, never to be overwritten by a report).

    The as-of date, unless given, is the first the text states of: the
    meeting date, the effective date, the first split-adjusted trading day,
    the board's approval, the announcement. An authorised range becomes the
    scenario's range, so the report sweeps it. A fractional-share policy the
    text does not state is the scenario default (cash in lieu), marked
    uncertain.

    Raises
    ------
    MissingFigures
        Figures the analysis needs (company, exchange, as-of date, shares
        outstanding, price, a ratio or range) are neither in the text nor given.
    InputError
        An unknown keyword; a forward split; a ratio the text states two ways.
    """
    from ..analysis.scenario_file import Fact, Scenario
    from ..structure import CapitalStructure

    given: dict[str, Any] = dict(figures)  # read key by key below; an unknown key is refused at run time too
    unknown = set(given) - set(GIVEN)
    if unknown:
        raise InputError(sorted(unknown)[0], given[sorted(unknown)[0]], f"unknown; use {', '.join(GIVEN)}")
    origin = str(given.get("source") or "filing")
    facts: list[Fact] = []
    missing: list[tuple[str, str]] = []

    def pick(keyword: str, found: Found[Any] | None, key: str, label: str, convert: Any = None) -> Any:
        value = given.get(keyword)
        if value is not None:
            value = convert(value) if convert else value
            facts.append(_given(key, label, value, keyword))
            return value
        if found is not None:
            facts.append(_fact(key, label, found, origin))
            return found.value
        return None

    company = pick("company", terms.company, "company.name", "Company")
    if not company:
        missing.append(("company", "the company's name"))
    ticker = pick("ticker", terms.ticker, "company.ticker", "Ticker") or ""
    exchange, why_exchange = _exchange(terms, given.get("exchange"))
    if exchange is None:
        missing.append(("exchange", why_exchange))
    elif given.get("exchange") is not None:
        facts.append(_given("company.exchange", "Exchange tier (rule set)", exchange, "exchange"))
    else:
        found_ex = terms.exchange_tier or terms.exchange
        assert found_ex is not None
        facts.append(_fact("company.exchange", "Exchange tier (rule set)", found_ex, origin, value=exchange))
    as_of = pick("as_of", _as_of(terms), "scenario.as_of", "As of", _date)
    if as_of is None:
        missing.append(("as_of", "the date the analysis stands on; the filing states no meeting or effective date"))
    outstanding = pick(
        "outstanding", terms.outstanding_before, "structure.outstanding", "Shares outstanding", _shares("outstanding")
    )
    if outstanding is None:
        missing.append(("outstanding", "shares outstanding before the split"))
    price = pick("price", None, "structure.price", "Price per share (pre-split)", _price)
    if price is None:
        missing.append(("price", "the pre-split price per share"))
    authorized = pick(
        "authorized", terms.authorized_before, "structure.authorized", "Shares authorised", _shares("authorized")
    )
    par = pick("par", terms.par_value, "structure.par", "Par value per share", Decimal)
    ratio, ratio_range = _split(terms, given, origin, facts)
    if ratio is None and ratio_range is None:
        missing.append(("ratio", "the split ratio or the authorised range"))
    if missing:
        raise MissingFigures(tuple(missing))

    dates: dict[str, dt.date | None] = {"announced": None, "approved": None, "effective": None}
    for attr, name, key, label in (
        ("announced", "announced", "split.announced", "Split announced"),
        ("approved", "meeting_date", "split.approved", "Split approved by stockholders"),
        ("effective", "first_trading_day", "split.effective", "First post-split trading day"),
    ):
        found = getattr(terms, name)
        if found is None or (attr == "approved" and terms.value("vote_result") != "approved"):
            continue
        dates[attr] = found.value
        facts.append(_fact(key, label, found, origin))
    compliance: dict[str, dt.date | None] = {}
    for attr, name, key, label in (
        ("notice_date", "deficiency_notice_date", "compliance.notice_date", "Exchange deficiency notice"),
        ("deadline", "deficiency_deadline", "compliance.deadline", "Compliance deadline (as stated by the company)"),
    ):
        found = getattr(terms, name)
        compliance[attr] = None if found is None else found.value
        if found is not None:
            facts.append(_fact(key, label, found, origin))
    fractional = "cash_in_lieu"
    if terms.fractional is not None:
        fractional = terms.fractional.value
        facts.append(_fact("split.fractional", "Fractional-share policy", terms.fractional, origin))
    else:
        facts.append(
            Fact(
                "split.fractional",
                "Fractional-share policy",
                fractional,
                uncertain=True,
                note="not stated in the filing: cash in lieu assumed (the scenario default)",
            )
        )
    authorized_policy = "unchanged"
    if terms.authorized_treatment is not None and terms.authorized_treatment.value in ("unchanged", "proportional"):
        authorized_policy = terms.authorized_treatment.value
        facts.append(
            _fact("split.authorized_policy", "Authorised shares after the split", terms.authorized_treatment, origin)
        )
    name = str(company)
    cap = CapitalStructure(outstanding=outstanding, authorized=authorized, par=par, price=price, name=name)
    path = given.get("path")
    source_path = None if path is None else as_path(path, "path")
    return Scenario(
        company=name,
        exchange=str(exchange),
        as_of=as_of,
        structure=cap,
        ratio=ratio,
        ratio_range=ratio_range,
        fractional=fractional,
        authorized_policy=authorized_policy,
        name=_slug(f"{name}-{as_of.year}"),
        description=_description(terms),
        ticker=str(ticker).upper(),
        announced=dates["announced"],
        approved=dates["approved"],
        effective=dates["effective"],
        notice_date=compliance["notice_date"],
        deadline=compliance["deadline"],
        facts=tuple(facts),
        origin=f"terms read from the filing {origin}",
        source_path=source_path,
    )


def _split(
    terms: SplitTerms, given: Mapping[str, Any], origin: str, facts: list[Fact]
) -> tuple[SplitRatio | None, tuple[SplitRatio, SplitRatio] | None]:
    ratio: SplitRatio | None = None
    if given.get("ratio") is not None:
        ratio = SplitRatio.parse(given["ratio"])
        facts.append(_given("split.ratio", "Split ratio", ratio, "ratio"))
    elif terms.ratio is not None:
        ratio = terms.ratio.value
        facts.append(_fact("split.ratio", "Split ratio", terms.ratio, origin))
    elif (amb := terms.ambiguity("ratio")) is not None:
        why = f"the filing states more than one ratio ({amb}); give ratio= or {GIVEN['ratio']}"
        raise InputError("ratio", list(amb.values), why)
    ratio_range = None if terms.ratio_range is None else terms.ratio_range.value
    if ratio_range is not None and terms.ratio_range is not None:
        facts.append(_fact("split.range", "Authorised ratio range", terms.ratio_range, origin))
    for r in (ratio, *(ratio_range or ())):
        if r is not None and not r.is_reverse:
            raise InputError("ratio", str(r), "is not a reverse split; the analysis covers reverse splits only")
    return ratio, ratio_range


def _description(terms: SplitTerms) -> str:
    said = []
    for name, what in (
        ("record_date", "record date"),
        ("meeting_date", "stockholders' meeting"),
        ("vote_result", "vote"),
        ("effective_date", "effective"),
        ("new_cusip", "new CUSIP"),
    ):
        found = getattr(terms, name)
        if found is not None:
            said.append(f"{what}: {found.display}")
    if terms.financing_approvals is not None:
        said.append("stockholder approval in advance for financings also sought")
    return "Terms read from a filing" + (" (" + "; ".join(said) + ")." if said else ".")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "filing"


def _date(value: Any) -> dt.date:
    from ..calendars import to_date

    return to_date(value, "as_of")


def _shares(keyword: str) -> Callable[[object], int]:
    """The reader of the share count ``keyword=``: the input door's count (numpy integers yes, bools no)."""
    return lambda value: as_count(value, keyword, what="a whole number of shares >= 0")


def _price(value: Any) -> Decimal:
    d = as_decimal(value, "price")
    if d <= 0:
        raise InputError("price", value, "must be positive")
    return d
