"""Italian."""

from faro.text.rules._base import LanguageRules

RULES = LanguageRules(
    code="it",
    name="Italian",
    quote_pairs=(("«", "»"), ("“", "”"), ('"', '"'), ("‘", "’"), ("„", "“")),
    abbreviations=frozenset(
        "sig sigg sig.ra dott dott.ssa prof avv ing on sen gen col magg cap ecc pag pagg art "
        "tel n nr vol cfr es dr st ca".split()
    ),
    speech_verbs=tuple(
        f"{aux} {participle}"
        for aux in ("ha", "hanno", "aveva", "avevano", "avrebbe", "avrebbero")
        for participle in (
            "detto affermato dichiarato aggiunto spiegato sottolineato ribadito precisato "
            "osservato commentato annunciato avvertito ammesso assicurato evidenziato "
            "scritto riferito riportato raccontato confermato denunciato sostenuto "
            "concluso insistito replicato risposto ricordato chiarito rilevato"
        ).split()
    )
    + (
        "ha poi detto", "ha poi aggiunto", "ha inoltre affermato", "ha anche detto",
        "ha anche affermato",
        "dice", "dicono", "disse", "afferma", "affermano", "dichiara", "dichiarano",
        "aggiunge", "spiega", "sottolinea", "ribadisce", "precisa", "osserva", "commenta",
        "annuncia", "avverte", "ammette", "assicura", "scrive", "riferisce", "conferma",
        "sostiene", "insiste", "replica", "risponde", "ricorda", "chiarisce",
        "affermando", "dicendo", "dichiarando", "aggiungendo", "sottolineando",
        "spiegando", "avvertendo", "ha detto ai giornalisti",
    ),
    reporting_cues=(
        "secondo", "stando a", "a detta di", "come riferito da", "come ha detto",
        "secondo quanto riferito da", "secondo quanto dichiarato da", "per",
    ),
    complementizers=("che", "di"),
    speaker_pronouns=frozenset("lui lei egli ella essi esse loro".split()),
    anonymous_determiners=frozenset("un una uno alcuni alcune diversi diverse fonti".split()),
    role_nouns=frozenset(
        "capo leader segretario presidente premier ministro portavoce direttore generale "
        "ambasciatore cancelliere comandante funzionario responsabile numero".split()
    ),
    name_particles=frozenset("di de del della da van von bin al el".split()),
    hedges=frozenset(
        "forse probabilmente credo penso ritengo sembra sembrerebbe potrebbe potrebbero "
        "speriamo spero auspicabilmente secondo me opinione".split()
    ),
    first_person=frozenset("io noi mi ci mio mia nostro nostra nostri nostre".split()),
    comparatives=frozenset(
        "più meno aumento aumentato aumentata calo calato diminuito raddoppiato triplicato "
        "record maggiore minore peggiore migliore crescita crollo massimo minimo primo "
        "ultimo".split()
    ),
    claim_verbs=frozenset(
        "è sono era erano ha hanno aveva causato provocato ucciso morti costato vale "
        "stanziato speso registrato superato raggiunto".split()
    ),
)
