"""A faster __init__ for the frozen dataclasses made once per mention (triggers, actors, places,
clauses, dates): a frozen dataclass' own __init__ sets each field through object.__setattr__, which
costs about as much again as the rest of making the object, tens of thousands of times an article."""

from __future__ import annotations

import dataclasses


def quick_init(cls: type) -> type:
    """Give frozen dataclass `cls` an __init__ that fills the instance's __dict__ directly.

    Same signature (the fields in order, their defaults), same instance state; the class stays
    frozen (its __setattr__ still refuses assignment), so equality, hashing and `replace` are as
    before. Only for a class whose fields all go through __init__ with plain defaults and that has
    no __post_init__ or __slots__.
    """
    if not (dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen):
        raise TypeError(f"{cls.__name__}: quick_init is for frozen dataclasses")
    if hasattr(cls, "__post_init__") or "__slots__" in cls.__dict__:
        raise TypeError(f"{cls.__name__}: __post_init__ or __slots__ needs the dataclass' own __init__")
    params, body, namespace = [], [], {}
    for f in dataclasses.fields(cls):
        if not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: only positional fields with plain defaults")
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        body.append(f"    d[{f.name!r}] = {f.name}")
    source = f"def __init__(self, {', '.join(params)}):\n    d = self.__dict__\n" + "\n".join(body) + "\n"
    exec(source, namespace)   # noqa: S102 - code made here from the field names, as dataclasses does
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init
    return cls
