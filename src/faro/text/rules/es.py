"""Spanish."""

from faro.text.rules._base import LanguageRules

_PARTICIPLES = (
    "dicho declarado afirmado añadido agregado explicado subrayado señalado precisado "
    "anunciado advertido asegurado reconocido confirmado escrito recordado insistido "
    "respondido replicado indicado destacado manifestado sostenido"
).split()

RULES = LanguageRules(
    code="es",
    name="Spanish",
    quote_pairs=(("«", "»"), ("“", "”"), ('"', '"'), ("‘", "’")),
    abbreviations=frozenset(
        "sr sra srta dr dra lic ing prof gral cnel etc ej pág núm art av avda ud uds "
        "vol cap dpto".split()
    ),
    speech_verbs=tuple(f"{aux} {p}" for aux in ("ha", "han", "había", "habían", "habría")
                       for p in _PARTICIPLES)
    + (
        "dijo", "dijeron", "declaró", "afirmó", "añadió", "agregó", "explicó", "subrayó",
        "señaló", "precisó", "anunció", "advirtió", "aseguró", "reconoció", "confirmó",
        "escribió", "recordó", "insistió", "respondió", "replicó", "indicó", "destacó",
        "manifestó", "sostuvo", "dice", "afirma", "asegura", "explica", "señala",
        "declarando", "afirmando", "añadiendo", "explicando", "asegurando",
    ),
    reporting_cues=("según", "de acuerdo con", "a juicio de", "en palabras de"),
    complementizers=("que",),
    speaker_pronouns=frozenset("él ella ellos ellas".split()),
    anonymous_determiners=frozenset("un una unos unas varios varias algunos algunas".split()),
    role_nouns=frozenset(
        "jefe jefa líder secretario secretaria presidente presidenta ministro ministra "
        "portavoz director directora embajador embajadora canciller comandante funcionario "
        "funcionaria responsable alto representante".split()
    ),
    name_particles=frozenset("de del la los las y van von da di".split()),
    hedges=frozenset(
        "quizás quizá tal vez probablemente creo pienso parece podría podrían espero "
        "esperamos opinión posiblemente".split()
    ),
    first_person=frozenset("yo nosotros nosotras me mi mis nuestro nuestra nuestros".split()),
    comparatives=frozenset(
        "más menos aumento aumentó subió bajó descenso duplicado triplicado récord mayor "
        "menor peor mejor primero último mayoría".split()
    ),
    claim_verbs=frozenset(
        "es son era eran fue fueron ha han había causó mató murieron costó gastó alcanzó "
        "superó aprobó".split()
    ),
)
