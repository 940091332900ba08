"""Dutch."""

from faro.text.rules._base import LanguageRules

RULES = LanguageRules(
    code="nl",
    name="Dutch",
    quote_pairs=(("„", "”"), ("“", "”"), ("‘", "’"), ('"', '"'), ("«", "»")),
    abbreviations=frozenset(
        "dhr mevr mw dr drs ir prof mr ing bijv bv enz etc m.a.w o.a d.w.z nr blz jl "
        "gen kol".split()
    ),
    speech_verbs=(
        "zei", "zeiden", "zegt", "zeggen", "verklaarde", "verklaart", "benadrukte",
        "benadrukt", "voegde toe", "voegde eraan toe", "waarschuwde", "waarschuwt",
        "stelde", "stelt", "schreef", "schrijft", "bevestigde", "erkende", "legde uit",
        "aldus", "meldde", "liet weten", "vertelde", "antwoordde", "onderstreepte",
        "zei hij", "zei ze", "zei zij", "heeft gezegd", "had gezegd",
    ),
    reporting_cues=("volgens", "naar verluidt", "aldus"),
    complementizers=("dat",),
    speaker_pronouns=frozenset("hij zij ze".split()),
    anonymous_determiners=frozenset("een enkele enkele meerdere sommige".split()),
    role_nouns=frozenset(
        "chef leider secretaris-generaal secretaris president minister woordvoerder "
        "woordvoerster directeur ambassadeur premier commandant functionaris topman "
        "topvrouw voorzitter".split()
    ),
    name_particles=frozenset("van de der den ter ten von da di".split()),
    hedges=frozenset(
        "misschien waarschijnlijk denk geloof lijkt zou zouden hoop hopen mening "
        "mogelijk".split()
    ),
    first_person=frozenset("ik wij we mij me ons onze mijn".split()),
    comparatives=frozenset(
        "meer minder stijging daling gestegen gedaald verdubbeld record hoogste laagste "
        "grootste eerste laatste meerderheid".split()
    ),
    claim_verbs=frozenset(
        "is zijn was waren heeft hebben had veroorzaakt gedood overleden gekost uitgegeven "
        "bereikt overschreden".split()
    ),
)
