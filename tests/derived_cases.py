"""Derived figures, case by case: a draft sentence, the figure it computed, the cited passage, and
what an editor would say (issue 16).

Plain data, so two tests read it: ``tests/test_derive.py`` checks what :mod:`pipeline.derive` can
decide alone (the wording signals the computation, the right computation is among the
candidates, and the verdict follows from comparing it with the draft's figure); the judge's
end-to-end test runs the same rows through a whole check.

Every sentence here is written for this table. A *decoy* is a wrong computation from other
figures of the same passage that comes out at the draft's figure: a checker that tried every pair
of numbers would take it. Rows whose wording signals no computation (``signal=None``) are
``not_found`` although a computation from the passage gives the draft's figure: that is the point
of signalling.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DerivedCase:
    id: str
    #: the computation that decides the case (pipeline.derive.OPERATIONS)
    operation: str
    draft: str
    #: the claim's figure as written in ``draft``
    figure: str
    #: the cited passage: one sentence, or two adjacent ones
    source: str
    verdict: str  # verified | approximate | misquote | not_found
    #: a misquote's suggestion: the computed figure in the draft's form
    suggestion: str | None = None
    #: the right computation's operands as written in the source, in the formula's order (ratio:
    #: numerator, denominator; change and difference: old, new; share: part, whole; rate: amount,
    #: count; total: the parts); empty for rows no computation decides
    operands: tuple[str, ...] = ()
    #: the operation the draft's wording signals, where it is not ``operation`` (the "% vs points"
    #: slip); None: the wording signals no computation
    signal: str | None = ""
    #: a decoy's operands as written in the source (see the module docstring)
    decoy: tuple[str, ...] = ()

    @property
    def signalled(self) -> str | None:
        return self.operation if self.signal == "" else self.signal


C = DerivedCase

CASES: tuple[DerivedCase, ...] = (
    # -- ratio and multiple -------------------------------------------------------------------
    C("ratio-doubled", "ratio",
      "Ticket sales at the Harbour Theatre doubled between 2019 and 2023.", "doubled",
      "The Harbour Theatre sold 41,000 tickets in 2019 and 82,000 in 2023.",
      "verified", operands=("82,000", "41,000")),
    C("ratio-times-than", "ratio",
      "Oyster exports were 3x higher than imports last year.", "3x",
      "Oyster exports reached $12 million last year, while imports came to $4 million.",
      "verified", operands=("$12 million", "$4 million")),
    C("ratio-those-rounded", "ratio",
      "Rents in the old town are 2.5 times those in the suburbs.", "2.5 times",
      "The average rent is €1,240 a month in the old town and €500 a month in the suburbs.",
      "approximate", operands=("€1,240", "€500")),
    C("ratio-quadrupled-decoy", "ratio",
      "The number of public charging points quadrupled between 2018 and 2022.", "quadrupled",
      "The city had 310 public charging points in 2018, 620 in 2020 and 1,240 in 2022.",
      "verified", operands=("1,240", "310")),
    C("ratio-tripled-wrong-decoy", "ratio",
      "Membership of the rowing club tripled after the Olympics.", "tripled",
      "The rowing club had 240 members before the Games and 480 a year after, well short of the 720 "
      "it counted at its peak in 1990.",
      "misquote", "2x", operands=("480", "240"), decoy=("720", "240")),
    C("ratio-twice-as-many-wrong", "ratio",
      "The north branch lends twice as many books as the south branch.", "twice",
      "Last year the north branch lent 52,000 books and the south branch 34,000.",
      "misquote", "1.5x", operands=("52,000", "34,000")),
    C("ratio-doubled-fell", "ratio",
      "Applications to the grant scheme doubled this year.", "doubled",
      "The scheme received 900 applications last year and 600 this year.",
      "misquote", "0.7x", operands=("600", "900")),
    C("ratio-fold-neighbour", "ratio",
      "Cases of the disease rose threefold in a decade.", "threefold",
      "In 2013 the clinic treated 150 cases of the disease. By 2023 it was treating 450.",
      "verified", operands=("450", "150")),
    C("ratio-times-wrong-decoy", "ratio",
      "Solar output in the county is now four times that of wind.", "four times",
      "Solar farms in the county generated 360 GWh last year, wind turbines 120 GWh and hydro plants 90 GWh.",
      "misquote", "3 times", operands=("360 GWh", "120 GWh"), decoy=("360 GWh", "90 GWh")),
    C("ratio-frequency", "ratio",
      "Inspectors visit each kitchen twice a year.", "twice",
      "Inspectors made 300 visits to 150 kitchens last year.",
      "not_found", signal=None, decoy=("300", "150")),
    C("ratio-occasions", "ratio",
      "The mayor has been elected twice.", "twice",
      "The mayor won 12,000 votes at her first election and 24,000 at her second.",
      "not_found", signal=None, decoy=("24,000", "12,000")),

    # -- percent change -----------------------------------------------------------------------
    C("change-rose", "percent_change",
      "Passenger numbers at the regional airport rose 25% between 2021 and 2023.", "25%",
      "The regional airport handled 1.6 million passengers in 2021 and 2 million in 2023.",
      "verified", operands=("1.6 million", "2 million")),
    C("change-against-rounded", "percent_change",
      "Sales of electric bikes rose 38% last year.", "38%",
      "Dealers sold 18,400 electric bikes in 2023, against 13,300 in 2022.",
      "approximate", operands=("13,300", "18,400")),
    C("change-wrong-decoy", "percent_change",
      "Average water bills climbed 12% in two years.", "12%",
      "The average annual water bill went from $480 in 2021 to $552 in 2023, while the sewer charge "
      "went from $200 to $224.",
      "misquote", "15%", operands=("$480", "$552"), decoy=("$200", "$224")),
    C("change-quarter-down", "percent_change",
      "Burglaries fell by a quarter over the period.", "a quarter",
      "Police recorded 840 burglaries in 2020 and 630 in 2023.",
      "verified", operands=("840", "630")),
    C("change-wrong-direction", "percent_change",
      "Enrolment at the college grew 10% this year.", "10%",
      "The college enrolled 5,500 students last year and 5,000 this year.",
      "misquote", "-9%", operands=("5,500", "5,000")),
    C("change-higher-than", "percent_change",
      "New tenants pay rents 20% higher than sitting tenants.", "20%",
      "New tenants pay an average of $1,500 a month and sitting tenants $1,250 a month.",
      "verified", operands=("$1,250", "$1,500")),
    C("change-less-than-wrong", "percent_change",
      "Women in the sector earn 30% less than men.", "30%",
      "Median pay in the sector is $52,000 for women and $65,000 for men.",
      "misquote", "20%", operands=("$65,000", "$52,000")),
    C("change-half-of-shares", "percent_change",
      "Smoking among teenagers fell by half over the decade.", "half",
      "In 2012, 14% of teenagers smoked; in 2022, 7% did.",
      "verified", operands=("14%", "7%")),
    C("change-neighbour", "percent_change",
      "Revenue at the cooperative grew 20% last year.", "20%",
      "The cooperative's revenue was $2.5 million in 2022. Last year it reached $3 million.",
      "verified", operands=("$2.5 million", "$3 million")),
    C("change-up-from-wrong", "percent_change",
      "Museum visits were up 30% on the year before.", "30%",
      "The museum welcomed 91,000 visitors this year, up from 78,000 the year before.",
      "misquote", "17%", operands=("78,000", "91,000")),
    C("change-both-ten-decoy", "percent_change",
      "The single bus fare rose 10% in January.", "10%",
      "In January the single fare went from $2.00 to $2.20 and the day pass from $5.00 to $5.50.",
      "verified", operands=("$2.00", "$2.20"), decoy=("$5.00", "$5.50")),
    C("change-rose-to-level", "percent_change",
      "Support for the bypass rose to 45%.", "45%",
      "In January, 55% of voters backed the bypass; support has since risen.",
      "not_found", signal=None, decoy=("55%",)),

    # -- percentage-point difference -----------------------------------------------------------
    C("points-up", "point_difference",
      "Turnout in the ward was up 6 points on the previous election.", "6 points",
      "Turnout in the ward reached 47% this time, compared with 41% at the previous election.",
      "verified", operands=("41%", "47%")),
    C("points-gap-wrong-decoy", "point_difference",
      "The gender gap in the survey was 9 percentage points.", "9 percentage points",
      "Of the men surveyed, 58% agreed, against 46% of the women and 49% of all respondents.",
      "misquote", "12 percentage points", operands=("46%", "58%"), decoy=("49%", "58%")),
    C("points-led", "point_difference",
      "Labour led the Conservatives by 4 points in the final poll.", "4",
      "The final poll put Labour on 38% and the Conservatives on 34%.",
      "verified", operands=("34%", "38%")),
    C("points-percent-slip", "point_difference",
      "The share of adults with a degree rose 6% in ten years.", "6%",
      "In 2013, 32% of adults held a degree; in 2023 the figure was 38%.",
      "misquote", "6 percentage points", operands=("32%", "38%"), signal="percent_change"),
    C("points-basis", "point_difference",
      "The central bank cut its main rate by 25 basis points.", "25 basis points",
      "The central bank lowered its main rate from 4.5% to 4.25%.",
      "verified", operands=("4.5%", "4.25%")),
    C("points-fell-wrong", "point_difference",
      "Approval of the mayor fell 7 points over the summer.", "7 points",
      "The mayor's approval rating slipped from 54% in June to 49% in September.",
      "misquote", "5 points", operands=("54%", "49%")),
    C("points-higher-rounded", "point_difference",
      "Support is 10 points higher among renters than among owners.", "10",
      "The proposal is backed by 61.5% of renters, compared with 51.8% of owners.",
      "approximate", operands=("51.8%", "61.5%")),
    C("points-rose-pp", "point_difference",
      "The unemployment rate rose 1.2 percentage points in a year.", "1.2 percentage points",
      "Unemployment stood at 4.1% a year ago. It is now 5.3%.",
      "verified", operands=("4.1%", "5.3%")),
    C("points-up-decoy", "point_difference",
      "Support for the levy is up 5 points since the spring.", "5 points",
      "Support for the levy was 40% in the spring and is 45% now, while opposition has gone from 35% to 40%.",
      "verified", operands=("40%", "45%"), decoy=("35%", "40%")),
    C("points-scored", "point_difference",
      "The team scored 31 points in the final.", "31",
      "The team scored 58 points in the semi-final and 27 in the quarter-final.",
      "not_found", signal=None, decoy=("27", "58")),

    # -- complement ---------------------------------------------------------------------------
    C("complement-remaining", "complement",
      "The remaining 45% of the grant went to schools.", "45%",
      "Of the grant, 55% was spent on roads and the rest on schools.",
      "verified", operands=("55%",)),
    C("complement-other-wrong-decoy", "complement",
      "The other 62% of the grant went to schools.", "62%",
      "Roads took 55% of this year's grant and schools the rest; parks took 38% of last year's.",
      "misquote", "45%", operands=("55%",), decoy=("38%",)),
    C("complement-all-but", "complement",
      "All but 9% of households had power back by Friday.", "9%",
      "By Friday, power had been restored to 91% of households.",
      "verified", operands=("91%",)),
    C("complement-rounded", "complement",
      "The other 30% of respondents had no opinion.", "30%",
      "Of the respondents, 70.4% gave an opinion.",
      "approximate", operands=("70.4%",)),
    C("complement-all-but-wrong", "complement",
      "All but 4% of the county's roads are paved.", "4%",
      "Of the county's roads, 94% are paved.",
      "misquote", "6%", operands=("94%",)),
    C("complement-amount", "complement",
      "The remaining $6 million of the city's fund will go to parks.", "$6 million",
      "The city set up a fund of $10 million and has spent $4 million of it on roads.",
      "verified", operands=("$10 million", "$4 million")),
    C("complement-count-wrong", "complement",
      "The remaining 300 staff will move to the new site in May.", "300",
      "Of the firm's 1,200 staff, 800 have already moved.",
      "misquote", "400", operands=("1,200", "800")),
    C("complement-rest-comma", "complement",
      "The rest, 28%, said they would not vote.", "28%",
      "Asked about the election, 72% said they would vote.",
      "verified", operands=("72%",)),
    C("complement-another", "complement",
      "Another 45% said they were unsure.", "45%",
      "Some 55% said yes.",
      "not_found", signal=None, decoy=("55%",)),

    # -- total --------------------------------------------------------------------------------
    C("total-together", "total",
      "Together, the two programmes cost $9 million.", "$9 million",
      "The road programme cost $4 million and the parks programme $5 million.",
      "verified", operands=("$4 million", "$5 million")),
    C("total-combined-wrong-decoy", "total",
      "The two councils spent a combined $14 million on flood defences.", "$14 million",
      "Northam spent $6 million on flood defences and Southam $5 million, and Southam also spent "
      "$9 million on roads.",
      "misquote", "$11 million", operands=("$6 million", "$5 million"), decoy=("$5 million", "$9 million")),
    C("total-in-all-hedged", "total",
      "In all, the three festivals drew about 52,000 visitors.", "52,000",
      "The jazz festival drew 18,200 visitors, the folk festival 21,400 and the film festival 12,600.",
      "approximate", operands=("18,200", "21,400", "12,600")),
    C("total-either-or", "total",
      "In the survey, 58% of the tenants were either behind on rent or had borrowed to pay it.", "58%",
      "In the survey, 31.4% of the tenants were behind on rent and 26.8% had borrowed to pay it.",
      "approximate", operands=("31.4%", "26.8%")),
    C("total-of-wrong", "total",
      "A total of 1,250 people applied for the two posts.", "1,250",
      "The first post drew 640 applicants and the second 560.",
      "misquote", "1,200", operands=("640", "560")),
    C("total-shares", "total",
      "Together the two largest parties won 71% of the vote.", "71%",
      "The Greens won 38% of the vote and the Liberals 33%.",
      "verified", operands=("38%", "33%")),
    C("total-altogether-km", "total",
      "The two trails are 14 km long altogether.", "14 km",
      "The river trail is 8.5 km long and the forest trail 5.5 km.",
      "verified", operands=("8.5 km", "5.5 km")),
    C("total-combined-beds-decoy", "total",
      "The county's two hospitals have 900 beds combined.", "900",
      "St Mary's has 420 beds and the General has 380; a planned wing would add 520 beds.",
      "misquote", "800", operands=("420", "380"), decoy=("380", "520")),
    C("total-neighbour", "total",
      "The appeal raised $1.1 million in total from its donors.", "$1.1 million",
      "Donors gave the appeal $650,000 in the first month. A further $450,000 came in the second.",
      "verified", operands=("$650,000", "$450,000")),
    C("total-no-cue", "total",
      "The fund now holds $9 million.", "$9 million",
      "The fund received $4 million from the state and $5 million from donors.",
      "not_found", signal=None, decoy=("$4 million", "$5 million")),

    # -- share of a whole ---------------------------------------------------------------------
    C("share-of-the-n", "share",
      "Some 57% of the 23 residents surveyed backed the plan.", "57%",
      "Of the 23 residents surveyed, 13 backed the plan and 8 opposed it.",
      "approximate", operands=("13", "23")),
    C("share-quarter", "share",
      "A quarter of the 480 flats in the block stand empty.", "A quarter",
      "Of the block's 480 flats, 120 stand empty.",
      "verified", operands=("120", "480")),
    C("share-one-in-wrong-decoy", "share",
      "One in three of the new jobs went to women.", "One in three",
      "Of the 2,400 new jobs, 600 went to women and 800 to workers under 25.",
      "misquote", "25%", operands=("600", "2,400"), decoy=("800", "2,400")),
    C("share-of-members-wrong", "share",
      "Turnout was 42% of the 1,500 members.", "42%",
      "Only 480 of the 1,500 members voted.",
      "misquote", "32%", operands=("480", "1,500")),
    C("share-of-listed-parts", "share",
      "Men made up 41% of the patients in the trial.", "41%",
      "The trial enrolled 45 men and 65 women.",
      "approximate", operands=("45", "45", "65")),
    C("share-accepted", "share",
      "30% of the applicants were accepted.", "30%",
      "Of 2,000 applicants, 600 were accepted and 500 were put on a waiting list.",
      "verified", operands=("600", "2,000")),
    C("share-accepted-wrong-decoy", "share",
      "25% of the applicants were accepted.", "25%",
      "Of 2,000 applicants, 600 were accepted and 500 were put on a waiting list.",
      "misquote", "30%", operands=("600", "2,000"), decoy=("500", "2,000")),
    C("share-out-of", "share",
      "Nine out of 10 of the trees in the park are oaks.", "Nine out of 10",
      "The park has 1,200 trees, 1,080 of them oaks.",
      "verified", operands=("1,080", "1,200")),
    C("share-no-wording", "share",
      "The tax rate is 20%.", "20%",
      "Of the $50,000 she earned, $10,000 went in tax.",
      "not_found", signal=None, decoy=("$10,000", "$50,000")),

    # -- per-unit rate ------------------------------------------------------------------------
    C("rate-per-resident", "per_unit",
      "The town spends $4 per resident on its libraries.", "$4",
      "The town's library budget is $192,000 and it has 48,000 residents.",
      "verified", operands=("$192,000", "48,000")),
    C("rate-an-hour-rounded", "per_unit",
      "Cleaners at the hospital earn $19 an hour.", "$19",
      "Cleaners at the hospital are paid $720 for a 38-hour week.",
      "approximate", operands=("$720", "38-hour")),
    C("rate-per-pupil-wrong-decoy", "per_unit",
      "The tutoring scheme costs $1,500 per pupil.", "$1,500",
      "The $3.6 million tutoring scheme covers 3,000 pupils and employs 2,400 tutors.",
      "misquote", "$1,200", operands=("$3.6 million", "3,000"), decoy=("$3.6 million", "2,400")),
    C("rate-a-year", "per_unit",
      "The programme will cost $2 million a year.", "$2 million",
      "The programme has a budget of $10 million over five years.",
      "verified", operands=("$10 million", "five years")),
    C("rate-per-head-wrong", "per_unit",
      "Visitors spent an average of $85 a head at the festival.", "$85",
      "The festival's 12,000 visitors spent $1.2 million in total.",
      "misquote", "$100", operands=("$1.2 million", "12,000")),
    C("rate-per-capita-round", "per_unit",
      "Health spending reached $6,100 per capita.", "$6,100",
      "The country has 5.2 million people and spent $31.7 billion on health.",
      "approximate", operands=("$31.7 billion", "5.2 million")),
    C("rate-per-visitor-neighbour", "per_unit",
      "The museum received a subsidy of $12 per visitor.", "$12",
      "The museum welcomed 150,000 visitors last year. Its subsidy was $1.8 million.",
      "verified", operands=("$1.8 million", "150,000")),
    C("rate-no-wording", "per_unit",
      "Tickets cost $12.", "$12",
      "The club sold 500 tickets for $6,000.",
      "not_found", signal=None, decoy=("$6,000", "500")),

    # -- unit conversion ----------------------------------------------------------------------
    C("convert-temperature", "conversion",
      "The heatwave peaked at 104 °F (40 °C) on Tuesday.", "40 °C",
      "The weather station recorded a high of 104 °F on Tuesday.",
      "verified", operands=("104 °F",)),
    C("convert-temperature-wrong", "conversion",
      "Temperatures reached 95 °F (38 °C) on Monday.", "38 °C",
      "The thermometer at the airport showed 97 °F on Monday.",
      "misquote", "36 °C", operands=("97 °F",)),
    C("convert-miles-km", "conversion",
      "The new cycle path runs 8 miles (13 km) along the coast.", "13 km",
      "The coastal cycle path will be 8.1 miles long.",
      "approximate", operands=("8.1 miles",)),
    C("convert-feet-metres-wrong", "conversion",
      "The tower stands 300 ft (120 m) tall.", "120 m",
      "The tower is 300 feet tall.",
      "misquote", "91 m", operands=("300 feet",)),
    C("convert-warming", "conversion",
      "The lake has warmed by 1.8 °F (1 °C) since 1980.", "1 °C",
      "Surface water in the lake warmed by 1.8 °F between 1980 and 2020.",
      "verified", operands=("1.8 °F",)),
    C("convert-or", "conversion",
      "The hut stands at 2,000 m, or 6,562 ft, above the valley.", "6,562 ft",
      "The hut is 2,000 metres above the valley floor.",
      "approximate", operands=("2,000 metres",)),
    C("convert-kg-lb", "conversion",
      "The sculpture weighs 150 kg (330 lb).", "330 lb",
      "The bronze sculpture weighs 150 kilograms.",
      "approximate", operands=("150 kilograms",)),
)


@dataclass(frozen=True, slots=True)
class InconsistencyCase:
    """A draft sentence whose own figures do (``message`` None) or do not add up."""

    id: str
    draft: str
    kind: str | None  # conversion | total | share; None: consistent
    message: str | None = None


Inc = InconsistencyCase

INCONSISTENCY_CASES: tuple[InconsistencyCase, ...] = (
    Inc("conv-feet-ok", "The sea wall is 12 ft (3.7 m) high.", None),
    Inc("conv-feet-wrong", "The sea wall is 12 ft (4.7 m) high.", "conversion", "12 ft is 3.66 m, not 4.7 m"),
    Inc("conv-or-ok", "The walk is 5 km, or 3.1 miles, long.", None),
    Inc("conv-or-wrong", "The walk is 5 km, or 8 miles, long.", "conversion", "5 km is 3.1 miles, not 8 miles"),
    Inc("conv-reading-ok", "It reached 40 °C (104 °F) in July.", None),
    Inc("conv-reading-wrong", "It reached 40 °C (72 °F) in July.", "conversion", "40 °C is 104 °F, not 72 °F"),
    Inc("conv-rise-ok", "A rise of 1.5 °C (2.7 °F) is expected by 2050.", None),
    Inc("conv-hedged-ok", "The route is 100 km (about 60 miles) long.", None),
    Inc("conv-reading-by-noon-ok", "By noon it hit 30 °C (86 °F).", None),  # "by" far from the figure
    Inc("conv-reading-fell-below-ok", "It fell below 0 °C (32 °F) overnight.", None),  # a change ending at a reading
    Inc("conv-reading-rose-to-ok", "Temperatures rose to 40 °C (104 °F) on Friday.", None),
    Inc("conv-above-ok", "Temperatures are now 1.5 °C (2.7 °F) above pre-industrial levels.", None),  # cue after
    Inc("conv-above-wrong", "Temperatures are now 1.5 °C (34.7 °F) above pre-industrial levels.", "conversion",
        "1.5 °C is 2.7 °F, not 34.7 °F (as a difference of temperature)"),
    Inc("conv-warmed-by-ok", "The planet has warmed by 1.1 °C (2 °F) since 1900.", None),
    Inc("total-patients-wrong", "Of the 120 patients, 45 were men and 65 women.", "total", "45 + 65 = 110, not 120"),
    Inc("total-patients-ok", "Of the 120 patients, 45 were men and 75 women.", None),
    Inc("total-not-a-partition", "Of the 120 patients, 45 were treated and 30 recovered.", None),
    Inc("total-colon-wrong", "A total of $10 million: $4 million for roads and $5 million for parks.", "total",
      "$4 million + $5 million = $9 million, not $10 million"),
    Inc("total-after-wrong", "The city spent $4 million on roads and $5 million on parks, a total of $10 million.",
      "total", "$4 million + $5 million = $9 million, not $10 million"),
    Inc("total-colon-ok", "A total of $10 million: $4 million for roads and $6 million for parks.", None),
    Inc("shares-split-wrong", "The vote split 52% for, 45% against and 5% undecided.", "total",
      "52% + 45% + 5% = 102%, not 100%"),
    Inc("shares-split-ok", "The vote split 52% for, 45% against and 3% undecided.", None),
    Inc("shares-rest-wrong", "Of the budget, 40% went to salaries, 35% to buildings and the remaining 30% to "
      "equipment.", "total", "40% + 35% + 30% = 105%, not 100%"),
    Inc("shares-rounded-ok", "About 33% chose A, 33% chose B and the other 33% chose C.", None),
    Inc("shares-respectively-ok", "Support was 40% and 45% in 2020 and 2022, respectively.", None),
    Inc("share-counts-ok", "Of those asked, 13 of 23 residents, 57%, said yes.", None),
    Inc("share-counts-wrong", "Of those asked, 13 of 23 residents, 65%, said yes.", "share", "13 of 23 is 56.5%, not 65%"),
)
