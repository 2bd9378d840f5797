"""The kinds of failure seen on claims nobody tuned the matcher on (issue 14), each in our own words.

Every row is a draft sentence, the figure under test, the source passage, the verdict an editor
should get and, where a correction is due, the suggestion. The rule they share: a misquote is a
strong statement. It needs the passage to be about the claim's own slot, a different figure there
that looks like a slip of the claim's, and no statement of the claim's figure anywhere; otherwise
the honest verdict is not_found. A stated figure is found in whatever notation the source uses.
"""

from __future__ import annotations

import pytest

from tests.test_judge import _doc, judge

# (kind of failure, draft sentence, figure, source passage, verdict, suggestion or None)
CASES = [
    # 1. a figure written after symbolic notation in the source is still stated there
    ("symbol", "Officials put the reproduction number at 1.4 in early March.", "1.4",
     "In early March the estimated R(t) of 1.4 signalled that the outbreak was still growing.", "verified", None),
    ("symbol", "The reproduction number was 2.6 before the lockdown.", "2.6",
     "Before the lockdown the basic reproduction number R0 = 2.6 was estimated from case counts.", "verified", None),
    ("symbol", "The effective reproduction number dropped to 0.8 after the schools closed.", "0.8",
     "After the schools closed the effective reproduction number Rt fell to 0.8 within a week.", "verified", None),
    ("symbol", "Only 3 players may enter the area during the draw.", "3",
     "During the draw only three players may enter the area.", "verified", None),  # spelled out
    ("symbol", "Only 5 players may enter the area during the draw.", "5",
     "During the draw only three players may enter the area.", "misquote", "3"),
    # 2. a measure written as a compound adjective
    ("compound", "The rifle fires from a barrel 12 in long.", "12 in",
     "The rifle has a 12-inch barrel and weighs little.", "verified", None),
    ("compound", "Runners covered 5 km on the course.", "5 km",
     "Runners covered the 5-kilometre course along the river.", "verified", None),
    ("compound", "The shelter has walls 30 cm thick.", "30 cm",
     "The shelter was built with 30-centimetre concrete walls.", "verified", None),
    # 3. a range whose ends the source gives for two different measures is never spliced ("2 to 9
    # days"): it is corrected from one range of its own subject, and where the sentence gives two
    # ranges and neither is a slip of it, not at all
    ("splice", "The incubation period lasts 3 to 9 days in most patients.", "3 to 9 days",
     "In most patients the incubation period lasted 2 to 14 days, and the infectious period 5 to 9 days.",
     "not_found", None),
    ("splice", "The incubation period lasts 2 to 15 days in most patients.", "2 to 15 days",
     "In most patients the incubation period lasted 2 to 14 days, and the infectious period 5 to 9 days.",
     "misquote", "2 to 14 days"),
    ("splice", "Patients stayed in hospital for 3 to 9 days.", "3 to 9 days",
     "The median stay in hospital was 2 days for mild cases. Severe cases were ventilated for 5 to 9 days.",
     "not_found", None),
    # 4. a loose range against the source's precise range: no mixed ends
    ("loose range", "A full charge takes between 4 and 5 hours.", "4 and 5 hours",
     "A full charge takes from 4.3 to 5.6 hours, depending on the charger.", "approximate", None),
    # 5. a hedged figure against a fraction it truncates
    ("fraction", "Roughly 74% of the members voted for the merger.", "74%",
     "Three-quarters of the members voted for the merger at the annual meeting.", "approximate", None),
    ("fraction", "About 65% of the tenants renewed their leases.", "65%",
     "Two-thirds of the tenants renewed their leases last year.", "approximate", None),
    # 6. a round count against the exact one
    ("round count", "The scheme reached 40,000 households in its first year.", "40,000",
     "In its first year the scheme reached 40,877 households across the region.", "approximate", None),
    ("round count", "The festival drew 12,000 visitors over the weekend.", "12,000",
     "Over the weekend the festival drew 12,430 visitors, the organisers said.", "approximate", None),
    # 7. no wild suggestion: another quantity's figure, or another slot of the same sentence
    ("wild", "The plant employs 450 workers on two shifts.", "450",
     "The plant runs 45 robots on two shifts, the company says.", "not_found", None),
    ("wild", "The charity fed 3,000 families last winter.", "3,000",
     "Last winter the charity's 300 volunteers cooked every evening.", "not_found", None),
    ("wild", "The trial enrolled 1,200 adults over 18 months.", "18 months",
     "The trial enrolled 1,150 adults from 30 clinics in four cities.", "not_found", None),
    ("wild", "The new bridge is 850 metres long.", "850 metres",
     "The old ferry carried 85 cars per crossing before the new bridge opened.", "not_found", None),
    # 8. a change is not a level: never corrected by one; where the source gives both levels the
    # change is computed from them (derived figures)
    ("change", "Electric cars' share of new car sales grew 40% last year.", "40%",
     "Electric cars made up 28% of new car sales last year.", "not_found", None),
    ("change", "The share of remote workers is up 5 points since 2019.", "5 points",
     "Remote workers made up 28% of the workforce in 2023.", "not_found", None),
    ("change", "Sales of electric cars grew 40% last year.", "40%",
     "Electric cars rose from 20% to 28% of new car sales last year.", "verified", None),
    ("change", "The share of remote workers is up 5 points since 2019.", "5 points",
     "Remote workers made up 22% of the workforce in 2019 and 28% in 2023.", "misquote", "6 points"),
    # 9. a quantity the source gives at two times: quoting either is no misquote
    ("two times", "Carbon dioxide stood at about 310 ppm before 1900.", "310",
     "Carbon dioxide was about 310 ppm before 1900; today it is above 420 ppm.", "verified", None),
    ("two times", "Today carbon dioxide is above 420 ppm.", "420",
     "Carbon dioxide was about 310 ppm before 1900; today it is above 420 ppm.", "verified", None),
    # 10. a source that gives a figure with its conversion states both
    ("conversion", "The agreement aims to hold warming to 3.6 °F.", "3.6 °F",
     "The agreement aims to hold warming well below 2\u00a0°C (3.6\u00a0°F) above pre-industrial levels.",
     "verified", None),
    ("conversion", "Sea level could rise by 1 ft by the end of the century.", "1 ft",
     "Sea level could rise by 30\u00a0cm (1\u00a0ft) by the end of the century.", "verified", None),
    ("conversion", "The storm surge reached 3.7 metres at the harbour.", "3.7 metres",
     "At the harbour a 12-foot (3.7 m) storm surge was recorded.", "verified", None),
    # a draft figure beyond the source's bound is a slip of that bound only where the words around
    # the two agree; elsewhere the bound is about something else
    ("bound", "Survivors had antibodies for 28 months after infection.", "28 months",
     "Among survivors, antibodies were detected for >18 months after infection.", "misquote", "18 months"),
    ("bound", "90% of the reefs will be gone within a generation.", "90%",
     "Over 70 percent of the reefs around the world are already damaged by heat.", "not_found", None),
    # an age group's bound by another convention is no slip ("under 18" / "19 or younger")
    ("age group", "Children under 18 rarely fell seriously ill.", "18",
     "Serious illness was rare among those aged 19 or younger.", "not_found", None),
    ("age group", "Adults under 50 were half as susceptible.", "50",
     "Adults under 20 were half as susceptible to infection.", "misquote", "20"),
    # 11. a hedged conversion is approximate, never a misquote
    ("hedged conversion", "The tower is more than 300 feet tall.", "300 feet",
     "The tower is 95 metres tall and was finished in 1931.", "approximate", None),
    # 12. a computation corrects only what the writer could have computed: a rate over a period is
    # a level the source may state without the period; a result an order of magnitude off, a sum
    # of other nouns' counts or of a part too small to matter means the operands are the wrong ones
    ("computed", "Energy traders spend an average of $1.6 million a year on compliance reporting.",
     "$1.6 million", "Average annual spending on compliance reporting among energy traders came to $1.3 million.",
     "misquote", "$1.3 million"),
    ("computed", "Airlines spend an average of $4.8 billion a year on contract review.", "$4.8 billion",
     "Among airlines, average annual spending on contract review came to $5.2 billion across 2 regions.",
     "not_found", None),
    ("computed", "The council spends $1,300 per resident on road repairs.", "$1,300",
     "The council's road repair budget is $4.6 billion. The city has 76,100 residents.", "not_found", None),
    ("computed", "The surveyed banks employ 53,500 software engineers between them.", "53,500",
     "Together, the banks in the sample employ 41,400 software engineers and run 2,500 warehouses.",
     "not_found", None),
    ("computed", "The surveyed banks employ 43,900 software engineers between them.", "43,900",
     "Together, the banks in the sample employ 41,400 software engineers and run 2,500 warehouses.",
     "not_found", None),
    ("computed", "The surveyed chains employ 9,600 security analysts between them.", "9,600",
     "Two analysts coded the answers; together, the chains in the sample employ 5,600 security analysts.",
     "not_found", None),
    ("computed", "The two hospitals have 900 beds combined.", "900",
     "The north hospital has 420 beds and the south hospital has 380 beds.", "misquote", "800"),
]


@pytest.mark.parametrize(("kind", "sentence", "figure", "source", "verdict", "suggestion"), CASES,
                         ids=[f"{c[0]}:{c[2]}" for c in CASES])
def test_trust(kind: str, sentence: str, figure: str, source: str, verdict: str, suggestion: str | None) -> None:
    doc, sources = _doc(sentence, figure, source)
    judge(doc, sources)
    claim = doc.claims[0]
    assert claim.verdict == verdict, f"{kind}: {claim.message} (suggestion {claim.suggestion!r})"
    assert claim.suggestion == suggestion


def test_a_claim_carries_its_own_figure_among_equal_ones(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two equal figures in one sentence are two claims with their own words: the second "3%" is
    the south's, which the source gives as 8%. (The judge once re-read the sentence and took the
    first "3%" for both.)"""
    from pipeline import run
    from pipeline.config import Options

    (tmp_path / "src.md").write_text("Sales in the north grew 3% last year. Sales in the south grew 8% last year.\n",
                                     encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("Sales in the north grew 3% and sales in the south grew 3% last year [1].\n\n"
                     "## References\n\n[1] Regional sales. src.md\n", encoding="utf-8")
    result = run.check([str(draft)], Options(root=str(tmp_path), no_ledger=True, offline=True,
                                             cache_dir=str(tmp_path / "cache")))
    north, south = result.documents[0].claims
    assert north.figures == south.figures and (north.figure, south.figure) == (0, 1)
    assert north.sentence[north.figures[1].start:north.figures[1].end] == "3%"
    assert north.verdict == "verified"
    assert south.verdict == "misquote" and south.suggestion == "8%"
