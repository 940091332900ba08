"""French."""

from faro.text.rules._base import LanguageRules

_PARTICIPLES = (
    "dit déclaré affirmé ajouté expliqué souligné indiqué précisé annoncé averti estimé "
    "assuré reconnu confirmé écrit rappelé insisté répondu répliqué noté observé martelé "
    "dénoncé jugé prévenu raconté confié"
).split()

RULES = LanguageRules(
    code="fr",
    name="French",
    quote_pairs=(("«", "»"), ("“", "”"), ('"', '"'), ("‹", "›"), ("‘", "’")),
    abbreviations=frozenset(
        "m mm mme mmes mlle dr pr me st ste etc cf p pp vol no n° av apr env art chap fig "
        "gén col cdt lt sgt".split()
    ),
    speech_verbs=tuple(f"{aux} {p}" for aux in ("a", "ont", "avait", "avaient", "aurait")
                       for p in _PARTICIPLES)
    + (
        "dit", "déclare", "affirme", "ajoute", "explique", "souligne", "indique", "précise",
        "annonce", "avertit", "estime", "assure", "reconnaît", "confirme", "écrit",
        "rappelle", "insiste", "répond", "réplique", "note", "observe", "martèle", "dénonce",
        "déclarant", "affirmant", "ajoutant", "expliquant", "soulignant", "estimant",
        "a-t-il dit", "a-t-elle dit", "a-t-il déclaré", "a-t-elle déclaré", "a-t-il ajouté",
        "a-t-elle ajouté", "a-t-il expliqué", "a-t-elle expliqué", "a-t-il affirmé",
        "a-t-elle affirmé", "a-t-il souligné", "a-t-elle souligné", "a-t-il précisé",
        "a-t-elle précisé", "a-t-il estimé", "a-t-elle estimé", "a-t-il averti",
        "a-t-elle averti", "a-t-il assuré", "a-t-elle assuré", "a-t-il indiqué",
        "a-t-elle indiqué", "a-t-il martelé", "a-t-elle martelé", "a-t-il reconnu",
        "a-t-elle reconnu", "dit-il", "dit-elle", "déclare-t-il", "déclare-t-elle",
        "explique-t-il", "explique-t-elle", "ajoute-t-il", "ajoute-t-elle",
        "souligne-t-il", "souligne-t-elle", "estime-t-il", "estime-t-elle",
        "affirme-t-il", "affirme-t-elle", "précise-t-il", "précise-t-elle",
    ),
    reporting_cues=("selon", "d'après", "d’après", "aux dires de", "de l'avis de",
                    "de l’avis de"),
    complementizers=("que", "qu'", "qu’"),
    speaker_pronouns=frozenset("il elle ils elles".split()),
    anonymous_determiners=frozenset("un une des plusieurs certains certaines".split()),
    role_nouns=frozenset(
        "chef dirigeant dirigeante secrétaire président présidente ministre porte-parole "
        "directeur directrice ambassadeur ambassadrice chancelier commandant responsable "
        "haut-représentant premier commissaire général fonctionnaire diplomate".split()
    ),
    name_particles=frozenset("de du des la le van von di da".split()),
    hedges=frozenset(
        "peut-être probablement crois pense estime semble sembler pourrait pourraient "
        "espère espérons avis sans doute".split()
    ),
    first_person=frozenset("je nous me moi mon ma mes notre nos".split()),
    comparatives=frozenset(
        "plus moins hausse baisse augmentation diminution doublé triplé record premier "
        "dernier pire meilleur majorité".split()
    ),
    claim_verbs=frozenset(
        "est sont était étaient a ont avait causé tué morts coûté dépensé atteint dépassé "
        "voté adopté".split()
    ),
)
