"""The checks' messages in any catalog language: each is said from the catalogs' [problems] table by its key.

A `Msg` is the English text (a str, so the validator and the command line print it as before) that also
keeps its key and values, so that `make import` can say it again in the workbook's language. A place in a
data file is an `At` (printed data/observations.csv:322, never a bare "line 322"), and a column a `Col`:
the importer says them as the workbook's cell and heading when the row is one of its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .. import i18n


@dataclass(frozen=True)
class At:
    """A line of a data file."""
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Col:
    """A column of a data file, named in a message (the importer gives its heading in the workbook). file: the
    data file whose column it is, when not the file of the row the message is about (e.g. an indicator's
    upper_bound named in a target's message)."""
    name: str
    file: str = ""

    def __str__(self) -> str:
        return self.name


class Msg(str):
    """A message: its English text, with the catalog key and the values to say it in another language."""
    key: str
    values: dict

    def __new__(cls, key: str, /, **values):
        self = super().__new__(cls, say_values("en", key, values))
        self.key, self.values = key, values
        return self

    def __reduce__(self):  # pickled with the build's checked data: rebuilt from its key, not from its text
        return _rebuild, (self.key, self.values)


def _rebuild(key: str, values: dict) -> Msg:
    return Msg(key, **values)


@dataclass(frozen=True)
class Either:
    """Alternatives said with the language's 'or': '> or >=', 'cumulative or average_growth'."""
    items: tuple

    def __str__(self) -> str:
        return " or ".join(map(str, self.items))


Place = Callable[[At], str]
Heading = Callable[[Col], str]


def say_values(lang: str, key: str, values: dict, place: Place | None = None, heading: Heading | None = None) -> str:
    def one(v):
        if isinstance(v, Msg):
            return say(v, lang, place, heading)
        if isinstance(v, At):
            return place(v) if place else str(v)
        if isinstance(v, Col):
            return heading(v) if heading else str(v)
        if isinstance(v, Either):
            return f" {cat['problems_cycle']['or']} ".join(str(one(x)) for x in v.items)
        if isinstance(v, (list, tuple)):
            return ", ".join(str(one(x)) for x in v)
        return v
    # the catalog entry filled directly: a value may be named 'key' (i18n.text takes that name itself)
    cat = i18n.catalog(lang)
    table = cat["problems"] if key in cat["problems"] else cat["problems_cycle"]
    return table[key].format(**{k: one(v) for k, v in values.items()})


def say(message: str, lang: str, place: Place | None = None, heading: Heading | None = None) -> str:
    """A message in `lang` (a plain string, from code that has no key for it, is returned as it is)."""
    if isinstance(message, Msg):
        return say_values(lang, message.key, message.values, place, heading)
    return str(message)


def key_of(message: str) -> str:
    return message.key if isinstance(message, Msg) else ""
