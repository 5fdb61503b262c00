"""Messengers and networks a visitor asks for, which the hub's materials do not list."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import regex
import yaml

from hub_lexicon.replies import normalise_reply

CHANNELS_FILE = Path(__file__).parent / "lexicon" / "channels.yml"
HAN = regex.compile(r"\p{Han}")
#: A Latin or Cyrillic form this long also matches its inflections ("телеграме").
PREFIX_LENGTH = 4


@dataclass(frozen=True)
class Channel:
    """One messenger or network: its name per language and how visitors write it."""

    names: dict[str, str]
    forms: tuple[str, ...]

    def named_in(self, reply: str) -> bool:
        """Whether a normalised message names this channel."""
        return any(pattern.search(reply) for pattern in self.patterns)

    @functools.cached_property
    def patterns(self) -> tuple[regex.Pattern[str], ...]:
        """One pattern per form: a word start, and a word end for a short form."""
        return tuple(form_pattern(form) for form in self.forms)


def form_pattern(form: str) -> regex.Pattern[str]:
    """Where a form starts a word; Chinese anywhere; a short form only as a whole word."""
    if HAN.search(form):
        return regex.compile(regex.escape(form))
    end = "" if len(form) >= PREFIX_LENGTH else r"(?![\p{L}\p{N}--\p{Han}])"
    return regex.compile(
        rf"(?<![\p{{L}}\p{{N}}--\p{{Han}}]){regex.escape(form)}{end}", flags=regex.VERSION1
    )


@functools.cache
def channels(path: Path = CHANNELS_FILE) -> tuple[Channel, ...]:
    """Reads the channels once per process."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        Channel(names=dict(entry["name"]), forms=tuple(str(f).casefold() for f in entry["forms"]))
        for entry in document.values()
    )


def asked_channels(text: str, language: str) -> list[str]:
    """The names, in `language`, of the messengers or networks the message asks about.

    Args:
        text: E.g. "can I reach you on WhatsApp?", "можно написать в телеграм?", "有微信吗".
        language: The reply language.

    Returns:
        E.g. ["WhatsApp"]; empty when the message names none.
    """
    reply = normalise_reply(text)
    return [
        channel.names.get(language, channel.names["en"])
        for channel in channels()
        if channel.named_in(reply)
    ]


def names_a_channel(text: str) -> bool:
    """Whether the message names a messenger or network ("有微信吗", "в телеграм?")."""
    reply = normalise_reply(text)
    return any(channel.named_in(reply) for channel in channels())
