"""Scenario files: one reverse-split case described in TOML, every figure sourced.

A scenario names the company, its exchange tier (a :func:`splitcalc.rules.get`
name), the as-of date, the capital structure, the split ratio (or the range a
board was authorised to choose from), the fractional-share policy and,
optionally, a holder file and a price file. The format is documented in
``data/examples/README.md``; the shipped examples live there too and are
installed with the package (:func:`example_names`, :func:`load_example`).

Every figure may be written bare (``outstanding = 39_752_812``) or as a table
carrying where it came from::

    [structure.outstanding]
    value = 39_752_812
    date = 2002-08-14
    source = "NEOT 10-Q for Q2 2002 (EDGAR acc. 0000892569-02-001844)"

Each such table becomes a :class:`Fact`, so a report can print the source of
every input and flag the ones marked ``uncertain`` or ``hypothetical``.
Money is best written as text (``"0.17"``); a TOML float is read through its
shortest repr, never used for arithmetic. Unknown keys are errors (a typo must
not silently drop a figure).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ..calendars import to_date
from ..coerce import MAX_DIGITS, as_count, as_path
from ..errors import InputError
from ..event_dates import SCENARIO_KEYS, check_event_order
from ..inputfile import read_input_bytes
from ..money import as_decimal
from ..names import check_label
from ..ratio import SplitRatio
from ..settlement import FRACTIONAL_POLICIES, PER_OLD_SHARE_BASES, PRICE_BASES
from ..structure import CapitalStructure

if TYPE_CHECKING:
    from .._types import CashPriceLike, ClosesLike

__all__ = [
    "FORMAT_VERSION",
    "Fact",
    "Scenario",
    "example_names",
    "example_path",
    "load_example",
    "load_scenario",
    "parse_scenario",
]

#: The ``format`` number this module reads.
FORMAT_VERSION: Final = 1

_NOT_REVERSE: Final = (
    "must be a reverse split (fewer shares after, e.g. 1-for-10); forward and 1-for-1 splits are not analysed"
)
_FACT_KEYS: Final = frozenset({"value", "date", "source", "note", "uncertain", "hypothetical"})
_SECTIONS: Final = {
    "": {"format", "scenario", "company", "structure", "split", "compliance", "assumptions", "data"},
    "scenario": {"name", "title", "as_of", "description", "hypothetical"},
    "company": {"name", "ticker", "exchange", "tier", "cik"},
    "structure": {"outstanding", "authorized", "treasury", "reserved", "insiders", "par", "price", "eps", "book_value"},
    "split": {
        "ratio",
        "range",
        "announced",
        "approved",
        "effective",
        "fractional",
        "authorized_policy",
        "authorized_after",
        "par_policy",
        "target_price",
        "price_basis",
        "cash_price",
        "average_days",
    },
    "compliance": {"notice_date", "deadline", "prior_splits"},
    "assumptions": {"volatility", "drift"},
    "data": {"holders", "prices"},
}
_LABELS: Final = {
    "structure.outstanding": "Shares outstanding",
    "structure.authorized": "Shares authorised",
    "structure.treasury": "Treasury shares",
    "structure.reserved": "Shares reserved for issuance",
    "structure.insiders": "Shares held by insiders",
    "structure.par": "Par value per share",
    "structure.price": "Price per share (pre-split)",
    "structure.eps": "Earnings per share",
    "structure.book_value": "Book value per share",
    "split.ratio": "Split ratio",
    "split.range": "Authorised ratio range",
    "split.announced": "Split announced",
    "split.approved": "Split approved by stockholders",
    "split.effective": "First post-split trading day",
    "split.fractional": "Fractional-share policy",
    "split.target_price": "Target post-split price",
    "split.authorized_policy": "Authorised shares after the split",
    "split.authorized_after": "Authorised shares after the split (stated)",
    "split.price_basis": "Cash-in-lieu price basis",
    "split.cash_price": "Cash-in-lieu price (per old share if theoretical, else per new share)",
    "split.average_days": "Closes averaged for the cash-in-lieu price",
    "split.par_policy": "Par value after the split",
    "compliance.notice_date": "Exchange deficiency notice",
    "compliance.deadline": "Compliance deadline (as stated by the company)",
    "assumptions.volatility": "Annualised volatility (assumption)",
    "assumptions.drift": "One-year drift after the split (assumption)",
    "data.holders": "Holder file",
    "data.prices": "Price file",
}


@dataclass(frozen=True)
class Fact:
    """One input figure and where it came from.

    Attributes
    ----------
    key
        Dotted key in the scenario file (``"structure.outstanding"``).
    label
        Human label for reports.
    value
        The parsed value (int, Decimal, date, SplitRatio, str ...).
    source
        Citation (filing, accession number, URL); empty when not given.
    date
        The date the figure refers to, if given.
    note
        Free text (how it was derived, caveats).
    uncertain
        True when the source is not confirmed (its source does not settle it: UNCERTAIN).
    hypothetical
        True for made-up figures (illustrations, not facts).
    """

    key: str
    label: str
    value: object
    source: str = ""
    date: dt.date | None = None
    note: str = ""
    uncertain: bool = False
    hypothetical: bool = False

    @property
    def status(self) -> str:
        """``"hypothetical"``, ``"uncertain"``, ``"sourced"`` or ``"unsourced"``."""
        if self.hypothetical:
            return "hypothetical"
        if self.uncertain:
            return "uncertain"
        return "sourced" if self.source else "unsourced"


@dataclass(frozen=True)
class Scenario:
    """A reverse-split case: who, where, when, the capital structure and the split.

    Build one from a file with :func:`load_scenario` / :func:`load_example`,
    or directly in Python.

    Parameters
    ----------
    company
        Company name (shown escaped in reports).
    exchange
        Rule-set name for :func:`splitcalc.rules.get` (``"nasdaq-capital-market"``).
    as_of
        The date the analysis stands on; rules in force on it apply.
    structure
        Capital structure before the split (its price is the pre-split price).
    ratio
        The split, or ``None`` when only ``ratio_range`` is known.
    ratio_range
        ``(smallest, largest)`` reverse split the board may choose.
    fractional
        Fractional-share policy: one of ``cash_in_lieu``, ``round_down``,
        ``round_up``, ``round_nearest``.
    source_path
        The scenario file it was read from (set by :func:`load_scenario` and
        :func:`load_example`; ``None`` for a scenario built in Python).
    """

    company: str
    exchange: str
    as_of: dt.date
    structure: CapitalStructure
    ratio: SplitRatio | None = None
    ratio_range: tuple[SplitRatio, SplitRatio] | None = None
    fractional: str = "cash_in_lieu"
    authorized_policy: str | int = "unchanged"
    par_policy: str = "unchanged"
    price_basis: str = "theoretical"
    cash_price: Decimal | None = None
    average_days: int | None = None
    name: str = ""
    title: str = ""
    description: str = ""
    ticker: str = ""
    tier: str = ""
    cik: str = ""
    announced: dt.date | None = None
    approved: dt.date | None = None
    effective: dt.date | None = None
    notice_date: dt.date | None = None
    deadline: dt.date | None = None
    prior_splits: tuple[tuple[dt.date, SplitRatio], ...] = ()
    target_price: Decimal | None = None
    holders_path: Path | None = None
    prices_path: Path | None = None
    volatility: Decimal | None = None
    drift: Decimal | str | None = None
    hypothetical: bool = False
    facts: tuple[Fact, ...] = ()
    origin: str = ""
    source_path: Path | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        from .. import rules

        if not str(self.company).strip():
            raise InputError("company.name", self.company, "must not be empty")
        for attr, key in _TEXT_KEYS:  # a scenario built in Python passes the door of a file's text too
            check_label(getattr(self, attr), key)
        check_label(self.origin, "scenario.origin")  # shown as the report's source line
        for f in self.facts:
            check_label(f.label, f"{f.key}.label")
            check_label(f.source, f"{f.key}.source")
            check_label(f.note, f"{f.key}.note")
        # text is parsed, as in files (the hints say SplitRatio; a script may pass "1-for-10")
        if isinstance(self.ratio, str):
            object.__setattr__(self, "ratio", SplitRatio.parse(self.ratio))
        if self.ratio_range is not None and not all(isinstance(r, SplitRatio) for r in self.ratio_range):
            object.__setattr__(self, "ratio_range", tuple(SplitRatio.parse(r) for r in self.ratio_range))
        rules.canonical(self.exchange)  # UnknownExchange now, as for --exchange, not a caveat later
        if self.ratio is None and self.ratio_range is None:
            raise InputError("split.ratio", None, "give a ratio or an authorised range")
        if self.ratio is not None and not self.ratio.is_reverse:
            raise InputError("split.ratio", str(self.ratio), _NOT_REVERSE)
        if self.ratio_range is not None and not all(r.is_reverse for r in self.ratio_range):
            raise InputError("split.range", [str(r) for r in self.ratio_range], "both ends must be reverse splits")
        if self.fractional not in FRACTIONAL_POLICIES:
            raise InputError("split.fractional", self.fractional, f"use one of {', '.join(FRACTIONAL_POLICIES)}")
        stated = not isinstance(self.authorized_policy, str)  # a stated count, read by the one door
        if stated:
            count = as_count(self.authorized_policy, "split.authorized_after", what="a whole number >= 0")
            object.__setattr__(self, "authorized_policy", count)
        for key in ("par_policy",) if stated else ("authorized_policy", "par_policy"):
            if getattr(self, key) not in ("unchanged", "proportional"):
                raise InputError(f"split.{key}", getattr(self, key), "use 'unchanged' or 'proportional'")
        if self.price_basis not in PRICE_BASES:
            raise InputError("split.price_basis", self.price_basis, f"use one of {', '.join(PRICE_BASES)}")
        if self.price_basis in ("given", "agent_sale", "post") and self.cash_price is None:
            raise InputError(
                "split.cash_price", None, f"price_basis {self.price_basis!r} needs the price per new share"
            )
        if self.price_basis == "average" and (self.average_days is None or self.effective is None):
            raise InputError(
                "split.average_days", self.average_days, "price_basis 'average' needs it and split.effective"
            )
        if self.ratio_range is not None:
            lo, hi = self.ratio_range
            if lo.magnitude > hi.magnitude:
                object.__setattr__(self, "ratio_range", (hi, lo))
                lo, hi = hi, lo
            if self.ratio is not None and not lo.magnitude <= self.ratio.magnitude <= hi.magnitude:
                raise InputError(
                    "split.ratio",
                    str(self.ratio),
                    f"is outside the authorised range split.range = {lo} to {hi}",
                )
        check_event_order(
            as_of=self.as_of,
            notice_date=self.notice_date,
            deadline=self.deadline,
            announced=self.announced,
            approved=self.approved,
            effective=self.effective,
            prior_splits=self.prior_splits,
            keys=SCENARIO_KEYS,
        )

    @property
    def display_title(self) -> str:
        """The title, or one made from the company and the ratio."""
        if self.title:
            return self.title
        return f"{self.company}: {self.evaluated_ratio_text} reverse split"

    @property
    def evaluated_ratio_text(self) -> str:
        """``"1-for-25"``, or ``"1-for-5 to 1-for-30"`` for a range."""
        if self.ratio is not None:
            return str(self.ratio)
        assert self.ratio_range is not None
        return f"{self.ratio_range[0]} to {self.ratio_range[1]}"

    @property
    def input_paths(self) -> tuple[Path, ...]:
        """The files this scenario was read from: the scenario file, its price and holder files.

        Never write over one of them (:meth:`splitcalc.Report.save` and the
        command line refuse to).
        """
        return tuple(p for p in (self.source_path, self.prices_path, self.holders_path) if p is not None)

    @property
    def unknown_counts(self) -> tuple[str, ...]:
        """Share counts the scenario does not give: ``"insiders"`` and/or ``"reserved"``.

        :class:`~splitcalc.structure.CapitalStructure` holds 0 insiders and no
        reserve unless told otherwise, so a missing figure would read as 0. A
        report shows these counts as unknown instead (or takes the insiders
        from the holder file, saying so). A count is known when the file gives
        it (``insiders = 0`` states a zero) or, for a scenario built in Python,
        when the structure holds a value other than the default or the
        scenario lists a :class:`Fact` for it.

        >>> load_example("neotherapeutics-2002").unknown_counts
        ('insiders', 'reserved')
        """
        cap = self.structure
        out = []
        if self.fact("structure.insiders") is None and cap.insiders == 0:
            out.append("insiders")
        if self.fact("structure.reserved") is None and cap.reserved is None and not (cap.options or cap.convertibles):
            out.append("reserved")
        return tuple(out)

    def cash_price_options(self, closes: ClosesLike | None = None) -> dict[str, Any]:
        """Keyword arguments for :meth:`splitcalc.Holdings.apply` stating the cash-in-lieu price.

        ``price`` is ``split.cash_price`` or, for a theoretical price, the
        structure's pre-split price; for ``average`` it is ``closes`` (the
        price file's closes). ``price_source`` is the source given with
        ``split.cash_price``. Pass ``price`` as ``cash_price=`` to
        :meth:`splitcalc.CapitalStructure.apply`.
        """
        price: CashPriceLike | None = self.cash_price
        if self.price_basis == "average":
            price = closes
        elif price is None and self.price_basis in PER_OLD_SHARE_BASES:
            price = self.structure.price
        f = self.fact("split.cash_price")
        return {
            "price": price,
            "price_basis": self.price_basis,
            "price_source": (f.source or None) if f is not None else None,
            "effective_date": self.effective,
            "average_days": self.average_days,
        }

    def fact(self, key: str) -> Fact | None:
        """The sourced input with this dotted key, if the file gave one."""
        for f in self.facts:
            if f.key == key:
                return f
        return None


#: ``(attribute, scenario key)`` of a scenario's free text.
_TEXT_KEYS = (
    ("company", "company.name"),
    ("name", "scenario.name"),
    ("title", "scenario.title"),
    ("description", "scenario.description"),
    ("ticker", "company.ticker"),
    ("tier", "company.tier"),
    ("cik", "company.cik"),
)


# ----------------------------------------------------------------- loading
def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario TOML file.

    Relative ``[data]`` paths are resolved against the file's folder.

    Raises
    ------
    InputError
        The file is missing, is not TOML, or a key is unknown, missing or invalid
        (the message names the key, e.g. ``structure.outstanding``).
    """
    p = as_path(path, "scenario").expanduser()
    raw = read_input_bytes(p, "scenario", param_name="scenario")
    scenario = _parse_bytes(raw, origin=str(p), base=p.resolve().parent)
    return replace(scenario, source_path=p)


def _parse_bytes(raw: bytes, *, origin: str, base: Path | Traversable | None) -> Scenario:
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is accepted, as in CSV files
    except UnicodeDecodeError:
        raise InputError("scenario", origin, "is not UTF-8 text") from None
    depth = _nesting_depth(text)
    if depth > MAX_TOML_DEPTH:
        raise InputError(
            "scenario", origin, f"nests arrays or tables {depth} deep; a scenario needs at most {MAX_TOML_DEPTH}"
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError("scenario", origin, f"is not valid TOML ({exc})") from None
    except ValueError:  # tomllib's int() of a 4,300+ digit integer: past the bounds of splitcalc.coerce anyway
        too_long = f"has an integer over 4,300 digits; numbers have at most {MAX_DIGITS}"
        raise InputError("scenario", origin, too_long) from None
    return parse_scenario(data, base=base, origin=origin)


#: Deepest nesting of ``[`` / ``{`` a scenario file may use (the format needs 3:
#: ``[compliance]`` > ``prior_splits = [...]`` > ``{date, ratio}``). Checked before
#: parsing, as :mod:`tomllib` recurses once per level.
MAX_TOML_DEPTH = 16


#: Strings and comments (skipped), and the brackets that nest, in TOML text.
_TOML_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]',
    re.DOTALL,
)


def _nesting_depth(text: str) -> int:
    """The deepest nesting of arrays and inline tables in TOML ``text`` (strings and comments skipped).

    A table header ``[a.b]`` or ``[[a]]`` counts as one or two levels, which
    only makes the bound stricter by one.

    >>> _nesting_depth('a = [[1], {b = "[[["}]  # ]]]')
    2
    """
    depth = deepest = 0
    for match in _TOML_TOKENS.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth = max(depth - 1, 0)
    return deepest


def parse_scenario(data: Mapping[str, Any], *, base: Path | Traversable | None = None, origin: str = "") -> Scenario:
    """Build a :class:`Scenario` from parsed TOML (a dict), validating every key."""
    if not isinstance(data, Mapping):
        raise InputError("scenario", type(data).__name__, "must be a mapping of TOML tables (tomllib.load's result)")
    _check_keys(data, "")
    fmt = data.get("format", FORMAT_VERSION)
    if fmt != FORMAT_VERSION:
        raise InputError("format", fmt, f"this splitcalc reads scenario format {FORMAT_VERSION}")
    for section in _SECTIONS[""] - {"format"}:
        if section in data and not isinstance(data[section], Mapping):
            raise InputError(section, data[section], "must be a table ([section])")
        if section in data:
            _check_keys(data[section], section)
    scen = data.get("scenario", {})
    company = data.get("company", {})
    structure = data.get("structure", {})
    split = data.get("split", {})
    compliance = data.get("compliance", {})
    files = data.get("data", {})
    assumptions = data.get("assumptions", {})

    facts: list[Fact] = []
    hypothetical = _bool(scen.get("hypothetical", False), "scenario.hypothetical")

    def fact(section: Mapping[str, Any], prefix: str, key: str, convert: Any) -> Any:
        if key not in section:
            return None
        f = _read_fact(section[key], f"{prefix}.{key}", convert)
        if hypothetical and not f.hypothetical:
            f = Fact(f.key, f.label, f.value, f.source, f.date, f.note, f.uncertain, True)
        facts.append(f)
        return f.value

    name = _text(company.get("name"), "company.name", required=True)
    exchange = _text(company.get("exchange"), "company.exchange", required=True)
    as_of = _date(scen.get("as_of"), "scenario.as_of", required=True)
    assert as_of is not None

    outstanding = fact(structure, "structure", "outstanding", _shares)
    if outstanding is None:
        raise InputError("structure.outstanding", None, "is required")
    counts = {k: fact(structure, "structure", k, _shares) for k in ("authorized", "treasury", "reserved", "insiders")}
    amounts = {k: fact(structure, "structure", k, _money) for k in ("par", "price")}
    amounts |= {k: fact(structure, "structure", k, _signed_money) for k in ("eps", "book_value")}
    cap = CapitalStructure(
        outstanding=outstanding,
        authorized=counts["authorized"],
        treasury=counts["treasury"] or 0,
        reserved=counts["reserved"],
        insiders=counts["insiders"] or 0,
        par=amounts["par"],
        price=amounts["price"],
        eps=amounts["eps"],
        book_value=amounts["book_value"],
        name=name,
    )

    ratio = fact(split, "split", "ratio", _reverse_ratio)
    ratio_range = fact(split, "split", "range", _ratio_range)
    fractional = fact(split, "split", "fractional", _plain_text)
    prior = compliance.get("prior_splits", [])
    if not isinstance(prior, list):
        raise InputError("compliance.prior_splits", prior, "must be a list of {date, ratio} tables")
    prior_splits = tuple(_prior_split(item, i) for i, item in enumerate(prior))

    return Scenario(
        company=name,
        exchange=exchange,
        as_of=as_of,
        structure=cap,
        ratio=ratio,
        ratio_range=ratio_range,
        fractional=fractional or "cash_in_lieu",
        authorized_policy=_authorized(
            fact(split, "split", "authorized_policy", _plain_text), fact(split, "split", "authorized_after", _shares)
        ),
        price_basis=fact(split, "split", "price_basis", _plain_text) or "theoretical",
        cash_price=fact(split, "split", "cash_price", _money),
        average_days=fact(split, "split", "average_days", _shares),
        par_policy=fact(split, "split", "par_policy", _plain_text) or "unchanged",
        name=_text(scen.get("name"), "scenario.name"),
        title=_text(scen.get("title"), "scenario.title"),
        description=_text(scen.get("description"), "scenario.description"),
        ticker=_text(company.get("ticker"), "company.ticker"),
        tier=_text(company.get("tier"), "company.tier"),
        cik=_text(company.get("cik"), "company.cik"),
        announced=fact(split, "split", "announced", _plain_date),
        approved=fact(split, "split", "approved", _plain_date),
        effective=fact(split, "split", "effective", _plain_date),
        notice_date=fact(compliance, "compliance", "notice_date", _plain_date),
        deadline=fact(compliance, "compliance", "deadline", _plain_date),
        prior_splits=prior_splits,
        target_price=fact(split, "split", "target_price", _money),
        holders_path=_data_path(fact(files, "data", "holders", _path_text), "data.holders", base),
        prices_path=_data_path(fact(files, "data", "prices", _path_text), "data.prices", base),
        volatility=fact(assumptions, "assumptions", "volatility", _positive_number),
        drift=fact(assumptions, "assumptions", "drift", _drift),
        hypothetical=hypothetical,
        facts=tuple(facts),
        origin=origin,
    )


# --------------------------------------------------------------- examples
def _examples_dir() -> Traversable | Path:
    """Installed ``splitcalc/examples`` or, in a source checkout, ``data/examples``."""
    installed = resources.files("splitcalc") / "examples"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "data" / "examples"


def example_names() -> tuple[str, ...]:
    """Names of the built-in example scenarios.

    >>> "neotherapeutics-2002" in example_names()
    True
    """
    folder = _examples_dir()
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")))


def example_path(name: str) -> Traversable | Path:
    """The built-in scenario file called ``name`` (with or without ``.toml``)."""
    stem = str(name).removesuffix(".toml")
    known = example_names()
    if stem not in known:  # a name, never a path: "../my.toml" or "/tmp/x" is not an example
        listed = ", ".join(known) or "none installed"
        raise InputError("example", name, f"no such built-in example (give a name, not a path); known: {listed}")
    return _examples_dir() / f"{stem}.toml"


def load_example(name: str) -> Scenario:
    """Load a built-in example scenario by name (``"neotherapeutics-2002"``).

    >>> load_example("neotherapeutics-2002").structure.outstanding
    39752812
    """
    path = example_path(name)
    base = path.parent if isinstance(path, Path) else _examples_dir()
    scenario = _parse_bytes(path.read_bytes(), origin=f"example {str(name).removesuffix('.toml')}", base=base)
    return replace(scenario, source_path=path) if isinstance(path, Path) else scenario


# ---------------------------------------------------------------- parsers
def _check_keys(table: Mapping[str, Any], prefix: str) -> None:
    allowed = _SECTIONS[prefix]
    for key in table:
        if key not in allowed:
            where = f"{prefix}.{key}" if prefix else key
            raise InputError(where, table[key], f"unknown key; allowed here: {', '.join(sorted(allowed))}")


def _read_fact(raw: Any, key: str, convert: Any) -> Fact:
    label = _LABELS.get(key, key)
    if isinstance(raw, Mapping):
        for k in raw:
            if k not in _FACT_KEYS:
                raise InputError(f"{key}.{k}", raw[k], f"unknown key; allowed: {', '.join(sorted(_FACT_KEYS))}")
        if "value" not in raw:
            raise InputError(f"{key}.value", None, "is required in a sourced figure")
        return Fact(
            key=key,
            label=label,
            value=convert(raw["value"], key),
            source=_text(raw.get("source"), f"{key}.source"),
            date=_date(raw.get("date"), f"{key}.date"),
            note=_text(raw.get("note"), f"{key}.note"),
            uncertain=_bool(raw.get("uncertain", False), f"{key}.uncertain"),
            hypothetical=_bool(raw.get("hypothetical", False), f"{key}.hypothetical"),
        )
    return Fact(key=key, label=label, value=convert(raw, key))


def _text(value: Any, key: str, *, required: bool = False) -> str:
    if value is None:
        if required:
            raise InputError(key, None, "is required")
        return ""
    if not isinstance(value, str):
        raise InputError(key, value, "must be text")
    check_label(value, key)
    if required and not value.strip():
        raise InputError(key, value, "must not be empty")
    return value.strip()


def _plain_text(value: Any, key: str) -> str:
    return _text(value, key, required=True)


def _bool(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(key, value, "must be true or false")
    return value


def _date(value: Any, key: str, *, required: bool = False) -> dt.date | None:
    if value is None:
        if required:
            raise InputError(key, None, "is required (YYYY-MM-DD)")
        return None
    try:
        return to_date(value, key)
    except InputError:
        raise InputError(key, value, "must be a date (YYYY-MM-DD)") from None


def _authorized(policy: str | None, after: int | None) -> str | int:
    """``split.authorized_after`` (a stated count) or ``split.authorized_policy``, not both."""
    if after is None:
        return policy or "unchanged"
    if policy is not None:
        raise InputError("split.authorized_after", after, "give it or split.authorized_policy, not both")
    return after


def _plain_date(value: Any, key: str) -> dt.date:
    d = _date(value, key, required=True)
    assert d is not None
    return d


def _shares(value: Any, key: str) -> int:
    return as_count(value, key, what="a whole number of shares >= 0")  # "1,234" yes; "12,5" no (GROUPING_HINT)


def _money(value: Any, key: str) -> Decimal:
    if isinstance(value, bool):
        raise InputError(key, value, 'must be an amount such as "0.17"')
    d = as_decimal(value, key)
    if d < 0:
        raise InputError(key, value, "must be >= 0")
    return d


def _signed_money(value: Any, key: str) -> Decimal:
    if isinstance(value, bool):
        raise InputError(key, value, 'must be an amount such as "-0.35"')
    return as_decimal(value, key)


def _positive_number(value: Any, key: str) -> Decimal:
    d = _money(value, key)
    if d <= 0:
        raise InputError(key, value, "must be positive (0.9 = 90% a year)")
    return d


def _drift(value: Any, key: str) -> Decimal | str:
    if isinstance(value, str) and not value.strip().lstrip("+-").replace(".", "", 1).isdecimal():
        return value.strip()  # an evidence name (splitcalc.scenarios.EVIDENCE)
    if isinstance(value, bool):
        raise InputError(key, value, "must be a one-year return such as -0.1076, or an evidence name")
    return as_decimal(value, key)


def _ratio(value: Any, key: str) -> SplitRatio:
    try:
        return SplitRatio.parse(value)
    except InputError as exc:
        raise InputError(key, value, exc.reason) from None


def _reverse_ratio(value: Any, key: str) -> SplitRatio:
    ratio = _ratio(value, key)
    if not ratio.is_reverse:
        raise InputError(key, value, _NOT_REVERSE)
    return ratio


def _ratio_range(value: Any, key: str) -> tuple[SplitRatio, SplitRatio]:
    if not isinstance(value, list) or len(value) != 2:
        raise InputError(key, value, 'must be two ratios, e.g. ["1-for-5", "1-for-30"]')
    lo, hi = (_ratio(v, key) for v in value)
    if not (lo.is_reverse and hi.is_reverse):
        raise InputError(key, value, "both ends must be reverse splits")
    return (lo, hi) if lo.magnitude <= hi.magnitude else (hi, lo)


def _prior_split(item: Any, index: int) -> tuple[dt.date, SplitRatio]:
    key = f"compliance.prior_splits[{index}]"
    if not isinstance(item, Mapping) or set(item) - {"date", "ratio", "source"} or {"date", "ratio"} - set(item):
        raise InputError(key, item, "must be a table with date, ratio (and optional source)")
    return _plain_date(item["date"], f"{key}.date"), _ratio(item["ratio"], f"{key}.ratio")


def _path_text(value: Any, key: str) -> str:
    return _text(value, key, required=True)


def _data_path(value: Any, key: str, base: Path | Traversable | None) -> Path | None:
    text = _text(value, key)
    if not text:
        return None
    p = Path(text).expanduser()
    if not p.is_absolute() and base is not None:
        p = Path(str(base)) / p
    if not p.is_file():
        raise InputError(key, text, f"no such file (looked for {p})")
    return p
