"""Polish."""

from faro.text.rules._base import LanguageRules

RULES = LanguageRules(
    code="pl",
    name="Polish",
    quote_pairs=(("„", "”"), ("«", "»"), ("»", "«"), ('"', '"'), ("“", "”"), ("‚", "’")),
    ordinal_dot=True,
    abbreviations=frozenset(
        "dr prof mgr inż hab gen płk ppłk mjr kpt por im ul al pl nr np tzn tj itd itp "
        "m.in ok wg godz tys mln mld zł r św".split()
    ),
    speech_verbs=(
        "powiedział", "powiedziała", "powiedzieli", "mówi", "mówił", "mówiła",
        "oświadczył", "oświadczyła", "stwierdził", "stwierdziła", "dodał", "dodała",
        "podkreślił", "podkreśliła", "zaznaczył", "zaznaczyła", "wyjaśnił", "wyjaśniła",
        "ostrzegł", "ostrzegła", "zapowiedział", "zapowiedziała", "przyznał", "przyznała",
        "potwierdził", "potwierdziła", "napisał", "napisała", "przypomniał",
        "przypomniała", "odpowiedział", "odpowiedziała", "ocenił", "oceniła", "zapewnił",
        "zapewniła", "poinformował", "poinformowała", "przekonywał", "przekonywała",
        "powiedział w", "powiedziała w",
    ),
    reporting_cues=("według", "zdaniem", "jak podał", "jak podała", "jak poinformował",
                    "jak poinformowała", "cytowany przez"),
    complementizers=("że", "iż"),
    speaker_pronouns=frozenset("on ona oni one".split()),
    anonymous_determiners=frozenset("jeden jedna pewien pewna kilku niektórzy".split()),
    role_nouns=frozenset(
        "szef szefowa przywódca sekretarz prezydent prezydentka minister ministra rzecznik "
        "rzeczniczka dyrektor dyrektorka ambasador kanclerz dowódca urzędnik urzędniczka "
        "premier przewodniczący przewodnicząca wiceminister".split()
    ),
    name_particles=frozenset("de van von di da".split()),
    hedges=frozenset(
        "może prawdopodobnie sądzę myślę uważam wydaje mógłby mogłaby mogą mam nadzieję "
        "być może chyba".split()
    ),
    first_person=frozenset("ja my mnie nas mój moja moje nasz nasza nasze".split()),
    comparatives=frozenset(
        "więcej mniej wzrost spadek wzrosła wzrósł spadła spadł podwoiła rekord "
        "najwyższy najniższy największy pierwszy ostatni większość".split()
    ),
    claim_verbs=frozenset(
        "jest są był była było były ma mają miał spowodował zabił zginęło kosztował "
        "wydano osiągnął przekroczył".split()
    ),
)
