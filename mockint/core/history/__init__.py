"""The session history: the store (``store``; its writes, reads, export/import and journal replay in
``writes``, ``reads``, ``transfer``, ``replay``), its schema, records and file handling (``schema``,
``records``, ``connect``), what comes in from outside (``checks``), unsaved answers (``journal``)."""
