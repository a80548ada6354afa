"""Pickling of the bound result structs (EvalResult and what it holds), so results can travel
between processes (Ray workers). Each struct pickles as its writable fields, read from the binding
itself, so no field list is repeated here."""

import copyreg

from ascendgen import _core

_STRUCTS = (
    _core.EvalResult,
    _core.CaseResult,
    _core.Comparison,
    _core.CoreCounters,
    _core.Diagnostic,
)


def _fields(cls: type) -> list[str]:
    return sorted(name for name, attr in vars(cls).items() if isinstance(attr, property) and attr.fset is not None)


def _rebuild(cls: type, state: dict) -> object:
    value = cls()
    for name, field in state.items():
        setattr(value, name, field)
    return value


def _reduce(value: object) -> tuple:
    cls = type(value)
    return _rebuild, (cls, {name: getattr(value, name) for name in _fields(cls)})


def register() -> None:
    for cls in _STRUCTS:
        copyreg.pickle(cls, _reduce)
