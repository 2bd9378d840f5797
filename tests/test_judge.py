"""The verdict rules over claim/passage pairs (pure: no files, no network).

Each row: the draft's sentence, the figure in it under test, the source text, the expected verdict
and, for a misquote, the expected suggestion. The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from pipeline.judge import judge_document
from pipeline.match import SourceIndex
from pipeline.model import Citation, Claim, Document, Reference, Source
from pipeline.quantities import find_quantities
from pipeline.run import assemble_verdicts

FILLER = (
    "The survey was run in the spring. Respondents came from twelve industries. "
    "Methodology notes are in the appendix."
)

CASES = [
    # --- the founding case and plain equality
    ("64% of CEOs chose growth as their top priority.", "64%",
     "Gartner finds that 62% of CEOs chose growth as their top priority this year.", "misquote", "62%"),
    ("62% of CEOs chose growth as their top priority.", "62%",
     "Gartner finds that 62% of CEOs chose growth as their top priority this year.", "verified", None),
    ("62 percent of CEOs chose growth as their top priority.", "62 percent",
     "Gartner finds that 62% of CEOs chose growth as their top priority.", "verified", None),
    ("Sixty-two percent of CEOs chose growth as their top priority.", "Sixty-two percent",
     "Gartner finds that 62% of CEOs chose growth as their top priority.", "verified", None),
    ("62% of CEOs chose growth as their top priority.", "62%",
     "Gartner finds that sixty-two per cent of CEOs chose growth as their top priority.", "verified", None),
    ("Only 26% of companies scale value from AI.", "26%",
     "Only 26% of companies achieve and scale value from their AI investments.", "verified", None),
    ("Some 74% of companies struggle to scale AI value.", "74%",
     "74% of companies struggle to achieve and scale value from AI.", "verified", None),
    # --- money in any surface form
    ("The pilot cost $1.2 million to build.", "$1.2 million",
     "Building the pilot cost $1,200,000 in total.", "verified", None),
    ("The pilot cost $1,200,000 to build.", "$1,200,000",
     "Building the pilot cost $1.2 million in total.", "verified", None),
    ("The pilot cost USD 1.2m to build.", "USD 1.2m",
     "Building the pilot cost $1.2 million in total.", "verified", None),
    ("The pilot cost $1.5 million to build.", "$1.5 million",
     "Building the pilot cost $1.2 million in total.", "misquote", "$1.2 million"),
    ("Revenue reached $2 billion last year.", "$2 billion",
     "The firm's revenue reached $2 million last year.", "misquote", "$2 million"),
    ("Revenue reached $2 million last year.", "$2 million",
     "The firm's revenue reached $2 billion last year.", "misquote", "$2 billion"),
    ("A pilot that cost $200,000 can require $1-2 million to operationalize.", "$1-2 million",
     "A pilot that cost $200,000 to develop can require $1-2 million to bring to production.", "verified", None),
    ("A pilot that cost $200,000 can require $1-2 million to operationalize.", "$200,000",
     "A pilot that cost $200,000 to develop can require $1-2 million to bring to production.", "verified", None),
    ("A pilot costing $1 million can require $5-$10 million for production.", "$5-$10 million",
     "A pilot that cost $1 million can require $5-10 million for production deployment.", "verified", None),
    ("The market is worth ~$20 billion today.", "$20 billion",
     "The market for AI-mediated revenue is worth about $20 billion today.", "verified", None),
    ("The market is worth about $20 billion today.", "$20 billion",
     "The market for AI-mediated revenue is worth $19.6 billion today.", "approximate", None),
    ("The fund raised EUR 3bn from pension investors.", "EUR 3bn",
     "The fund raised €3 billion from pension investors.", "verified", None),
    ("The fund raised $3 billion from pension investors.", "$3 billion",
     "The fund raised €3 billion from pension investors.", "misquote", None),
    # --- proportions
    ("Two-thirds of enterprise AI experiments stall.", "Two-thirds",
     "Two-thirds of enterprise AI experiments stall within months.", "verified", None),
    ("Two-thirds of enterprise AI experiments stall.", "Two-thirds",
     "About 67% of enterprise AI experiments stall within months.", "approximate", None),
    ("Half of the nurses reported burnout.", "Half",
     "50% of the nurses in the survey reported burnout.", "verified", None),
    ("One in four adults exercises daily.", "One in four",
     "25% of adults exercise daily, the survey found.", "verified", None),
    ("Nine in ten voters backed the measure.", "Nine in ten",
     "The measure was backed by 71% of voters.", "misquote", None),
    # --- multipliers
    ("Operations costs run 1.5-2x higher than development.", "1.5-2x",
     "Operations costs run 1.5 to 2 times higher than development costs.", "verified", None),
    ("The odds were 18.7 times higher in closed rooms.", "18.7 times",
     "The odds of transmission in closed rooms were 18.7 times greater than in the open air.", "verified", None),
    ("The odds were 17.8 times higher in closed rooms.", "17.8 times",
     "The odds of transmission in closed rooms were 18.7 times greater than in the open air.", "misquote", "18.7 times"),
    ("Enterprises will double token consumption by 2028.", "double",
     "By 2028 enterprises will double their token consumption.", "verified", None),
    ("Enterprises will triple token consumption by 2028.", "triple",
     "By 2028 enterprises will double their token consumption.", "misquote", None),
    # --- rounding and hedges
    ("About 60% of staff use the tool weekly.", "60%",
     "61.7% of staff use the tool at least weekly.", "approximate", None),
    ("62% of staff use the tool weekly.", "62%",
     "61.7% of staff use the tool at least weekly.", "approximate", None),
    ("62% of staff use the tool weekly.", "62%",
     "58% of staff use the tool at least weekly.", "misquote", "58%"),
    ("Over 10 billion tokens are processed monthly by the firms.", "10 billion",
     "The firms process 12 billion tokens monthly.", "verified", None),
    ("Over 10 billion tokens are processed monthly by the firms.", "10 billion",
     "The firms process 7 billion tokens monthly.", "misquote", None),
    ("The library holds over 260,000 volumes.", "260,000",
     "The library holds 263,512 volumes in its stacks.", "verified", None),
    ("Nearly 70 drugs may treat the disease.", "70",
     "We identified 69 drugs and compounds that may treat the disease.", "verified", None),
    ("The library holds 1,400 maps.", "1,400",
     "The library holds 1,400 maps and 300 atlases.", "verified", None),
    ("The library holds 1,300 maps.", "1,300",
     "The library holds 1,400 maps and 300 atlases.", "misquote", "1,400"),
    ("The library holds 300 atlases.", "300",
     "The library holds 1,400 maps and 300 atlases.", "verified", None),
    ("The library holds 3,000 atlases.", "3,000",
     "The library holds 1,400 maps and 300 atlases.", "misquote", "300"),
    # --- ranges
    ("The serial interval is 3 to 4.5 days.", "3 to 4.5 days",
     "We estimate the serial interval at 3 to 4.5 days.", "verified", None),
    ("Projects stall within three to six months.", "three to six months",
     "Most projects stall within 3-6 months of launch.", "verified", None),
    # one source figure inside a precise draft range neither bears it out nor shows which end is wrong
    ("Projects stall within three to six months.", "three to six months",
     "Most projects stall within four months of launch.", "not_found", None),
    ("Between 10 and 20 percent of cases were severe.", "10 and 20 percent",
     "Severe cases made up 10-20% of the cohort.", "verified", None),
    # --- units, scales, periods
    ("Unemployment rose by 2% in the quarter.", "2%",
     "Unemployment rose by 2 percentage points in the quarter.", "misquote", None),
    ("The model processes 10 billion tokens per month.", "10 billion",
     "The model processes 10 billion tokens per year.", "misquote", None),
    # --- years
    ("By 2028, 61% of respondents expect to consume more tokens.", "2028",
     "By 2028, 61% of respondents expect to consume more than 10 billion tokens per month.", "verified", None),
    ("By 2028, 61% of respondents expect to consume more tokens.", "61%",
     "By 2028, 61% of respondents expect to consume more than 10 billion tokens per month.", "verified", None),
    ("By 2028, 63% of respondents expect to consume more tokens.", "63%",
     "By 2028, 61% of respondents expect to consume more than 10 billion tokens per month.", "misquote", "61%"),
    ("The bridge opened in 1932 after years of delay.", "1932",
     "After years of delay the bridge finally opened in 1932.", "verified", None),
    # --- not found: nothing speaks to the claim
    ("The orchestra has 95 players.", "95",
     "The museum opened a new wing for modern sculpture.", "not_found", None),
    ("64% of CEOs chose growth as their top priority.", "64%",
     "Our cookie policy explains how we use data. Subscribe for 62% off.", "not_found", None),
    ("The firm employs 4,500 engineers.", "4,500",
     "The firm employs many engineers across three continents.", "not_found", None),
    # --- figures elsewhere on the page do not verify a claim out of context
    ("64% of CEOs chose growth as their top priority.", "64%",
     "64% of shoppers prefer delivery. Gartner finds that 62% of CEOs chose growth as their top priority.",
     "misquote", "62%"),
    ("The clinic treated 120 patients in March.", "120",
     "Ticket prices start at 120. The clinic treated 110 patients in March.", "misquote", "110"),
    # --- several figures in one source sentence: the right slot
    ("Of 110 cases, 27 were primary cases.", "27",
     "Of the 110 cases examined, 27 (24.6%) were primary cases who generated secondary cases.", "verified", None),
    ("Of 110 cases, 28 were primary cases.", "28",
     "Of the 110 cases examined, 27 (24.6%) were primary cases who generated secondary cases.", "misquote", "27"),
    ("Of 110 cases, 27 (25%) were primary cases.", "25%",
     "Of the 110 cases examined, 27 (24.6%) were primary cases who generated secondary cases.", "approximate", None),
    ("Of 120 cases, 27 were primary cases.", "120",
     "Of the 110 cases examined, 27 (24.6%) were primary cases who generated secondary cases.", "misquote", "110"),
    ("The prize fund grew to $1.1 million, with 70% of it from sponsors.", "70%",
     "The prize fund grew to $1.1 million; sponsors provided 70% of it.", "verified", None),
    ("The prize fund grew to $1.1 million, with 75% of it from sponsors.", "75%",
     "The prize fund grew to $1.1 million; sponsors provided 70% of it.", "misquote", "70%"),
    ("The prize fund grew to $11 million, with 70% of it from sponsors.", "$11 million",
     "The prize fund grew to $1.1 million; sponsors provided 70% of it.", "misquote", "$1.1 million"),
]


CASES += [
    # a year the source carries only as its dateline
    ("The literacy programme launched in 2018.", "2018",
     "By Jane Doe\nSep 10, 2018\nThe trust and the brand have partnered on a literacy programme.", "verified", None),
    # another event's year in the passage is no correction: a year is wrong only where the source
    # restates the claim
    ("The volleyball team won the national student cup in 2019.", "2019",
     "By Jane Doe\nMar 3, 2020\nThe volleyball team took the national student cup last year, building on "
     "its achievements in 2018 when it won the regional title.", "not_found", None),
    ("The volleyball team won the national student cup in 2019.", "2019",
     "The volleyball team took the national student cup this year, building on its achievements in 2018 "
     "when it won the regional title.", "not_found", None),
    # a range the source states as two figures: judged end by end, the wrong end corrected
    ("Between 2.49% and 4.16% of residents had antibodies.", "2.49% and 4.16%",
     "Antibody prevalence among residents was 2.49% in one county and 4.16% in the other.", "verified", None),
    ("Between 2.49% and 4.61% of residents had antibodies.", "2.49% and 4.61%",
     "Antibody prevalence among residents was 2.49% in one county and 4.16% in the other.", "misquote", None),
    # a bracket after a figure restates it; the words after the bracket belong to the figure
    ("Some 232,000 cases would have been confirmed.", "232,000",
     "We estimated there would have been 232,000 (95% CI 161,000-359,000) confirmed cases.", "verified", None),
    ("Some 2,320,000 cases would have been confirmed.", "2,320,000",
     "We estimated there would have been 232,000 (95% CI 161,000-359,000) confirmed cases.", "misquote", "232,000"),
    # the end of a confidence interval is not the estimate
    ("The household attack rate was 14.6%.", "14.6%",
     "The secondary attack rate among household contacts was 12.4% (95% CI 10.4-14.6).", "misquote", "12.4%"),
    # the source gives a bound, the draft a plain figure: the number is right, the claim too strong
    ("Whisper has 250 million monthly users.", "250 million",
     "Whisper now has more than 250 million people using it each month.", "approximate", None),
    # two bounds in the same direction: the draft quotes the source's bound, so its number too
    ("More than 79% of infected patients were never diagnosed.", "79%",
     "The model shows that over 80% of infected patients remained undiagnosed.", "misquote", "80%"),
    ("More than 80% of infected patients were never diagnosed.", "80%",
     "The model shows that over 80% of infected patients remained undiagnosed.", "verified", None),
    # ages: "under age 20" is the source's "under-20s"; an age is corrected by an age only
    ("Children under age 20 were half as susceptible to the virus as older adults.", "20",
     "We find that susceptibility to the virus in under-20s is about half that of older adults.", "verified", None),
    ("Children under age 30 were half as susceptible to the virus as older adults.", "30",
     "We find that susceptibility to the virus in under-20s is about half that of older adults.", "misquote", "20"),
    ("The risk of severe illness is highest for those 650 and older.", "650",
     "A total of 4,226 cases were reported; severe illness was most frequent among adults aged ≥65 years.",
     "misquote", "65"),
    ("The risk of dying begins to climb at around age 55.", "55",
     "As of March 16, a total of 4,226 cases had been reported, and the risk of dying rose with age.",
     "not_found", None),
    ("The actor died at the age of 780.", "780",
     "The actor, who died on Sunday, was 78.", "misquote", "78"),
    # a round range brackets an estimate; a precise end claims precision; a source range must match
    ("The household attack rate is between 10 and 20 percent.", "10 and 20 percent",
     "The estimated secondary household attack rate was 12.4% among close contacts.", "approximate", None),
    ("The household attack rate is between 10 and 17 percent.", "10 and 17 percent",
     "The estimated secondary household attack rate was 12.4% among close contacts.", "not_found", None),
    # a single figure outside a range corrects neither end: the source gives no range to restore
    ("The household attack rate is between 10 and 20 percent.", "10 and 20 percent",
     "The estimated secondary household attack rate was 24.1% among close contacts.", "not_found", None),
    ("The upgrade will cost between $10 million and $20 million.", "$10 million and $20 million",
     "The upgrade will cost between $15 million and $20 million, officials said.", "misquote", None),
    # two swapped digits are a classic slip: the transposed figure is the one corrected
    ("By October 67 percent of the city had been infected.", "67 percent",
     "We estimate a 44% infection rate among blood donors in June, rising to 76% of the city in October.",
     "misquote", "76 percent"),
    ("Prevalence in the county was between 2.49% and 4.61%.", "2.49% and 4.61%",
     "Prevalence in the county ranged from 2.49% to 4.16% across the three scenarios; 1.5% was unadjusted.",
     "misquote", "2.49% and 4.16%"),
    # two separate estimates imply a span; a draft range inside it is approximate, outside it is not,
    # and a range the source states in one sentence is quoted by its ends
    ("The median incubation time is estimated at 4 to 4.5 days.", "4 to 4.5 days",
     "We estimated the median incubation time at 4.0 days for all pairs.\n"
     "For the most certain pairs the median incubation time was 4.6 days.", "approximate", None),
    ("The median incubation time is estimated at 4 to 4.8 days.", "4 to 4.8 days",
     "We estimated the median incubation time at 4.0 days for all pairs.\n"
     "For the most certain pairs the median incubation time was 4.6 days.", "misquote", None),
    ("Prevalence in the county was between 2.94% and 4.16%.", "2.94% and 4.16%",
     "Prevalence in the county ranged from 2.49% to 4.16% across the three scenarios.",
     "misquote", "2.49% and 4.16%"),
    # a bound of a confidence interval is never the estimate: not support, not a correction
    ("Symptoms began a median of 3 days after exposure.", "3 days",
     "Symptoms began a median of 4.0 days (95% credible interval 3.1, 4.9) after exposure.",
     "misquote", "4 days"),
    ("Masks cut transmission by 95% in the household study.", "95%",
     "Masks cut transmission by 79% (95% CI 52-91%) in the household study.", "misquote", "79%"),
    # one end wrong, the other inside the span of the source's two estimates: only the wrong one
    # is corrected ("4 to 4.5 days" is approximate against these estimates, see above)
    ("The median incubation time is estimated at 3 to 4.5 days.", "3 to 4.5 days",
     "We estimated the median incubation time at 4.0 days for all pairs.\n"
     "For the most certain pairs the median incubation time was 4.6 days.", "misquote", "4.0 to 4.5 days"),
    # both ends wrong: each end is corrected by its own source estimate
    ("The median incubation time is estimated at 3 to 5.6 days.", "3 to 5.6 days",
     "We estimated the median incubation time at 4.0 days for all pairs.\n"
     "For the most certain pairs the median incubation time was 4.6 days.", "misquote", "4.0 to 4.6 days"),
    # "respectively": the claim's other figure picks the value out of the source's list
    ("Cases could have fallen 92 percent had lockdowns begun three weeks earlier.", "92 percent",
     "Had lockdowns begun one week, two weeks, or three weeks earlier, cases could have fallen by "
     "66%, 86%, and 95%, respectively.", "misquote", "95 percent"),
    ("Cases could have fallen 86 percent had lockdowns begun two weeks earlier.", "86 percent",
     "Had lockdowns begun one week, two weeks, or three weeks earlier, cases could have fallen by "
     "66%, 86%, and 95%, respectively.", "verified", None),
    # a source that opens a sentence with a spelled-out number states that figure
    ("A study of 53 women in Sweden found a higher risk.", "53",
     "Fifty-three women in Sweden were reported, and 13 of these women were pregnant.", "verified", None),
    ("A study of 55 women in Sweden found a higher risk.", "55",
     "Fifty-three women in Sweden were reported, and 13 of these women were pregnant.", "misquote", "53"),
    # units convert within a dimension; the same number in another unit is a unit error
    ("The procedure takes 2 hours on average.", "2 hours",
     "On average the procedure takes 120 minutes from start to finish.", "verified", None),
    ("The procedure takes 2 hours on average.", "2 hours",
     "On average the procedure takes 2 minutes from start to finish.", "misquote", "2 minutes"),
    ("Infectious virus was found up to 16 feet from patients.", "16 feet",
     "Infectious virus was found in air samples collected 2 to 4.8 m from patients.", "approximate", None),
    ("People should stay six feet apart to avoid infection.", "six feet",
     "People should stay 2 m apart to avoid infection, the guidance says.", "approximate", None),
    ("Infectious virus was found up to 13 feet from patients.", "13 feet",
     "Infectious virus was found in air samples collected 4.8 m from patients.", "misquote", "16 feet"),
    ("The new tower is 300m tall, the council said.", "300m",
     "At 300 metres tall, the new tower dominates the skyline, the council said.", "verified", None),
    ("The new tower is 330m tall, the council said.", "330m",
     "At 300 metres tall, the new tower dominates the skyline, the council said.", "misquote", "300 metres"),
    ("Recovery takes between 3 hours and 5 hours for most patients.", "3 hours and 5 hours",
     "For most patients recovery takes 3-5 hours after the procedure.", "verified", None),
    ("Recovery takes between 3 hours and 6 hours for most patients.", "3 hours and 6 hours",
     "For most patients recovery takes 3-5 hours after the procedure.", "misquote", None),
    # rates over a base: the base is part of the figure and converts
    ("The region recorded 12.5 deaths per 100,000 people last winter.", "12.5",
     "Last winter the region recorded a death rate of 12.5 per 100 000 inhabitants.", "verified", None),
    ("The region recorded 1.25 deaths per 10,000 people last winter.", "1.25",
     "Last winter the region recorded a death rate of 12.5 per 100 000 inhabitants.", "verified", None),
    ("The region recorded 15.2 deaths per 100,000 people last winter.", "15.2",
     "Last winter the region recorded a death rate of 12.5 per 100 000 inhabitants.", "misquote", "12.5"),
    ("The region recorded 1.52 deaths per 10,000 people last winter.", "1.52",
     "Last winter the region recorded a death rate of 12.5 per 100 000 inhabitants.", "misquote", "1.25"),
    ("The region recorded 12.5 deaths per 10,000 people last winter.", "12.5",
     "Last winter the region recorded a death rate of 12.5 per 100 000 inhabitants.", "misquote", None),
    ("The refit of the ship took 18 months, the navy said.", "18 months",
     "The navy said the refit of the ship took a year and a half.", "verified", None),
    ("The refit of the ship took 20 months, the navy said.", "20 months",
     "The navy said the refit of the ship took a year and a half.", "misquote", "18 months"),
    ("Average rents in the city doubled in the past 10 years.", "10 years",
     "Average rents in the city have doubled over the past decade.", "verified", None),
    # the same number about another subject does not bear a claim out when the claim's own
    # subject is given another figure; a mere synonym ("chief executives" / "CEOs") still does
    ("62% of CFOs put cost control first, the survey found.", "62%",
     "In the survey, 62% of CEOs said they would prioritise growth over cost cutting. By contrast, "
     "48% of CFOs said cost control came first.", "misquote", "48%"),
    ("62% of chief executives chose growth, the poll found.", "62%",
     "62% of CEOs chose growth, the poll found. Among chief executives of smaller firms, 48% chose growth.",
     "verified", None),
    # an age in decades brackets an age; it never states or corrects a precise one
    ("Most of the patients who died were in their 60s, the study found.", "60s",
     "The study found the median age of patients who died was 64 years.", "approximate", None),
    ("Most of the patients who died were in their 60s, the study found.", "60s",
     "The study found most patients who died were in their 70s.", "misquote", "70s"),
    ("The median age of patients who died was 64, the study found.", "64",
     "The study found most patients who died were in their 60s.", "not_found", None),
    # power and energy convert within their dimension
    ("The new plant adds 1.2 GW of capacity to the grid.", "1.2 GW",
     "The new plant will add 1,200 MW of capacity to the grid.", "verified", None),
    ("The new plant adds 1.5 GW of capacity to the grid.", "1.5 GW",
     "The new plant will add 1,200 MW of capacity to the grid.", "misquote", "1.2 GW"),
    ("Data centres used 460 TWh of electricity in 2022.", "460 TWh",
     "In 2022 data centres consumed an estimated 460 terawatt-hours of electricity.", "verified", None),
    # a rating is one figure on its scale
    ("The film holds an average rating of 6.1/10 on the review site.", "6.1/10",
     "On the review site, the film has an average rating of 6.1/10, based on 45 reviews.", "verified", None),
    ("The film holds an average rating of 7.2/10 on the review site.", "7.2/10",
     "On the review site, the film has an average rating of 6.1/10, based on 45 reviews.", "misquote", "6.1/10"),
    # cents and pence are hundredths of their currency, and a correction keeps the draft's style
    ("Serving one query costs about $0.36, the company says.", "$0.36",
     "The company says each query costs roughly 36 cents to serve.", "verified", None),
    ("Serving one query costs 46 cents, the company says.", "46 cents",
     "The company says each query costs roughly 36 cents to serve.", "misquote", "36 cents"),
    ("A first-class stamp now costs 95p after the rise.", "95p",
     "After the rise, the price of a first class stamp is 85p.", "misquote", "85p"),
    # basis points are hundredths of a percentage point
    ("The central bank raised its main rate by 25 basis points on Thursday.", "25 basis points",
     "On Thursday the central bank raised its main rate by 0.25 percentage points.", "verified", None),
    ("The central bank raised its main rate by 50 basis points on Thursday.", "50 basis points",
     "On Thursday the central bank raised its main rate by 0.25 percentage points.", "misquote", "25 basis points"),
    ("The central bank raised its main rate by 50 basis points on Thursday.", "50 basis points",
     "On Thursday the central bank raised its main rate by 0.25 percentage points to 4.25 per cent.",
     "misquote", "25 basis points"),
    ("The central bank raised its main rate by 25 percentage points on Thursday.", "25 percentage points",
     "On Thursday the central bank raised its main rate by 25bp.", "misquote", "25bp"),
    ("Its population reached 1.5m.", "1.5m",
     "The city's population reached 1.5 million last year.", "verified", None),
    ("The trip takes 3 hours by train, the operator says.", "3 hours",
     "By train the trip takes 100 minutes, according to the operator.", "misquote", "1.7 hours"),
    ("The trip takes 2 hours by train, the operator says.", "2 hours",
     "By train the trip takes 100 minutes, according to the operator.", "misquote", "1.7 hours"),
    ("The parcel weighed 5 kg when it left the depot.", "5 kg",
     "The parcel weighed 5 pounds when it left the depot.", "misquote", "5 pounds"),
    # a hyphenated unit stays singular in the suggestion; a length never corrects a head count
    ("The clinic runs an 84-hour helpline for patients.", "84-hour",
     "The clinic runs a 24-hour helpline for its patients.", "misquote", "24-hour"),
    ("Only 6 players may enter the midfield area.", "6",
     "A 2-meter area around the players may not be entered during the draw.", "not_found", None),
    # two figures of two phases are no range for the whole: no "$25-18 million", no correction
    ("The full upgrade will cost $12-18 million, officials said.", "$12-18 million",
     "The first phase of the upgrade will cost $18 million, officials said.\n"
     "The second phase of the upgrade will cost $25 million, officials said.", "not_found", None),
    # the claim's other figures in the same source sentence anchor it, whatever words it uses
    ("The company cut 1,200 jobs, about 8% of its workforce.", "8%",
     "The firm eliminated approximately 1,200 positions, or 8 percent of staff.", "verified", None),
    ("The company cut 1,500 jobs, about 8% of its workforce.", "1,500",
     "The firm eliminated approximately 1,200 positions, or 8 percent of staff.", "misquote", "1,200"),
    ("The company cut 1,200 jobs, about 9% of its workforce.", "9%",
     "The firm eliminated approximately 1,200 positions, or 8 percent of staff.", "misquote", "8%"),
    # "by a third" is a share of change: it meets the source's percentage
    ("The new drug cut deaths by a third in the trial.", "a third",
     "In the trial the new drug cut deaths by 33% among patients.", "approximate", None),
    ("The new drug cut deaths by a third in the trial.", "a third",
     "In the trial the new drug cut deaths by 25% among patients.", "misquote", "25%"),
    # the same figure per another period: the suggestion carries the source's period
    ("Employees spend 2.5 hours a day searching for information.", "2.5 hours",
     "Workers spend an average of 2.5 hours per week searching for information.", "misquote", "2.5 hours per week"),
    # durations convert: 30 years are three decades, two and a half years are 30 months
    ("Wages have stagnated for 30 years in the region.", "30 years",
     "In the region, wages have stagnated for three decades.", "verified", None),
    ("The trial ran for 30 months in total.", "30 months",
     "The trial ran for two and a half years in total.", "verified", None),
    # temperatures in any spelling; Celsius and Fahrenheit are not converted (a rise is not a reading)
    ("Temperatures have risen 1.1C above pre-industrial levels.", "1.1C",
     "Global temperatures are now 1.1 degrees Celsius above pre-industrial levels.", "verified", None),
    ("Temperatures have risen 1.3C above pre-industrial levels.", "1.3C",
     "Global temperatures are now 1.1 degrees Celsius above pre-industrial levels.", "misquote",
     "1.1 degrees Celsius"),
    # a suggestion shows no more precision than the source; daily is not monthly
    ("Only 0.5% of users clicked the banner.", "0.5%",
     "Only 5% of users clicked the banner in the test.", "misquote", "5%"),
    ("The app has 3 million daily users.", "3 million",
     "The app has 3 million monthly users, the company said.", "misquote", "3 million per month"),
    # a proportion is corrected as a proportion
    ("About 1 in 6 adults reported symptoms after the vaccine.", "1 in 6",
     "About 25% of adults reported symptoms after the vaccine, the survey found.", "misquote", "1 in 4"),
    ("Nine out of 10 doctors recommend the new screening test.", "Nine out of 10",
     "In the survey, 70% of doctors recommend the new screening test.", "misquote", "7 out of 10"),
    # the suggestion is the source's figure as the draft would round it, when that rounding is correct
    ("The bank opened 162,000 new accounts last year.", "162,000",
     "The bank opened 122,300 new accounts last year, its annual report says.", "misquote", "122,000"),
    ("False negatives occurred in 5 percent of saliva tests.", "5 percent",
     "False negatives occurred in 5.9% of saliva tests in the field trial.", "misquote", "6 percent"),
    ("The outbreak infected 250,000 people in the province.", "250,000",
     "The outbreak infected an estimated 24,693 people in the province.", "misquote", "25,000"),
    ("The adjusted odds ratio for smokers was 35.7.", "35.7",
     "The adjusted odds ratio for smokers was 3.57 in the cohort.", "misquote", "3.57"),
    ("The clinic treated 60 patients with the new drug.", "60",
     "The clinic treated 69 patients with the new drug during the trial.", "misquote", "69"),
    # a misquote is a slip, not any number in the passage: no count of students "corrects" a grade range
    ("The school opened with 700 ninth-grade students.", "700",
     "The campus will eventually enroll students in grades 9 through 12.", "not_found", None),
    # a bare number alone in brackets is a reference marker, not a figure
    ("Mortality was highest in care homes, with 4 outbreaks reported.", "4",
     "Mortality was highest among residents of long-term care homes (4). Outbreaks were reported.",
     "not_found", None),
]


def _doc(sentence: str, figure: str, source_text: str) -> tuple[Document, dict[str, Source]]:
    qs = [q for q in find_quantities(sentence) if q.text == figure]
    assert qs, f"the grammar finds no {figure!r} in {sentence!r}: {find_quantities(sentence)}"
    claim = Claim(id="c1", line=1, column=qs[0].start + 1, end_line=1, end_column=qs[0].end, sentence=sentence,
                  quantity=qs[0], citations=[Citation("7", "sentence")])
    doc = Document(path="d.md", sha256="0", text=sentence, claims=[claim],
                   references=[Reference("7", 3, "Source", "src.txt", "ok")])
    src = Source(locator="src.txt", status="ok", sha256="s-" + str(hash(source_text)),
                 text=FILLER + "\n" + source_text + "\n" + FILLER)
    return doc, {"src.txt": src}


def judge(doc: Document, sources: dict[str, Source]) -> None:
    """The judge's verdicts put on the claims, as `run` does."""
    assemble_verdicts(doc, judge_document(doc, sources))


def test_the_judge_returns_verdicts_and_edits_nothing() -> None:
    doc, sources = _doc("64% of CEOs chose growth as their top priority.", "64%",
                        "Gartner finds that 62% of CEOs chose growth as their top priority.")
    before = repr(doc)
    indexes: dict[str, SourceIndex] = {}
    verdicts = judge_document(doc, sources, indexes)
    assert repr(doc) == before  # the claim is untouched: `run` assembles
    assert [(v.claim_id, v.verdict, v.suggestion) for v in verdicts] == [(doc.claims[0].id, "misquote", "62%")]
    assert list(indexes) == [sources["src.txt"].index_key]  # built in memory for the caller to keep


@pytest.mark.parametrize(("sentence", "figure", "source", "verdict", "suggestion"), CASES)
def test_verdict(sentence: str, figure: str, source: str, verdict: str, suggestion: str | None) -> None:
    doc, sources = _doc(sentence, figure, source)
    judge(doc, sources)
    claim = doc.claims[0]
    assert claim.verdict == verdict, claim.message
    if suggestion is not None:
        assert claim.suggestion == suggestion
    if verdict in ("verified", "approximate", "misquote"):
        assert claim.evidence is not None and claim.evidence.key == "7"
        assert claim.evidence.value_text and claim.evidence.value_text in claim.evidence.excerpt
    if verdict == "misquote":
        assert claim.suggestion
        assert "source [7] says" in (claim.message or "")
    assert claim.confidence is not None and 0 <= claim.confidence <= 1


def test_enough_cases() -> None:
    assert len(CASES) >= 60


def test_uncited() -> None:
    doc, sources = _doc("62% of CEOs chose growth.", "62%", "62% of CEOs chose growth.")
    doc.claims[0].citations = []
    judge(doc, sources)
    assert doc.claims[0].verdict == "uncited"


def test_unavailable_carries_the_reason() -> None:
    doc, _ = _doc("62% of CEOs chose growth.", "62%", "x")
    sources = {"src.txt": Source(locator="src.txt", status="error", error="HTTP 404")}
    judge(doc, sources)
    assert doc.claims[0].verdict == "unavailable"
    assert "HTTP 404" in (doc.claims[0].message or "")


def test_several_citations_any_supporting_source_verifies() -> None:
    doc, sources = _doc("62% of CEOs chose growth as their top priority.", "62%",
                        "Gartner finds that 62% of CEOs chose growth as their top priority.")
    doc.claims[0].citations = [Citation("6", "sentence"), Citation("7", "sentence")]
    doc.references.insert(0, Reference("6", 2, "Other", "other.txt", "ok"))
    sources["other.txt"] = Source(locator="other.txt", status="ok", sha256="o",
                                  text="CEOs chose growth rarely: 40% of CEOs chose growth as their top priority.")
    judge(doc, sources)
    assert doc.claims[0].verdict == "verified"
    assert doc.claims[0].evidence is not None and doc.claims[0].evidence.key == "7"


def test_several_citations_one_unreadable_still_judged() -> None:
    doc, sources = _doc("64% of CEOs chose growth as their top priority.", "64%",
                        "Gartner finds that 62% of CEOs chose growth as their top priority.")
    doc.claims[0].citations = [Citation("6", "sentence"), Citation("7", "sentence")]
    doc.references.insert(0, Reference("6", 2, "Other", "gone.txt", "error"))
    sources["gone.txt"] = Source(locator="gone.txt", status="error", error="timed out")
    judge(doc, sources)
    assert doc.claims[0].verdict == "misquote"
    assert doc.claims[0].suggestion == "62%"


def test_deterministic() -> None:
    runs = []
    for _ in range(3):
        doc, sources = _doc(*CASES[0][:3])
        judge(doc, sources)
        c = doc.claims[0]
        runs.append((c.verdict, c.suggestion, c.confidence, c.message))
    assert len(set(runs)) == 1


def test_a_wrong_range_end_is_named_in_the_drafts_words() -> None:
    doc, sources = _doc("The median incubation time is estimated at 3 to 4.5 days.", "3 to 4.5 days",
                        "We estimated the median incubation time at 4.0 days for all pairs.\n"
                        "For the most certain pairs the median incubation time was 4.6 days.")
    judge(doc, sources)
    claim = doc.claims[0]
    assert claim.verdict == "misquote"
    assert "the draft says 3 (in 3 to 4.5 days)" in (claim.message or ""), claim.message
