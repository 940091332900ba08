"""The one rule for what may leave faro, and to whom: TLP 2.0 markings and releasability.

Every way data leaves faro (a file exported, an API answer, a TAXII collection, a web page, a
ClaimReview published for anyone) asks :func:`may_release` about each object, and nothing else
decides. The rule, after FIRST's TLP 2.0 definitions
(https://www.first.org/tlp/), read for a system that cannot name individual people:

=================  ===================================================================
marking            may go to
=================  ===================================================================
TLP:CLEAR          anyone, public channels included
TLP:GREEN          any known organisation (the community), never a public channel
TLP:AMBER          the owning organisation and the organisations it is releasable to
TLP:AMBER+STRICT   the same; the marking travels with it, so recipients know they may
                   not pass it on, even to their clients
TLP:RED            only the owning organisation's own people, inside faro (web and API):
                   never exported, never on TAXII, never published
=================  ===================================================================

The knowledge base is shared by every organisation of a server: its records have no owner, so
an AMBER record goes only to the organisations it is releasable to, and a RED one nowhere.

>>> may_release(Marking.GREEN, recipient="NATO StratCom", channel=Channel.TAXII)
True
>>> may_release(Marking.GREEN, recipient=None, channel=Channel.PUBLIC)
False
>>> may_release(Marking.AMBER, owner="Desk", recipient="JP-MoD", channel=Channel.EXPORT,
...             releasable_to=("JP-MoD",))
True
"""

from __future__ import annotations

import enum
from collections.abc import Collection
from dataclasses import dataclass

from faro.model import Marking

__all__ = ["Audience", "Channel", "may_release", "parse_marking"]


class Channel(enum.StrEnum):
    """A way data leaves faro."""

    WEB = "web"
    """Pages of the web UI, to a signed-in user."""
    API = "api"
    """Answers of the REST API, to a token or session."""
    TAXII = "taxii"
    """TAXII collections, read by partners' systems."""
    EXPORT = "export"
    """A file written by ``faro share export`` (STIX, MISP, ClaimReview) for a recipient."""
    PUBLIC = "public"
    """Publication for anyone (ClaimReview on a website, an anonymous reader)."""


_INSIDE = frozenset({Channel.WEB, Channel.API})


def may_release(marking: Marking, *, recipient: str | None, channel: Channel,
                owner: str | None = None, releasable_to: Collection[str] = ()) -> bool:
    """Whether an object marked ``marking`` may go to ``recipient`` (an organisation's name;
    None: anyone, as on a public channel) through ``channel``. ``owner``: the organisation the
    object belongs to (None for the shared knowledge base); ``releasable_to``: the
    organisations it was released to beyond its owner."""
    if channel is Channel.PUBLIC or recipient is None:
        return marking is Marking.CLEAR
    if marking is Marking.CLEAR:
        return True
    own = owner is not None and recipient == owner
    if marking is Marking.GREEN:
        return True
    if marking in (Marking.AMBER, Marking.AMBER_STRICT):
        return own or recipient in releasable_to
    # RED: the owning organisation's people, and only inside faro
    return own and channel in _INSIDE


@dataclass(frozen=True, slots=True)
class Audience:
    """Who is reading (an organisation's name; None: anyone) and through which channel: what a
    list of shared records is narrowed to before it leaves."""

    recipient: str | None
    channel: Channel

    def allows(self, marking: Marking, releasable_to: Collection[str] = (),
               owner: str | None = None) -> bool:
        return may_release(marking, recipient=self.recipient, channel=self.channel,
                           owner=owner, releasable_to=releasable_to)

    def markings(self, owner: str | None = None) -> tuple[frozenset[Marking], frozenset[Marking]]:
        """The markings that may go whatever an object's releasability, and those that may go
        when the object is released to the recipient: the rule as a database query needs it,
        read off :func:`may_release` so that the rule stays in one place."""
        free = frozenset(m for m in Marking if self.allows(m, (), owner))
        named = frozenset(m for m in Marking if m not in free and self.recipient is not None
                          and self.allows(m, (self.recipient,), owner))
        return free, named


def parse_marking(value: str) -> Marking:
    """A marking from how people write it: ``TLP:AMBER+STRICT``, ``amber+strict``,
    ``amber_strict``, ``white`` (TLP 1.0's name for CLEAR). ValueError otherwise."""
    key = value.strip().upper().replace("_", "+").removeprefix("TLP:")
    key = {"WHITE": "CLEAR", "AMBER-STRICT": "AMBER+STRICT"}.get(key, key)
    try:
        return Marking(f"TLP:{key}")
    except ValueError:
        raise ValueError(f"not a TLP 2.0 marking: {value!r} (use CLEAR, GREEN, AMBER, "
                         "AMBER+STRICT or RED)") from None
