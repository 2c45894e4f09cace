"""quick_init gives the extractor's per-mention frozen dataclasses a faster __init__: the objects
must be those the dataclass' own __init__ makes (fields, defaults, equality, hash, frozenness)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from pipeline.extract.actors import Actor, ActorMention
from pipeline.extract.dates import DateExpr
from pipeline.extract.places import Mention, Place
from pipeline.extract.quickinit import quick_init
from pipeline.extract.sentences import Span
from pipeline.extract.triggers import Trigger

pytestmark = pytest.mark.unit

_TOWN = Place("Douma", "Rif Dimashq", "Syria", "SY", 33.57, 36.4, 170903, 1)
_ARMY = Actor("Military Forces of {country}", 1, side="government")

CASES = [
    (ActorMention, (_ARMY, 4, 15, "Syrian army"), {}),
    (ActorMention, (_ARMY, 4, 15, "Syrian army", "SY", "source"), {}),
    (Span, (3, 40), {}),
    (Trigger, ("Air/drone strike", 10, 20, "airstrikes", 0.8, False, False), {}),
    (Mention, (_TOWN, 30, 35, "Douma"), {}),
    (Mention, (_TOWN, 30, 35, "Douma", "near"), {"host": (0, 7), "cued": False, "framed": True, "cued_locative": True}),
    (DateExpr, (5, 11, date(2016, 3, 2), 1, "weekday"), {}),
]


def _dataclass_own(cls, *args, **kwargs):
    """The object the dataclass' generated __init__ makes (a fresh, undecorated copy of the class)."""
    plain = dataclasses.dataclass(frozen=True)(type(cls.__name__, (), {"__annotations__": cls.__annotations__,
                                                                      **{f.name: f.default for f in dataclasses.fields(cls)
                                                                         if f.default is not dataclasses.MISSING}}))
    return plain(*args, **kwargs)


@pytest.mark.parametrize("cls,args,kwargs", CASES)
def test_quick_init_makes_what_the_dataclass_makes(cls, args, kwargs):
    made = cls(*args, **kwargs)
    own = _dataclass_own(cls, *args, **kwargs)
    assert vars(made) == vars(own)
    assert made == cls(*args, **kwargs) and hash(made) == hash(cls(*args, **kwargs))
    assert dataclasses.replace(made, **{dataclasses.fields(cls)[1].name: 99}) != made
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, dataclasses.fields(cls)[0].name, None)


def test_quick_init_keeps_missing_arguments_an_error():
    with pytest.raises(TypeError):
        Span(3)


def test_quick_init_refuses_what_it_cannot_copy():
    @dataclasses.dataclass
    class Loose:
        a: int

    @dataclasses.dataclass(frozen=True)
    class Checked:
        a: int

        def __post_init__(self):
            pass

    @dataclasses.dataclass(frozen=True)
    class Listed:
        a: list = dataclasses.field(default_factory=list)

    for cls in (Loose, Checked, Listed):
        with pytest.raises(TypeError):
            quick_init(cls)
