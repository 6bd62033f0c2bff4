"""The keys a reader actually presses: each binding after the keymap (feeds.toml `[keys]`) is applied.

The help screen, the command palette and the check of `[keys]` all read the
bindings through here, so a remapped key is shown as remapped everywhere and a
mistyped binding id is reported instead of silently ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding, BindingsMap, BindingType


@dataclass(frozen=True, slots=True)
class KeyedBinding:
    """One action with every key that triggers it now (several for "j,down")."""

    binding: Binding
    keys: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.binding.id or ""


def effective_bindings(bindings: Iterable[BindingType], keymap: dict[str, str]) -> list[KeyedBinding]:
    """`bindings` in their declared order, each with the keys left after `keymap` remapped them."""
    declared = list(Binding.make_bindings(bindings))
    applied = BindingsMap(declared)
    applied.apply_keymap(keymap)
    keys: dict[str, list[str]] = {}
    for key, binding in applied:
        keys.setdefault(binding.id or binding.action, []).append(key)
    out: list[KeyedBinding] = []
    seen: set[str] = set()
    for binding in declared:  # make_bindings split "j,down" into one binding per key
        ident = binding.id or binding.action
        if ident in seen:
            continue
        seen.add(ident)
        out.append(KeyedBinding(binding, tuple(keys.get(ident, ()))))
    return out


def binding_ids(classes: Iterable[type]) -> set[str]:
    """Every binding id declared by these classes or their bases (what `[keys]` may name)."""
    ids: set[str] = set()
    for cls in classes:
        for base in cls.__mro__:
            for binding in Binding.make_bindings(base.__dict__.get("BINDINGS", ())):
                if binding.id:
                    ids.add(binding.id)
    return ids


def refused_remaps(scopes: Iterable[Iterable[type]], keymap: dict[str, str]) -> dict[str, str]:
    """Remaps that would take a key another binding already answers to, with why, by binding id.

    `scopes` are the groups of classes whose bindings are live at the same time
    (the app's with the story list's, a dialog's alone).  `"story_list.star" = "j"`
    is refused because j already moves down; the reader is told instead of losing
    a key silently.
    """
    refused: dict[str, str] = {}
    for scope in scopes:
        declared = [b for cls in scope for base in reversed(cls.__mro__)
                    for b in Binding.make_bindings(base.__dict__.get("BINDINGS", ()))]
        # Textual's keymap silently takes a remapped key away from the binding that had it.
        original = {b.key: b for b in declared if b.id not in keymap}
        for binding in declared:
            if binding.id not in keymap or binding.id in refused:
                continue
            for key in (k.strip() for k in keymap[binding.id].split(",")):
                other = original.get(key)
                if other is not None and (other.id or other.action) != binding.id:
                    refused[binding.id] = (f'"{binding.id}" = "{keymap[binding.id]}": {key} already does '
                                           f'"{other.description}" ({other.id or other.action})')
                    break
    return refused
