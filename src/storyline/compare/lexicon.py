"""Word lists behind the claim rules: number words, units, hedges, negation, stance and direction cues.

Kept here, in one place, so that every rule can be read and extended without touching the code that applies it.
"""

from __future__ import annotations

from storyline.text import stem

NUMBER_WORDS = (
    {
        word: float(value)
        for value, word in enumerate(
            [
                "zero",
                "one",
                "two",
                "three",
                "four",
                "five",
                "six",
                "seven",
                "eight",
                "nine",
                "ten",
                "eleven",
                "twelve",
                "thirteen",
                "fourteen",
                "fifteen",
                "sixteen",
                "seventeen",
                "eighteen",
                "nineteen",
            ]
        )
    }
    | {
        word: float(10 * (value + 2))
        for value, word in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
    }
    | {"dozen": 12.0, "dozens": 24.0}
)

MULTIPLIERS = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "m": 1e6,
    "k": 1e3,
    "dozen": 12.0,
}

# Hedges before a number: approx (about), lower (at least: the true value is this or more), upper (nearly).
BOUND_MODIFIERS = {
    **dict.fromkeys(
        [
            "more than",
            "over",
            "at least",
            "upwards of",
            "just over",
            "more then",
            "in excess of",
            "above",
            "as many as",
            "no fewer than",
            "no less than",
        ],
        "lower",
    ),
    **dict.fromkeys(
        [
            "less than",
            "fewer than",
            "under",
            "up to",
            "just under",
            "nearly",
            "almost",
            "below",
            "not quite",
            "as few as",
            "barely",
        ],
        "upper",
    ),
    **dict.fromkeys(
        [
            "about",
            "around",
            "roughly",
            "approximately",
            "some",
            "an estimated",
            "estimated",
            "close to",
            "circa",
            "or so",
        ],
        "approx",
    ),
}

# Unit words -> a canonical unit; UNIT_SCALE turns measures into one base unit per kind (metres, kilograms...).
UNIT_ALIASES = {
    "%": "percent",
    "percent": "percent",
    "pct": "percent",
    "pc": "percent",
    "people": "people",
    "person": "people",
    "persons": "people",
    "individuals": "people",
    "mm": "millimetre",
    "millimetre": "millimetre",
    "millimetres": "millimetre",
    "millimeter": "millimetre",
    "millimeters": "millimetre",
    "cm": "centimetre",
    "centimetre": "centimetre",
    "centimetres": "centimetre",
    "centimeter": "centimetre",
    "centimeters": "centimetre",
    "metre": "metre",
    "metres": "metre",
    "meter": "metre",
    "meters": "metre",
    "km": "kilometre",
    "kilometre": "kilometre",
    "kilometres": "kilometre",
    "kilometer": "kilometre",
    "kilometers": "kilometre",
    "mile": "mile",
    "miles": "mile",
    "foot": "foot",
    "feet": "foot",
    "ft": "foot",
    "inch": "inch",
    "inches": "inch",
    "kg": "kilogram",
    "kilogram": "kilogram",
    "kilograms": "kilogram",
    "kilos": "kilogram",
    "tonne": "tonne",
    "tonnes": "tonne",
    "ton": "tonne",
    "tons": "tonne",
    "dollars": "dollar",
    "dollar": "dollar",
    "euros": "euro",
    "euro": "euro",
    "pounds": "pound",
    "crowns": "crown",
    "crown": "crown",
    "yen": "yen",
    "yuan": "yuan",
    "rupees": "rupee",
    "francs": "franc",
    "pesos": "peso",
    "rand": "rand",
    "kronor": "krona",
    "krona": "krona",
    "roubles": "rouble",
    "rubles": "rouble",
    "hour": "hour",
    "hours": "hour",
    "minute": "minute",
    "minutes": "minute",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}
UNIT_SCALE = {
    "millimetre": ("metre", 0.001),
    "centimetre": ("metre", 0.01),
    "metre": ("metre", 1.0),
    "kilometre": ("metre", 1000.0),
    "mile": ("metre", 1609.34),
    "foot": ("metre", 0.3048),
    "inch": ("metre", 0.0254),
    "kilogram": ("kilogram", 1.0),
    "tonne": ("kilogram", 1000.0),
    "minute": ("minute", 1.0),
    "hour": ("minute", 60.0),
    "day": ("day", 1.0),
    "week": ("day", 7.0),
}

WEEKDAYS = {
    day: n for n, day in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}
MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}

DATE_HEDGES = frozenset(
    [
        "before",
        "after",
        "about",
        "around",
        "shortly",
        "just",
        "nearly",
        "almost",
        "until",
        "till",
        "by",
        "since",
        "approximately",
        "roughly",
        "early",
        "late",
    ]
)
NEGATIONS = frozenset(["not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"])
# Words that negate what follows them by their meaning: "short of the two-thirds majority", "refused to recognize".
NEGATIVE_MEANING = frozenset(
    """refuse refuses refused refusing deny denies denied denying decline declines declined declining fail fails failed
    failing lack lacks lacked lacking short""".split()
)
# Words between a negation and the predicate it negates: "did not *yet* fully reject".
NEGATION_SKIP = frozenset(
    [
        "be",
        "been",
        "being",
        "is",
        "are",
        "was",
        "were",
        "am",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "to",
        "a",
        "an",
        "the",
        "any",
        "yet",
        "outright",
        "outrightly",
        "immediately",
        "fully",
        "entirely",
        "even",
        "directly",
        "publicly",
        "officially",
        "explicitly",
        "also",
        "ever",
        "always",
        "necessarily",
        "really",
        "quite",
        "further",
        "formally",
        "completely",
        "totally",
        "specifically",
        "actually",
        "so",
        "as",
    ]
)
CLAUSE_BREAKS = frozenset([*';:"“”', "but", "while", "although", "whereas", "however"])

ATTRIBUTION_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "adds",
        "stated",
        "announced",
        "explained",
        "insisted",
        "argued",
        "warned",
        "noted",
        "claimed",
        "confirmed",
        "declared",
        "wrote",
        "according",
    ]
)
MEASURES = frozenset(base for base, _ in UNIT_SCALE.values()) - {"day"}
CURRENCIES = frozenset(
    ["dollar", "euro", "pound", "crown", "yen", "yuan", "rupee", "franc", "peso", "rand", "krona", "rouble"]
)
# Count nouns: two figures of the same one of these, next to the same words, are counts of the same thing.
COUNT_NOUNS = frozenset(
    [
        "people",
        "worker",
        "resident",
        "victim",
        "passeng",
        "firefight",
        "soldier",
        "student",
        "child",
        "famili",
        "home",
        "hous",
        "vehicl",
        "car",
        "job",
        "death",
        "injur",
    ]
)
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "who", "which", "officials", "police"])

# Stance and direction cues: stem -> (group, polarity). A cue is compared with cues of its own group only.
_CUES = {
    ("stance", 1): """accept accepted accepts agree agreed agrees approve approved backed endorse endorsed support
        supported welcome welcomed embrace embraced praise praised hail hailed applaud applauded favour favor
        consent consented ratify ratified adopt adopted allow allowed permit permitted""",
    ("stance", -1): """reject rejected rejects refuse refused refuses slam slammed slams oppose opposed criticise
        criticised criticize criticized dismiss dismissed condemn condemned blast blasted veto vetoed rebuff
        rebuffed spurn spurned denounce denounced block blocked scrap scrapped ruled declined decline""",
    ("admission", 1): "admit admitted admits confirm confirmed confirms acknowledge acknowledged concede conceded",
    ("admission", -1): "deny denied denies",
    ("direction", 1): """rise rose risen rises increase increased increases grow grew grown grows climb climbed
        gain gained jump jumped soar soared surge surged rally rallied raise raised raises lift lifted hike hiked
        boost boosted""",
    ("direction", -1): """fall fell fallen falls drop dropped drops decrease decreased shrink shrank slip slipped
        slide slid plunge plunged sink sank tumble tumbled slump slumped lower lowered reduce reduced ease eased
        cut""",
    ("verdict", 1): "convict convicted guilty",
    ("verdict", -1): "acquit acquitted",
    ("outcome", 1): "succeed succeeded success successful",
    ("outcome", -1): "fail failed failure collapse collapsed",
    ("contest", 1): "win won wins winning",
    ("contest", -1): "lose lost loses losing",
}
# "A beat B" and "B lost to A" say the same thing, and "lost" is also a fall ("shares lost $1.50"): these cues count
# only when one edit swapped them in versions of one sentence, where they may also face a direction cue.
SWAP_ONLY_GROUPS = frozenset(["contest"])
CUE_GROUPS: dict[str, tuple[str, int]] = {stem(word): key for key, words in _CUES.items() for word in words.split()}
