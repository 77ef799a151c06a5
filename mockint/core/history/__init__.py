"""The session history: the store (``store``), its schema, records and file handling (``schema``,
``records``, ``connect``), what comes in from outside (``checks``), unsaved answers (``journal``)."""
