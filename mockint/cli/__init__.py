"""The command line: ``main`` (``mockint.cli.main``) builds one parser per run (``parser``) and
dispatches to the command modules (``history``, ``jobspec``, ``questions``, ``roleplay``), which
share ``common`` and never import the entry point."""

from mockint.cli.common import default_lang
from mockint.cli.main import Streamed, cmd_grade, main, practice_choices
from mockint.cli.parser import COMMANDS, build_parser

__all__ = ["COMMANDS", "Streamed", "build_parser", "cmd_grade", "default_lang", "main", "practice_choices"]
