"""The languages mockint speaks (a module of its own: the bank needs the list before the first
question, long before the text-analysis stack is wanted)."""

LANGS = ("en", "ro")
