"""German."""

from faro.text.rules._base import LanguageRules

RULES = LanguageRules(
    code="de",
    name="German",
    quote_pairs=(("„", "“"), ("»", "«"), ("‚", "‘"), ("“", "”"), ('"', '"'), ("›", "‹")),
    ordinal_dot=True,
    abbreviations=frozenset(
        "dr prof hr fr bzw bspw ca evtl ggf inkl usw vgl z.b u.a d.h s nr abs art bd jh "
        "mio mrd str tel gen oberst jan feb märz apr jun jul aug sep sept okt nov dez".split()
    ),
    speech_verbs=(
        "sagte", "sagten", "sagt", "sagen", "erklärte", "erklärt", "betonte", "betont",
        "sagte er", "sagte sie", "erklärte er", "erklärte sie", "betonte er", "betonte sie",
        "fügte hinzu", "fügte er hinzu", "fügte sie hinzu", "warnte", "warnt", "meinte",
        "meint", "teilte mit", "schrieb", "schreibt", "bestätigte", "räumte ein",
        "kritisierte", "forderte", "versicherte", "unterstrich", "verwies", "berichtete",
        "hat gesagt", "hat erklärt", "hat betont", "hatte gesagt", "hatte erklärt",
        "sagte am", "erklärte am",
    ),
    reporting_cues=("laut", "nach Angaben von", "nach Angaben des", "nach Angaben der",
                    "nach Ansicht von", "gemäß"),
    reporting_cues_after=("zufolge",),
    complementizers=("dass", "daß"),
    speaker_pronouns=frozenset("er sie".split()),
    anonymous_determiners=frozenset("ein eine einer eines mehrere einige".split()),
    role_nouns=frozenset(
        "chef chefin leiter leiterin sprecher sprecherin präsident präsidentin minister "
        "ministerin kanzler kanzlerin generalsekretär generalsekretärin direktor direktorin "
        "botschafter botschafterin kommandeur beamter beamtin vorsitzende vorsitzender "
        "regierungschef regierungschefin".split()
    ),
    name_particles=frozenset("von van der de zu di da".split()),
    hedges=frozenset(
        "vielleicht wahrscheinlich glaube denke meine scheint könnte könnten hoffe hoffen "
        "vermutlich offenbar angeblich".split()
    ),
    first_person=frozenset("ich wir mich mir uns mein meine unser unsere".split()),
    comparatives=frozenset(
        "mehr weniger anstieg gestiegen gesunken verdoppelt verdreifacht rekord höchste "
        "niedrigste größte erste letzte schlimmste mehrheit".split()
    ),
    claim_verbs=frozenset(
        "ist sind war waren hat haben hatte verursacht getötet gestorben gekostet "
        "ausgegeben erreicht überschritten beschlossen".split()
    ),
)
