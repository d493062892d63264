"""How often "he", "she", "Mr. X" or "Mrs. X" is given a named speaker of the other gender, on PolNeAR.

The scorer's speaker figure cannot see this: it checks the gold speaker's last capitalised word, so "Mrs. Clinton"
given to Bill Clinton counts as right. This bench counts it wrong. Genders are ours, written below for the people
most often named for a pronoun or a titled surname in PolNeAR's splits (public figures of the 2016 campaign and
families who share a surname in the same articles); speakers not in the table are not counted.

usage: python bench/quotes_genders.py --split dev|train [--predicted FILE] [--save FILE] [--list]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from quotes_misses import split_and_quotes

FEMALE = """
Hillary Clinton|Hillary Rodham Clinton|Chelsea Clinton|Ivanka Trump|Melania Trump|Tiffany Trump|Lara Trump
Michelle Obama|Laura Bush|Barbara Bush|Jane Sanders|Heidi Cruz|Carly Fiorina|Ghazala Khan|Rakeyia Scott
Sara Netanyahu|Angela Merkel|Elizabeth Warren|Loretta E. Lynch|Loretta Lynch|Kellyanne Conway|Megyn Kelly
Theresa May|Marine Le Pen|Nancy Pelosi|Debbie Wasserman Schultz|Donna Brazile|Huma Abedin|Kelly Ayotte
Nikki Haley|Sarah Palin|Jill Stein|Susan Sarandon|Ruth Bader Ginsburg|Phyllis Schlafly|Janet Yellen
Lael Brainard|Maureen Sherry|Alicia Machado|Michelle Fields|Juanita Broaddrick|Barbara Boxer|Jan Brewer
Madeleine Kunin|Aung San Suu Kyi|Katy Tur
""".strip().replace("\n", "|")
MALE = """
Donald Trump|Donald J. Trump|Eric Trump|Donald Trump Jr|Fred Trump|Bill Clinton|Barack Obama|Jeb Bush
George W. Bush|George H.W. Bush|Bernie Sanders|Ted Cruz|Rafael Edward Cruz|Frank Fiorina|Khizr Khan|Humayun Khan
Keith Lamont Scott|Benjamin Netanyahu|Marco Rubio|Ben Carson|Paul Manafort|John Kasich|Joseph R. Biden Jr
Joe Biden|Vladimir V. Putin|Vladimir Putin|Chris Christie|Paul D. Ryan|Paul Ryan|Thomas Perez|David Axelrod
Mitch McConnell|Mike Pence|Tim Kaine|Corey Lewandowski|Reince Priebus|James B. Comey|James Comey|John McCain
Lindsey Graham|Ed Rendell|Rush Limbaugh|Sean Hannity|Mitt Romney|Jeff Weaver|Gary Johnson|John Kerry
John F. Kerry|Harry Reid|Harry M. Reid|Anthony Weiner|John Podesta|John D. Podesta|Martin O'Malley|Rand Paul
Scott Walker|Newt Gingrich|Rudy Giuliani|Ban Ki-moon|Volker Beck|Osama bin Laden|Ronald Reagan|Jake Tapper
Glenn Beck|Al Sharpton|Mark Cuban|Sheldon Adelson
""".strip().replace("\n", "|")
GENDER = dict.fromkeys(FEMALE.split("|"), "f") | dict.fromkeys(MALE.split("|"), "m")
SPOKEN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f", "mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
TITLED = re.compile(r"^(Mr|Mrs|Ms|Miss)\.?\s+[A-Z]")


def spoken_gender(speaker: str) -> str | None:
    """The gender the speaker's span says: a pronoun, or a gendered title before a name."""
    word = speaker.strip().lower()
    if word in SPOKEN_GENDER:
        return SPOKEN_GENDER[word]
    titled = TITLED.match(speaker.strip())
    return SPOKEN_GENDER[titled.group(1).lower()] if titled else None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--predicted", type=Path)
    parser.add_argument("--save", type=Path)
    parser.add_argument("--list", action="store_true", help="print every quote given a speaker of the other gender")
    args = parser.parse_args(argv)
    _, quotes = split_and_quotes("bench/quotes_genders.py", args.split, args.predicted, args.save)
    counts: Counter = Counter()
    wrong: Counter = Counter()
    for quote in quotes:
        said = spoken_gender(quote.get("speaker") or "")
        named = GENDER.get(quote.get("speaker_name") or "")
        if said is None or named is None:
            continue
        kind = "pronoun" if " " not in quote["speaker"].strip() else "titled surname"
        counts[kind] += 1
        if said != named:
            wrong[kind] += 1
            if args.list:
                print(f"{quote['article_id']}: {quote['speaker']!r} -> {quote['speaker_name']!r}")
    for kind in ("pronoun", "titled surname"):
        share = wrong[kind] / counts[kind] if counts[kind] else 0.0
        wrongly = f"{wrong[kind]} of {counts[kind]} given a speaker of the other gender ({share:.3f})"
        print(f"{args.split}: {kind}: {wrongly}")


if __name__ == "__main__":
    main()
