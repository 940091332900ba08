"""English."""

from faro.text.rules._base import LanguageRules

_PAST = (
    "said added stated told explained noted warned insisted argued claimed declared "
    "announced wrote confirmed admitted acknowledged replied responded stressed emphasized "
    "emphasised asserted remarked recalled suggested predicted cautioned tweeted posted "
    "posted testified alleged conceded maintained observed reported"
).split()

RULES = LanguageRules(
    code="en",
    name="English",
    quote_pairs=(("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'")),
    abbreviations=frozenset(
        "mr mrs ms dr prof sen rep gov gen col lt sgt capt st jr sr inc ltd co corp dept "
        "univ no vs etc e.g i.e u.s u.k u.n jan feb mar apr jun jul aug sep sept oct nov "
        "dec fig approx est min max".split()
    ),
    speech_verbs=tuple(_PAST)
    + tuple(f"{aux} {verb}" for aux in ("has", "have", "had") for verb in _PAST)
    + (
        "says", "say", "tells", "told reporters", "adds", "explains", "notes", "warns",
        "insists", "argues", "claims", "declares", "announces", "writes", "stresses",
        "saying", "adding", "warning", "arguing", "claiming", "noting", "stressing",
        "told", "said in a statement", "said on",
    ),
    reporting_cues=("according to", "as reported by", "as stated by", "in the words of",
                    "as told by", "per"),
    complementizers=("that",),
    speaker_pronouns=frozenset("he she they it".split()),
    anonymous_determiners=frozenset("a an one some several two three sources".split()),
    role_nouns=frozenset(
        "chief head leader secretary president minister spokesperson spokesman spokeswoman "
        "director chairman chairwoman chair ambassador chancellor commander official "
        "officer premier".split()
    ),
    name_particles=frozenset("de van von der da di bin al el la le du".split()),
    hedges=frozenset(
        "maybe perhaps probably possibly believe think feel hope seems seem might could "
        "should opinion guess suppose likely".split()
    ),
    first_person=frozenset("i we me us my our mine ours".split()),
    comparatives=frozenset(
        "more less fewer most least increase increased increases decrease decreased rise "
        "rose fell fall doubled tripled halved record highest lowest biggest largest "
        "smallest worst best first only never always than".split()
    ),
    claim_verbs=frozenset(
        "is are was were has have had caused killed died cost costs spent voted passed "
        "banned signed approved won lost reached exceeded rose fell".split()
    ),
)
