"""Bindings in the interface's language: descriptions from the string catalogue and the keys
named after the word ("Da" is D). Screens and widgets both use it, so it sits below both."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import BindingsMap
from textual.dom import DOMNode

from mockint.tui.strings import has, tr


def localise_bindings(node: DOMNode, lang: str) -> None:
    """Give ``node``'s bindings the descriptions of ``lang`` (looked up as ``key.<binding id>``).

    Textual reads a binding's description from the node's bindings map, which it copies from the
    class ``BINDINGS`` when the node is created; this replaces that copy, keeping keys and ids.
    """
    translated = [replace(b, description=tr(lang, f"key.{b.id}")) if b.id and has(f"key.{b.id}") else b
                  for _, b in node._bindings]
    node._bindings = BindingsMap(translated)


# Keys named after the word in the interface's language: Romanian "Da" is D (Y still works, unshown).
LOCAL_KEYS = {"ro": {"yes": "d"}}


def localise_keys(node: DOMNode, lang: str) -> None:
    """Bind the keys of ``LOCAL_KEYS[lang]`` as well, shown in the footer in place of the English
    ones (which keep working, unshown)."""
    keys = LOCAL_KEYS.get(lang, {})
    if not keys:
        return
    bound = node._bindings.key_to_bindings
    ordered: dict[str, list] = {}
    for key, bindings in bound.items():
        ordered.setdefault(key, [])
        for b in bindings:
            local = keys.get(b.id or "")
            if local and local != key:
                ordered[key].append(replace(b, show=False))
                ordered.setdefault(local, []).append(replace(b, key=local))     # shown where it was
            else:
                ordered[key].append(b)
    bound.clear()
    bound.update(ordered)
