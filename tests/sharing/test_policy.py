"""The TLP 2.0 rule as a matrix: every marking × recipient × channel, written out by hand."""

from __future__ import annotations

import pytest

from faro.model import Marking
from faro.sharing import Channel, may_release, parse_marking

OWNER, PARTNER, STRANGER = "Desk", "JP-MoD", "Unknown Org"
C, G, A, S, R = (Marking.CLEAR, Marking.GREEN, Marking.AMBER, Marking.AMBER_STRICT, Marking.RED)
#: recipient → channel → the markings that may go (the object is owned by OWNER and releasable
#: to PARTNER).
ALLOWED: dict[str | None, dict[Channel, set[Marking]]] = {
    None: {Channel.WEB: {C}, Channel.API: {C}, Channel.TAXII: {C}, Channel.EXPORT: {C},
           Channel.PUBLIC: {C}},
    OWNER: {Channel.WEB: {C, G, A, S, R}, Channel.API: {C, G, A, S, R},
            Channel.TAXII: {C, G, A, S}, Channel.EXPORT: {C, G, A, S}, Channel.PUBLIC: {C}},
    PARTNER: {Channel.WEB: {C, G, A, S}, Channel.API: {C, G, A, S}, Channel.TAXII: {C, G, A, S},
              Channel.EXPORT: {C, G, A, S}, Channel.PUBLIC: {C}},
    STRANGER: {Channel.WEB: {C, G}, Channel.API: {C, G}, Channel.TAXII: {C, G},
               Channel.EXPORT: {C, G}, Channel.PUBLIC: {C}},
}
CASES = [(marking, recipient, channel, marking in allowed)
         for recipient, by_channel in ALLOWED.items()
         for channel, allowed in by_channel.items() for marking in Marking]


def test_the_matrix_covers_every_combination() -> None:
    assert len(CASES) == len(Marking) * 4 * len(Channel) == 100


@pytest.mark.parametrize(("marking", "recipient", "channel", "expected"), CASES)
def test_matrix(marking: Marking, recipient: str | None, channel: Channel,
                expected: bool) -> None:
    assert may_release(marking, recipient=recipient, channel=channel, owner=OWNER,
                       releasable_to=(PARTNER,)) is expected


@pytest.mark.parametrize("marking", [A, S, R])
def test_shared_knowledge_base_records_have_no_owner(marking: Marking) -> None:
    # an AMBER record of the shared knowledge base goes only where it was released
    assert may_release(marking, recipient=PARTNER, channel=Channel.EXPORT,
                       releasable_to=(PARTNER,)) is (marking is not R)
    assert not may_release(marking, recipient=STRANGER, channel=Channel.EXPORT)


@pytest.mark.parametrize(("text", "marking"), [
    ("TLP:AMBER+STRICT", S), ("amber+strict", S), ("amber_strict", S), ("white", C),
    ("TLP:CLEAR", C), (" green ", G), ("RED", R)])
def test_markings_as_people_write_them(text: str, marking: Marking) -> None:
    assert parse_marking(text) is marking


def test_unknown_marking_is_refused() -> None:
    with pytest.raises(ValueError, match=r"not a TLP 2\.0 marking"):
        parse_marking("secret")
