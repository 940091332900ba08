"""Korean: words are spaced, but particles and verb endings attach to them ("대통령은",
"말했다"), and the matchers take whole words. So the lexicons list the written forms: verb
stems with the endings news uses, nouns with their particles. The quote is closed by a particle
of its own ("…"라고 말했다), which is a word to the matchers, so "라고 했다" is a speech verb
where "했다" (did) alone is not.
"""

from faro.text.rules._base import LanguageRules

# past stems (…했 / …혔) and the endings that close or chain a sentence after them
_PAST_STEMS = [
    "말했", "밝혔", "강조했", "설명했", "주장했", "전했", "지적했", "언급했", "발표했",
    "경고했", "답했", "반박했", "해명했", "인정했", "비판했", "촉구했", "호소했", "당부했",
    "덧붙였", "적었", "썼", "시사했", "토로했", "폭로했",
]
_PAST_ENDINGS = ["다", "습니다", "고", "으며", "는데", "지만"]
# present stems and their chaining forms ("강조하며", "밝히며")
_PRESENT = [
    "말한다", "밝힌다", "주장한다", "강조한다", "설명한다", "지적한다",
    "말하며", "밝히며", "강조하며", "설명하며", "주장하며", "지적하며", "덧붙이며",
]
# particles after a noun: topic, subject, also, of
_PARTICLES = ["", "은", "는", "이", "가", "도", "의"]
_ROLES = [
    "대통령", "총리", "장관", "차관", "대변인", "위원장", "대표", "의원", "청장", "처장",
    "실장", "비서관", "대사", "사무총장", "관계자", "당국자", "국장", "원장", "회장", "사장",
    "시장", "지사", "총장", "사령관", "본부장",
]


def _with_particles(words: list[str]) -> list[str]:
    return [f"{word}{particle}" for word in words for particle in _PARTICLES]


RULES = LanguageRules(
    code="ko",
    name="Korean",
    quote_pairs=(("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("「", "」")),
    has_articles=False,
    speech_verbs=tuple(f"{stem}{end}" for stem in _PAST_STEMS for end in _PAST_ENDINGS)
    + tuple(_PRESENT)
    + tuple(f"{particle} 했다" for particle in ("라고", "이라고", "고"))
    + tuple(f"{particle} 했습니다" for particle in ("라고", "이라고", "고")),
    # "보건복지부에 따르면" (according to the ministry), "…에 의하면": after the source
    reporting_cues_after=("따르면", "의하면"),
    speaker_pronouns=frozenset(["그는", "그녀는", "그가", "그녀가", "이들은", "그들은"]),
    anonymous_determiners=frozenset(["한", "어느", "일부", "익명의", "복수의"]),
    role_nouns=frozenset(_with_particles(_ROLES)),
    hedges=frozenset(
        [
            "아마", "아마도", "어쩌면", "혹시", "같다", "같습니다", "같아요", "생각한다",
            "생각합니다", "생각해요", "생각한다고", "보인다", "보입니다", "추정된다",
            "가능성", "가능성이", "가능성도", "듯하다", "듯", "모른다", "모릅니다", "믿는다",
            "믿습니다", "바란다", "바랍니다", "카더라",
        ]
    ),
    first_person=frozenset(
        [
            "나", "나는", "내가", "나의", "저", "저는", "제가", "저의", "우리", "우리는",
            "우리가", "우리의", "저희", "저희는", "저희가",
        ]
    ),
    comparatives=frozenset(
        [
            "더", "가장", "최고", "최대", "최저", "최소", "최악", "최초", "처음", "처음으로",
            "역대", "사상", "증가", "증가했다", "증가한", "증가해", "증가세", "늘었다",
            "늘어", "늘어난", "감소", "감소했다", "감소한", "감소세", "줄었다", "줄어",
            "줄어든", "급증", "급증했다", "급감", "상승", "상승했다", "하락", "하락했다",
            "배", "두 배", "이상", "이하",
        ]
    ),
    claim_verbs=frozenset(
        [
            "있다", "있습니다", "없다", "없습니다", "됐다", "되었다", "했다", "했습니다",
            "이다", "였다", "이었다", "사망했다", "숨졌다", "발생했다", "달했다", "넘었다",
            "기록했다", "차지했다", "승인했다", "통과됐다", "금지했다", "서명했다", "당선됐다",
        ]
    ),
)
