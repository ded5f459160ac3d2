"""Nasdaq listing rules as dated data: Capital / Global / Global Select Markets and the 2002-era tiers.

Data only: every row is (effective from, value, rule number in force then,
source, uncertain). Each row's ``source`` names the primary source of its
fact (SEC release and file number, Federal Register citation, rule number,
exchange FAQ or the secondary source that quotes it); the tier dates and
rule-numbering eras below come from the public sources named beside them.

Rule numbering eras (the ``cite`` of a row is the number in force on its date):

* before Aug 1, 2006 -- NASD Marketplace Rules (Nasdaq was a NASD subsidiary);
* Aug 1, 2006 to Apr 12, 2009 -- Nasdaq Rule 4000 Series (Nasdaq operated as
  an exchange from Aug 1, 2006: Gallagher/gfrlaw.com legal bulletin "Nasdaq
  Stock Market Becomes A National Securities Exchange");
* from Apr 13, 2009 -- the 5000 Series (SR-NASDAQ-2009-018, 74 FR 15552,
  Apr 6, 2009; "The new rule text will be operational on April 13, 2009",
  Nasdaq Listing Rules reference table).

The sources read give few pre-2009 rule numbers (NASD Rule 4450(e)(2) for
the National Market compliance period, 4310(c)(2)(B) for SmallCap equity);
where they give none, the cite says so rather than guess a number.

Tier names:

* SmallCap Market -> Capital Market: SR-NASD-2005-108, filed and effective
  on filing Sep 8, 2005 (Rel. 34-52489, 70 FR 56948, Sep 29, 2005; copy at
  regulations.justia.com/regulations/fedreg/2005/09/29/E5-5313.html).
* National Market -> Global Market, and the new Global Select Market:
  July 1, 2006 (listings transferred Jul 1, first session Jul 3, 2006;
  Mondaq "NASDAQ's New Market Categories", gfrlaw.com bulletin).

Moratoria (the ``moratorium`` table, a :class:`~splitcalc.rules.Moratorium`
per row, with what it does to an open case):

* Sep 27, 2001 - Jan 2, 2002, ``"drop"`` (Nasdaq press release, Sep 27, 2001):
  pending cases dropped;
* Oct 16, 2008 - Aug 3, 2009, ``"pause"`` (Capital, Global and Global Select
  Markets): SR-NASDAQ-2008-099, SR-NASDAQ-2009-026 and SR-NASDAQ-2009-069; the
  full list of sources is at ``S_SUSPENSION_2008``.

Not encoded (not in force or not in the sources read): the proposed pre-deficiency
$0.10 test (SR-NASDAQ-2025-065, Rel. 34-103846, 90 FR 43251, filed Aug 22, 2025)
and the MVLS $5M floor (proposed new Rules 5450(a)(3)/5550(a)(6), Jan 2026);
the Panel's discretionary exceptions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Final

from ._model import FIELDS, Moratorium, Rule, Tier

__all__ = ["TIERS"]

D = dt.date

# ------------------------------------------------------------------ dates
NASDAQ_EXCHANGE: Final = D(2006, 8, 1)  # NASD rules -> Nasdaq 4000 series
SERIES_5000: Final = D(2009, 4, 13)  # 4000 series -> 5000 series
CAPITAL_RENAME: Final = D(2005, 9, 8)  # SR-NASD-2005-108
GLOBAL_RENAME: Final = D(2006, 7, 1)  # NNM -> Global Market; Global Select created
SEC_2010: Final = D(2010, 10, 14)  # SR-NASDAQ-2010-107 order
# end (exclusive): the day the tests resumed; kind: what happened to an open case
MORATORIUM: Final = Moratorium(D(2001, 9, 27), D(2002, 1, 2), "drop")
# Oct 16, 2008 - Jul 31, 2009 (a Friday); new deficiencies counted from data of Mon Aug 3, 2009
SUSPENSION_2008: Final = Moratorium(D(2008, 10, 16), D(2009, 8, 3), "pause")
# compliance periods tolled Apr 16 through Jun 30, 2020; the balance (or a full period) runs from Jul 1, 2020
TOLLING_2020: Final = Moratorium(D(2020, 4, 16), D(2020, 7, 1), "toll")

# ---------------------------------------------------------------- sources
S_2001 = "Perkins Coie update 04.14.2003; Nasdaq PR Sep 27, 2001"
S_2002 = "MoFo client alert 12/13/2001; Perkins Coie"
S_2003 = "Nasdaq PR on pilot extension (mondovisione.com); Perkins Coie"
S_DEC03 = "SEC order, SR-NASD-2003-44, Rel. 34-48991 (approved Dec 23, 2003), corrected 69 FR 6707 (Feb 11, 2004)"
S_NOV04 = "SEC order of Nov 29, 2004, 69 FR 70486 (details not retrieved)"
S_BID = "[NLR26]; Alston & Bird Oct 2024"
S_CLOSING_BID = "Nasdaq Rule 5005(a)(3): 'Bid Price' is the closing bid"
S_30 = "[SEC-2010]; [SEC-JAN25]"
S_180 = "[SEC-JAN25]; SR-NASDAQ-2024-045 proceedings order (FR Doc 2024-27609); [SEC-2010]"
S_REGAIN = "[SEC-2010]; [PCAB]"
S_STAFF = "[PCAB]; 2015 rule quote on investorshub"
S_SECOND = "[SEC-2010]; [PCAB]"
S_DIME = "[SEC-2020]; applies from Sep 1, 2020 (Cooley PubCo May 15, 2020)"
S_250 = "[SEC-2020]; Cooley via JDSupra (2020)"
S_OCT24 = "[SEC-OCT24]"
S_JAN25 = "[SEC-JAN25]; Goodwin Feb 20, 2025"
S_STAY = "[SEC-JAN25]; Cooley PubCo Jan 2025"
S_CM_STD = "[NLR26]; securities-law-blog.com Oct 3, 2023 (current text; earlier history not in the sources read)"
S_GM_STD = "[NLR26] (current text; earlier history not in the sources read)"
S_HOLDERS_2008 = "SEC order, SR-NASDAQ-2008-037, Rel. 34-57981, 73 FR 35716 (approved Jun 17, 2008)"
S_MORATORIUM = "Nasdaq PR Sep 27, 2001 (mondovisione.com); Investment Executive Sep 27, 2001"
# The 2008-09 suspension: sources found with the project's search tool (the other sources read give only the
# 2001 moratorium): effective Oct 16, 2008 through Jan 16, 2009 (SR-NASDAQ-2008-082 era; MoFo via
# Mondaq, Oct 21, 2008; Jim Hamilton blog, Oct 23, 2008; Lexology alert, Dec 19, 2008); extended through
# Apr 19, 2009 (SR-NASDAQ-2008-099, Rel. 34-59219, 74 FR 2640, Jan 15, 2009), through Jul 19, 2009
# (SR-NASDAQ-2009-026, Rel. 34-59661, 74 FR 15561, Apr 6, 2009; Lexology) and through Jul 31, 2009
# (SR-NASDAQ-2009-069, Rel. 34-60374, 74 FR 38073, Jul 30, 2009); new deficiencies determined using data
# starting Aug 3, 2009.
S_SUSPENSION_2008 = (
    "MoFo via Mondaq Oct 21, 2008; Jim Hamilton blog "
    "Oct 23, 2008; Lexology Dec 19, 2008; SR-NASDAQ-2008-099 (Rel. 34-59219, 74 FR 2640); SR-NASDAQ-2009-026 "
    "(Rel. 34-59661, 74 FR 15561); SR-NASDAQ-2009-069 (Rel. 34-60374, 74 FR 38073)"
)
S_NOTICE_OLD = "Nasdaq FAQ 317 (before Nov 1, 2023); Cooley PubCo Aug 1, 2023; Harter Secrest & Emery"
S_NOTICE_2023 = (
    "Nasdaq Rules 5250(e)(7), 5250(b)(4), IM-5250-3, approved Nov 1, 2023 (FR Doc 2023-24522, Nov 7, 2023); "
    "TheCorporateCounsel.net Nov 2, 2023"
)
S_NOTICE_2025 = "Nasdaq Trader ECA2024-616 (operative Jan 30, 2025); NatLawReview"
S_NOT_NASDAQ = (
    "NYSE Listed Company Manual 802.01C (the intent-to-cure response is an NYSE rule; Nasdaq Rule "
    "5810(c)(3)(A) gives a compliance period from the notice, [SEC-2010])"
)
S_HEARING = (
    "Nasdaq Rule 5815 (listingcenter.nasdaq.com rulebook, 5800 Series); "
    "Nasdaq FAQ 435; SR-NASDAQ-2024-045, Rel. 34-102245, 90 FR 8081 (approved Jan 17, 2025)"
)
S_ROUND_LOT = "Nasdaq FAQ 1415 (round lot holder: at least 100 unrestricted shares)"
S_INITIAL_CM = "Nasdaq Rule 5505(a), Nasdaq 5500 Series rulebook (listingcenter.nasdaq.com); Nasdaq FAQ 1732"
S_INITIAL_GM = "Nasdaq Rule 5405(a), Nasdaq 5400 Series rulebook (listingcenter.nasdaq.com)"
S_INITIAL_GS = "Nasdaq Rule 5315 (Global Select), Nasdaq FAQ 1415"
UNRESTRICTED = D(2019, 8, 12)  # initial listing counts only unrestricted securities (Somertons, Aug 12, 2019)
S_TOLL_2020 = (
    "SR-NASDAQ-2020-021, notice of filing and immediate effectiveness, 85 FR 22777 "
    "(FR Doc 2020-08592, Apr 23, 2020); effective Apr 16, 2020"
)
S_SESSION_NASD = (
    "Nasdaq staff letter to "
    "WJ Communications, Inc., May 6, 2003, filed as Exhibit 99 to its Form 8-K "
    "(SEC EDGAR, CIK 105006, accession 0001104659-03-008584)"
)
S_SESSION = (
    "Nasdaq staff letters disclosed in SEC filings (e.g. notice Jan 5, 2023 -> Jul 5, 2023, the +180 "
    "count landing on Independence Day; Mullen Automotive, second period Mar 6 -> Sep 5, 2023 past Labor Day)"
)

NO_NUMBER = "rule number not in the sources read"
HOLDERS_2008 = D(2008, 6, 17)
DIME = D(2020, 9, 1)
OCT24 = D(2024, 10, 7)
JAN25 = D(2025, 1, 17)
NOTICE_2023 = D(2023, 11, 1)
NOTICE_2025 = D(2025, 1, 30)
STAFF_2015 = D(2015, 1, 1)  # "a 2015 quotation": the year is all the sources give


def _none(cite: str, source: str, effective: dt.date | None = None, **kw: Any) -> Rule[Any]:
    return Rule(effective, None, cite, source, **kw)


def _eras(
    start: dt.date | None,
    value: Any,
    *,
    nasd: str,
    nasdaq4000: str,
    series5000: str,
    source: str,
    uncertain_before: dt.date | None = None,
    note: str = "",
) -> tuple[Rule[Any], ...]:
    """The same value under the three rule-numbering eras from ``start`` on.

    Rows dated before ``uncertain_before`` are flagged uncertain.
    """
    eras = ((None, nasd), (NASDAQ_EXCHANGE, nasdaq4000), (SERIES_5000, series5000))
    rows: list[Rule[Any]] = []
    for i, (begin, cite) in enumerate(eras):
        end = eras[i + 1][0] if i + 1 < len(eras) else None
        if start is not None and end is not None and end <= start:
            continue  # this numbering era was over before ``start``
        effective = begin if start is None or (begin is not None and begin > start) else start
        flag = uncertain_before is not None and (effective is None or effective < uncertain_before)
        rows.append(Rule(effective, value, cite, source, uncertain=flag, note=note))
    return tuple(rows)


# ============================================================ shared tables
_PRICE_TEST_MODERN = _eras(
    None,
    "consecutive_closing_bid",
    nasd=f"NASD Marketplace Rules, bid price ({NO_NUMBER})",
    nasdaq4000=f"Nasdaq Rule 4000 Series, bid price ({NO_NUMBER})",
    series5000="Nasdaq Rule 5005(a)(3) ('Bid Price': closing bid)",
    source=S_CLOSING_BID,
)
_DEFICIENCY_30 = _eras(
    None,
    30,
    nasd=f"NASD Marketplace Rules, 30 consecutive business days below $1 ({NO_NUMBER})",
    nasdaq4000=f"Nasdaq Rule 4000 Series, 30 consecutive business days ({NO_NUMBER})",
    series5000="Nasdaq Rule 5810(c)(3)(A)",
    source=f"{S_30}; {S_2001}",
)
_REGAIN_10 = _eras(
    None,
    10,
    nasd=f"NASD Marketplace Rules, 10 consecutive business days at $1 ({NO_NUMBER})",
    nasdaq4000=f"Nasdaq Rule 4000 Series, 10 consecutive business days ({NO_NUMBER})",
    series5000="Nasdaq Rule 5810(c)(3)(A)",
    source=f"{S_REGAIN}; {S_2001}",
)
_REGAIN_MAX = (
    _none(f"staff discretion beyond 10 days: no source before 2015 in the sources read ({NO_NUMBER})", S_STAFF),
    Rule(
        STAFF_2015,
        20,
        "Nasdaq Rule 5810(c)(3)(F) as quoted in 2015; current letter may be (H)",
        S_STAFF,
        uncertain=True,
        note="staff may require more than 10, generally not more than 20 consecutive business days "
        "(margin above $1, volume, market-maker montage, trend); the sub-paragraph letter is UNCERTAIN",
    ),
)
_NO_CURE_RESPONSE = (_none("no intent-to-cure response period in Nasdaq's bid-price rule", S_NOT_NASDAQ),)
_NO_MONTHS = (_none("Nasdaq counts compliance periods in calendar days", S_180),)
# The $0.10 rule applies to companies *first notified* on/after Sep 1, 2020 (Rule 5810(c)(3)(A)(iii)): every row of
# its two tables is keyed by the notice date (``by_notice``), so a deficiency on Aug 31, 2020 notified on Sep 1
# gets it and one notified before Sep 1 does not (RuleSet.for_notice).
_LOW_PRICE = (
    _none("no $0.10 rule before Sep 1, 2020", S_DIME, by_notice=True),
    Rule(
        DIME,
        Decimal("0.10"),
        "Nasdaq Rule 5810(c)(3)(A)(iii)",
        S_DIME,
        note="closing bid <= $0.10 for 10 consecutive trading days during a compliance period -> "
        "Staff Delisting Determination; applies to companies first notified on/after Sep 1, 2020",
        by_notice=True,
    ),
)
_LOW_PRICE_DAYS = (
    _none("no $0.10 rule before Sep 1, 2020", S_DIME, by_notice=True),
    Rule(DIME, 10, "Nasdaq Rule 5810(c)(3)(A)(iii)", S_DIME, note="trading days", by_notice=True),
)
# The 250:1 test (Rule 5810(c)(3)(A)(iv), SR-NASDAQ-2020-001) has the $0.10 rule's dates: it too applies to
# companies first notified on/after Sep 1, 2020, so its rows are keyed by the notice date like the $0.10 rule's.
_CUMULATIVE = (
    _none("no cumulative reverse-split limit before Sep 1, 2020", S_250, by_notice=True),
    Rule(
        DIME,
        250,
        "Nasdaq Rule 5810(c)(3)(A)(iv)",
        S_250,
        note="below $1 after reverse splits with cumulative ratio >= 250:1 over the prior two years -> "
        "no compliance period, immediate Delisting Determination (1-for-25 then 1-for-10 = 1-for-250); "
        "applies to companies first notified on/after Sep 1, 2020",
        by_notice=True,
    ),
)
_LOOKBACK = (
    _none("no cumulative reverse-split limit before Sep 1, 2020", S_250, by_notice=True),
    Rule(
        DIME,
        730,
        "Nasdaq Rule 5810(c)(3)(A)(iv)",
        S_250,
        note="two years, counted as 730 calendar days",
        by_notice=True,
    ),
)
_ONE_YEAR = (
    Rule(None, False, "no one-year reverse-split bar before Jan 17, 2025", S_JAN25),
    Rule(
        JAN25,
        True,
        "Nasdaq Rule 5810(c)(3)(A)(iv) as amended",
        S_JAN25,
        note="a bid-price failure after any reverse split in the prior one year -> no compliance period",
    ),
)
_OTHER_STANDARD = (
    Rule(
        None, False, "before Oct 7, 2024 a split's effect on other standards did not block the bid-price cure", S_OCT24
    ),
    Rule(
        OCT24,
        True,
        "Nasdaq Rule 5810(c)(3)(A) (Oct 2024 amendment)",
        S_OCT24,
        note="a split that breaks another numeric standard does not regain compliance until that deficiency "
        "is cured and $1 is then held for 10 business days; no separate compliance period",
    ),
)
_NO_STAY = (
    Rule(None, False, "a hearing request stayed suspension before Jan 17, 2025", S_STAY),
    Rule(
        JAN25,
        True,
        "Nasdaq Rule 5815(a)(1)(B)",
        S_STAY,
        note="after a failed second 180-day period a hearing request does not stay suspension",
    ),
)
_NO_STAY_SPLIT = (
    Rule(None, False, "a hearing request stayed suspension before Jan 17, 2025", S_STAY),
    Rule(
        JAN25,
        True,
        "Nasdaq Rule 5815(a)(1)(B) (SR-NASDAQ-2024-045)",
        S_STAY,
        note="a Staff Delisting Determination for a company that effected a reverse split in the prior one year "
        "(no compliance period under 5810(c)(3)(A)(iv)) is not stayed by a hearing request",
    ),
)
#: SR-NASDAQ-2025-065 (filed Aug 22, 2025) would deny the stay after a $0.10 determination; the filing was
#: published for comment (Rel. 34-103846) and no SEC approval order was found: a pending row, never applied.
S_DIME_2025 = "SEC notice of filing, Rel. 34-103846, File No. SR-NASDAQ-2025-065, 90 FR 43251 (Sep 8, 2025)"
_NO_STAY_DIME = (
    Rule(None, False, "a hearing request stays the suspension after a $0.10 determination (Nasdaq Rule 5815)", S_STAY),
    Rule(
        D(2025, 8, 22),
        False,
        "SR-NASDAQ-2025-065 (filed Aug 22, 2025) would deny a stay after a $0.10 determination; no SEC approval "
        "order found: not applied",
        S_DIME_2025,
        pending=True,
        note="proposed: a hearing request would not stay the suspension of a security whose closing bid was "
        "$0.10 or less for ten consecutive trading days; pending, so the stay is kept",
    ),
)
_HEARING_7 = (
    _none(
        "the hearing-request period before the 5000 series (NASD/4000-series rules) is not in the sources read",
        S_HEARING,
    ),
    Rule(
        SERIES_5000,
        7,
        "Nasdaq Rule 5815(a)(1)",
        S_HEARING,
        note="a company may request a hearing before a Hearings Panel within 7 calendar days of the Staff "
        "Delisting Determination; the request stays suspension unless a no-stay rule applies",
    ),
)
_PANEL_180 = (
    Rule(
        None,
        None,
        "the Hearings Panel's exception limit before the 5000 series is not in the sources read",
        S_HEARING,
    ),
    Rule(
        SERIES_5000,
        180,
        "Nasdaq Rule 5815(c)(1)(A)",
        S_HEARING,
        note="the Hearings Panel may grant an exception of up to 180 calendar days from the Staff Delisting "
        "Determination (discretionary: a scenario input, not a right); tolled Apr 16 - Jun 30, 2020",
    ),
)
_ROUND_LOT = (
    Rule(
        None,
        100,
        "Nasdaq round lot (normal unit of trading), Nasdaq FAQ 1415",
        S_ROUND_LOT,
        note="a round-lot holder holds at least 100 unrestricted shares",
    ),
)
_NO_INITIAL = (_none("initial-listing minimums of the 2002-era tiers are not in the sources read", S_INITIAL_CM),)
_NO_ROUND_LOT = (
    _none(
        f"continued listing counted round-lot holders before Jun 17, 2008 ({NO_NUMBER}; count not in the sources)",
        S_HOLDERS_2008,
    ),
    _none(
        "round-lot holder counts replaced by Public/Total Holder tests (SR-NASDAQ-2008-037)",
        S_HOLDERS_2008,
        HOLDERS_2008,
    ),
)
_MORATORIUM = (
    _none("no bid-price moratorium recorded before Sep 27, 2001", S_MORATORIUM),
    Rule(
        MORATORIUM.start,
        MORATORIUM,
        "Nasdaq moratorium on the bid-price and public-float value tests (NASD era)",
        S_MORATORIUM,
        note="kept in later rule sets because streaks and deficiencies did not accrue during it; pending "
        "cases were dropped; tests resumed on the end date",
    ),
)
# Semantics differ from 2001: open cases were not dropped. Companies were not cited for new bid-price or
# MVPHS deficiencies; the time allowed to companies already in a compliance period (or in hearings) was
# suspended, and those in a compliance period on Oct 16, 2008 received "the balance of any pending compliance
# period" when the suspension expired (Jim Hamilton blog, Oct 23, 2008; Lexology on SR-NASDAQ-2009-026).
# Nasdaq "will continue to monitor securities to determine if they regain compliance during the temporary
# suspension" (Hamilton): a regain streak inside the suspension counts.
#
# Reading of "the balance" (the +-1 day): the days left on Oct 16, 2008 are counted the way a timeline counts
# days_remaining, deadline - Oct 16; the clock restarts on Aug 3, 2009 with that many days, so the new
# deadline is Aug 3, 2009 + (deadline - Oct 16, 2008) = deadline + 291 days (the suspension's length, Oct 16
# through Aug 2 not counted). One public data point agrees with this reading and not with "+ N - 1": North
# American Scientific (healthimaging.com): notice Aug 20, 2008, deadline given as Feb 17, 2009 (Aug 20 + 180 =
# Feb 16, Presidents' Day, moved to the next business day); under the suspension then due to end Jan 16, 2009
# (tests back Mon Jan 19), Nasdaq gave it until May 26, 2009: Jan 19 + (Feb 17 - Oct 16 = 124) = Sat May 23,
# moved past Memorial Day to Tue May 26 (with "+ N - 1" it would be Fri May 22, a business day). splitcalc
# does not move deadlines off weekends and holidays (a general gap, not specific to the suspension).
_SUSPENSION_2008 = Rule(
    SUSPENSION_2008.start,
    SUSPENSION_2008,
    "Nasdaq temporary suspension of the bid-price and MVPHS continued-listing requirements (Rule 4000 Series "
    f"era, {NO_NUMBER}); SR-NASDAQ-2008-099, SR-NASDAQ-2009-026, SR-NASDAQ-2009-069 extended it",
    S_SUSPENSION_2008,
    note="Oct 16, 2008 through Jul 31, 2009 (first announced through Jan 16, 2009; extended through Apr 19, "
    "Jul 19, then Jul 31, 2009); no new deficiencies; a company in a compliance period on Oct 16, 2008 got "
    "the balance of that period from Aug 3, 2009; regaining compliance during the suspension counted",
)
#: Capital, Global and Global Select Markets (the tiers in force in 2008-09): both moratoria.
_TOLLING_2020 = Rule(
    TOLLING_2020.start,
    TOLLING_2020,
    "Nasdaq Rule 5810(c)(3)(A) and (D) compliance periods tolled through Jun 30, 2020 (SR-NASDAQ-2020-021)",
    S_TOLL_2020,
    note="bid-price and MVPHS compliance periods tolled from Apr 16 through Jun 30, 2020: a company in a period "
    "on Apr 16 resumed its balance on Jul 1, 2020; one first notified during the tolling got its period from "
    "Jul 1, 2020; hearings-panel exceptions tolled too; deficiencies, notices and disclosure continued",
)
_MORATORIUM_MODERN = (*_MORATORIUM, _SUSPENSION_2008, _TOLLING_2020)
_PERIOD_END_ON_SESSION = (
    Rule(
        None,
        True,
        "NASD Marketplace Rules 4450(e)(2) (National Market) and 4310(c)(8) (SmallCap): compliance period in "
        "calendar days from the notice; the staff's letter dates its end on a trading day",
        S_SESSION_NASD,
        uncertain=True,
        note="one NASD-era letter seen that settles it: WJ Communications, notice May 6, 2003, 180 days 'or until "
        "November 3, 2003' (the count lands on Sunday Nov 2); read as in the 5000-series letters, moved to the next "
        "XNYS session",
    ),
    Rule(
        SERIES_5000,
        True,
        "Nasdaq Rule 5810(c)(3)(A): compliance period of 180 calendar days from the notice, ending on a trading day",
        S_SESSION,
        note="the staff's letters state notice + 180 (90) calendar days moved to the next XNYS session when "
        "that day is a weekend or holiday; a second period counts from the moved first deadline",
    ),
)
_SPLIT_NOTICE = (
    Rule(
        None,
        (15, "calendar"),
        f"Nasdaq Substitution Listing Event notification ({NO_NUMBER})",
        S_NOTICE_OLD,
        note="notify Nasdaq at least 15 calendar days before the market effective date",
    ),
    Rule(
        NOTICE_2023,
        (5, "business"),
        "Nasdaq Rule 5250(e)(7)",
        S_NOTICE_2023,
        note="Company Event Notification Form by noon ET 5 business days before the market effective date; "
        "not processed if late, halted if split anyway",
    ),
    Rule(
        NOTICE_2025,
        (10, "calendar"),
        "Nasdaq Rule 5250(e)(7) as amended (no rule number in the sources read for the Jan 30, 2025 change)",
        S_NOTICE_2025,
        note="10 calendar days before, to match SEC Rule 10b-17",
    ),
)
_SPLIT_DISCLOSURE = (
    Rule(
        None,
        (1, "business"),
        f"Nasdaq public-disclosure requirement for reverse splits ({NO_NUMBER})",
        S_NOTICE_OLD,
        note="public disclosure by 1 p.m. ET at least 1 business day before the market effective date",
    ),
    Rule(
        NOTICE_2023,
        (2, "business"),
        "Nasdaq Rule 5250(b)(4)",
        S_NOTICE_2023,
        note="Reg FD-compliant public disclosure by noon ET at least 2 business days before",
    ),
)
_SPLIT_NOTICE_2002 = tuple(
    Rule(
        r.effective,
        r.value,
        r.cite,
        r.source,
        uncertain=True,
        note=r.note + "; whether it applied in this era is not confirmed",
    )
    for r in _SPLIT_NOTICE[:1]
)
_SPLIT_DISCLOSURE_2002 = tuple(
    Rule(
        r.effective,
        r.value,
        r.cite,
        r.source,
        uncertain=True,
        note=r.note + "; whether it applied in this era is not confirmed",
    )
    for r in _SPLIT_DISCLOSURE[:1]
)

_NOT_IN_RULES_2002 = f"not in the sources read for the 2002-era tiers ({NO_NUMBER})"

# ========================================================= 2002-era tiers
#: The rows the National Market and the SmallCap Market shared in the NASD era (Perkins Coie 2003 gives the same
#: 30-day trigger and 10-day cure for both, and no other-standard numbers for either); each tier adds its
#: own bid price, compliance periods and second period.
_TABLES_2002: Final[dict[str, tuple[Rule[Any], ...]]] = {
    "price_test": (Rule(None, "consecutive_closing_bid", f"NASD Marketplace Rules, bid price ({NO_NUMBER})", S_2001),),
    "deficiency_days": (Rule(None, 30, f"NASD Marketplace Rules, 30 consecutive business days ({NO_NUMBER})", S_2001),),
    "compliance_period_months": _NO_MONTHS,
    "period_end_on_session": _PERIOD_END_ON_SESSION,
    "regain_days": (Rule(None, 10, f"NASD Marketplace Rules, 10 consecutive business days ({NO_NUMBER})", S_2001),),
    "regain_days_max": (_none(f"staff discretion limit {_NOT_IN_RULES_2002}", S_STAFF),),
    "cure_response_days": _NO_CURE_RESPONSE,
    "low_price_threshold": _LOW_PRICE[:1],
    "low_price_days": _LOW_PRICE_DAYS[:1],
    "reverse_split_cumulative_limit": _CUMULATIVE[:1],
    "reverse_split_lookback_days": _LOOKBACK[:1],
    "reverse_split_one_year_bar": _ONE_YEAR[:1],
    "split_breaks_other_standard": _OTHER_STANDARD[:1],
    "no_stay_after_second_period": _NO_STAY[:1],
    "no_stay_after_recent_split": _NO_STAY_SPLIT[:1],
    "no_stay_after_low_price": (Rule(None, False, "no $0.10 rule in the NASD-era rules", S_2002),),
    "hearing_request_days": _HEARING_7[:1],
    "panel_exception_days": _PANEL_180[:1],
    "round_lot_size": _ROUND_LOT,
    "initial_min_bid": _NO_INITIAL,
    "initial_min_publicly_held_shares": _NO_INITIAL,
    "initial_min_round_lot_holders": _NO_INITIAL,
    "min_publicly_held_shares": (_none(f"publicly held shares {_NOT_IN_RULES_2002}", S_2002),),
    "min_public_holders": (_none(f"public holders {_NOT_IN_RULES_2002}", S_2002),),
    "min_total_holders": (_none(f"total holders {_NOT_IN_RULES_2002}", S_2002),),
    "min_round_lot_holders": (_none(f"round-lot holders {_NOT_IN_RULES_2002}", S_2002),),
    "min_mvphs": (_none(f"market value of public float {_NOT_IN_RULES_2002}", S_2002),),
    "moratorium": _MORATORIUM,
    "split_notice": _SPLIT_NOTICE_2002,
    "split_disclosure": _SPLIT_DISCLOSURE_2002,
}


def _tables(base: dict[str, tuple[Rule[Any], ...]], **own: tuple[Rule[Any], ...]) -> dict[str, tuple[Rule[Any], ...]]:
    """``base`` (the rows tiers of one era share) with one tier's own tables, in :data:`~splitcalc.rules.FIELDS` order.

    A field missing from both fails here, at import (the contract tests check the rows themselves).
    """
    merged = {**base, **own}
    return {name: merged[name] for name in FIELDS}


def _tier(
    name: str,
    tier: str,
    *,
    lineage: str,
    aliases: tuple[str, ...],
    tables: dict[str, tuple[Rule[Any], ...]],
    introduced: dt.date | None = None,
    retired: dt.date | None = None,
    predecessor: str | None = None,
    successor: str | None = None,
) -> Tier:
    """A Nasdaq :class:`Tier` (sessions from the ``XNYS`` calendar, as for every Nasdaq tier here)."""
    return Tier(name, "Nasdaq", tier, "XNYS", introduced, retired, predecessor, successor, lineage, tables, aliases)


def _second_nov04(cite: str) -> Rule[Any]:
    """The Nov 29, 2004 order's row in a 2002-era tier's second-period table (its details not retrieved)."""
    return Rule(
        D(2004, 11, 29),
        180,
        cite,
        S_NOV04,
        uncertain=True,
        note="the Nov 29, 2004 order modified the periods; its details were not retrieved",
    )


NATIONAL_MARKET: Final = _tier(
    name="nasdaq-national-market",
    tier="National Market",
    retired=GLOBAL_RENAME,
    successor="nasdaq-global",
    lineage="renamed Global Market on Jul 1, 2006 when Global Select was created (Mondaq; gfrlaw.com)",
    aliases=("nasdaq-nm", "nnm", "nasdaq-nnm", "national-market"),
    tables=_tables(
        _TABLES_2002,
        min_bid=(
            Rule(
                None,
                Decimal("1.00"),
                f"NASD Marketplace Rules, National Market maintenance Standard 1 bid price ({NO_NUMBER})",
                "Perkins Coie; docslib.org Nasdaq listing requirements",
                note="Standard 2 issuers: $3 until Mar 2003 (an older table shows $5: UNCERTAIN, conflicting); "
                "this rule set encodes Standard 1",
            ),
        ),
        compliance_period_days=(
            Rule(None, 90, f"NASD Marketplace Rules, National Market 90-calendar-day period ({NO_NUMBER})", S_2001),
            Rule(
                D(2003, 3, 18),
                180,
                "NASD Rule 4450(e)(2)",
                f"{S_2003}; 69 FR 6707 (a single 180-day period applied before Dec 23, 2003)",
                uncertain=True,
                note="the sources date this 'Mar 2003' without a day; Mar 18, 2003 is the SR-NASD-2003-44 filing date",
            ),
        ),
        second_period_days=(
            _none(f"no second period; a National Market issuer could apply to move to SmallCap ({NO_NUMBER})", S_2002),
            Rule(
                D(2003, 12, 23),
                180,
                "NASD Rule 4450(e)(2)",
                S_DEC03,
                note="pilot: a second 180 days if the issuer met the core National Market initial listing criteria",
            ),
            _second_nov04("NASD Rule 4450(e)(2)"),
        ),
    ),
)

SMALLCAP: Final = _tier(
    name="nasdaq-smallcap",
    tier="SmallCap Market",
    retired=CAPITAL_RENAME,
    successor="nasdaq-capital",
    lineage="renamed Capital Market by SR-NASD-2005-108, effective on filing Sep 8, 2005 (70 FR 56948)",
    aliases=("nasdaq-sc", "smallcap", "nasdaq-smallcap-market"),
    tables=_tables(
        _TABLES_2002,
        min_bid=(Rule(None, Decimal("1.00"), f"NASD Marketplace Rules, SmallCap bid price ({NO_NUMBER})", S_2001),),
        compliance_period_days=(
            Rule(None, 90, f"NASD Marketplace Rules, SmallCap 90-calendar-day period ({NO_NUMBER})", S_2001),
            Rule(MORATORIUM.end, 180, f"NASD Marketplace Rules, SmallCap bid-price pilot ({NO_NUMBER})", S_2002),
        ),
        second_period_days=(
            _none(f"no second period before the 2002 SmallCap pilot ({NO_NUMBER})", S_2001),
            Rule(
                MORATORIUM.end,
                180,
                f"NASD Marketplace Rules, SmallCap bid-price pilot ({NO_NUMBER})",
                S_2002,
                note="a further 180 days if the issuer met core SmallCap initial standards "
                "(net income $750K, or stockholders' equity $5M, or market cap $50M)",
            ),
            _second_nov04(f"NASD Marketplace Rules, SmallCap bid-price period ({NO_NUMBER})"),
        ),
    ),
)


# ========================================================= current tiers
#: The rows the Capital, Global and Global Select Markets share (same rule text, same dates); each tier adds
#: its own bid-price rule number, compliance periods and other numeric standards (Rules 5450, 5550, 5810).
_TABLES_MODERN: Final[dict[str, tuple[Rule[Any], ...]]] = {
    "price_test": _PRICE_TEST_MODERN,
    "deficiency_days": _DEFICIENCY_30,
    "compliance_period_months": _NO_MONTHS,
    "period_end_on_session": _PERIOD_END_ON_SESSION,
    "regain_days": _REGAIN_10,
    "regain_days_max": _REGAIN_MAX,
    "cure_response_days": _NO_CURE_RESPONSE,
    "low_price_threshold": _LOW_PRICE,
    "low_price_days": _LOW_PRICE_DAYS,
    "reverse_split_cumulative_limit": _CUMULATIVE,
    "reverse_split_lookback_days": _LOOKBACK,
    "reverse_split_one_year_bar": _ONE_YEAR,
    "split_breaks_other_standard": _OTHER_STANDARD,
    "no_stay_after_second_period": _NO_STAY,
    "no_stay_after_recent_split": _NO_STAY_SPLIT,
    "no_stay_after_low_price": _NO_STAY_DIME,
    "hearing_request_days": _HEARING_7,
    "panel_exception_days": _PANEL_180,
    "round_lot_size": _ROUND_LOT,
    "min_round_lot_holders": _NO_ROUND_LOT,
    "moratorium": _MORATORIUM_MODERN,
    "split_notice": _SPLIT_NOTICE,
    "split_disclosure": _SPLIT_DISCLOSURE,
}


def _initial(bid: str, phs: int, holders: int, cite: str, source: str) -> dict[str, tuple[Rule[Any], ...]]:
    """One tier's initial-listing minimums: the current text (history before Aug 12, 2019 not in the sources)."""
    note = (
        "current text (unrestricted publicly held shares since Aug 12, 2019); earlier history not in the sources read"
    )
    return {
        "initial_min_bid": (Rule(None, Decimal(bid), f"{cite}: ${bid} bid price", source, note=note),),
        "initial_min_publicly_held_shares": (
            Rule(
                None,
                phs,
                f"{cite}: {phs:,} publicly held shares",
                source,
                uncertain=True,
                note="before Aug 12, 2019 restricted securities counted too; the figure then is not in the sources",
            ),
            Rule(UNRESTRICTED, phs, f"{cite}: {phs:,} unrestricted publicly held shares", source, note=note),
        ),
        "initial_min_round_lot_holders": (
            Rule(None, holders, f"{cite}: {holders} round-lot holders", source, note=note),
        ),
    }


def _modern_min_bid(start: dt.date, series5000: str) -> tuple[Rule[Any], ...]:
    return _eras(
        start,
        Decimal("1.00"),
        nasd=f"NASD Marketplace Rules, bid price ({NO_NUMBER})",
        nasdaq4000=f"Nasdaq Rule 4000 Series, bid price ({NO_NUMBER})",
        series5000=series5000,
        source=S_BID,
    )


def _period_180(start: dt.date) -> tuple[Rule[Any], ...]:
    pre = _eras(
        start,
        180,
        nasd=f"NASD Marketplace Rules, 180-calendar-day period ({NO_NUMBER})",
        nasdaq4000=f"Nasdaq Rule 4000 Series, 180-calendar-day period ({NO_NUMBER})",
        series5000="Nasdaq Rule 5810(c)(3)(A)",
        source=f"{S_180}; {S_NOV04}",
        uncertain_before=SEC_2010,
        note="between the Nov 29, 2004 order and the Oct 2010 order the period is carried forward, not sourced",
    )
    return (*pre, Rule(SEC_2010, 180, "Nasdaq Rule 5810(c)(3)(A)", S_180, note="calendar days from the notification"))


CAPITAL: Final = _tier(
    name="nasdaq-capital",
    tier="Capital Market",
    introduced=CAPITAL_RENAME,
    predecessor="nasdaq-smallcap",
    lineage="renamed from SmallCap Market by SR-NASD-2005-108, effective on filing Sep 8, 2005 (70 FR 56948)",
    aliases=("nasdaq-cm", "xncm", "capital-market", "nasdaq-capital-market"),
    tables=_tables(
        {**_TABLES_MODERN, **_initial("4.00", 1_000_000, 300, "Nasdaq Rule 5505(a)", S_INITIAL_CM)},
        min_bid=_modern_min_bid(CAPITAL_RENAME, "Nasdaq Rule 5550(a)(2)"),
        compliance_period_days=_period_180(CAPITAL_RENAME),
        second_period_days=(
            *_eras(
                CAPITAL_RENAME,
                180,
                nasd=f"NASD Marketplace Rules, second 180-day period ({NO_NUMBER})",
                nasdaq4000=f"Nasdaq Rule 4000 Series, second 180-day period ({NO_NUMBER})",
                series5000="Nasdaq Rule 5810(c)(3)(A)(ii)",
                source=f"{S_SECOND}; {S_NOV04}",
                uncertain_before=SEC_2010,
                note="conditions before the Oct 2010 order: all Capital Market initial listing standards except "
                "bid price (inferred)",
            ),
            Rule(
                SEC_2010,
                180,
                "Nasdaq Rule 5810(c)(3)(A)(ii)",
                S_SECOND,
                note="not automatic: meets the continued-listing MVPHS requirement ($1M) and all other Capital "
                "Market initial listing standards except bid price, and gives written notice of intent to cure "
                "(by reverse split if necessary); staff may deny if a cure does not appear possible",
            ),
        ),
        min_publicly_held_shares=(
            _none(f"publicly held shares before the 5000 series: {NO_NUMBER}", S_CM_STD),
            Rule(SERIES_5000, 500_000, "Nasdaq Rule 5550(a)(4)", S_CM_STD),
        ),
        min_public_holders=(
            _none("public holders: the test dates from Jun 17, 2008 (SR-NASDAQ-2008-037)", S_HOLDERS_2008),
            Rule(
                HOLDERS_2008,
                300,
                f"Nasdaq Rule 4000 Series, public holders ({NO_NUMBER})",
                f"{S_HOLDERS_2008}; {S_CM_STD}",
            ),
            Rule(SERIES_5000, 300, "Nasdaq Rule 5550(a)(3)", S_CM_STD),
        ),
        min_total_holders=(_none("the Capital Market tests public holders, not total holders", S_CM_STD),),
        min_mvphs=(
            _none(f"MVPHS before the 5000 series: {NO_NUMBER}", S_CM_STD),
            Rule(SERIES_5000, Decimal("1000000"), "Nasdaq Rule 5550(a)(5)", S_CM_STD),
        ),
    ),
)


def _global_tables(initial: dict[str, tuple[Rule[Any], ...]]) -> dict[str, tuple[Rule[Any], ...]]:
    return _tables(
        {**_TABLES_MODERN, **initial},
        min_bid=_modern_min_bid(GLOBAL_RENAME, "Nasdaq Rule 5450(a)(1)"),
        compliance_period_days=_period_180(GLOBAL_RENAME),
        second_period_days=(
            _none(
                "second period only by transferring to the Capital Market (pre-Oct 2010 terms not in the sources read)",
                f"{S_SECOND}; {S_NOV04}",
                GLOBAL_RENAME,
                uncertain=True,
            ),
            _none(
                "Nasdaq Rule 5810(c)(3)(A)(i): a Global Market / Global Select company must transfer to the "
                "Capital Market to get a second period",
                S_SECOND,
                SEC_2010,
            ),
        ),
        min_publicly_held_shares=(
            _none(f"publicly held shares before the 5000 series: {NO_NUMBER}", S_GM_STD),
            Rule(
                SERIES_5000,
                750_000,
                "Nasdaq Rule 5450(b) Equity Standard",
                S_GM_STD,
                note="1,100,000 under the Market Value and Total Assets/Total Revenue Standards",
            ),
        ),
        min_public_holders=(_none("Global Market / Global Select test total holders, not public holders", S_GM_STD),),
        min_total_holders=(
            _none("total holders: the test dates from Jun 17, 2008 (SR-NASDAQ-2008-037)", S_HOLDERS_2008),
            Rule(
                HOLDERS_2008,
                400,
                f"Nasdaq Rule 4000 Series, total holders ({NO_NUMBER})",
                f"{S_HOLDERS_2008}; {S_GM_STD}",
            ),
            Rule(SERIES_5000, 400, "Nasdaq Rule 5450(a)(2)", S_GM_STD),
        ),
        min_mvphs=(
            _none(f"MVPHS before the 5000 series: {NO_NUMBER}", S_GM_STD),
            Rule(
                SERIES_5000,
                Decimal("5000000"),
                "Nasdaq Rule 5450(b) Equity Standard",
                S_GM_STD,
                note="$15M under the Market Value and Total Assets/Total Revenue Standards",
            ),
        ),
    )


GLOBAL: Final = _tier(
    name="nasdaq-global",
    tier="Global Market",
    introduced=GLOBAL_RENAME,
    predecessor="nasdaq-national-market",
    lineage="renamed from National Market on Jul 1, 2006 (Mondaq; gfrlaw.com)",
    aliases=("nasdaq-gm", "xnms", "global-market", "nasdaq-global-market"),
    tables=_global_tables(_initial("4.00", 1_100_000, 400, "Nasdaq Rule 5405(a)", S_INITIAL_GM)),
)

GLOBAL_SELECT: Final = _tier(
    name="nasdaq-global-select",
    tier="Global Select Market",
    introduced=GLOBAL_RENAME,
    predecessor="nasdaq-national-market",
    lineage="created Jul 1, 2006, first session Jul 3, 2006 (Mondaq; Investment Executive); held to the Global "
    "Market continued-listing standards (Nasdaq Continued Listing Guide, Jan 2023)",
    aliases=("nasdaq-gs", "xngs", "global-select", "nasdaq-global-select-market"),
    tables=_global_tables(_initial("4.00", 1_250_000, 450, "Nasdaq Rule 5315", S_INITIAL_GS)),
)

#: Every Nasdaq tier this module defines, by canonical name.
TIERS: Final = {t.name: t for t in (CAPITAL, GLOBAL, GLOBAL_SELECT, NATIONAL_MARKET, SMALLCAP)}
