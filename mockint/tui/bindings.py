"""Bindings in the interface's language: descriptions from the string catalogue and the keys
named after the word ("Da" is D). Screens and widgets both use it, so it sits below both.

With Textual's private API (:mod:`mockint.tui.seam`) a node's own bindings map is translated in
place, once. On stock Textual the node only notes its language (and local keys), and the screen
(:class:`StockBindings`) shows its active bindings translated and answers the local keys itself.
"""

from __future__ import annotations

from dataclasses import replace

from textual import events
from textual.binding import ActiveBinding, BindingsMap
from textual.dom import DOMNode

from mockint.core.data.strings import has, tr
from mockint.tui import seam

# Keys named after the word in the interface's language: Romanian "Da" is D (Y still works, unshown).
LOCAL_KEYS = {"ro": {"yes": "d"}}


def described(binding, lang: str):
    """``binding`` with its description in ``lang`` (looked up as ``key.<binding id>``)."""
    if binding.id and has(f"key.{binding.id}"):
        return replace(binding, description=tr(lang, f"key.{binding.id}"))
    return binding


def localise_bindings(node: DOMNode, lang: str) -> None:
    """Give ``node``'s bindings the descriptions of ``lang``.

    Textual reads a binding's description from the node's bindings map, which it copies from the
    class ``BINDINGS`` when the node is created; this replaces that copy, keeping keys and ids.
    """
    bound = seam.bindings_of(node)
    if bound is None:                      # stock Textual: StockBindings translates them as shown
        node.binding_lang = lang           # type: ignore[attr-defined]
        return
    seam.set_bindings(node, BindingsMap([described(b, lang) for _, b in bound]))


def localise_keys(node: DOMNode, lang: str) -> None:
    """Bind the keys of ``LOCAL_KEYS[lang]`` as well, shown in the footer in place of the English
    ones (which keep working, unshown)."""
    keys = LOCAL_KEYS.get(lang, {})
    if not keys:
        return
    bound = seam.bindings_of(node)
    if bound is None:                      # stock Textual: StockBindings shows and answers them
        node.local_keys = keys             # type: ignore[attr-defined]
        return
    ordered: dict[str, list] = {}
    for key, bindings in bound.key_to_bindings.items():
        ordered.setdefault(key, [])
        for b in bindings:
            local = keys.get(b.id or "")
            if local and local != key:
                ordered[key].append(replace(b, show=False))
                ordered.setdefault(local, []).append(replace(b, key=local))     # shown where it was
            else:
                ordered[key].append(b)
    bound.key_to_bindings.clear()
    bound.key_to_bindings.update(ordered)


def shown_localised(active: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """Active bindings as the private path leaves them: each described in its node's language
    (``binding_lang``), a local key (``local_keys``) shown in place of the English one."""
    out: dict[str, ActiveBinding] = {}
    for key, (node, binding, enabled, tooltip) in active.items():
        lang = getattr(node, "binding_lang", None)
        binding = described(binding, lang) if lang else binding
        local = getattr(node, "local_keys", {}).get(binding.id or "")
        if local and local != key:
            out[key] = ActiveBinding(node, replace(binding, show=False), enabled, tooltip)
            out.setdefault(local, ActiveBinding(node, replace(binding, key=local), enabled, tooltip))
        else:
            out[key] = ActiveBinding(node, binding, enabled, tooltip)
    return out


class StockBindings:
    """A screen on stock Textual (no private API): what shows its bindings (the footer, Textual's
    keys panel) reads them through ``active_bindings``, translated here; a local key is answered
    from the screen's key handler."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return shown_localised(super().active_bindings)     # type: ignore[misc]

    async def on_key(self, event: events.Key) -> None:
        local = getattr(self, "local_keys", {})
        if event.key not in local.values():
            return
        for node, binding, enabled, _ in super().active_bindings.values():  # type: ignore[misc]
            if enabled and local.get(binding.id or "") == event.key:
                event.stop()
                await self.app.run_action(binding.action, node)     # type: ignore[attr-defined]
                return
