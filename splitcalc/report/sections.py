"""Section builders that need only the scenario's core figures (always present).

Each builder takes the report's inputs and returns a :class:`Section`. The
sections that need more data (holders, rules and compliance, ratio sweep and
odds) are built in :mod:`~splitcalc.report.holders`,
:mod:`~splitcalc.report.listing`, :mod:`~splitcalc.report.timeline`,
:mod:`~splitcalc.report.ratio_choice` and :mod:`~splitcalc.report.odds`, and
are left out when that data is missing.
"""

from __future__ import annotations

from decimal import Decimal

from ..analysis.scenario_file import Fact, Scenario
from ..money import keep_cents
from ..ratio import SplitRatio
from ..structure import TWENTY_PERCENT_CITE, SplitEffect
from .formatting import cell, dollars
from .parts import Section, Table

__all__ = ["capital_structure", "fact_text", "per_share", "sources", "split_terms"]

#: Rows of :meth:`SplitEffect.rows` that count shares (the rest are per-share).
SHARE_ROWS = (
    "Shares outstanding",
    "Shares authorized",
    "Shares reserved",
    "Treasury shares",
    "Insider shares",
    "Publicly held shares",
    "Available for issuance",
    "20% issuance threshold",
)
_PERCENT_KEYS = ("assumptions.volatility", "assumptions.drift")
_MONEY_KEYS = ("structure.price", "structure.par", "structure.eps", "structure.book_value", "split.target_price")


def fact_text(f: Fact) -> str:
    """A fact's value as display text (dollars for money, ranges spelled out)."""
    v = f.value
    if f.key in _MONEY_KEYS and isinstance(v, Decimal):
        return dollars(v)
    if f.key in _PERCENT_KEYS and isinstance(v, Decimal):  # 1.00 is 100% a year, not "1"
        return f"{v * 100:,f}".rstrip("0").rstrip(".") + "% a year"
    if isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, SplitRatio) for x in v):
        return f"{v[0]} to {v[1]}"
    if f.key == "split.fractional":
        return str(v).replace("_", " ")
    return cell(v)


def _flag(f: Fact | None) -> str:
    if f is None:
        return ""
    return {"hypothetical": "hypothetical", "uncertain": "UNCERTAIN", "unsourced": "no source given"}.get(f.status, "")


def split_terms(s: Scenario, ratio: SplitRatio, ratio_note: str) -> Section:
    """The split's terms: who, where, when, which ratio, which policies."""
    rows: list[tuple[object, ...]] = [
        ("Company", s.company + (f" ({s.ticker})" if s.ticker else ""), ""),
        ("Exchange tier", s.tier or s.exchange, f"rule set {s.exchange!r}"),
        ("As of", s.as_of, "rules in force on this date apply"),
    ]
    if s.ratio_range is not None:
        rows.append(
            ("Authorised ratio range", f"{s.ratio_range[0]} to {s.ratio_range[1]}", _flag(s.fact("split.range")))
        )
    rows.append(("Ratio evaluated", str(ratio), ratio_note or _flag(s.fact("split.ratio"))))
    rows.append(("Old shares per new share", cell(ratio.price_multiplier), "price multiplier"))
    for key, label in (
        ("split.announced", "Announced"),
        ("split.approved", "Approved by stockholders"),
        ("split.effective", "First post-split trading day"),
    ):
        f = s.fact(key)
        if f is not None:
            rows.append((label, f.value, _flag(f)))
    frac = s.fact("split.fractional")
    rows.append(
        ("Fractional shares", s.fractional.replace("_", " "), _flag(frac) or ("default" if frac is None else ""))
    )
    if isinstance(s.authorized_policy, int):
        rows.append(
            ("Authorised shares", f"{s.authorized_policy:,} after the split", _flag(s.fact("split.authorized_after")))
        )
    else:
        rows.append(
            (
                "Authorised shares",
                s.authorized_policy,
                "unchanged (as NeuroBo kept 100,000,000 in its 2022 split) or reduced in the same ratio "
                "(as comScore proposed)",
            )
        )
    cash_fact = s.fact("split.cash_price")
    cash_value = {"average": f"average of {s.average_days} closes before the effective date"}.get(
        s.price_basis, "pre-split price x old/new" if s.cash_price is None else f"${keep_cents(s.cash_price):,}"
    )
    cash_note = "default" if cash_fact is None else "; ".join(x for x in (_flag(cash_fact), cash_fact.source) if x)
    rows.append(("Cash-in-lieu price", f"{s.price_basis}: {cash_value}", cash_note))
    rows.append(("Par value", s.par_policy, ""))
    for key, label in (
        ("compliance.notice_date", "Exchange deficiency notice"),
        ("compliance.deadline", "Compliance deadline (as stated)"),
    ):
        f = s.fact(key)
        if f is not None:
            rows.append((label, f.value, _flag(f)))
    for d, r in s.prior_splits:
        rows.append(("Earlier split", f"{r} on {d.isoformat()}", ""))
    paragraphs = (s.description,) if s.description else ()
    if s.hypothetical:
        paragraphs = ("HYPOTHETICAL SCENARIO: the company and its figures are made up for illustration.", *paragraphs)
    return Section(
        key="terms",
        title="Split terms",
        paragraphs=paragraphs,
        tables=(Table(("Item", "Value", "Note"), tuple(rows)),),
        source="splitcalc.analysis.scenario_file",
    )


def _change(before: object, after: object) -> object:
    if isinstance(before, int | Decimal) and isinstance(after, int | Decimal) and not isinstance(before, bool):
        if isinstance(before, Decimal) or isinstance(after, Decimal):
            from ..money import exact_difference

            return exact_difference(after, before)  # every digit, as the figures it compares
        return after - before
    return ""


#: Rows that depend on a count the scenario may not give (``Scenario.unknown_counts``).
_DEPENDS_ON = {
    "Insider shares": "insiders",
    "Publicly held shares": "insiders",
    "Market value of public float": "insiders",
    "Shares reserved": "reserved",
    "Available for issuance": "reserved",
}
_UNKNOWN_NOTES = {
    "Insider shares": "not given in the scenario",
    "Publicly held shares": "insiders not given: at most the shares outstanding",
    "Market value of public float": "insiders not given: at most the market capitalisation",
    "Shares reserved": "not given in the scenario",
    "Available for issuance": "reserved shares not given: at most authorized - outstanding",
}
UNKNOWN = "unknown"


def _rows(effect: SplitEffect, unknown: tuple[str, ...]) -> list[tuple[str, object, object, str]]:
    """``effect.rows()`` with the figures that rest on an unknown count shown as unknown, not 0."""
    out: list[tuple[str, object, object, str]] = []
    for metric, before, after, note in effect.rows():
        if _DEPENDS_ON.get(metric) in unknown:
            out.append((metric, UNKNOWN, UNKNOWN, _UNKNOWN_NOTES[metric]))
        else:
            out.append((metric, before, after, note))
    return out


def capital_structure(
    effect: SplitEffect,
    *,
    holder_shares_after: int | None = None,
    holder_public_after: int | None = None,
    unknown: tuple[str, ...] = (),
    basis_notes: tuple[str, ...] = (),
) -> Section:
    """Share counts before and after, headroom for issuance and the 20% threshold.

    ``unknown`` names the counts the scenario does not give (shown as
    unknown, with the figures that rest on them); ``basis_notes`` say where
    the counts come from (:func:`splitcalc.report.inputs.structure_basis`).
    """
    rows = []
    for metric, before, after, note in _rows(effect, unknown):
        if metric not in SHARE_ROWS:
            continue
        rows.append((metric, before, after, _change(before, after), note))
    notes = [
        f"Exact post-split entitlement: {cell(effect.outstanding_entitlement)} shares "
        f"({effect.before.outstanding:,} x {effect.ratio.factor}).",
        f"The 20% threshold is {TWENTY_PERCENT_CITE}: issuing that many shares or more below the Minimum "
        "Price needs a stockholder vote; a reverse split divides it by the ratio.",
    ]
    notes.extend(basis_notes)
    if holder_shares_after is not None:
        notes.append(
            f"Settled holder by holder (see Holders): {holder_shares_after:,} whole shares after the split, "
            f"{effect.after.outstanding - holder_shares_after:,} fewer than the aggregate figure"
            + (
                f"; {holder_public_after:,} publicly held (the ratio sweep uses these)."
                if holder_public_after is not None and "insiders" not in unknown
                else "."
            )
        )
    else:
        notes.append(
            "Without holder data the after count treats all shares as one position (ESTIMATE): "
            "with cash in lieu each holder's fraction is cashed out, so the true total is slightly lower."
        )
    if effect.before.authorized is None:
        notes.append(
            "Authorised shares not given, so shares available for issuance cannot be computed. "
            "A reverse split that leaves authorised shares unchanged multiplies the headroom."
        )
    by_policy = Table(
        ("Fractional policy", "Shares outstanding after"),
        tuple((p.replace("_", " "), n) for p, n in effect.outstanding_by_policy.items()),
        caption="Aggregate post-split count under each fractional policy (all shares as one position)",
    )
    return Section(
        key="structure",
        title="Capital structure before and after",
        tables=(
            Table(
                ("Metric", "Before", "After", "Change", "Note"), tuple(rows), numeric=(False, True, True, True, False)
            ),
            by_policy,
        ),
        notes=tuple(notes),
        source="splitcalc.structure",
    )


def per_share(effect: SplitEffect, *, unknown: tuple[str, ...] = ()) -> Section:
    """Price, market value, per-share figures, instruments and price levels crossed.

    The market value of the public float is shown as unknown when the
    insiders are (``unknown``, as for :func:`capital_structure`).
    """
    rows = []
    for metric, before, after, note in _rows(effect, unknown):
        if metric in SHARE_ROWS:
            continue
        change = _change(before, after)
        cells = [before, after, change]
        if not (metric.endswith(": shares") or metric.endswith("shares on conversion")):
            cells = [dollars(v) if isinstance(v, Decimal) else v for v in cells]
        rows.append((metric, *cells, note))
    notes = [
        "The post-split price is theoretical: the pre-split price times the ratio. Reverse-split stocks "
        "have tended to drift lower afterwards (Desai & Jain 1997, J. Business 70(3):409-433: -10.76% abnormal "
        "return in the year after the announcement month), which the scenario odds address.",
    ]
    return Section(
        key="per_share",
        title="Per-share figures and securities",
        tables=(Table(("Metric", "Before", "After", "Change", "Note"), tuple(rows)),),
        notes=tuple(notes),
        source="splitcalc.structure, splitcalc.securities",
    )


def sources(s: Scenario, extra: tuple[Fact, ...] = ()) -> Section:
    """Every input figure with its date, source and status.

    ``extra``: figures the scenario holds without a :class:`Fact` (built in
    Python or from the command line; :func:`splitcalc.report.inputs.implicit_facts`).
    """
    rows = tuple((f.label, fact_text(f), f.date, f.source or "—", f.status, f.note) for f in (*s.facts, *extra))
    return Section(
        key="sources",
        title="Inputs and sources",
        paragraphs=(f"Scenario: {s.origin}." if s.origin else "Scenario built in Python.",),
        tables=(Table(("Figure", "Value", "Date", "Source", "Status", "Note"), rows),),
        source="splitcalc.analysis.scenario_file",
    )
