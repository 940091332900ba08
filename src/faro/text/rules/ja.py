"""Japanese: no spaces between words; 「」 and 『』 quotes; と + speech verb after the quote."""

from faro.text.rules._base import LanguageRules

_STEMS = [
    "述べ",
    "語っ",
    "話し",
    "強調し",
    "指摘し",
    "説明し",
    "明らかにし",
    "発表し",
    "表明し",
    "主張し",
    "訴え",
    "述懐し",
    "証言し",
    "批判し",
    "警告し",
    "呼びかけ",
    "答え",
    "記し",
    "書い",
    "認め",
    "示し",
    "発言し",
    "断言し",
    "言及し",
    "コメントし",
]

RULES = LanguageRules(
    code="ja",
    name="Japanese",
    quote_pairs=(("「", "」"), ("『", "』"), ("“", "”"), ('"', '"')),
    sentence_enders="。！？!?",
    uses_spaces=False,
    subject_markers="はが",
    has_articles=False,
    speech_verbs=tuple(
        f"{particle}{stem}{end}"
        for particle in ("と", "とも")
        for stem in _STEMS
        for end in ("た", "ている", "ています", "ました", "")
    )
    + ("と言った", "と言う", "と話す", "と語る", "と述べる", "としている", "とした"),
    reporting_cues_after=("によると", "によれば", "の話では"),
    complementizers=("と",),
    speaker_pronouns=frozenset(["彼", "彼女", "同氏", "同首相", "同大統領", "同長官"]),
    anonymous_determiners=frozenset(["ある", "複数の", "一部の"]),
    role_nouns=frozenset(
        [
            "外交官",
            "審議官",
            "次長",
            "首相",
            "大統領",
            "長官",
            "事務総長",
            "大臣",
            "外相",
            "防衛相",
            "報道官",
            "幹部",
            "当局者",
            "関係者",
            "高官",
            "議長",
            "大使",
            "委員長",
        ]
    ),
    hedges=frozenset(
        ["かもしれない", "と思う", "と考える", "ようだ", "らしい", "だろう", "可能性"]
    ),
    first_person=frozenset(["私", "私たち", "我々", "僕"]),
    comparatives=frozenset(
        [
            "増加",
            "減少",
            "倍",
            "過去最高",
            "過去最悪",
            "最大",
            "最小",
            "初めて",
            "上回",
            "下回",
            "急増",
            "急減",
            "以上",
            "以下",
        ]
    ),
    claim_verbs=frozenset(
        ["した", "された", "である", "だった", "死亡", "発生", "達した", "超えた", "示した"]
    ),
)
