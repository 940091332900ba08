"""Portuguese."""

from faro.text.rules._base import LanguageRules

RULES = LanguageRules(
    code="pt",
    name="Portuguese",
    quote_pairs=(("“", "”"), ("«", "»"), ('"', '"'), ("‘", "’")),
    abbreviations=frozenset(
        "sr sra srta dr dra prof eng gen cel etc ex pág núm art av vol cap dep".split()
    ),
    speech_verbs=(
        "disse", "disseram", "declarou", "afirmou", "acrescentou", "explicou", "sublinhou",
        "salientou", "destacou", "anunciou", "advertiu", "alertou", "garantiu",
        "reconheceu", "confirmou", "escreveu", "lembrou", "insistiu", "respondeu",
        "indicou", "defendeu", "frisou", "observou", "referiu", "afirma", "diz", "explica",
        "garante", "sublinha", "tem dito", "tinha dito", "afirmando", "dizendo",
        "acrescentando", "explicando",
    ),
    reporting_cues=("segundo", "de acordo com", "conforme", "nas palavras de"),
    complementizers=("que",),
    speaker_pronouns=frozenset("ele ela eles elas".split()),
    anonymous_determiners=frozenset("um uma uns umas vários várias alguns algumas".split()),
    role_nouns=frozenset(
        "chefe líder secretário secretária presidente ministro ministra porta-voz diretor "
        "diretora embaixador embaixadora chanceler comandante funcionário funcionária "
        "responsável primeiro-ministro primeira-ministra".split()
    ),
    name_particles=frozenset("de da do das dos e van von di".split()),
    hedges=frozenset(
        "talvez provavelmente acho acredito penso parece poderia poderiam espero esperamos "
        "opinião possivelmente".split()
    ),
    first_person=frozenset("eu nós me meu minha meus minhas nosso nossa".split()),
    comparatives=frozenset(
        "mais menos aumento aumentou subiu caiu queda duplicou triplicou recorde maior "
        "menor pior melhor primeiro último maioria".split()
    ),
    claim_verbs=frozenset(
        "é são era eram foi foram tem têm tinha causou matou morreram custou gastou "
        "atingiu superou aprovou".split()
    ),
)
