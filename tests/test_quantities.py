"""The figure grammar: what is a figure, what is not, its value, its span.

Every example sentence here is written for this suite (none comes from the evaluation set).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import Quantity
from pipeline.quantities import find_quantities, format_like, parse_quantity

N = None
M6 = 1e6
B9 = 1e9

# (sentence, figure text, kind, low, high, unit, qualifier): the sentence holds exactly this figure
ONE: list[tuple[str, str, str, float, float, str | None, str | None]] = [
    # percent
    ("62% of CEOs said so.", "62%", "percent", 62, 62, "%", N),
    ("Some 62 percent agreed.", "62 percent", "percent", 62, 62, "%", "about"),
    ("It was 62 per cent in the survey.", "62 per cent", "percent", 62, 62, "%", N),
    ("Margins were 12.5% higher.", "12.5%", "percent", 12.5, 12.5, "%", N),
    ("Rates rose 0.5 percentage points.", "0.5 percentage points", "percent", 0.5, 0.5, "pp", N),
    # hundredths of a currency
    ("Each query costs 36 cents to serve.", "36 cents", "currency", 0.36, 0.36, "USD", N),
    ("A stamp now costs 85p in shops.", "85p", "currency", 0.85, 0.85, "GBP", N),
    ("He paid 99 pence for it.", "99 pence", "currency", 0.99, 0.99, "GBP", N),
    ("The bank raised rates by 25 basis points.", "25 basis points", "percent", 25, 25, "bp", N),
    ("It was a cut of 50bps in March.", "50bps", "percent", 50, 50, "bp", N),
    ("Yields rose 25 pct on the day.", "25 pct", "percent", 25, 25, "%", N),
    ("Sixty-two percent of voters agreed.", "Sixty-two percent", "percent", 62, 62, "%", N),
    ("About ninety-five percent of staff left.", "ninety-five percent", "percent", 95, 95, "%", "about"),
    ("Between 10 and 20 percent of firms do.", "10 and 20 percent", "percent", 10, 20, "%", N),
    ("Costs fell 10-20% in the test.", "10-20%", "percent", 10, 20, "%", N),
    ("Costs fell 10–20% in the test.", "10–20%", "percent", 10, 20, "%", N),
    ("Costs fell 10 to 20 percent overall.", "10 to 20 percent", "percent", 10, 20, "%", N),
    ("Costs fell 10%-20% overall.", "10%-20%", "percent", 10, 20, "%", N),
    ("Output shrank -3% in May.", "-3%", "percent", -3, -3, "%", N),
    ("Output shrank \u22123% in May.", "\u22123%", "percent", -3, -3, "%", N),
    ("Nearly 40% of users quit.", "40%", "percent", 40, 40, "%", "max"),
    ("Up to 40% of users quit.", "40%", "percent", 40, 40, "%", "max"),
    ("More than 40% of users quit.", "40%", "percent", 40, 40, "%", "min"),
    ("Over 40 percent of users quit.", "40 percent", "percent", 40, 40, "%", "min"),
    ("Roughly 40% of users quit.", "40%", "percent", 40, 40, "%", "about"),
    ("Approximately 40% of users quit.", "40%", "percent", 40, 40, "%", "about"),
    ("An estimated 40% of users quit.", "40%", "percent", 40, 40, "%", "about"),
    ("Less than 5% of users quit.", "5%", "percent", 5, 5, "%", "max"),
    ("At least 5% of users quit.", "5%", "percent", 5, 5, "%", "min"),
    ("It reached ~7% by then.", "7%", "percent", 7, 7, "%", "about"),
    ("Around 7 % of staff.", "7 %", "percent", 7, 7, "%", "about"),
    ("Some 0.3% of pixels.", "0.3%", "percent", 0.3, 0.3, "%", "about"),
    ("Almost 99.9% uptime was recorded.", "99.9%", "percent", 99.9, 99.9, "%", "max"),
    ("Under 1% of grants.", "1%", "percent", 1, 1, "%", "max"),
    ("Fewer than 8% of schools.", "8%", "percent", 8, 8, "%", "max"),
    ("In excess of 90% were sold.", "90%", "percent", 90, 90, "%", "min"),
    ("Exceeding 90% were sold.", "90%", "percent", 90, 90, "%", "min"),
    ("Close to 90% were sold.", "90%", "percent", 90, 90, "%", "about"),
    ("Upwards of 90% were sold.", "90%", "percent", 90, 90, "%", "min"),
    ("No more than 90% were sold.", "90%", "percent", 90, 90, "%", "max"),
    ("The share was one hundred percent.", "one hundred percent", "percent", 100, 100, "%", N),
    ("Rates rose 0.25pp last week.", "0.25pp", "percent", 0.25, 0.25, "pp", N),
    # proportions
    ("Two-thirds of enterprise pilots stall.", "Two-thirds", "proportion", 66.67, 66.67, "%", N),
    ("Two thirds of pilots stall.", "Two thirds", "proportion", 66.67, 66.67, "%", N),
    ("Half of all pilots stall.", "Half", "proportion", 50, 50, "%", N),
    ("More than half of pilots stall.", "half", "proportion", 50, 50, "%", "min"),
    ("Nearly half of pilots stall.", "half", "proportion", 50, 50, "%", "max"),
    ("A third of pilots stall.", "A third", "proportion", 33.33, 33.33, "%", N),
    ("One-third of pilots stall.", "One-third", "proportion", 33.33, 33.33, "%", N),
    ("A quarter of pilots stall.", "A quarter", "proportion", 25, 25, "%", N),
    ("Three quarters of pilots stall.", "Three quarters", "proportion", 75, 75, "%", N),
    ("Three-quarters of pilots stall.", "Three-quarters", "proportion", 75, 75, "%", N),
    ("A fifth of pilots stall.", "A fifth", "proportion", 20, 20, "%", N),
    ("Two-fifths of pilots stall.", "Two-fifths", "proportion", 40, 40, "%", N),
    ("One in four adults smoke.", "One in four", "proportion", 25, 25, "%", N),
    ("Nine in ten adults smoke.", "Nine in ten", "proportion", 90, 90, "%", N),
    ("One out of five adults smoke.", "One out of five", "proportion", 20, 20, "%", N),
    ("About 1 in 3 adults smoke.", "1 in 3", "proportion", 33.33, 33.33, "%", "about"),
    ("7 out of 10 dentists agree.", "7 out of 10", "proportion", 70, 70, "%", N),
    ("Roughly half of the budget went there.", "half", "proportion", 50, 50, "%", "about"),
    # currency
    ("It raised $200,000 from angels.", "$200,000", "currency", 200000, 200000, "USD", N),
    ("The cost is $1-2 million per site.", "$1-2 million", "currency", 1 * M6, 2 * M6, "USD", N),
    ("The cost is $1-$2 million per site.", "$1-$2 million", "currency", 1 * M6, 2 * M6, "USD", N),
    ("Fines of $5-$10 million apply.", "$5-$10 million", "currency", 5 * M6, 10 * M6, "USD", N),
    ("Fines of $1 million to $2 million apply.", "$1 million to $2 million", "currency", M6, 2 * M6, "USD", N),
    ("The market is ~$20 billion.", "$20 billion", "currency", 20 * B9, 20 * B9, "USD", "about"),
    ("The fund holds EUR 3bn.", "EUR 3bn", "currency", 3 * B9, 3 * B9, "EUR", N),
    ("The deal was USD 1.2m.", "USD 1.2m", "currency", 1.2 * M6, 1.2 * M6, "USD", N),
    ("It spent 3 billion euros.", "3 billion euros", "currency", 3 * B9, 3 * B9, "EUR", N),
    ("Debt hit 1.2 trillion yen.", "1.2 trillion yen", "currency", 1.2e12, 1.2e12, "JPY", N),
    ("The fee is 500 dollars.", "500 dollars", "currency", 500, 500, "USD", N),
    ("It earned US$1.5 bn last year.", "US$1.5 bn", "currency", 1.5 * B9, 1.5 * B9, "USD", N),
    ("Sales hit €4.2bn.", "€4.2bn", "currency", 4.2 * B9, 4.2 * B9, "EUR", N),
    ("Sales hit £300m.", "£300m", "currency", 300 * M6, 300 * M6, "GBP", N),
    ("Sales hit ¥500 billion.", "¥500 billion", "currency", 500 * B9, 500 * B9, "JPY", N),
    ("Sales hit ₹1,200 crore.", "₹1,200 crore", "currency", 1.2e10, 1.2e10, "INR", N),
    ("Sales hit C$20 million.", "C$20 million", "currency", 20 * M6, 20 * M6, "CAD", N),
    ("Sales hit A$3m.", "A$3m", "currency", 3 * M6, 3 * M6, "AUD", N),
    ("A bonus of $4K was paid.", "$4K", "currency", 4000, 4000, "USD", N),
    ("A bonus of $40k was paid.", "$40k", "currency", 40000, 40000, "USD", N),
    ("A bonus of $2.5 thousand was paid.", "$2.5 thousand", "currency", 2500, 2500, "USD", N),
    ("Revenue topped $1.3tn.", "$1.3tn", "currency", 1.3e12, 1.3e12, "USD", N),
    ("Revenue topped $4 trillion.", "$4 trillion", "currency", 4e12, 4e12, "USD", N),
    ("Over $10 million was lost.", "$10 million", "currency", 10 * M6, 10 * M6, "USD", "min"),
    ("Up to $10 million was lost.", "$10 million", "currency", 10 * M6, 10 * M6, "USD", "max"),
    ("Pay is $15.50 here.", "$15.50", "currency", 15.5, 15.5, "USD", N),
    ("It cost €5–€10bn to build.", "€5–€10bn", "currency", 5 * B9, 10 * B9, "EUR", N),
    ("It cost two million dollars.", "two million dollars", "currency", 2 * M6, 2 * M6, "USD", N),
    ("It cost 3 million pounds.", "3 million pounds", "currency", 3 * M6, 3 * M6, "GBP", N),
    ("It cost 40 GBP to enter.", "40 GBP", "currency", 40, 40, "GBP", N),
    ("Capex of $500,000 to $2 million is typical.", "$500,000 to $2 million", "currency", 5e5, 2e6, "USD", N),
    # multipliers
    ("Inference is 1.5-2x faster.", "1.5-2x", "multiplier", 1.5, 2, "x", N),
    ("Inference is 3x faster.", "3x", "multiplier", 3, 3, "x", N),
    ("Inference is 3X faster.", "3X", "multiplier", 3, 3, "x", N),
    ("Inference is 3× faster.", "3×", "multiplier", 3, 3, "x", N),
    ("Inference is 3 times faster.", "3 times", "multiplier", 3, 3, "x", N),
    ("Risk was 18.7 times higher.", "18.7 times", "multiplier", 18.7, 18.7, "x", N),
    ("Sales will double by then.", "double", "multiplier", 2, 2, "x", N),
    ("Sales doubled last year.", "doubled", "multiplier", 2, 2, "x", N),
    ("A doubling of sales is expected.", "doubling", "multiplier", 2, 2, "x", N),
    ("Sales tripled last year.", "tripled", "multiplier", 3, 3, "x", N),
    ("Sales grew twice as fast.", "twice", "multiplier", 2, 2, "x", N),
    ("A threefold rise followed.", "threefold", "multiplier", 3, 3, "x", N),
    ("A 3-fold rise followed.", "3-fold", "multiplier", 3, 3, "x", N),
    ("A tenfold rise followed.", "tenfold", "multiplier", 10, 10, "x", N),
    ("It was three times faster.", "three times", "multiplier", 3, 3, "x", N),
    ("Roughly 10x cheaper now.", "10x", "multiplier", 10, 10, "x", "about"),
    # counts
    ("The model saw 10 billion tokens.", "10 billion", "count", 1e10, 1e10, "tokens", N),
    ("We asked 1,000 chief executives.", "1,000", "count", 1000, 1000, "chief executives", N),
    ("The library holds over 260,000 volumes.", "260,000", "count", 260000, 260000, "volumes", "min"),
    ("There were 110 cases in total.", "110", "count", 110, 110, "cases", N),
    ("Nearly 70 drugs were approved.", "70", "count", 70, 70, "drugs", "max"),
    ("Over 100+ companies joined.", "100+", "count", 100, 100, "companies", "min"),
    ("More than 100+ companies joined.", "100+", "count", 100, 100, "companies", "min"),
    ("It has 1,000+ customers.", "1,000+", "count", 1000, 1000, "customers", "min"),
    ("Ten million people use it.", "Ten million", "count", 1e7, 1e7, "people", N),
    ("It counts 500 million users.", "500 million", "count", 5e8, 5e8, "users", N),
    ("The app has 10M users.", "10M", "count", 1e7, 1e7, "users", N),
    ("The app has 40k downloads.", "40k", "count", 40000, 40000, "downloads", N),
    ("We sampled 1 200 000 households.", "1 200 000", "count", 1.2e6, 1.2e6, "households", N),
    ("We tested 3 new models.", "3", "count", 3, 3, "new models", N),
    ("The survey had 2,345 respondents.", "2,345", "count", 2345, 2345, "respondents", N),
    ("Between 5 and 10 sites closed.", "5 and 10", "count", 5, 10, "sites", N),
    ("It employs 12,000 workers or more.", "12,000", "count", 12000, 12000, "workers", "min"),
    # a spelled-out number that opens its sentence (as style guides require) is a figure
    ("Fifty-three women were reported.", "Fifty-three", "count", 53, 53, "women", N),
    ("- Fifty-three women were reported.", "Fifty-three", "count", 53, 53, "women", N),  # a list item
    ("It ended. Twelve patients died.", "Twelve", "count", 12, 12, "patients", N),
    ("Meet the sixty-six writers involved.", "sixty-six", "count", 66, 66, "writers", N),
    # halves and decades in durations
    ("The trial ran for two and a half years.", "two and a half years", "duration", 2.5, 2.5, "year", N),
    ("Prices have risen for three decades.", "three decades", "duration", 3, 3, "decade", N),
    # temperatures: a sign or a word, or a glued C where the sentence speaks of warming
    ("Temperatures rose 1.1C above pre-industrial levels.", "1.1C", "number", 1.1, 1.1, "degC", N),
    ("It was 75°F at noon.", "75°F", "number", 75, 75, "degF", N),
    ("The sea warmed 1.5 degrees Celsius.", "1.5 degrees Celsius", "number", 1.5, 1.5, "degC", N),
    # UK press style and hyphenated proportions
    ("Profits rose 62pc last year.", "62pc", "percent", 62, 62, "%", N),
    ("Roughly 1-in-5 adults agreed.", "1-in-5", "proportion", 20, 20, "%", "about"),
    # a fraction as the size of a change, after "by"
    ("Deaths fell by a third.", "a third", "proportion", 33.33, 33.33, "%", N),
    ("Costs were cut by more than half, officials said.", "half", "proportion", 50, 50, "%", "min"),
    ("Sales rose by two-thirds since March.", "two-thirds", "proportion", 66.67, 66.67, "%", N),
    # lengths and weights: the value as written, the unit as its symbol
    ("Virus was found 16 feet from the bed.", "16 feet", "number", 16, 16, "ft", N),
    ("Samples were taken 4.8 m away.", "4.8 m", "number", 4.8, 4.8, "m", N),
    ("Keep six feet apart.", "six feet", "number", 6, 6, "ft", N),
    ("A 2-metre zone is kept clear.", "2-metre", "number", 2, 2, "m", N),
    ("She ran 26.2 miles in the race.", "26.2 miles", "number", 26.2, 26.2, "mi", N),
    ("The parcel weighs 150 pounds.", "150 pounds", "number", 150, 150, "lb", N),
    ("Each dose holds 5 mg of the drug.", "5 mg", "number", 5, 5, "mg", N),
    # a unit symbol against the number; a glued "m" is metres only where the words measure
    ("She won the 5km race again.", "5km", "number", 5, 5, "km", N),
    ("Each bag weighs 10kg when full.", "10kg", "number", 10, 10, "kg", N),
    ("The tower is 300m tall.", "300m", "number", 300, 300, "m", N),
    ("He won the 100m sprint in Rome.", "100m", "number", 100, 100, "m", N),
    ("The village is 5m away from the sea.", "5m", "number", 5, 5, "m", N),
    ("A can holds 35g of sugar.", "35g", "number", 35, 35, "g", N),
    ("The works took a year and a half to finish.", "a year and a half", "duration", 1.5, 1.5, "year", N),
    ("The talk ran for about an hour and a half.", "an hour and a half", "duration", 1.5, 1.5, "hour", "about"),
    ("Prices rose over the past decade.", "the past decade", "duration", 1, 1, "decade", N),
    ("It was built a decade and a half ago.", "a decade and a half", "duration", 1.5, 1.5, "decade", N),
    ("A man in his 40s was arrested.", "40s", "number", 40, 50, "decade", N),
    ("Most were in their late 60s.", "60s", "number", 60, 70, "decade", N),
    ("The film holds an average rating of 6.1/10 on the site.", "6.1/10", "number", 6.1, 6.1, "/10", N),
    # power and energy, prefixes case-sensitive
    ("The plant has 1.2 GW of capacity.", "1.2 GW", "number", 1.2, 1.2, "GW", N),
    ("Data centres used 460 terawatt-hours last year.", "460 terawatt-hours", "number", 460, 460, "TWh", N),
    ("It sells a 100W bulb.", "100W", "number", 100, 100, "W", N),
    # a unit on both ends of a range
    ("It takes between 3 hours and 5 hours.", "3 hours and 5 hours", "duration", 3, 5, "hour", N),
    ("Warming of between 1.5C and 2C is likely.", "1.5C and 2C", "number", 1.5, 2, "degC", N),
    ("Runners chose between 5km and 10km routes.", "5km and 10km", "number", 5, 10, "km", N),
    ("The wreck lies at a depth of 30m.", "30m", "number", 30, 30, "m", N),
    ("Its population reached 1.5m.", "1.5m", "number", 1.5 * M6, 1.5 * M6, N, N),
    ("They hired 1.5m workers.", "1.5m", "count", 1.5 * M6, 1.5 * M6, "workers", N),
    # ages and age groups: the cut-off is the figure, its direction the qualifier
    ("Cases fell among the under-20s.", "20", "number", 20, 20, N, "max"),
    ("Cases rose among the over-70s.", "70", "number", 70, 70, N, "min"),
    ("Risk is highest for those 85 and older.", "85", "number", 85, 85, N, "min"),
    ("It is offered to people older than 50.", "50", "number", 50, 50, N, "min"),
    ("It is offered to people under age 12.", "12", "number", 12, 12, N, "max"),
    ("Anyone aged 65 or over may apply.", "65", "number", 65, 65, N, "min"),
    ("A million users signed up.", "million", "count", 1e6, 1e6, "users", N),
    ("Two hundred people came.", "Two hundred", "count", 200, 200, "people", N),
    ("Over 2000 people came.", "2000", "count", 2000, 2000, "people", "min"),
    ("We trained 14 CEOs.", "14", "count", 14, 14, "ceos", N),
    ("Some 400 scientists signed.", "400", "count", 400, 400, "scientists", "about"),
    # years
    ("Adoption will peak by 2028.", "2028", "year", 2028, 2028, N, N),
    ("The firm was founded in 2014.", "2014", "year", 2014, 2014, N, N),
    ("FY2024 revenue was flat.", "FY2024", "year", 2024, 2024, N, N),
    ("Revenue in FY 2023 was flat.", "FY 2023", "year", 2023, 2023, N, N),
    ("The 2012-13 season was wet.", "2012-13", "year", 2012, 2013, N, N),
    ("The 2012–13 season was wet.", "2012–13", "year", 2012, 2013, N, N),
    ("From 2012–2013 it was wet.", "2012–2013", "year", 2012, 2013, N, N),
    ("The 1990s were different.", "1990s", "year", 1990, 1999, N, N),
    ("Rates fell in the mid-2020s.", "2020s", "year", 2020, 2029, N, N),
    ("Prices were lower pre-2008.", "2008", "year", 2008, 2008, N, N),
    ("It was built in 1066.", "1066", "year", 1066, 1066, N, N),
    ("It was built in 500 BC.", "500 BC", "year", -500, -500, N, N),
    ("It was built in AD 800.", "800", "year", 800, 800, N, N),
    ("BCG's 2024 research shows it.", "2024", "year", 2024, 2024, N, N),
    ("In 2014 researchers found it.", "2014", "year", 2014, 2014, N, N),
    ("By around 2030 it will change.", "2030", "year", 2030, 2030, N, "about"),
    ("Fiscal 2022 was strong.", "Fiscal 2022", "year", 2022, 2022, N, N),
    ("Prices rose during 1999.", "1999", "year", 1999, 1999, N, N),
    ("The 2010-2020 period saw growth.", "2010-2020", "year", 2010, 2020, N, N),
    ("Data date from March 2021.", "2021", "year", 2021, 2021, N, N),
    # durations
    ("It takes three to six months.", "three to six months", "duration", 3, 6, "month", N),
    ("Payment is due in 90 days.", "90 days", "duration", 90, 90, "day", N),
    ("The test takes 30 min.", "30 min", "duration", 30, 30, "minute", N),
    ("The test takes 6 hours.", "6 hours", "duration", 6, 6, "hour", N),
    ("The test takes two weeks.", "two weeks", "duration", 2, 2, "week", N),
    ("Recovery takes 4.5 days.", "4.5 days", "duration", 4.5, 4.5, "day", N),
    ("Recovery takes 3 to 4.5 days.", "3 to 4.5 days", "duration", 3, 4.5, "day", N),
    ("A 10-year study followed them.", "10-year", "duration", 10, 10, "year", N),
    ("It lasted about 18 months.", "18 months", "duration", 18, 18, "month", "about"),
    ("The wait is 45 seconds.", "45 seconds", "duration", 45, 45, "second", N),
    ("It ran for five years.", "five years", "duration", 5, 5, "year", N),
    ("It ran for 2 yrs.", "2 yrs", "duration", 2, 2, "year", N),
    ("It ran for 24h straight.", "24h", "duration", 24, 24, "hour", N),
    ("Less than 2 weeks passed.", "2 weeks", "duration", 2, 2, "week", "max"),
    ("It took 6-8 weeks.", "6-8 weeks", "duration", 6, 8, "week", N),
    # plain numbers
    ("The index stood at 18.7.", "18.7", "number", 18.7, 18.7, N, N),
    ("The score was 27.", "27", "number", 27, 27, N, N),
    ("The figure was 1,200.", "1,200", "number", 1200, 1200, N, N),
    ("The ratio was 0.75 overall.", "0.75", "number", 0.75, 0.75, N, N),
    ("The value was .5 at most.", ".5", "number", 0.5, 0.5, N, N),
    ("Ages 10-24 were sampled.", "10-24", "number", 10, 24, N, N),
    ("The index was -12 then.", "-12", "number", -12, -12, N, N),
    ("It counted 1,234,567 in all.", "1,234,567", "number", 1234567, 1234567, N, N),
    ("The R0 was about 2.5 early on.", "2.5", "number", 2.5, 2.5, N, "about"),
    ("The sum was two million.", "two million", "number", 2e6, 2e6, N, N),
]


@pytest.mark.parametrize(("sentence", "text", "kind", "low", "high", "unit", "qualifier"), ONE)
def test_one_figure(sentence: str, text: str, kind: str, low: float, high: float,
                    unit: str | None, qualifier: str | None) -> None:
    qs = find_quantities(sentence)
    assert [q.text for q in qs] == [text], [(q.text, q.kind) for q in qs]
    q = qs[0]
    assert sentence[q.start:q.end] == text
    assert q.kind == kind
    assert q.low == pytest.approx(low)
    assert q.high == pytest.approx(high)
    assert q.unit == unit
    assert q.qualifier == qualifier
    assert q.approx == (qualifier is not None)


# sentences with no figure at all
NONE: list[str] = [
    "One study found that masks help.",
    "He came by a third road.",
    "Pupils in Class 5C went home.",
    "It ran on a Windows 10PC.",
    "Many COVID\u201119 deaths were avoidable.",
    "Many COVID\u201019 deaths were avoidable.",
    "He was born at 11 Essex Quay in Dublin.",
    "Three studies agree on this.",
    "We saw fifty women there.",
    "The Sixty-Six Books festival opens.",
    "See the report [4] for details.",
    "See the reports [3, 5] and [3-5] and [^4].",
    "Growth was strong.[12]",
    "Read https://example.com/2020/05/18/report-42 today.",
    "Mail jane.doe2020@example.org for more.",
    "See doi:10.1000/xyz123 for the paper.",
    "See arXiv:2303.01432 for the preprint.",
    "We used version 3.11.7 of the tool.",
    "It ships as v1.2.3 on the site.",
    "Call +1 415 555 0100 before noon.",
    "Call (415) 555-0100 before noon.",
    "We met at 10:30 sharp.",
    "We met at 3 pm sharp.",
    "We met at 3:00 p.m. sharp.",
    "The team won 5-4 after extra time.",
    "It was a 3–1 win at home.",
    "Support runs 24/7 here.",
    "It took 2 1/2 cups of flour.",
    "Mix 1/3 cup of oil.",
    "Phase 2 trials are under way.",
    "The No. 5 seed lost.",
    "Type 2 diabetes is common.",
    "See Chapter 4 and Section 12 and Table 3.",
    "See Figure 2 and Fig. 7 and Appendix 1.",
    "COVID-19 spread fast.",
    "SARS-CoV-2 spread fast.",
    "H1N1 spread fast.",
    "The G7 met in June.",
    "The F-16 flew past.",
    "It plays MP3 files in 4K on 5G.",
    "The airline bought several Boeing 747 jets.",
    "Most Fortune 500 companies agreed.",
    "He lived at 221B Baker Street.",
    "They live at 1600 Pennsylvania Avenue now.",
    "The 21st century began.",
    "She came 3rd and he came 2nd.",
    "The effect held (p < 0.05).",
    "The effect held (p=0.01).",
    "Three clusters emerged.",
    "One of the firms said no.",
    "Half an hour later it rained.",
    "She waited a day and a half-hour later.",
    "It streams 1080p video.",
    "The iPhone 15 launch and iOS 17 came together.",
    "They met at 5 W Main Street.",
    "The office is at 221 N. Oak Street.",
    "Music in the 60s was loud.",
    "The decade ended badly for them, and for decades after.",
    "The second half of the match was dull.",
    "It doubled down on double-digit gains.",
    "He wore No. 10 and #7.",
    "Stage 4 cancer is rare here.",
    "Read page 12 and pp. 40-45.",
    "Contact us on Feb. 23 for details.",
    "Lots of people attended one day.",
]


@pytest.mark.parametrize("sentence", NONE)
def test_no_figure(sentence: str) -> None:
    assert [q.text for q in find_quantities(sentence)] == []


# sentences whose only figure is the year
ONLY_YEAR: list[tuple[str, float, float]] = [
    ("It started on Feb. 23, 2020.", 2020, 2020),
    ("It started on 23 February 2020.", 2020, 2020),
    ("It ran from February 12-March 16, 2020.", 2020, 2020),
    ("It ran on March 16, 2021 only.", 2021, 2021),
    ("The results [4] came in 2019.", 2019, 2019),
    ("It was published on 2021-03-15.", 2021, 2021),
    ("The 95% CI was reported in 2018.", 2018, 2018),
    ("The 2012-13 season was a record.", 2012, 2013),
]


@pytest.mark.parametrize(("sentence", "low", "high"), ONLY_YEAR)
def test_only_year(sentence: str, low: float, high: float) -> None:
    qs = find_quantities(sentence)
    assert [(q.kind, q.low, q.high) for q in qs] == [("year", low, high)]


def test_several_figures_in_order() -> None:
    s = "In 2023, 62% of 1,000 firms spent $1-2 million, double the 2019 level [4]."
    qs = find_quantities(s)
    assert [(q.text, q.kind) for q in qs] == [
        ("2023", "year"), ("62%", "percent"), ("1,000", "count"), ("$1-2 million", "currency"),
        ("double", "multiplier"), ("2019", "year"),
    ]


def test_a_range_needs_one_unit() -> None:
    assert [q.text for q in find_quantities("It took between 3 hours and 5 minutes.")] == ["3 hours", "5 minutes"]
    # a change in points and the level it reached
    assert [q.text for q in find_quantities("Support rose 2 percentage points to 45%.")] == [
        "2 percentage points", "45%"]


def test_from_to_is_two_figures() -> None:
    qs = find_quantities("Usage rose from 10% to 20% in a year.")
    assert [(q.text, q.low) for q in qs] == [("10%", 10), ("20%", 20)]


@pytest.mark.parametrize(("sentence", "text", "per"), [
    ("The rate was 12.5 per 100,000 last year.", "12.5", "100,000"),
    ("There were 12 deaths per 100 000 inhabitants.", "12", "100,000"),
    ("It found 1.4 cases per 1,000 births.", "1.4", "1,000"),
    ("About 5 cases for every 1,000 residents.", "5", "1,000"),
    ("It fell to 2.1 per million.", "2.1", "1,000,000"),
    ("It fell from 40 to 30 per 100,000.", "30", "100,000"),
])
def test_rate_base_is_part_of_the_figure(sentence: str, text: str, per: str) -> None:
    qs = find_quantities(sentence)
    rates = [q for q in qs if q.per == per]
    assert [q.text for q in rates] == [text]
    assert not any(q.low in (1000, 100_000) for q in qs)  # the base is no figure of its own


def test_a_small_base_is_no_rate() -> None:
    assert [q.text for q in find_quantities("Some 5 per 10 people agreed.")] == ["5", "10"]


def test_scale_and_per() -> None:
    q = find_quantities("It processes 10 billion tokens per month.")[0]
    assert (q.scale, q.per, q.unit) == ("billion", "month", "tokens")
    q = find_quantities("Plans cost $10 a month.")[0]
    assert (q.kind, q.per) == ("currency", "month")
    q = find_quantities("Fees reach $120 annually.")[0]
    assert q.per == "year"
    q = find_quantities("Sales were €3bn.")[0]
    assert q.scale == "bn"
    q = find_quantities("It was 10 million a year ago.")[0]
    assert q.per is None


def test_spans_index_the_text() -> None:
    s = "Two-thirds of the 1,000 firms (about $3bn) grew 3x in 2012–13 [4]."
    for q in find_quantities(s):
        assert s[q.start:q.end] == q.text


# parse_quantity
PARSE: list[tuple[str, str, float, float, str | None]] = [
    ("62%", "percent", 62, 62, "%"),
    ("$1-2 million", "currency", 1e6, 2e6, "USD"),
    ("about 60 percent", "percent", 60, 60, "%"),
    ("two-thirds", "proportion", 66.67, 66.67, "%"),
    ("18.7 times", "multiplier", 18.7, 18.7, "x"),
    ("10 billion tokens", "count", 1e10, 1e10, "tokens"),
    ("2012-13", "year", 2012, 2013, None),
    ("27", "number", 27, 27, None),
    ("two", "number", 2, 2, None),
    ("1.2 GW", "number", 1.2, 1.2, "GW"),  # not a section number "1.2 Methods"
]


@pytest.mark.parametrize(("s", "kind", "low", "high", "unit"), PARSE)
def test_parse_quantity(s: str, kind: str, low: float, high: float, unit: str | None) -> None:
    q = parse_quantity(s)
    assert q is not None
    assert (q.kind, q.unit) == (kind, unit)
    assert q.low == pytest.approx(low)
    assert q.high == pytest.approx(high)


def test_parse_quantity_empty() -> None:
    assert parse_quantity("") is None
    assert parse_quantity("no figure here") is None


# format_like
FORMAT: list[tuple[str, float, float, str]] = [
    ("64%", 62, 62, "62%"),
    ("64 percent", 62.5, 62.5, "62.5 percent"),
    ("$1.2 million", 1.5e6, 1.5e6, "$1.5 million"),
    ("10 billion", 12e9, 12e9, "12 billion"),
    ("1,000", 1200, 1200, "1,200"),
    ("18.7 times", 17.8, 17.8, "17.8 times"),
    ("$1-2 million", 1.5e6, 3e6, "$1.5-3 million"),
    ("$5-$10 million", 6e6, 9e6, "$6-$9 million"),
    ("EUR 3bn", 2.5e9, 2.5e9, "EUR 2.5bn"),
    ("3x", 4, 4, "4x"),
    ("6 hours", 1, 1, "1 hour"),
    ("2028", 2030, 2030, "2030"),
]


@pytest.mark.parametrize(("like_text", "lo", "hi", "expected"), FORMAT)
def test_format_like(like_text: str, lo: float, hi: float, expected: str) -> None:
    like = parse_quantity(like_text)
    assert like is not None
    assert format_like(lo, hi, like) == expected


@pytest.mark.parametrize("like_text", ["64%", "$1.2 million", "10 billion", "1,000", "18.7 times",
                                       "EUR 3bn", "3x", "90 days", "0.5 percentage points", "£300m",
                                       "two-thirds", "2.5"])
@pytest.mark.parametrize("value_unit", [1, 2, 7.5, 12, 33.33, 250])
def test_format_like_round_trips(like_text: str, value_unit: float) -> None:
    like = parse_quantity(like_text)
    assert like is not None
    scale = {None: 1.0, "million": 1e6, "billion": 1e9, "bn": 1e9, "m": 1e6}[like.scale]
    v = value_unit * scale
    back = parse_quantity(format_like(v, v, like))
    assert back is not None
    assert back.kind == like.kind or like.kind == "proportion"
    assert back.low == pytest.approx(v)


# properties
_ODD = st.sampled_from(["\x00", "\u200f", "\u200b", "\u202e", "9" * 5000, "[" * 200, "]" * 200, "$",
                        "%", "-", "–", ",", ".", " ", "\n", "1", "2012", "million", "two-thirds of",
                        "one in ", "about ", "x", "[4]", "http://a.b/1", "1,000", "$1-2 million"])
_TEXT = st.one_of(st.text(), st.lists(st.one_of(_ODD, st.text(max_size=5)), max_size=40).map("".join))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_find_quantities_properties(text: str) -> None:
    qs = find_quantities(text)
    prev_end = -1
    for q in qs:
        assert isinstance(q, Quantity)
        assert text[q.start:q.end] == q.text
        assert q.start >= prev_end
        assert q.start < q.end
        assert q.low <= q.high
        prev_end = q.end


def test_huge_inputs_do_not_break() -> None:
    assert find_quantities("9" * 5000) == []  # not finite as a float: no figure, no crash
    s = "[" * 5000 + "12%" + "]" * 5000
    assert [q.text for q in find_quantities(s)] == ["12%"]
