"""The session history: checking what comes in (``checks``); the store is ``mockint.core.history.store``."""
